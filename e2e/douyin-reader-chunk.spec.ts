/**
 * The Douyin readers (who a Douyin creator page shows) are a chunk of their own,
 * `douyin-reader.js` (entrypoints/douyin-reader.ts), which the panel controller imports only on
 * Douyin creator pages (utils/page/douyin/load-reader.ts): the content script every page runs
 * stays small. The chunk is web-accessible to the sites, so a page can load it itself: it must
 * gain nothing, and must not disturb the extension's own reading.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, panel } from './fixtures';
import { EXTENSION_DIR, creatorPageUrl } from './harness';
import { kb, readBundle } from '../scripts/bundle-sizes';
import { douyinCreatorHtml, douyinUserUrl, DOUYIN_ORIGIN } from './douyin-pages';
import { DEMO_DOUYIN_ACCOUNTS, FOOD_CREATOR_ID, MUSIC_CREATOR_ID } from './fixtures/creators';

const FOOD = DEMO_DOUYIN_ACCOUNTS[FOOD_CREATOR_ID]!;
const CHUNK = 'douyin-reader.js';

test('the Douyin reader chunk is separate and small, carries no library, and the content script has none of its code', () => {
  const bundle = readBundle(EXTENSION_DIR);
  const chunk = bundle.files.find((f) => f.file === CHUNK);
  expect(chunk, `${CHUNK} in the build`).toBeDefined();
  expect(chunk!.gzip, `${CHUNK} is ${kb(chunk!.gzip)} gzipped`).toBeLessThanOrEqual(8 * 1024);
  expect(chunk!.dependencies).toEqual([]);
  expect(bundle.entryTotals['content script'].files).not.toContain(CHUNK);
  // The readers' own code (the `self.__pace_f` reader, utils/page/douyin/read-pace-f.ts) is in
  // the chunk, not in the content script.
  const source = (file: string) => readFileSync(`${EXTENSION_DIR}/${file}`, 'utf8');
  expect(source(CHUNK)).toContain('__pace_f');
  expect(source('content-scripts/creator-pages.js')).not.toContain('__pace_f');
});

/** Serve a Douyin creator page (FOOD) and the Douyin feed; other requests get nothing. */
async function routeDouyin(context: BrowserContext): Promise<void> {
  await context.route(`${DOUYIN_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (route.request().resourceType() !== 'document') return route.fulfill({ status: 204, body: '' });
    const body = url.pathname.startsWith('/user/')
      ? douyinCreatorHtml(FOOD)
      : '<!doctype html><html><head><meta charset="utf-8"><title>抖音</title></head><body><h1>推荐</h1></body></html>';
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}

/** Counts the tab's requests for the chunk (the content script's import shows among them). */
function countChunkRequests(page: Page): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.url().endsWith(`/${CHUNK}`)) count++;
  });
  return () => count;
}

test.describe('the Douyin reader chunk in a tab', () => {
  test.beforeEach(async ({ page, context, configureExtension }) => {
    await routeDouyin(context);
    await configureExtension(page);
  });

  test('loaded on a Douyin creator page only: not on the Douyin feed, not on a Xingtu creator page', async ({ page }) => {
    const chunkRequests = countChunkRequests(page);
    await page.goto(`${DOUYIN_ORIGIN}/`);
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(800); // the content script runs at document_idle
    expect(chunkRequests()).toBe(0);

    await page.goto(creatorPageUrl(MUSIC_CREATOR_ID));
    await expect(panel(page).frame.locator('table tbody tr').first()).toContainText('音乐', { timeout: 15_000 });
    expect(chunkRequests()).toBe(0);

    await page.goto(douyinUserUrl(FOOD.secUid));
    await expect(panel(page).frame.locator('table tbody tr').first()).toContainText('美食', { timeout: 15_000 });
    expect(chunkRequests()).toBe(1);
  });

  test('a page that imports the chunk itself gains nothing, and the extension still reads the page', async ({ page, extensionId }) => {
    // The page's own script imports the chunk before the content script runs, and notes every
    // global that appears in its world.
    await page.addInitScript((url) => {
      const before = new Set(Object.getOwnPropertyNames(window));
      const result: { loaded?: boolean; error?: string; added?: string[] } = {};
      (window as unknown as { __chunk: typeof result }).__chunk = result;
      before.add('__chunk');
      import(url).then(
        (module: Record<string, unknown>) => {
          result.loaded = true;
          result.added = [...Object.getOwnPropertyNames(window).filter((n) => !before.has(n)), ...Object.keys(module)];
        },
        (e: unknown) => {
          result.error = String(e);
        },
      );
    }, `chrome-extension://${extensionId}/${CHUNK}`);
    await page.goto(douyinUserUrl(FOOD.secUid));
    const result = await page.waitForFunction(() => {
      const r = (window as unknown as { __chunk: { loaded?: boolean; error?: string; added?: string[] } }).__chunk;
      return r.loaded || r.error ? r : null;
    });
    // The file is web-accessible to the site (the content script imports it from there), so it
    // loads; it publishes nothing in the page's world and exports nothing.
    expect(await result.jsonValue()).toEqual({ loaded: true, added: [] });
    expect(await page.evaluate(() => Object.getOwnPropertyNames(window).filter((n) => n.startsWith('__xdp')))).toEqual([]);
    // The content script's own import (another world) is unaffected: the panel reads the creator.
    await expect(panel(page).frame.locator('table tbody tr').first()).toContainText('美食', { timeout: 15_000 });
  });
});
