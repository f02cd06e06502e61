import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TITLE_GRADIENT, TITLE_TEXT, contrastRatio } from '../../components/palette';

/**
 * What axe cannot rate: text on a gradient (the panel's and the popup's title bars, the collapsed
 * pill). Every colour stop of every gradient in the views' CSS must be one of TITLE_GRADIENT, and
 * the title text must reach 4.5:1 (WCAG AA, normal text) against each end.
 */
const CSS_DIR = path.resolve(__dirname, '../../components');
const cssFiles = readdirSync(CSS_DIR).filter((f) => f.endsWith('.css'));

describe('the title bar gradient', () => {
  it('the title text has at least 4.5:1 against both ends', () => {
    for (const stop of TITLE_GRADIENT) expect(contrastRatio(TITLE_TEXT, stop)).toBeGreaterThanOrEqual(4.5);
  });

  it('every gradient in the views’ CSS uses those stops', () => {
    const gradients = cssFiles.flatMap((f) =>
      [...readFileSync(path.join(CSS_DIR, f), 'utf8').matchAll(/linear-gradient\(([^)]*)\)/g)].map((m) => ({ f, body: m[1] ?? '' })),
    );
    expect(gradients.length).toBeGreaterThanOrEqual(3); // panel bar, pill, popup header
    for (const { f, body } of gradients) {
      const stops = body.match(/#[0-9a-f]{6}\b/gi) ?? [];
      expect(stops, f).toEqual([...TITLE_GRADIENT]);
    }
  });

  it('contrastRatio follows WCAG 2 (known pairs)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#3370ff')).toBeCloseTo(4.28, 2); // the old accent: too low
    expect(contrastRatio('#ffffff', '#fe2c55')).toBeLessThan(4.5); // the old gradient start
  });
});

/** The custom properties of a `{ … }` block that starts at `from` in view.css. */
function variables(css: string, from: number): Record<string, string> {
  const block = css.slice(from, css.indexOf('}', from));
  return Object.fromEntries([...block.matchAll(/--xdp-view-([\w-]+):\s*(?:var\(--xdp-\w+,\s*)?(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}

describe('the views’ colours (components/view.css), light and dark', () => {
  const css = readFileSync(path.join(CSS_DIR, 'view.css'), 'utf8');
  const light = variables(css, css.indexOf(':root, .xdp-view {'));
  const dark = variables(css, css.indexOf(':root, .xdp-view {', css.indexOf('prefers-color-scheme: dark')));
  it.each([
    ['light', light],
    ['dark', dark],
  ])('%s: text colours reach 4.5:1 on the backgrounds they are used on', (_scheme, v) => {
    const pairs: [string, string][] = [
      ['fg', 'bg'], ['fg', 'soft'], ['muted', 'bg'], ['muted', 'soft'], ['accent', 'bg'], ['accent', 'soft'],
      ['accent-fg', 'accent'], ['danger', 'danger-soft'], ['danger', 'bg'], ['fg', 'danger-soft'],
    ];
    for (const [fg, bg] of pairs) {
      expect(v[fg], `--xdp-view-${fg}`).toMatch(/^#/);
      expect(contrastRatio(v[fg]!, v[bg]!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
