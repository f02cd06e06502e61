/**
 * Icons (issue 13, item 6): the committed PNGs are the export of the current SVGs in assets/ (a
 * fresh render by the same Chromium matches them), have the sizes the manifest and the stores
 * need, stay legible at 16 px on light and dark toolbars, and are the manifest's icons and the
 * views' favicons. After editing an SVG: `npm run icons`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { CHROMIUM_PATH, EXTENSION_DIR, assertExtensionBuilt, builtManifest } from './harness';
import { ICON_SIZES, ICON_TARGETS, pngSize, renderTarget } from '../scripts/store/icons';
import { ROOT } from '../scripts/store/packages';

let browser: Browser;
test.beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] });
});
test.afterAll(async () => {
  await browser.close();
});

interface Pixels {
  width: number;
  height: number;
  data: number[];
}

/** Decode PNG bytes to RGBA with the browser's own decoder. */
async function decode(png: Buffer): Promise<Pixels> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2D context');
      ctx.drawImage(img, 0, 0);
      return { width: canvas.width, height: canvas.height, data: Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data) };
    }, `data:image/png;base64,${png.toString('base64')}`);
  } finally {
    await page.close();
  }
}

const luminance = ([r, g, b]: readonly number[]): number => {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
};
const contrast = (a: readonly number[], b: readonly number[]): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

for (const target of ICON_TARGETS) {
  test(`${target.file} is ${target.width}×${target.height} and the export of ${target.source}`, async () => {
    const committed = readFileSync(path.join(ROOT, target.file));
    expect(pngSize(committed)).toEqual({ width: target.width, height: target.height });
    const fresh = await decode(await renderTarget(browser, target));
    const stored = await decode(committed);
    expect([stored.width, stored.height]).toEqual([fresh.width, fresh.height]);
    // Same browser, same SVG: equal up to anti-aliasing noise. A changed shape or colour is far above.
    let total = 0;
    for (let i = 0; i < fresh.data.length; i++) total += Math.abs((fresh.data[i] ?? 0) - (stored.data[i] ?? 0));
    const meanDiff = total / fresh.data.length;
    expect(meanDiff, `${target.file} differs from a fresh render of ${target.source}: run \`npm run icons\``).toBeLessThan(1.5);
  });
}

test('the 16 px icon stands out on light and dark toolbars', async () => {
  const px = await decode(readFileSync(path.join(ROOT, 'public/icon/16.png')));
  // Chrome's light and dark toolbar colours.
  const toolbars = { light: [241, 243, 244], dark: [53, 54, 58] } as const;
  let opaque = 0;
  const standsOut = { light: 0, dark: 0 };
  for (let i = 0; i < px.data.length; i += 4) {
    if ((px.data[i + 3] ?? 0) < 200) continue;
    opaque++;
    const rgb = px.data.slice(i, i + 3);
    if (contrast(rgb, toolbars.light) >= 3) standsOut.light++;
    if (contrast(rgb, toolbars.dark) >= 3) standsOut.dark++;
  }
  // The tile fills most of the square; a good part of it contrasts with either toolbar.
  expect(opaque / 256).toBeGreaterThan(0.7);
  expect(standsOut.light / opaque).toBeGreaterThan(0.4);
  expect(standsOut.dark / opaque).toBeGreaterThan(0.25);
});

test('the built manifest uses the icons, and every view has the favicon', () => {
  assertExtensionBuilt();
  const manifest = builtManifest();
  expect(manifest.icons).toEqual(Object.fromEntries(ICON_SIZES.map((s) => [String(s), `icon/${s}.png`])));
  for (const size of ICON_SIZES) expect(pngSize(readFileSync(path.join(EXTENSION_DIR, `icon/${size}.png`)))).toEqual({ width: size, height: size });
  for (const view of ['popup.html', 'options.html', 'list.html']) {
    const html = readFileSync(path.join(EXTENSION_DIR, view), 'utf8');
    expect(html, view).toMatch(/<link rel="icon" type="image\/png" sizes="32x32" href="\/icon\/32\.png">/);
  }
});
