import type { Page } from '@playwright/test';
import { test, expect, creatorPageUrl, MARKET_URL, waitForPanel, panel, TEST_API_KEY, ERROR_BLOCK, shownText } from './fixtures';
import {
  FOOD_CREATOR_ID,
  MUSIC_CREATOR_ID,
  EMPTY_DRAMA_CREATOR_ID,
  MANY_CATEGORIES_CREATOR_ID,
} from './fixtures/creators';

const DIST_PATH = '/api/douyin-xingtu/gw/api/data_sp/author_video_distribution/v1';

/** The panel table's body rows as [name, count, share] triples. */
async function tableRows(page: Page): Promise<string[][]> {
  const rows = panel(page).frame.locator('table tbody tr');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim())),
  );
}

test.describe('panel on Xingtu creator pages', () => {
  test.beforeEach(async ({ page, configureExtension }) => {
    await configureExtension(page);
  });

  test('shows the distribution table, ordered by count, with one-decimal shares', async ({ page, mockApi, extensionId }) => {
    await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
    await waitForPanel(page, { extensionId });
    expect(await tableRows(page)).toEqual([
      ['美食', '148', '53.0%'],
      ['生活', '57', '20.4%'],
      ['随拍', '31', '11.1%'],
      ['旅行', '22', '7.9%'],
      ['音乐', '12', '4.3%'],
      ['剧情', '9', '3.2%'],
    ]);
    await expect(panel(page).frame.locator('canvas')).toBeVisible();
    const calls = mockApi.calls({ path: DIST_PATH });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.query).toMatchObject({ oAuthorId: FOOD_CREATOR_ID, platform: 'SHORT_VIDEO', token: TEST_API_KEY });
    // The key never reaches the page.
    expect(await page.content()).not.toContain(TEST_API_KEY);
  });

  test('platform switch fetches each platform once, then shows it from the cache', async ({ page, mockApi }) => {
    await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
    const { frame } = await waitForPanel(page);
    await frame.getByRole('tab', { name: 'Live' }).click();
    await expect(frame.getByRole('tab', { name: 'Live' })).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => tableRows(page)).toEqual([
      ['美食', '18', '81.8%'],
      ['生活', '4', '18.2%'],
    ]);
    expect(mockApi.calls({ oAuthorId: FOOD_CREATOR_ID, platform: 'LIVE_STREAMING' })).toHaveLength(1);

    await frame.getByRole('tab', { name: 'Short video' }).click();
    await expect.poll(async () => (await tableRows(page))[0]).toEqual(['美食', '148', '53.0%']);
    await frame.getByRole('tab', { name: 'Live' }).click();
    await expect.poll(async () => (await tableRows(page))[0]).toEqual(['美食', '18', '81.8%']);
    expect(mockApi.calls({ oAuthorId: FOOD_CREATOR_ID })).toHaveLength(2);
  });

  test('an empty platform says there are no videos, and which platforms have some', async ({ page, mockApi }) => {
    await page.goto(creatorPageUrl(EMPTY_DRAMA_CREATOR_ID));
    const { frame } = await waitForPanel(page);
    await frame.getByRole('tab', { name: 'Short drama' }).click();
    await expect(shownText(frame, 'No videos on this platform')).toBeVisible();
    // Which platforms have videos, from the cache only (no call); the others were not looked up.
    await expect(frame.getByText('Not looked up: Live, Picture & text')).toBeVisible();
    await frame.getByRole('button', { name: 'Short video (147 videos)' }).click();
    await expect(frame.locator('table tbody tr').first()).toContainText('剧情');
    expect(mockApi.calls({ path: DIST_PATH })).toHaveLength(2);
  });

  test('copies the Xingtu id; the fetch time is relative with the exact time in its tooltip', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
    const { frame } = await waitForPanel(page);
    const time = frame.locator('.xdp-view__meta time');
    await expect(time).toHaveText(/^Fetched (just now|1 minute ago)$/);
    await expect(time).toHaveAttribute('title', /\d{4}.*\d{1,2}:\d{2}/);
    await frame.getByRole('button', { name: 'Copy Xingtu ID' }).click();
    await expect(frame.locator('.xdp-view__copied')).toHaveText('Copied');
    // Said through the view's one live region.
    await expect(frame.locator('[aria-live="polite"]')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(FOOD_CREATOR_ID);
  });

  test('follows the single-page app to another creator and hides on non-creator pages', async ({ page, mockApi }) => {
    await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
    const { frame, host } = await waitForPanel(page);
    await page.locator(`a.similar-author[data-author-id="${MUSIC_CREATOR_ID}"]`).click();
    await expect(page).toHaveURL(creatorPageUrl(MUSIC_CREATOR_ID));
    await expect.poll(async () => (await tableRows(page))[0]).toEqual(['音乐', '203', '72.2%']);
    await expect(frame.getByText(MUSIC_CREATOR_ID)).toBeVisible();
    expect(mockApi.calls({ oAuthorId: MUSIC_CREATOR_ID })).toHaveLength(1);

    await page.locator('#nav-market').click();
    await expect(page).toHaveURL(MARKET_URL);
    await expect(host).toBeHidden();

    await page.goBack();
    await expect(page).toHaveURL(creatorPageUrl(MUSIC_CREATOR_ID));
    await expect(host).toBeVisible();
    await expect.poll(async () => (await tableRows(page))[0]).toEqual(['音乐', '203', '72.2%']);
    expect(mockApi.calls({ oAuthorId: MUSIC_CREATOR_ID })).toHaveLength(1);
  });

  test('a link to another page (not an in-app move) does not switch the panel before that page is there', async ({ page, mockApi }) => {
    // The other creator's page answers 204: the browser stays on this page. The Navigation API
    // announced the move all the same; the panel must still show this page's creator, and
    // nobody pays for the other one.
    const other = creatorPageUrl(MUSIC_CREATOR_ID);
    await page.route(`${other}?via=link`, (route) => route.fulfill({ status: 204, body: '' }));
    await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
    const { frame } = await waitForPanel(page);
    await page.evaluate((url) => location.assign(url), `${other}?via=link`);
    await page.waitForTimeout(1_000);
    await expect(page).toHaveURL(creatorPageUrl(FOOD_CREATOR_ID));
    await expect(frame.getByText(FOOD_CREATOR_ID)).toBeVisible();
    await expect(frame.getByText(MUSIC_CREATOR_ID)).toHaveCount(0);
    expect(mockApi.calls({ oAuthorId: MUSIC_CREATOR_ID })).toHaveLength(0);
    // An in-app move right after still works.
    await page.locator(`a.similar-author[data-author-id="${MUSIC_CREATOR_ID}"]`).click();
    await expect.poll(async () => (await tableRows(page))[0]).toEqual(['音乐', '203', '72.2%']);
  });

  test('no panel on a page that is not a creator page', async ({ page }) => {
    await page.goto(MARKET_URL);
    await expect(page.locator('h1')).toHaveText('达人广场');
    await page.waitForTimeout(500);
    await expect(panel(page).host).toHaveCount(0);
  });

  test('a revisit costs no call; refresh makes one and shows the time', async ({ page, mockApi }) => {
    await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
    let { frame } = await waitForPanel(page);
    await expect(frame.getByText(/Fetched/)).toBeVisible();
    await page.reload();
    ({ frame } = await waitForPanel(page));
    await expect(frame.getByText(/from cache/i)).toBeVisible();
    expect(mockApi.calls({ oAuthorId: FOOD_CREATOR_ID })).toHaveLength(1);

    await frame.getByRole('button', { name: /Refresh/ }).click();
    await expect.poll(() => mockApi.calls({ oAuthorId: FOOD_CREATOR_ID }).length).toBe(2);
    await expect(frame.getByText(/from cache/i)).toHaveCount(0);
  });

  test('an API error shows its meaning and code, and is not retried when retrying cannot help', async ({ page, mockApi }) => {
    mockApi.setScenario(FOOD_CREATOR_ID, { code: 601 });
    await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
    const { frame } = await waitForPanel(page, { timeout: 2_000 }).catch(() => panel(page));
    const alert = frame.locator(ERROR_BLOCK);
    await expect(alert).toContainText('Insufficient balance');
    await expect(alert).toContainText('601');
    await page.waitForTimeout(500);
    expect(mockApi.calls({ oAuthorId: FOOD_CREATOR_ID })).toHaveLength(1);
  });

  test('category names are shown as text, never as markup', async ({ page, mockApi }) => {
    const evil = '<img src=x onerror="document.title=\'pwned\'">';
    mockApi.setScenario(FOOD_CREATOR_ID, { list: [{ cnt: 3, name: evil, proportion: 1 }] });
    await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
    const { frame } = await waitForPanel(page);
    await expect(frame.locator('table tbody tr').first()).toContainText(evil);
    await expect(frame.locator('table img')).toHaveCount(0);
    expect(await page.title()).not.toBe('pwned');
  });

  test('a long tail of 40 categories keeps a readable chart and a full table, "Other" in both', async ({ page }) => {
    await page.goto(creatorPageUrl(MANY_CATEGORIES_CREATOR_ID));
    const { frame } = await waitForPanel(page);
    // 7 largest categories + one slice grouping the other 33, in the chart and in the table.
    await expect(frame.locator('canvas')).toHaveAttribute('data-slices', '8');
    await expect(frame.locator('table tbody tr')).toHaveCount(8);
    const other = frame.getByRole('button', { name: 'Other (33 categories)' });
    await other.click();
    await expect(other).toHaveAttribute('aria-expanded', 'true');
    await expect(frame.locator('table tbody tr')).toHaveCount(41);
  });

  test('collapses, reopens, and remembers it', async ({ page }) => {
    await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
    const { frame, iframe } = await waitForPanel(page);
    const open = await iframe.boundingBox();
    await frame.getByRole('button', { name: 'Collapse' }).click();
    await expect(frame.locator('table')).toBeHidden(); // kept (hidden), so focus and data survive folding
    await expect.poll(async () => (await iframe.boundingBox())?.height ?? 0).toBeLessThan(60);
    expect(open?.height ?? 0).toBeGreaterThan(200);

    await page.reload();
    await expect(panel(page).frame.getByRole('button', { name: /Show distribution/ })).toBeVisible();
    await panel(page).frame.getByRole('button', { name: /Show distribution/ }).click();
    await expect(panel(page).frame.locator('table')).toBeVisible();
  });
});

test('without a key the panel says so and opens the settings', async ({ page, context }) => {
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  const { frame } = panel(page);
  await expect(shownText(frame, /No API key/i)).toBeVisible({ timeout: 15_000 });
  const [options] = await Promise.all([
    context.waitForEvent('page'),
    frame.getByRole('button', { name: /Open settings/i }).first().click(),
  ]);
  await expect(options).toHaveURL(/options\.html/);
});

test.describe('popup', () => {
  test('looks up a creator by id or link, and refuses other input', async ({ page, configureExtension, extensionId, mockApi }) => {
    await configureExtension(page);
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(page.getByText(/Open a creator page/i)).toBeVisible();

    await page.getByLabel('Creator').fill('https://www.douyin.com/somewhere');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.getByRole('alert')).toBeVisible();

    await page.getByLabel('Creator').fill(`https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${MUSIC_CREATOR_ID}`);
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.locator('table tbody tr').first()).toContainText('音乐');
    await page.getByLabel('Creator').fill(FOOD_CREATOR_ID);
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.locator('table tbody tr').first()).toContainText('美食');
    expect(mockApi.calls({ path: DIST_PATH })).toHaveLength(2);
  });

  test("shows the creator of the tab it belongs to", async ({ page, context, configureExtension, extensionId, serviceWorker }) => {
    await configureExtension(page);
    await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
    await waitForPanel(page);
    // The only tab so far is the creator page (no "tabs" permission: URLs are not visible).
    const tabIds = await serviceWorker.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id ?? -1));
    expect(tabIds).toHaveLength(1);
    const tabId = tabIds[0];
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    await expect(popup.locator('table tbody tr').first()).toContainText('美食');
    await expect(popup.getByText(FOOD_CREATOR_ID)).toBeVisible();
  });
});
