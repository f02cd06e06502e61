/**
 * Until a page is a creator page the content script only reads its URL (issue 15,
 * docs/performance.md "What the pages pay"): in particular it does not construct WXT's content
 * script context, which on every page dispatches an event on the document (and reads the runtime
 * API; wxt.config.ts swaps it for utils/page/wxt-context.ts). Events dispatched from the content
 * script's world reach listeners of the page's world, so the page sees them here. On the first
 * creator page the script announces itself once (utils/page/script-instance.ts).
 */
import type { Page } from '@playwright/test';
import { test, expect, panel, waitForPanel } from './fixtures';
import { XINGTU_ORIGIN } from './harness';
import { MUSIC_CREATOR_ID } from './fixtures/creators';

test.beforeEach(async ({ page, configureExtension }) => {
  await configureExtension(page);
});

/** Record, in the page, the events our content script (or WXT's context) dispatches on the document. */
async function recordAnnouncements(page: Page, extensionId: string): Promise<void> {
  await page.addInitScript((id) => {
    const seen: string[] = [];
    (window as unknown as { __announced: string[] }).__announced = seen;
    for (const type of [`${id}:creator-pages:started`, `${id}:creator-pages:wxt:content-script-started`]) {
      document.addEventListener(type, () => seen.push(type.slice(id.length + 1)));
    }
  }, extensionId);
}

const announced = (page: Page) => page.evaluate(() => (window as unknown as { __announced: string[] }).__announced);

test('a page that is not a creator page: nothing dispatched on its document; the first creator page: one announcement', async ({ page, extensionId }) => {
  await recordAnnouncements(page, extensionId);
  // The Xingtu app's home, then its market (an in-app move): not creator pages.
  await page.goto(`${XINGTU_ORIGIN}/ad/creator/index`);
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.locator('#nav-market').click();
  // The content script runs at document_idle; give it time to do anything it would do.
  await page.waitForTimeout(800);
  expect(await announced(page)).toEqual([]);
  await expect(panel(page).host).toHaveCount(0);

  // An in-app move to a creator page: the controller starts and claims the document once.
  await page.locator(`a[data-author-id="${MUSIC_CREATOR_ID}"]`).click();
  const { frame } = await waitForPanel(page);
  await expect(frame.locator('table tbody tr').first()).toContainText('音乐');
  expect(await announced(page)).toEqual(['creator-pages:started']);
});
