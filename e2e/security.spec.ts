/**
 * Key isolation: with a recognisable key saved, load Xingtu and Douyin creator pages, use the
 * panel and the popup, show error states whose server messages echo the key, and then search
 * for the key (as is, URL-encoded, base64) everywhere a page or a content script could see it:
 *   - the page's DOM, open shadow roots included, its storage, cookies and loaded URLs;
 *   - the panel and popup documents (what they show, error messages included);
 *   - every message, port message and storage event reaching the content script (recorded in
 *     its own isolated world through the DevTools protocol), and chrome.storage as the content
 *     script can read it (it cannot: the background restricts storage to extension pages);
 *   - console output and uncaught errors of the page (every world), the panel, the popup and the
 *     service worker;
 *   - every request: only the service worker's calls to the API carry it (the data calls, and
 *     the balance the options page and the popup show, asked by the service worker).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, panel, waitForPanel, creatorPageUrl, ERROR_BLOCK } from './fixtures';
import { BALANCE_PATH, DISTRIBUTION_PATH, SEARCH_PATH } from './mock-api';
import { DEMO_DOUYIN_ACCOUNTS, FOOD_CREATOR_ID, MUSIC_CREATOR_ID, TRAVEL_CREATOR_ID } from './fixtures/creators';
import { douyinCreatorHtml, douyinUserUrl, DOUYIN_ORIGIN } from './douyin-pages';
import {
  INSTALL_RECORDER,
  READ_RECORDER,
  READ_STORAGE,
  SECRET_KEY,
  contentScriptWorld,
  dumpDocument,
  dumpPage,
  findKey,
  watchTraffic,
  type IsolatedWorld,
  type Traffic,
} from './security-helpers';

const KEY = SECRET_KEY;
const XINGTU_HOME = 'https://www.xingtu.cn/ad/creator/index';

/** Every source searched, and where the key was found in it (nothing, in a passing run). */
function leaks(sources: Record<string, string>): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const [name, text] of Object.entries(sources)) {
    const forms = findKey(text);
    if (forms.length > 0) found[name] = forms;
  }
  return found;
}

/**
 * The API paths the key may be sent to: the data calls, and the account balance (api.md §4: the
 * options page's and the popup's balance is asked by the service worker with the same token).
 */
const KEY_PATHS: ReadonlySet<string> = new Set([DISTRIBUTION_PATH, SEARCH_PATH, BALANCE_PATH]);

/** A request to exactly one of KEY_PATHS on the API (same origin; no other path, no prefix match). */
function isToApi(raw: string, apiUrl: string): boolean {
  try {
    const url = new URL(raw);
    return url.origin === new URL(apiUrl).origin && KEY_PATHS.has(url.pathname);
  } catch {
    return false;
  }
}

/** Console/errors and requests: only the service worker's API calls may carry the key. */
function trafficLeaks(traffic: Traffic, apiUrl: string): string[] {
  const bad: string[] = [];
  for (const line of traffic.logs) if (findKey(line).length > 0) bad.push(`log: ${line}`);
  for (const r of traffic.requests) {
    if (findKey(r.url + r.body).length === 0) continue;
    if (!(r.byServiceWorker && isToApi(r.url, apiUrl))) bad.push(`request from ${r.byServiceWorker ? 'service worker' : r.frameUrl}: ${r.url}`);
  }
  return bad;
}

async function tabIdOf(context: BrowserContext): Promise<number> {
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) throw new Error('no service worker');
  const ids = await worker.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id ?? -1));
  if (ids.length !== 1 || ids[0] === undefined) throw new Error(`expected one tab, got ${ids.length}`);
  return ids[0];
}

/** The content script's own view of things, and proof that it cannot reach the key. */
async function probeContentScript(world: IsolatedWorld): Promise<{ storage: { ok: boolean; error?: string; value?: string }; asked: unknown }> {
  const storage = await world.evaluate<{ ok: boolean; error?: string; value?: string }>(READ_STORAGE);
  // A content script (or a compromised page process posing as one) asks the background directly.
  const asked = await world.evaluate<unknown>(`new Promise((resolve) => chrome.runtime.sendMessage(
    { id: 1, type: 'getDistribution', data: { oAuthorId: '${MUSIC_CREATOR_ID}', platform: 'SHORT_VIDEO' }, timestamp: Date.now() },
    (answer) => resolve({ answer, error: chrome.runtime.lastError ? chrome.runtime.lastError.message : null })))`);
  return { storage, asked };
}

async function panelDocument(page: Page): Promise<string> {
  const frame = page.frames().find((f) => f.url().endsWith('/panel.html'));
  if (!frame) throw new Error('no panel frame');
  return dumpDocument(frame);
}

test.describe('key isolation', () => {
  test('Xingtu: the key never reaches the page, the content script, a log line or an error message', async ({
    page,
    context,
    mockApi,
    serviceWorker,
    extensionId,
    configureExtension,
  }) => {
    test.setTimeout(60_000);
    mockApi.setToken(KEY);
    const traffic = watchTraffic(context, [], [serviceWorker]);
    await configureExtension(page, { apiKey: KEY, via: 'form' });
    // From here on: the options page (where the user types the key) is left behind.
    page.on('console', (m) => traffic.logs.push(`page ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => traffic.logs.push(`page error: ${e.message}`));

    const cdp = await context.newCDPSession(page);
    const world = await contentScriptWorld(cdp, extensionId);
    // A Xingtu page that is not a creator page: the content script runs, no panel yet.
    await page.goto(XINGTU_HOME);
    await world.ready();
    expect(await world.evaluate<string>(INSTALL_RECORDER)).toBe('installed');

    // In-app navigation to a creator: the panel appears and connects while the recorder listens.
    await page.locator('#nav-market').click();
    await page.locator(`a[data-author-id="${FOOD_CREATOR_ID}"]`).click();
    const { frame } = await waitForPanel(page, { extensionId });
    await frame.getByRole('tab', { name: 'Live' }).click();
    await expect(frame.locator('table tbody tr').first()).toContainText('美食');

    // Error answers whose server messages echo the key (as some proxies do).
    mockApi.setScenario(MUSIC_CREATOR_ID, { code: 400, message: `invalid parameters: token=${KEY} (${KEY})` });
    await page.locator(`a.similar-author[data-author-id="${MUSIC_CREATOR_ID}"]`).click();
    await expect(frame.locator(ERROR_BLOCK)).toBeVisible();
    mockApi.setScenario(TRAVEL_CREATOR_ID, { http: 403, body: `<html><body><h1>Forbidden</h1><p>key ${KEY} refused at /api?token=${KEY}</p></body></html>` });
    await page.locator(`a.similar-author[data-author-id="${TRAVEL_CREATOR_ID}"]`).click();
    await expect(frame.locator(ERROR_BLOCK)).toBeVisible();
    await expect(frame.locator(ERROR_BLOCK)).toContainText(/403/);

    // The popup for this tab shows the same creator (it connects to the content script too).
    const tabId = await tabIdOf(context);
    const popup = await context.newPage();
    popup.on('console', (m) => traffic.logs.push(`popup ${m.type()}: ${m.text()}`));
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    await expect(popup.locator(ERROR_BLOCK)).toBeVisible();

    const probe = await probeContentScript(world);
    const seen = (await world.evaluate<string[] | null>(READ_RECORDER)) ?? [];

    // The recorder really listened: it saw the panel and the popup connect and talk.
    expect(seen.some((line) => line.startsWith('connect') && line.includes('/panel.html'))).toBe(true);
    expect(seen.some((line) => line.startsWith('connect') && line.includes('/popup.html'))).toBe(true);
    expect(seen.some((line) => line.startsWith('port-message') && line.includes('"layout"'))).toBe(true);
    // Content scripts cannot read the extension's storage at all (Chrome's TRUSTED_CONTEXTS).
    expect(probe.storage).toEqual({ ok: false, error: expect.stringMatching(/not allowed/i) });
    // …and the background does not answer them.
    expect(probe.asked).toEqual({ answer: { res: { ok: false, error: { kind: 'bad-input' } } }, error: null });

    // The key was in use: the API calls carried it.
    expect(mockApi.calls({ path: DISTRIBUTION_PATH }).length).toBeGreaterThanOrEqual(3);
    expect(mockApi.calls({ path: DISTRIBUTION_PATH }).every((c) => c.token === KEY)).toBe(true);
    expect(mockApi.calls({ path: DISTRIBUTION_PATH, oAuthorId: MUSIC_CREATOR_ID })).toHaveLength(1); // only the panel's call

    expect(
      leaks({
        'page DOM (shadow roots included), storage, loaded URLs': await dumpPage(page),
        'panel document': await panelDocument(page),
        'popup document': await dumpDocument(popup),
        'what reached the content script': seen.join('\n'),
        'storage as the content script reads it': JSON.stringify(probe),
        'console of every world of the page (CDP)': world.logs.join('\n'),
      }),
    ).toEqual({});
    expect(trafficLeaks(traffic, mockApi.url)).toEqual([]);
    expect(traffic.requests.some((r) => r.byServiceWorker && findKey(r.url).length > 0)).toBe(true);
    // The popup's footer asked the balance: the service worker sent the key there, and only there.
    await expect(popup.locator('footer[data-balance]')).toBeVisible();
    expect(mockApi.balanceCalls().length).toBeGreaterThanOrEqual(1);
    expect(mockApi.balanceCalls().every((c) => c.token === KEY)).toBe(true);
    const balanceRequests = traffic.requests.filter((r) => new URL(r.url).pathname === BALANCE_PATH);
    expect(balanceRequests.length).toBeGreaterThanOrEqual(1);
    expect(balanceRequests.every((r) => r.byServiceWorker)).toBe(true);
    // A look-alike path is not allowed: the allowance is that one path, nothing more.
    const lookAlike = [{ url: `${mockApi.url}${BALANCE_PATH}-x?token=${KEY}`, body: '', byServiceWorker: true, frameUrl: '' }];
    expect(trafficLeaks({ logs: [], requests: lookAlike }, mockApi.url)).toHaveLength(1);
  });

  test('Douyin: the key never reaches the page, the content script or a log line', async ({
    page,
    context,
    mockApi,
    serviceWorker,
    extensionId,
    configureExtension,
  }) => {
    const food = DEMO_DOUYIN_ACCOUNTS[FOOD_CREATOR_ID];
    if (!food) throw new Error('fixture');
    await context.route(`${DOUYIN_ORIGIN}/**`, (route) =>
      route.request().resourceType() === 'document'
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: douyinCreatorHtml(food) })
        : route.fulfill({ status: 204, body: '' }),
    );
    mockApi.setToken(KEY);
    const traffic = watchTraffic(context, [], [serviceWorker]);
    await configureExtension(page, { apiKey: KEY, via: 'form' });
    page.on('console', (m) => traffic.logs.push(`page ${m.type()}: ${m.text()}`));

    const cdp = await context.newCDPSession(page);
    const world = await contentScriptWorld(cdp, extensionId);
    await page.goto(douyinUserUrl(food.secUid));
    await expect(panel(page).frame.locator('table tbody tr').first()).toContainText('美食', { timeout: 15_000 });
    const probe = await probeContentScript(world);
    expect(probe.storage.ok).toBe(false);
    expect(mockApi.calls({ path: SEARCH_PATH }).every((c) => c.token === KEY)).toBe(true);
    expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(1);

    expect(
      leaks({
        'page DOM': await dumpPage(page),
        'panel document': await panelDocument(page),
        'storage as the content script reads it': JSON.stringify(probe),
        'console of every world of the page (CDP)': world.logs.join('\n'),
      }),
    ).toEqual({});
    expect(trafficLeaks(traffic, mockApi.url)).toEqual([]);
  });
});

test('a page cannot reach the background: no chrome.runtime messaging in the page, none from the content script', async ({ page, context, extensionId, configureExtension, mockApi }) => {
  await configureExtension(page, { via: 'form' });
  const cdp = await context.newCDPSession(page);
  const world = await contentScriptWorld(cdp, extensionId);
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  await waitForPanel(page);
  // No externally_connectable: the page's own world has no way to message the extension.
  expect(await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)).toBe('undefined');
  // The content script's world has one, but every message type is refused for it.
  for (const [type, data] of [
    ['getDistribution', { oAuthorId: MUSIC_CREATOR_ID, platform: 'SHORT_VIDEO' }],
    ['checkApiKey', undefined],
    ['searchCreators', { keyword: '吉他阿哲' }],
    ['resolveDouyin', { uid: '3429711218823623', secUid: null, nickname: null, uniqueId: null }],
    ['getBalance', {}],
    ['allowOneCall', undefined],
  ] as const) {
    const answer = await world.evaluate<unknown>(`new Promise((resolve) => chrome.runtime.sendMessage(
      { id: 1, type: ${JSON.stringify(type)}, data: ${JSON.stringify(data ?? null)}, timestamp: Date.now() }, resolve))`);
    expect(answer, type).toEqual({ res: { ok: false, error: { kind: 'bad-input' } } });
  }
  expect(await world.evaluate<unknown>(`new Promise((resolve) => chrome.runtime.sendMessage(
    { id: 1, type: 'hasApiKey', data: null, timestamp: Date.now() }, resolve))`)).toEqual({ res: false });
  expect(mockApi.calls({ oAuthorId: MUSIC_CREATOR_ID })).toHaveLength(0);
  expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(0);
});
