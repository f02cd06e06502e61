import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, panel } from './fixtures';
import { DISTRIBUTION_PATH, SEARCH_PATH } from './mock-api';
import { douyinCreatorHtml, douyinUserUrl, DOUYIN_ORIGIN, type DouyinFixtureProfile } from './douyin-pages';
import {
  DEMO_DOUYIN_ACCOUNTS,
  FOOD_CREATOR_ID,
  MUSIC_CREATOR_ID,
  TRAVEL_CREATOR_ID,
  NOT_ON_XINGTU_ACCOUNT,
  IMITATION_DOUYIN_ACCOUNT,
  IMITATION_CREATOR_ID,
} from './fixtures/creators';

const FOOD = DEMO_DOUYIN_ACCOUNTS[FOOD_CREATOR_ID]!;
const MUSIC = DEMO_DOUYIN_ACCOUNTS[MUSIC_CREATOR_ID]!;
const ALL: DouyinFixtureProfile[] = [...Object.values(DEMO_DOUYIN_ACCOUNTS), NOT_ON_XINGTU_ACCOUNT, IMITATION_DOUYIN_ACCOUNT];

/** Serve Douyin pages from the fixtures: each creator page links to the food and music creators. */
async function routeDouyin(context: BrowserContext, captchaFor: string | null = null): Promise<void> {
  await context.route(`${DOUYIN_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (route.request().resourceType() !== 'document') return route.fulfill({ status: 204, body: '' });
    const secUid = /^\/user\/([^/]+)$/.exec(url.pathname)?.[1];
    const owner = ALL.find((p) => p.secUid === secUid) ?? null;
    const others = ALL.filter((p) => p !== owner && (p === FOOD || p === MUSIC || p === IMITATION_DOUYIN_ACCOUNT));
    const body =
      owner === null
        ? '<!doctype html><html><head><meta charset="utf-8"><title>抖音-记录美好生活</title></head><body><h1>推荐</h1></body></html>'
        : douyinCreatorHtml(owner, others, secUid === captchaFor ? 'captcha' : 'normal');
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}

async function tableFirstRow(page: Page): Promise<string[]> {
  const row = panel(page).frame.locator('table tbody tr').first();
  await expect(row).toBeVisible({ timeout: 15_000 });
  return row.locator('th, td').allTextContents().then((cells) => cells.map((c) => c.trim()));
}

test.describe('Douyin creator pages', () => {
  test.beforeEach(async ({ page, context, configureExtension }) => {
    await routeDouyin(context, NOT_ON_XINGTU_ACCOUNT.secUid + '-captcha');
    await configureExtension(page);
  });

  test('reads the page, finds the Xingtu creator by uid, shows the distribution — once per creator', async ({ page, mockApi }) => {
    await page.goto(douyinUserUrl(FOOD.secUid, '?modal_id=7301234567890123456'));
    expect(await tableFirstRow(page)).toEqual(['美食', '148', '53.0%']);
    const { frame } = panel(page);
    // Which Xingtu creator the data belongs to, and how it was matched.
    await expect(frame.getByText(/matched by Douyin UID/)).toBeVisible();
    await expect(frame.locator(`a[href$="/${FOOD_CREATOR_ID}"]`).first()).toBeVisible();
    // The imitation account with the same nickname was in the search answer, but not chosen.
    expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(1);
    expect(mockApi.calls({ path: SEARCH_PATH })[0]?.query.keyword).toBe(FOOD.nickname);
    expect(mockApi.calls({ path: DISTRIBUTION_PATH })).toEqual([expect.objectContaining({ oAuthorId: FOOD_CREATOR_ID })]);

    await page.reload();
    expect(await tableFirstRow(page)).toEqual(['美食', '148', '53.0%']);
    expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(1);
    expect(mockApi.calls({ path: DISTRIBUTION_PATH })).toHaveLength(1);
  });

  test('follows in-app navigation to another creator; a nickname-only match waits for confirmation', async ({ page, mockApi }) => {
    await page.goto(douyinUserUrl(FOOD.secUid));
    expect(await tableFirstRow(page)).toEqual(['美食', '148', '53.0%']);
    const { frame } = panel(page);

    await page.locator(`a.related[data-sec-uid="${MUSIC.secUid}"]`).click();
    await expect(page).toHaveURL(douyinUserUrl(MUSIC.secUid));
    // After the move only the header is new (no uid): the match is a likely one, to confirm.
    await expect(frame.getByText('Likely this Xingtu creator')).toBeVisible({ timeout: 15_000 });
    await expect(frame.locator('table')).toHaveCount(0); // never the previous creator's data
    expect(mockApi.calls({ path: DISTRIBUTION_PATH, oAuthorId: MUSIC_CREATOR_ID })).toHaveLength(0);
    await frame.getByRole('button', { name: /Yes, load the distribution/ }).click();
    expect(await tableFirstRow(page)).toEqual(['音乐', '203', '72.2%']);
    await expect(frame.getByText(/set by you/)).toBeVisible();

    // Back to the first creator: known already, no new search.
    await page.goBack();
    await expect(page).toHaveURL(douyinUserUrl(FOOD.secUid));
    await expect.poll(() => tableFirstRow(page)).toEqual(['美食', '148', '53.0%']);
    expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(2);
  });

  test('namesakes after in-app navigation: the user picks the right one', async ({ page }) => {
    await page.goto(douyinUserUrl(MUSIC.secUid));
    await tableFirstRow(page);
    await page.locator(`a.related[data-sec-uid="${IMITATION_DOUYIN_ACCOUNT.secUid}"]`).click();
    const { frame } = panel(page);
    await expect(frame.getByText(/Several Xingtu creators have this name/)).toBeVisible({ timeout: 15_000 });
    const candidates = frame.locator('[data-author-id]');
    await expect(candidates).toHaveCount(2);
    await frame.locator(`[data-author-id="${IMITATION_CREATOR_ID}"]`).getByRole('button', { name: 'Choose' }).click();
    await expect(frame.getByText('No videos on this platform')).toBeVisible();
  });

  test('"not on Xingtu" is a normal state; a pasted correction wins and survives a reload', async ({ page, mockApi }) => {
    await page.goto(douyinUserUrl(NOT_ON_XINGTU_ACCOUNT.secUid));
    const { frame } = panel(page);
    await expect(frame.getByText('This creator is not on Xingtu')).toBeVisible({ timeout: 15_000 });
    await expect(frame.getByRole('alert')).toHaveCount(0);

    await page.reload();
    await expect(panel(page).frame.getByText('This creator is not on Xingtu')).toBeVisible({ timeout: 15_000 });
    expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(1); // the negative answer is remembered

    await panel(page).frame.getByLabel('Xingtu link or id').fill(`https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${TRAVEL_CREATOR_ID}`);
    await panel(page).frame.getByRole('button', { name: 'Use' }).click();
    expect(await tableFirstRow(page)).toEqual(['旅行', '96', '46.2%']);

    await page.reload();
    expect(await tableFirstRow(page)).toEqual(['旅行', '96', '46.2%']);
    await expect(panel(page).frame.getByText(/set by you/)).toBeVisible();
    expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(1);
    expect(mockApi.calls({ path: DISTRIBUTION_PATH })).toHaveLength(1);
  });

  test('a page that never shows its owner (captcha) says it could not be read', async ({ page, mockApi }) => {
    await page.goto(douyinUserUrl(NOT_ON_XINGTU_ACCOUNT.secUid + '-captcha'));
    const { frame } = panel(page);
    await expect(frame.getByText(/Reading this page/)).toBeVisible();
    await expect(frame.getByText('Could not read this page')).toBeVisible({ timeout: 15_000 });
    expect(mockApi.calls({ path: '*' })).toHaveLength(0);
  });

  test('no panel on Douyin pages that are not creator pages', async ({ page }) => {
    await page.goto(`${DOUYIN_ORIGIN}/discover`);
    await expect(page.locator('h1')).toHaveText('推荐');
    await page.waitForTimeout(500);
    await expect(panel(page).host).toHaveCount(0);
  });
});

test('popup: a nickname lists the matching Xingtu creators; picking one shows its distribution', async ({
  page,
  configureExtension,
  extensionId,
  mockApi,
}) => {
  await configureExtension(page);
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.getByLabel('Creator').fill('川味小厨娘');
  await page.getByRole('button', { name: 'Look up' }).click();
  const results = page.getByRole('region', { name: 'Xingtu search results' });
  await expect(results.locator('[data-author-id]')).toHaveCount(2);
  await expect(results.getByText(/3,862,000 followers/)).toBeVisible();
  await results.locator(`[data-author-id="${FOOD_CREATOR_ID}"]`).getByRole('button', { name: 'Choose' }).click();
  await expect(page.locator('table tbody tr').first()).toContainText('美食');
  expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(1);
});
