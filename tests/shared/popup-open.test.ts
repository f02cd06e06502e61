import { describe, expect, it } from 'vitest';
import { openedCreatorOf, popupPathFor } from '../../utils/shared/popup-open';

const ID = '7006229624431689736';

describe('popup-open URLs', () => {
  it('the popup window names its creator, and reads it back', () => {
    expect(popupPathFor(ID)).toBe(`/popup.html?creator=${ID}`);
    expect(openedCreatorOf(new URL(`chrome-extension://x${popupPathFor(ID)}`).search)).toBe(ID);
  });

  it.each([
    ['nothing', ''],
    ['another parameter', '?tab=3'],
    ['an empty id', '?creator='],
    ['a malformed id', '?creator=12%3Cb%3E'],
    ['a short number', '?creator=1234'],
    ['an id with spaces', `?creator=%20${ID}`],
  ])('names no creator for %s', (_label, search) => {
    expect(openedCreatorOf(search)).toBeNull();
  });
});
