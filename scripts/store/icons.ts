/**
 * The store images drawn from the vector sources in assets/: the toolbar/store icon at every size
 * the manifest and the stores use, and the Chrome Web Store's 440×280 promo tile. Rendered by the
 * Debian Chromium through Playwright (no image library), so the PNGs are exactly what a browser
 * draws from the SVG. export-icons.ts writes them; e2e/store-icons.spec.ts checks the committed
 * files against a fresh render.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { ROOT } from './packages';

export interface IconTarget {
  /** The SVG in assets/. */
  source: string;
  /** Where the PNG goes, from the repo root. */
  file: string;
  width: number;
  height: number;
}

export const ICON_SIZES = [16, 32, 48, 128] as const;

export const ICON_TARGETS: readonly IconTarget[] = [
  ...ICON_SIZES.map((size) => ({ source: 'assets/icon.svg', file: `public/icon/${size}.png`, width: size, height: size })),
  { source: 'assets/promo-tile.svg', file: 'store/promo-tile-440x280.png', width: 440, height: 280 },
];

/** Render one target to PNG bytes (transparent where the SVG draws nothing). */
export async function renderTarget(browser: Browser, target: IconTarget, root = ROOT): Promise<Buffer> {
  const svg = readFileSync(path.join(root, target.source), 'utf8');
  const page = await browser.newPage({ viewport: { width: target.width, height: target.height }, deviceScaleFactor: 1 });
  try {
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    // An inline <svg> would use the page's fonts the same way; an <img> keeps the SVG's own sizing.
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent"><img id="i" src="${src}" width="${target.width}" height="${target.height}" style="display:block"></body></html>`,
    );
    await page.locator('#i').evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      await document.fonts.ready;
    });
    return await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: target.width, height: target.height } });
  } finally {
    await page.close();
  }
}

/** Width and height from a PNG's IHDR chunk (throws when the bytes are not a PNG). */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
