import { describe, expect, it } from 'vitest';
import { openedCreatorOf, popupPathFor } from '../../utils/shared/popup-open';
import { badgeRefUrl } from '../../utils/shared/badges';

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

describe('badgeRefUrl: the creator page a badge falls back to', () => {
  it('a Xingtu card’s creator page, a Douyin account’s profile', () => {
    expect(badgeRefUrl({ kind: 'xingtu', oAuthorId: ID })).toBe(`https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`);
    const sec = 'MS4wLjABAAAAwfAmWC_m6MtiDQyFpy_kId3e11ZmKo7ADtTCl60QZ2v';
    expect(badgeRefUrl({ kind: 'douyin', secUid: sec })).toBe(`https://www.douyin.com/user/${sec}`);
  });
});
