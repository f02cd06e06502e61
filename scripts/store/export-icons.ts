/**
 * `npm run icons`: draws assets/icon.svg and assets/promo-tile.svg into the PNGs the manifest and
 * the stores use (public/icon/{16,32,48,128}.png, store/promo-tile-440x280.png) with the Debian
 * Chromium. Run it after changing an SVG and commit the PNGs; e2e/store-icons.spec.ts fails while
 * they differ from a fresh render.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH } from '../../e2e/harness';
import { ICON_TARGETS, renderTarget } from './icons';
import { ROOT } from './packages';

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] });
try {
  for (const target of ICON_TARGETS) {
    const file = path.join(ROOT, target.file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await renderTarget(browser, target));
    console.log(`${target.file} (${target.width}×${target.height}) from ${target.source}`);
  }
} finally {
  await browser.close();
}
