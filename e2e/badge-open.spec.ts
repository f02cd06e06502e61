import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { VIRTUAL_MARKET_URL } from './harness';
import { FOOD_CREATOR_ID } from './fixtures/creators';
import { BADGE_TAG, FOOD_ROWS, activeHost, clickShadowButton, focusedAx, hoverShadowButton, readBadges, seedCache } from './badge-helpers';
import { popupTargets, popupText } from './popup-target';

// "Open" on a list page badge's card shows the creator in the extension's popup
// (utils/background/popup-open.ts): the toolbar popup where the browser lets the extension open
// it (Chrome 127+), else the same popup page in a small window of its own.

const foodBadge = async (page: Page) => (await readBadges(page)).find((b) => b.key === `x:${FOOD_CREATOR_ID}`);

/** Hover the food creator's badge and click "Open" in its card (trusted mouse clicks). */
async function clickOpen(page: Page): Promise<void> {
  await page.goto(VIRTUAL_MARKET_URL);
  await expect.poll(async () => (await foodBadge(page))?.visibleText).toBe('美食 53%');
  await hoverShadowButton(page, (await foodBadge(page))!.buttons[0]!);
  await expect.poll(async () => (await foodBadge(page))?.buttons.find((b) => b.text === 'Open')?.hidden).toBe(false);
  await clickShadowButton(page, (await foodBadge(page))!.buttons.find((b) => b.text === 'Open')!);
}

test.describe('a badge’s "Open"', () => {
  test.beforeEach(async ({ page, configureExtension, serviceWorker }) => {
    await configureExtension(page);
    await seedCache(serviceWorker, FOOD_CREATOR_ID, FOOD_ROWS);
  });

  test('shows the creator in the toolbar popup, from the cache: no call, no new tab', async ({ page, context, mockApi }) => {
    expect(await popupTargets(context)).toEqual([]);
    await clickOpen(page);
    await expect.poll(() => popupTargets(context)).toHaveLength(1);
    const [url] = await popupTargets(context);
    expect(new URL(url!).search).toBe(''); // the toolbar popup itself: the creator was handed over
    await expect.poll(async () => (await popupText(context, url!)) ?? '').toContain(FOOD_CREATOR_ID);
    const text = (await popupText(context, url!))!;
    for (const name of ['美食', '生活', '随拍']) expect(text).toContain(name);
    expect(context.pages()).toHaveLength(1); // the market only
    expect(mockApi.calls()).toEqual([]);
  });

  test('where the toolbar popup cannot be opened (Chrome before 127, Firefox): a popup window with the same view', async ({ page, context, serviceWorker, mockApi }) => {
    // As Chrome 120–126 answers an extension not installed by policy.
    await serviceWorker.evaluate(() => {
      chrome.action.openPopup = () => Promise.reject(new Error('openPopup is only available to policy installed extensions'));
    });
    const opened = context.waitForEvent('page');
    await clickOpen(page);
    const popup = await opened;
    await popup.waitForLoadState();
    expect(new URL(popup.url()).pathname).toBe('/popup.html');
    expect(new URL(popup.url()).searchParams.get('creator')).toBe(FOOD_CREATOR_ID);
    await expect(popup.locator('main')).toContainText('美食');
    await expect(popup.locator('main')).toContainText(FOOD_CREATOR_ID);
    expect(mockApi.calls()).toEqual([]);
    // Nothing was left behind for the toolbar popup to show later.
    expect(await serviceWorker.evaluate(async () => (await chrome.storage.session.get('openedCreator')).openedCreator ?? null)).toBeNull();
  });

  test('by keyboard: Tab into the badge, Tab to "Open", Enter: the toolbar popup shows the creator', async ({ page, context, mockApi }) => {
    await page.goto(VIRTUAL_MARKET_URL);
    await expect.poll(async () => (await foodBadge(page))?.visibleText).toBe('美食 53%');
    await page.locator(`.card a.name[href$="/${FOOD_CREATOR_ID}"]`).first().focus();
    await page.keyboard.press('Tab');
    expect(await activeHost(page)).toMatchObject({ tag: BADGE_TAG, key: `x:${FOOD_CREATOR_ID}` });
    await page.keyboard.press('Tab');
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: 'Open' });
    await page.keyboard.press('Enter');
    await expect.poll(() => popupTargets(context)).toHaveLength(1);
    const [url] = await popupTargets(context);
    await expect.poll(async () => (await popupText(context, url!)) ?? '').toContain('美食');
    expect(mockApi.calls()).toEqual([]);
  });
});
