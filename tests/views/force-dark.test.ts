import { describe, expect, it } from 'vitest';
import { forceDark, type ThemedDocument } from '../../utils/views/force-dark';

function fakeDocument() {
  const dark = { media: { mediaText: '(prefers-color-scheme: dark)' } };
  const print = { media: { mediaText: 'print' } };
  const plain = { selectorText: '.x' };
  const attributes = new Set<string>();
  const doc: ThemedDocument = {
    styleSheets: [
      { cssRules: [plain, dark] },
      {
        get cssRules(): ArrayLike<unknown> {
          throw new Error('SecurityError'); // another origin's sheet
        },
      },
      { cssRules: [print] },
    ],
    documentElement: {
      style: { colorScheme: '' },
      toggleAttribute: (name: string, force: boolean) => {
        if (force) attributes.add(name);
        else attributes.delete(name);
        return force;
      },
    },
  };
  return { doc, dark, print, attributes };
}

describe('forceDark', () => {
  it('turns the dark colour blocks on for a dark page, and back to the system after', () => {
    const { doc, dark, print, attributes } = fakeDocument();
    forceDark(doc, true);
    expect(dark.media.mediaText).toBe('all');
    expect(print.media.mediaText).toBe('print');
    expect(doc.documentElement.style.colorScheme).toBe('dark');
    expect(attributes.has('data-forced-dark')).toBe(true);
    forceDark(doc, true); // twice is the same
    expect(dark.media.mediaText).toBe('all');
    forceDark(doc, false);
    expect(dark.media.mediaText).toBe('(prefers-color-scheme: dark)');
    expect(doc.documentElement.style.colorScheme).toBe('');
    expect(attributes.has('data-forced-dark')).toBe(false);
  });
});
