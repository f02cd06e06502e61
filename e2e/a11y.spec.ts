/**
 * Accessibility: axe-core on every view and state a user can reach — the panel (no key, loading,
 * data, empty, collapsed, each kind of error, the Douyin sure / likely / namesakes / not on
 * Xingtu states and the correction with its error), the popup (lookup, error, search results,
 * a creator), the options page (with errors) and the list page — in light and dark, in Chinese
 * and English. A serious or critical violation (or one of the rules in e2e/a11y-helpers.ts
 * ALWAYS_FAIL) fails the test, with every finding of the run listed.
 *
 * One browser per language; the states are reached one after the other in it, each rated light and dark.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { test, expect, TEST_API_KEY, waitForPanel } from './fixtures';
import { creatorPageUrl, extensionIdOf, extensionServiceWorker, launchExtension } from './harness';
import type { MockApi, Scenario } from './mock-api';
import { axePage, axePanel, expectNoBlocking, panelFrame, type Finding } from './a11y-helpers';
import { douyinCreatorHtml, douyinUserUrl, DOUYIN_ORIGIN } from './douyin-pages';
import {
  DEMO_DOUYIN_ACCOUNTS,
  EMPTY_DRAMA_CREATOR_ID,
  FOOD_CREATOR_ID,
  MUSIC_CREATOR_ID,
  NOT_ON_XINGTU_ACCOUNT,
} from './fixtures/creators';

const FOOD = DEMO_DOUYIN_ACCOUNTS[FOOD_CREATOR_ID]!;
const MUSIC = DEMO_DOUYIN_ACCOUNTS[MUSIC_CREATOR_ID]!;
/** Douyin pages whose server data is unreadable: only the nickname is known (a likely match, or namesakes). */
const NICKNAME_ONLY = new Set([MUSIC.secUid, FOOD.secUid + '-nouid']);

/** Error states: a creator id each, the mock's answer, the failure kind the panel shows. */
const ERRORS: readonly { id: string; scenario: Scenario; kind: string }[] = [
  { id: '7300000000000000101', scenario: { code: 100 }, kind: 'invalid-token' },
  { id: '7300000000000000400', scenario: { code: 400 }, kind: 'invalid-params' },
  { id: '7300000000000000600', scenario: { code: 600 }, kind: 'permission-denied' },
  { id: '7300000000000000404', scenario: { code: 404 }, kind: 'undocumented-code' },
  { id: '7300000000000000999', scenario: { code: 999 }, kind: 'unknown-code' },
  { id: '7300000000000000010', scenario: { upstream: { status_code: 10, status_message: 'author not found' } }, kind: 'upstream' },
  { id: '7300000000000000403', scenario: { http: 403 }, kind: 'http' },
  { id: '7300000000000000002', scenario: { body: '{"code":0,"data":' }, kind: 'bad-response' },
  { id: '7300000000000000003', scenario: { destroy: true }, kind: 'network' },
  // Blocks further calls with the key (utils/background/api/call-guard.ts): last.
  { id: '7300000000000000303', scenario: { code: 303 }, kind: 'quota-exceeded' },
];
const LOADING_ID = '7300000000000000777';

async function routeDouyin(context: BrowserContext): Promise<void> {
  await context.route(`${DOUYIN_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (route.request().resourceType() !== 'document') return route.fulfill({ status: 204, body: '' });
    const secUid = /^\/user\/([^/]+)$/.exec(url.pathname)?.[1] ?? '';
    const base = [FOOD, MUSIC, NOT_ON_XINGTU_ACCOUNT].find((p) => secUid.startsWith(p.secUid)) ?? null;
    let html = douyinCreatorHtml(base, [], 'normal');
    // No readable server data: the reader falls back to the header, which names no uid.
    if (NICKNAME_ONLY.has(secUid)) html = html.replace(/<script id="RENDER_DATA"[^]*?<\/script>/, '');
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
}

/** The key and the mock as endpoint, written where the options page saves them. */
async function configure(worker: Worker, mockApi: MockApi, apiKey: string): Promise<void> {
  await worker.evaluate(
    async ({ apiKey, url }) => {
      await chrome.storage.local.set({
        apiKey,
        settings: { endpoint: 'custom', customUrl: url, cacheTtlHours: 24, timeoutSeconds: 10, runConcurrency: 2, dailyCallLimit: null, pricePerCall: null },
      });
    },
    { apiKey, url: mockApi.url },
  );
}

async function openCreator(page: Page, url: string, selector: string): Promise<void> {
  await page.goto(url);
  const frame = await panelFrame(page);
  await expect(frame.locator(selector).first()).toBeVisible({ timeout: 15_000 });
}

/**
 * One browser per language; every state is rated in light and then in dark (`emulateMedia`, which
 * reaches the panel's frame too). Every error kind has the same markup and colours (only the words
 * differ): the Chinese run goes through all of them (the first three in both schemes), the
 * English one through the first three.
 */
const LANGS = [
  { lang: 'zh-CN', allErrors: true },
  { lang: 'en-US', allErrors: false },
] as const;

for (const { lang, allErrors } of LANGS) {
  test(`axe: every view and state, light and dark, ${lang}`, async ({ mockApi }) => {
    test.setTimeout(90_000);
    const launched = await launchExtension({ lang });
    const findings: Finding[] = [];
    let darkSeen = false;
    /** axe on what `target` shows, in light and in dark. */
    const check = async (target: Page, run: (scheme: string) => Promise<Finding[]>, schemes: readonly ('light' | 'dark')[] = ['light', 'dark']) => {
      for (const colorScheme of schemes) {
        await target.emulateMedia({ colorScheme });
        if (colorScheme === 'dark' && !target.url().startsWith('chrome-extension:') && !darkSeen) {
          // The emulation reaches the panel's own (extension) frame.
          expect(await (await panelFrame(target)).evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
          darkSeen = true;
        }
        findings.push(...(await run(` (${colorScheme})`)));
      }
    };
    try {
      const { context } = launched;
      await routeDouyin(context);
      const worker = await extensionServiceWorker(context);
      const ext = `chrome-extension://${extensionIdOf(worker)}`;
      const page = context.pages()[0] ?? (await context.newPage());
      const tab = await context.newPage();

      // ---- no key yet ----
      await openCreator(page, creatorPageUrl(FOOD_CREATOR_ID), '.xdp-view__status--no-key');
      await check(page, (scheme) => axePanel(page, 'panel: no key' + scheme));
      await tab.goto(`${ext}/popup.html`);
      await expect(tab.locator('#creator-input')).toBeVisible();
      const zh = lang === 'zh-CN';
      await expect(tab).toHaveTitle(zh ? '星图达人内容分布' : 'Xingtu Creator Content Distribution');
      expect(await tab.evaluate(() => document.documentElement.lang)).toBe(zh ? 'zh-CN' : 'en');
      await check(tab, (scheme) => axePage(tab, 'popup: lookup' + scheme));
      await tab.locator('.xdp-lookup button[type="submit"]').click();
      await expect(tab.locator('.xdp-lookup__error')).toBeVisible();
      await check(tab, (scheme) => axePage(tab, 'popup: lookup error' + scheme));
      await tab.goto(`${ext}/options.html`);
      await expect(tab).toHaveTitle(zh ? '星图达人内容分布 · 设置' : 'Xingtu Creator Content Distribution · Settings');
      expect(await tab.evaluate(() => document.documentElement.lang)).toBe(zh ? 'zh-CN' : 'en');
      await tab.locator('#endpoint').selectOption('custom');
      await tab.locator('#custom-url').fill('not a url');
      await tab.locator('button[type="submit"]').click();
      await expect(tab.locator('#custom-url[aria-invalid="true"]')).toBeVisible();
      await check(tab, (scheme) => axePage(tab, 'options: errors' + scheme));
      await tab.locator('#api-key').fill(TEST_API_KEY);
      await tab.locator('#custom-url').fill(mockApi.url);
      await tab.locator('button[type="submit"]').click();
      await expect(tab.locator('.xdp-notice--ok')).toBeVisible();
      await check(tab, (scheme) => axePage(tab, 'options: saved' + scheme));
      await configure(worker, mockApi, TEST_API_KEY);

      // ---- the panel on Xingtu ----
      await openCreator(page, creatorPageUrl(FOOD_CREATOR_ID), 'table');
      await check(page, (scheme) => axePanel(page, 'panel: data' + scheme));
      const frame = await panelFrame(page);
      await frame.locator('.xdp-panel__tool[aria-expanded="true"]').click(); // Collapse
      await expect(frame.locator('.xdp-pill')).toBeVisible();
      await check(page, (scheme) => axePanel(page, 'panel: collapsed' + scheme));
      await frame.locator('.xdp-pill').click();
      await expect(frame.locator('table')).toBeVisible();

      await openCreator(page, creatorPageUrl(EMPTY_DRAMA_CREATOR_ID), 'table');
      await (await panelFrame(page)).locator('.xdp-view__platform').last().click();
      await expect((await panelFrame(page)).locator('.xdp-view__status--empty')).toBeVisible();
      await check(page, (scheme) => axePanel(page, 'panel: empty platform' + scheme));

      mockApi.setScenario(LOADING_ID, { hang: true });
      await openCreator(page, creatorPageUrl(LOADING_ID), '.xdp-view__status--loading');
      await check(page, (scheme) => axePanel(page, 'panel: loading' + scheme));

      // ---- the panel's language and the tab titles ----
      expect(await (await panelFrame(page)).evaluate(() => document.documentElement.lang)).toBe(zh ? 'zh-CN' : 'en');

      // ---- the popup, for the creator of a tab, and a search ----
      await openCreator(page, creatorPageUrl(FOOD_CREATOR_ID), 'table');
      // The creator page is the first tab (no "tabs" permission: URLs are not readable here).
      const tabId = await worker.evaluate(async () => Math.min(...(await chrome.tabs.query({})).map((t) => t.id ?? Infinity)));
      await tab.goto(`${ext}/popup.html?tab=${tabId}`);
      await expect(tab.locator('table')).toBeVisible({ timeout: 15_000 });
      await check(tab, (scheme) => axePage(tab, 'popup: creator' + scheme));
      await tab.locator('#creator-input').fill(FOOD.nickname);
      await tab.locator('.xdp-lookup button[type="submit"]').click();
      await expect(tab.locator('[data-author-id]')).toHaveCount(2, { timeout: 15_000 });
      await check(tab, (scheme) => axePage(tab, 'popup: search results' + scheme));

      // ---- the list page ----
      await tab.goto(`${ext}/list.html`);
      await expect(tab.locator('main[aria-busy="false"]')).toBeVisible({ timeout: 15_000 });
      await expect(tab).toHaveTitle(zh ? '星图达人内容分布 · 达人清单' : 'Xingtu Creator Content Distribution · Creator lists');
      await check(tab, (scheme) => axePage(tab, 'list page' + scheme));

      // ---- Douyin ----
      await openCreator(page, douyinUserUrl(FOOD.secUid), 'table');
      await check(page, (scheme) => axePanel(page, 'panel: Douyin sure match' + scheme));
      await (await panelFrame(page)).locator('.xdp-correct__toggle').click();
      await (await panelFrame(page)).locator('.xdp-correct button[type="submit"]').click();
      await expect((await panelFrame(page)).locator('.xdp-correct__error')).toBeVisible();
      await check(page, (scheme) => axePanel(page, 'panel: Douyin correction error' + scheme));
      await openCreator(page, douyinUserUrl(MUSIC.secUid), '[data-match="likely"]');
      await check(page, (scheme) => axePanel(page, 'panel: Douyin likely' + scheme));
      await openCreator(page, douyinUserUrl(FOOD.secUid + '-nouid'), '[data-match="ambiguous"]');
      await check(page, (scheme) => axePanel(page, 'panel: Douyin namesakes' + scheme));
      await openCreator(page, douyinUserUrl(NOT_ON_XINGTU_ACCOUNT.secUid), '[data-match="none"]');
      await check(page, (scheme) => axePanel(page, 'panel: Douyin not on Xingtu' + scheme));

      // ---- every kind of error ----
      for (const [i, { id, scenario, kind }] of (allErrors ? ERRORS : ERRORS.slice(0, 3)).entries()) {
        mockApi.setScenario(id, scenario);
        await openCreator(page, creatorPageUrl(id), `[data-kind="${kind}"]`);
        // Same markup and colours for every kind: the first three in both schemes, the rest in light.
        await check(page, (scheme) => axePanel(page, `panel: error ${kind}` + scheme), i < 3 ? ['light', 'dark'] : ['light']);
      }
    } finally {
      await launched.close();
    }
    expectNoBlocking(findings, lang);
  });
}


test('keyboard: the platform tab list, Refresh keeps the focus, the focus ring shows', async ({ page, configureExtension, mockApi }) => {
  await configureExtension(page);
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  const { frame } = await waitForPanel(page);
  await expect(frame.getByRole('tablist', { name: 'Platform' })).toBeVisible();
  const tab = (name: string) => frame.getByRole('tab', { name, exact: true });
  await expect(tab('Short video')).toHaveAttribute('aria-selected', 'true');
  await expect(frame.getByRole('tabpanel', { name: 'Short video' })).toBeVisible();

  await tab('Short video').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Live')).toBeFocused();
  // Moving is not selecting: a selection may cost a call.
  await expect(tab('Short video')).toHaveAttribute('aria-selected', 'true');
  expect(mockApi.calls({ oAuthorId: FOOD_CREATOR_ID })).toHaveLength(1);
  await page.keyboard.press('Enter');
  await expect(tab('Live')).toHaveAttribute('aria-selected', 'true');
  await expect(frame.getByRole('tabpanel', { name: 'Live' })).toBeVisible();
  await expect(frame.locator('table')).toBeVisible();
  await expect(tab('Live')).toBeFocused();
  await page.keyboard.press('End');
  await expect(tab('Short drama')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Short video')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tab('Short video')).toBeFocused();
  expect(await tab('Short video').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  // Tab leaves the list (one tab stop) for the next control.
  await page.keyboard.press('Shift+Tab');
  await expect(frame.getByRole('button', { name: /Refresh/ })).toBeFocused();

  // Refresh: busy, the focus stays on it, and it is there again when the answer came.
  mockApi.setScenario(FOOD_CREATOR_ID, { delayMs: 600 });
  await page.keyboard.press('Enter');
  await expect(frame.getByRole('button', { name: /Refresh/ })).toHaveAttribute('aria-disabled', 'true');
  await expect(frame.getByRole('button', { name: /Refresh/ })).toBeFocused();
  await expect(frame.getByRole('button', { name: /Refresh/ })).not.toHaveAttribute('aria-disabled', 'true', { timeout: 10_000 });
  await expect(frame.getByRole('button', { name: /Refresh/ })).toBeFocused();
  expect(await frame.getByRole('button', { name: /Refresh/ }).evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
});
