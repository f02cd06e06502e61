import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, creatorPageUrl, panel, TEST_API_KEY, ERROR_BLOCK, shownText } from './fixtures';
import { DISTRIBUTION_PATH, SEARCH_PATH } from './mock-api';
import { douyinCreatorHtml, douyinUserUrl, DOUYIN_ORIGIN, MODAL_VIDEO_ID, type DouyinFixtureProfile } from './douyin-pages';
import {
  BEAUTY_CREATOR_ID,
  DEMO_DOUYIN_ACCOUNTS,
  EMPTY_DRAMA_CREATOR_ID,
  FOOD_CREATOR_ID,
  MANY_CATEGORIES_CREATOR_ID,
  MUSIC_CREATOR_ID,
  TRAVEL_CREATOR_ID,
  NOT_ON_XINGTU_ACCOUNT,
  IMITATION_DOUYIN_ACCOUNT,
  IMITATION_CREATOR_ID,
} from './fixtures/creators';

const FOOD = DEMO_DOUYIN_ACCOUNTS[FOOD_CREATOR_ID]!;
const MUSIC = DEMO_DOUYIN_ACCOUNTS[MUSIC_CREATOR_ID]!; // 19-digit uid
const TRAVEL = DEMO_DOUYIN_ACCOUNTS[TRAVEL_CREATOR_ID]!; // 10-digit uid
/** Other accounts shown on every creator page, before the owner's header; all on Xingtu. */
const RECOMMENDED = DEMO_DOUYIN_ACCOUNTS[BEAUTY_CREATOR_ID]!;
const MODAL_AUTHOR = DEMO_DOUYIN_ACCOUNTS[MANY_CATEGORIES_CREATOR_ID]!;
const COMMENT_AUTHOR = DEMO_DOUYIN_ACCOUNTS[EMPTY_DRAMA_CREATOR_ID]!;
const STRANGERS = [RECOMMENDED, MODAL_AUTHOR, COMMENT_AUTHOR];
const ALL: DouyinFixtureProfile[] = [...Object.values(DEMO_DOUYIN_ACCOUNTS), NOT_ON_XINGTU_ACCOUNT, IMITATION_DOUYIN_ACCOUNT];
/** Linked from every creator page (in-app navigation targets). */
const LINKED = [FOOD, MUSIC, TRAVEL, IMITATION_DOUYIN_ACCOUNT];

interface DouyinRoutes {
  /** Page loads that get the captcha page, by sec_uid. */
  captchaPages: Set<string>;
  /** The content script's reads of a profile page (fetch) that get the captcha page, by sec_uid. */
  captchaFetches: Set<string>;
  /** The sec_uids of the profile pages the content script fetched, in order. */
  pageFetches: string[];
  /** Those requests as sent: method, URL, headers, body. */
  pageFetchRequests: { method: string; url: string; headers: Record<string, string>; body: string | null }[];
}

/**
 * Serve Douyin pages from the fixtures: each creator page links to FOOD, MUSIC, TRAVEL and the
 * imitation, and shows the strangers. The content script's same-origin read of a profile page
 * (a `fetch`) is answered here too, with the same page: nothing leaves the machine.
 */
async function routeDouyin(context: BrowserContext): Promise<DouyinRoutes> {
  const routes: DouyinRoutes = { captchaPages: new Set(), captchaFetches: new Set(), pageFetches: [], pageFetchRequests: [] };
  await context.route(`${DOUYIN_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const kind = route.request().resourceType();
    const secUid = /^\/user\/([^/]+)$/.exec(url.pathname)?.[1];
    if (kind === 'fetch' && secUid) {
      routes.pageFetches.push(secUid);
      const request = route.request();
      routes.pageFetchRequests.push({ method: request.method(), url: request.url(), headers: await request.allHeaders(), body: request.postData() });
    } else if (kind !== 'document') return route.fulfill({ status: 204, body: '' });
    const owner = ALL.find((p) => p.secUid === secUid) ?? null;
    const captcha = secUid !== undefined && (kind === 'fetch' ? routes.captchaFetches : routes.captchaPages).has(secUid);
    const body =
      owner === null && !captcha
        ? '<!doctype html><html><head><meta charset="utf-8"><title>抖音-记录美好生活</title></head><body><h1>推荐</h1></body></html>'
        : douyinCreatorHtml(owner, LINKED.filter((p) => p !== owner), captcha ? 'captcha' : 'normal', {
            serverData: owner === TRAVEL ? 'pace-f-encoded' : 'render-data',
            recommended: [RECOMMENDED],
            modalAuthor: MODAL_AUTHOR,
            commentAuthor: COMMENT_AUTHOR,
          });
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  return routes;
}

async function tableFirstRow(page: Page): Promise<string[]> {
  const row = panel(page).frame.locator('table tbody tr').first();
  await expect(row).toBeVisible({ timeout: 15_000 });
  return row.locator('th, td').allTextContents().then((cells) => cells.map((c) => c.trim()));
}

/** The panel shows a sure match (by uid) of `oAuthorId` and its first row is `row`. */
async function expectSureMatch(page: Page, oAuthorId: string, row: string[]): Promise<void> {
  const { frame } = panel(page);
  await expect(frame.locator('[data-match="search"]')).toBeVisible({ timeout: 15_000 });
  await expect(frame.getByText(/matched by Douyin UID/)).toBeVisible();
  await expect(frame.locator(`a[href$="/${oAuthorId}"]`).first()).toBeVisible();
  await expect.poll(() => tableFirstRow(page), { timeout: 15_000 }).toEqual(row);
  await expect(frame.getByRole('button', { name: /Yes, load the distribution/ })).toHaveCount(0);
}

let routes: DouyinRoutes;

test.describe('Douyin creator pages', () => {
  test.beforeEach(async ({ page, context, configureExtension }) => {
    routes = await routeDouyin(context);
    routes.captchaPages.add(NOT_ON_XINGTU_ACCOUNT.secUid + '-captcha');
    await configureExtension(page);
  });

  test('reads the page, finds the Xingtu creator by uid, shows the distribution — once per creator', async ({ page, mockApi }) => {
    // A video by another author is open over the profile, and other accounts are on the page.
    await page.goto(douyinUserUrl(FOOD.secUid, `?modal_id=${MODAL_VIDEO_ID}`));
    await expect(page.locator('[role="dialog"]')).toBeVisible();
    expect(await tableFirstRow(page)).toEqual(['美食', '148', '53.0%']);
    const { frame } = panel(page);
    // Which Xingtu creator the data belongs to, and how it was matched.
    await expect(frame.getByText(/matched by Douyin UID/)).toBeVisible();
    await expect(frame.locator(`a[href$="/${FOOD_CREATOR_ID}"]`).first()).toBeVisible();
    // The imitation account with the same nickname was in the search answer, but not chosen.
    expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(1);
    expect(mockApi.calls({ path: SEARCH_PATH })[0]?.query.keyword).toBe(FOOD.nickname);
    expect(mockApi.calls({ path: DISTRIBUTION_PATH })).toEqual([expect.objectContaining({ oAuthorId: FOOD_CREATOR_ID })]);
    // The page's own data had the uid: no page read.
    expect(routes.pageFetches).toEqual([]);

    await page.reload();
    expect(await tableFirstRow(page)).toEqual(['美食', '148', '53.0%']);
    expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(1);
    expect(mockApi.calls({ path: DISTRIBUTION_PATH })).toHaveLength(1);
  });

  test('in-app navigation ends as a sure match: the uid from the profile page, one search, no confirmation', async ({ page, mockApi }) => {
    await page.goto(douyinUserUrl(FOOD.secUid));
    expect(await tableFirstRow(page)).toEqual(['美食', '148', '53.0%']);

    await page.locator(`a.related[data-sec-uid="${MUSIC.secUid}"]`).click();
    await expect(page).toHaveURL(douyinUserUrl(MUSIC.secUid));
    // Only the header is new; the content script reads MUSIC's profile page for the uid (19 digits).
    await expectSureMatch(page, MUSIC_CREATOR_ID, ['音乐', '203', '72.2%']);
    expect(mockApi.calls({ path: SEARCH_PATH, keyword: MUSIC.nickname })).toHaveLength(1);
    expect(mockApi.calls({ path: DISTRIBUTION_PATH, oAuthorId: MUSIC_CREATOR_ID })).toHaveLength(1);
    expect(routes.pageFetches).toEqual([MUSIC.secUid]);
    // The page read is a plain same-origin GET of the profile page: no key, no extension data.
    const [read] = routes.pageFetchRequests;
    expect(read).toMatchObject({ method: 'GET', url: douyinUserUrl(MUSIC.secUid), body: null });
    expect(JSON.stringify(read)).not.toContain(TEST_API_KEY);
    expect(JSON.stringify(read)).not.toContain('chrome-extension');

    // Back to the first creator (known already), then forward again: no new search, no new page read.
    await page.goBack();
    await expect(page).toHaveURL(douyinUserUrl(FOOD.secUid));
    await expect.poll(() => tableFirstRow(page)).toEqual(['美食', '148', '53.0%']);
    await page.goForward();
    await expect(page).toHaveURL(douyinUserUrl(MUSIC.secUid));
    await expectSureMatch(page, MUSIC_CREATOR_ID, ['音乐', '203', '72.2%']);
    expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(2);
    expect(routes.pageFetches).toEqual([MUSIC.secUid]);

    // A 10-digit uid, from a page whose server data is URL-encoded JSON in self.__pace_f.
    await page.locator(`a.related[data-sec-uid="${TRAVEL.secUid}"]`).click();
    await expect(page).toHaveURL(douyinUserUrl(TRAVEL.secUid));
    await expectSureMatch(page, TRAVEL_CREATOR_ID, ['旅行', '96', '46.2%']);
    expect(mockApi.calls({ path: SEARCH_PATH, keyword: TRAVEL.nickname })).toHaveLength(1);
    expect(routes.pageFetches).toEqual([MUSIC.secUid, TRAVEL.secUid]);
  });

  test('a video by another author opened over the profile, recommended accounts, comments: never the creator', async ({ page, mockApi }) => {
    await page.goto(douyinUserUrl(FOOD.secUid));
    await tableFirstRow(page);
    // In-app to MUSIC's page with a video open: the modal's author block comes before MUSIC's header.
    await page.locator(`a.related-video[data-sec-uid="${MUSIC.secUid}"]`).click();
    await expect(page).toHaveURL(douyinUserUrl(MUSIC.secUid, `?modal_id=${MODAL_VIDEO_ID}`));
    await expect(page.locator('[role="dialog"] [data-e2e="user-info"]').first()).toContainText(MODAL_AUTHOR.nickname);
    await expectSureMatch(page, MUSIC_CREATOR_ID, ['音乐', '203', '72.2%']);
    // The query is not part of the page read.
    expect(routes.pageFetches).toEqual([MUSIC.secUid]);

    const keywords = mockApi.calls({ path: SEARCH_PATH }).map((call) => call.keyword);
    expect(keywords).toEqual([FOOD.nickname, MUSIC.nickname]);
    for (const stranger of STRANGERS) expect(keywords).not.toContain(stranger.nickname);
    const loaded = mockApi.calls({ path: DISTRIBUTION_PATH }).map((call) => call.oAuthorId);
    expect(loaded).toEqual([FOOD_CREATOR_ID, MUSIC_CREATOR_ID]);
  });

  test('the profile page cannot be read (captcha): a nickname-only match waits for confirmation', async ({ page, mockApi }) => {
    routes.captchaFetches.add(MUSIC.secUid);
    await page.goto(douyinUserUrl(FOOD.secUid));
    expect(await tableFirstRow(page)).toEqual(['美食', '148', '53.0%']);
    const { frame } = panel(page);

    await page.locator(`a.related[data-sec-uid="${MUSIC.secUid}"]`).click();
    await expect(page).toHaveURL(douyinUserUrl(MUSIC.secUid));
    // The header has no uid and the page read met a captcha: a likely match, to confirm; no error.
    await expect(shownText(frame, 'Likely this Xingtu creator')).toBeVisible({ timeout: 15_000 });
    await expect(frame.locator('table')).toHaveCount(0); // never the previous creator's data
    await expect(frame.locator(ERROR_BLOCK)).toHaveCount(0);
    expect(routes.pageFetches).toEqual([MUSIC.secUid]);
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

  test('namesakes after in-app navigation, the profile page unreadable: the user picks the right one', async ({ page }) => {
    routes.captchaFetches.add(IMITATION_DOUYIN_ACCOUNT.secUid);
    await page.goto(douyinUserUrl(MUSIC.secUid));
    await tableFirstRow(page);
    await page.locator(`a.related[data-sec-uid="${IMITATION_DOUYIN_ACCOUNT.secUid}"]`).click();
    const { frame } = panel(page);
    await expect(shownText(frame, /Several Xingtu creators have this name/)).toBeVisible({ timeout: 15_000 });
    const candidates = frame.locator('[data-author-id]');
    await expect(candidates).toHaveCount(2);
    await frame.locator(`[data-author-id="${IMITATION_CREATOR_ID}"]`).getByRole('button', { name: 'Choose' }).click();
    await expect(shownText(frame, 'No videos on this platform')).toBeVisible();
  });

  test('namesakes after in-app navigation, the profile page read: the uid decides, no choice needed', async ({ page }) => {
    await page.goto(douyinUserUrl(MUSIC.secUid));
    await tableFirstRow(page);
    await page.locator(`a.related[data-sec-uid="${IMITATION_DOUYIN_ACCOUNT.secUid}"]`).click();
    const { frame } = panel(page);
    await expect(frame.locator('[data-match="search"]')).toBeVisible({ timeout: 15_000 });
    await expect(frame.locator(`a[href$="/${IMITATION_CREATOR_ID}"]`).first()).toBeVisible();
    await expect(shownText(frame, 'No videos on this platform')).toBeVisible();
    await expect(shownText(frame, /Several Xingtu creators have this name/)).toHaveCount(0);
  });

  test('"not on Xingtu" is a normal state; a pasted correction wins and survives a reload', async ({ page, mockApi }) => {
    await page.goto(douyinUserUrl(NOT_ON_XINGTU_ACCOUNT.secUid));
    const { frame } = panel(page);
    await expect(shownText(frame, 'This creator is not on Xingtu')).toBeVisible({ timeout: 15_000 });
    await expect(frame.locator(ERROR_BLOCK)).toHaveCount(0);

    await page.reload();
    await expect(shownText(panel(page).frame, 'This creator is not on Xingtu')).toBeVisible({ timeout: 15_000 });
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

  test('"No, not this creator" on a likely match is remembered like a correction', async ({ page, mockApi }) => {
    routes.captchaFetches.add(MUSIC.secUid);
    await page.goto(douyinUserUrl(FOOD.secUid));
    await tableFirstRow(page);
    const { frame } = panel(page);
    await page.locator(`a.related[data-sec-uid="${MUSIC.secUid}"]`).click();
    await expect(shownText(frame, 'Likely this Xingtu creator')).toBeVisible({ timeout: 15_000 });
    await frame.getByRole('button', { name: 'No, not this creator' }).click();
    await expect(shownText(frame, 'You said this is not the creator')).toBeVisible();
    await expect(frame.getByLabel('Xingtu link or id')).toBeVisible();
    expect(mockApi.calls({ path: DISTRIBUTION_PATH, oAuthorId: MUSIC_CREATOR_ID })).toHaveLength(0);

    // Loaded afresh (now with the uid in the page data): the user's answer stands, no new search.
    await page.goto(douyinUserUrl(MUSIC.secUid));
    await expect(shownText(panel(page).frame, 'You said this is not the creator')).toBeVisible({ timeout: 15_000 });
    expect(mockApi.calls({ path: SEARCH_PATH, keyword: MUSIC.nickname })).toHaveLength(1);
    expect(mockApi.calls({ path: DISTRIBUTION_PATH, oAuthorId: MUSIC_CREATOR_ID })).toHaveLength(0);
  });

  test('a search refused with 600 says it is the search endpoint, and "Search again" retries', async ({ page, mockApi }) => {
    mockApi.setSearchScenario(FOOD.nickname, [{ code: 600 }]);
    await page.goto(douyinUserUrl(FOOD.secUid));
    const { frame } = panel(page);
    await expect(frame.getByText(/may not call the Creator Search endpoint/)).toBeVisible({ timeout: 15_000 });
    await expect(frame.getByText(/^Server said: /)).toBeVisible();
    expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(1);
    await frame.getByRole('button', { name: 'Search again (1 call)' }).click();
    expect(await tableFirstRow(page)).toEqual(['美食', '148', '53.0%']);
    expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(2);
  });

  test('names and avatars: from the search answer, loaded through the background; on the Xingtu page too, without a call', async ({ page, context, mockApi }) => {
    const avatarRequests: string[] = [];
    context.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/avatar/')) avatarRequests.push(request.serviceWorker() ? 'background' : 'page');
    });
    await page.goto(douyinUserUrl(FOOD.secUid));
    await tableFirstRow(page);
    const avatar = panel(page).frame.locator('.xdp-douyin__match img.xdp-author__avatar');
    await expect(avatar).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
    await expect(panel(page).frame.locator('.xdp-author__name').first()).toHaveAttribute('title', FOOD.nickname);

    await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
    const { frame } = panel(page);
    await expect(frame.locator('.xdp-known .xdp-author__name')).toHaveText(FOOD.nickname, { timeout: 15_000 });
    await expect(frame.locator('.xdp-known img')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
    await expect(frame.locator('table tbody tr').first()).toContainText('美食');
    expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(1);
    expect(mockApi.calls({ path: DISTRIBUTION_PATH })).toHaveLength(1);
    // Only the background asked the image host, once; no page did.
    expect(avatarRequests).toEqual(['background']);
  });

  test('a page that never shows its owner (captcha) says it could not be read', async ({ page, mockApi }) => {
    await page.goto(douyinUserUrl(NOT_ON_XINGTU_ACCOUNT.secUid + '-captcha'));
    const { frame } = panel(page);
    await expect(shownText(frame, /Reading this page/)).toBeVisible();
    await expect(shownText(frame, 'Could not read this page')).toBeVisible({ timeout: 15_000 });
    expect(mockApi.calls({ path: '*' })).toHaveLength(0);
    // The document was loaded for this page: its own data was read already, so no page read.
    expect(routes.pageFetches).toEqual([]);
  });

  test('no panel on Douyin pages that are not creator pages', async ({ page }) => {
    await page.goto(`${DOUYIN_ORIGIN}/discover`);
    await expect(page.locator('h1')).toHaveText('推荐');
    await page.waitForTimeout(500);
    await expect(panel(page).host).toHaveCount(0);
    expect(routes.pageFetches).toEqual([]);
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
