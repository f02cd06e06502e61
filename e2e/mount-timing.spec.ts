/**
 * When the panel's iframe is made (utils/page/mount-timing.ts): after the page's `load` event,
 * so the page's own load does not wait for the panel; on a page whose load never comes, after a
 * second all the same; at once on a page that loaded long ago (an in-app move).
 */
import type { Page } from '@playwright/test';
import { test, expect, creatorPageUrl, panel, waitForPanel, PANEL_HOST_TAG } from './fixtures';
import { XINGTU_ORIGIN, xingtuCreatorHtml } from './harness';
import { FOOD_CREATOR_ID, MUSIC_CREATOR_ID } from './fixtures/creators';

test.beforeEach(async ({ page, configureExtension }) => {
  await configureExtension(page);
});

interface HostSeen {
  at: number;
  readyState: DocumentReadyState;
  loadEventEnd: number;
}

/** Record, in the page, when the panel's host element first appears and where the page's loading was then. */
async function recordHost(page: Page): Promise<void> {
  await page.addInitScript((tag) => {
    const w = window as unknown as { __hostSeen?: HostSeen };
    const observer = new MutationObserver(() => {
      if (w.__hostSeen || !document.querySelector(tag)) return;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      w.__hostSeen = { at: performance.now(), readyState: document.readyState, loadEventEnd: nav?.loadEventEnd ?? 0 };
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  }, PANEL_HOST_TAG);
}

const hostSeen = (page: Page) => page.evaluate(() => (window as unknown as { __hostSeen?: HostSeen }).__hostSeen ?? null);

test('the panel frame is made after the page’s load event: the page’s load does not wait for it', async ({ page }) => {
  await recordHost(page);
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  await waitForPanel(page);
  const seen = await hostSeen(page);
  expect(seen).not.toBeNull();
  expect(seen?.readyState).toBe('complete');
  expect(seen?.loadEventEnd).toBeGreaterThan(0);
  expect(seen?.at ?? 0).toBeGreaterThanOrEqual(seen?.loadEventEnd ?? Infinity);
  // The page's load ended before the panel existed, so its load event holds no panel time.
  const loadEnd = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  expect(loadEnd).toBe(seen?.loadEventEnd);
});

test('a page whose load event never comes (a request that never ends) still gets its panel', async ({ page }) => {
  await page.route(`${XINGTU_ORIGIN}/never-ends.png`, () => {
    // never answered: the image keeps the page's load event from ever firing
  });
  await page.route(creatorPageUrl(FOOD_CREATOR_ID), (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: xingtuCreatorHtml().replace('</body>', '<img src="/never-ends.png" alt=""></body>'),
    }),
  );
  await recordHost(page);
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID), { waitUntil: 'domcontentloaded' });
  const { frame } = await waitForPanel(page);
  await expect(frame.locator('table tbody tr').first()).toContainText('美食');
  expect(await page.evaluate(() => document.readyState)).not.toBe('complete');
  expect((await hostSeen(page))?.loadEventEnd).toBe(0);
});

test('a creator page reached in the app from one that is not: the panel is made at once', async ({ page }) => {
  await recordHost(page);
  await page.addInitScript(() => {
    // When the user clicked last (the app moves on the click, with pushState).
    document.addEventListener('click', () => ((window as unknown as { __clickedAt: number }).__clickedAt = performance.now()), true);
  });
  await page.goto(`${XINGTU_ORIGIN}/ad/creator/index`);
  await page.locator('#nav-market').click();
  await page.waitForTimeout(300);
  await expect(panel(page).host).toHaveCount(0);
  await page.locator(`a[data-author-id="${MUSIC_CREATOR_ID}"]`).click();
  const { frame } = await waitForPanel(page);
  await expect(frame.locator('table tbody tr').first()).toContainText('音乐');
  const seen = await hostSeen(page);
  const clickedAt = await page.evaluate(() => (window as unknown as { __clickedAt: number }).__clickedAt);
  // No wait for a load that happened long ago (nor for a frame): made within the move's own tasks.
  expect((seen?.at ?? Infinity) - clickedAt).toBeLessThan(100);
});
