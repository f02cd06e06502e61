/**
 * `npm run store:screenshots` (after `wxt build`): the store screenshots, 1280×800, in English
 * and Chinese, from the fixture pages and the mock API, with the real built extension, so they
 * show the product as it is. Saved to store/screenshots/<en|zh_CN>/:
 *   1-xingtu-panel.png   a Xingtu creator page with the panel
 *   2-douyin-panel.png   a Douyin profile with the panel, matched by Douyin UID
 *   3-creator-lists.png  a creator list run and four creators compared
 *   4-usage.png          the settings page's usage of those calls
 * Like the demo (scripts/demo.ts) it uses the e2e harness (e2e/harness.ts): nothing leaves
 * 127.0.0.1. The browser's UI language (LANGUAGE and --lang) picks the extension's language.
 * tests/scripts/store-listing.test.ts checks the files are there and 1280×800.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { startMockApi, type MockApi } from '../../e2e/mock-api';
import { BEAUTY_CREATOR_ID, DEMO_DOUYIN_ACCOUNTS, FOOD_CREATOR_ID, MUSIC_CREATOR_ID, TRAVEL_CREATOR_ID } from '../../e2e/fixtures/creators';
import { DOUYIN_ORIGIN, douyinCreatorHtml, douyinUserUrl } from '../../e2e/douyin-pages';
import {
  BROWSER_ARGS,
  CHROMIUM_PATH,
  EXTENSION_DIR,
  assertExtensionBuilt,
  creatorPageUrl,
  extensionIdOf,
  extensionServiceWorker,
  guardNetwork,
  runAndCompareList,
  waitForPanel,
} from '../../e2e/harness';
import { SCREENSHOT_FILES, SCREENSHOT_LOCALES, SCREENSHOT_SIZE, screenshotPath, type ListingLocale, type ScreenshotFile } from './listing';

const API_KEY = 'demo-key';

type Locale = ListingLocale;

async function launch(locale: Locale): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  assertExtensionBuilt();
  const dir = await mkdtemp(path.join(tmpdir(), 'xdl-store-'));
  const lang = locale === 'en' ? 'en-US' : 'zh-CN';
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    locale: lang,
    viewport: SCREENSHOT_SIZE,
    args: [
      '--headless=new',
      ...BROWSER_ARGS.filter((a) => !a.startsWith('--lang=')),
      `--lang=${lang}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
    env: { ...process.env, LANGUAGE: locale, LANG: `${locale}.UTF-8` },
  });
  await guardNetwork(context, { onBlocked: (url) => console.log(`[guard] blocked ${url}`) });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Douyin profile pages from the fixtures (document loads and the content script's same-origin read). */
async function routeDouyin(context: BrowserContext): Promise<void> {
  const accounts = Object.values(DEMO_DOUYIN_ACCOUNTS);
  await context.route(`${DOUYIN_ORIGIN}/**`, async (route) => {
    const kind = route.request().resourceType();
    if (kind !== 'document' && kind !== 'fetch') return route.fulfill({ status: 204, body: '' });
    const secUid = /^\/user\/([^/]+)$/.exec(new URL(route.request().url()).pathname)?.[1];
    const owner = accounts.find((a) => a.secUid === secUid) ?? null;
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: douyinCreatorHtml(owner, accounts.filter((a) => a !== owner)) });
  });
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(600); // the chart's first draw is not animated; this is for fonts and layout
}

async function shoot(locale: Locale, mock: MockApi): Promise<void> {
  await mkdir(path.dirname(screenshotPath(locale, SCREENSHOT_FILES[0])), { recursive: true });
  const { context, close } = await launch(locale);
  try {
    await routeDouyin(context);
    const worker = await extensionServiceWorker(context);
    const id = extensionIdOf(worker);
    // The key and the mock as custom endpoint, as the options page saves them.
    await worker.evaluate(
      async ({ key, url }) => {
        await chrome.storage.local.set({ apiKey: key, settings: { endpoint: 'custom', customUrl: url, cacheTtlHours: 24, timeoutSeconds: 60, runConcurrency: 2, dailyCallLimit: 200, pricePerCall: 0.05 } });
      },
      { key: API_KEY, url: mock.url },
    );
    const page = context.pages()[0] ?? (await context.newPage());
    const file = (name: ScreenshotFile): string => screenshotPath(locale, name);

    await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
    const xingtu = await waitForPanel(page, { extensionId: id, expand: true, timeout: 30_000 });
    await xingtu.frame.locator('table').first().waitFor({ state: 'visible', timeout: 15_000 });
    await settle(page);
    await page.screenshot({ path: file('1-xingtu-panel.png') });

    const account = DEMO_DOUYIN_ACCOUNTS[MUSIC_CREATOR_ID];
    if (!account) throw new Error('no Douyin fixture for the music creator');
    await page.goto(douyinUserUrl(account.secUid));
    const douyin = await waitForPanel(page, { extensionId: id, expand: true, timeout: 30_000 });
    await douyin.frame.locator('table').first().waitFor({ state: 'visible', timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: file('2-douyin-panel.png') });

    const lists = await context.newPage();
    await lists.goto(`chrome-extension://${id}/list.html`);
    const ids = [FOOD_CREATOR_ID, MUSIC_CREATOR_ID, TRAVEL_CREATOR_ID, BEAUTY_CREATOR_ID];
    await runAndCompareList(lists, ids, 30_000);
    // Show the comparison whole, with the table's filters above it; let the "Comparing" toast go.
    await lists.locator('#xdp-compare').evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await lists.waitForTimeout(3_000);
    await settle(lists);
    await lists.screenshot({ path: file('3-creator-lists.png') });

    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    await options.locator('#app input').first().waitFor({ state: 'visible', timeout: 10_000 });
    // The balance and the usage of the calls above (the endpoint field, with the mock's address, is above).
    const usage = options.getByRole('heading', { name: /^(Usage|用量)$/ });
    await usage.waitFor({ state: 'visible', timeout: 10_000 });
    await usage.evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await options.evaluate(() => window.scrollBy(0, -24));
    await settle(options);
    await options.screenshot({ path: file('4-usage.png') });
    for (const name of SCREENSHOT_FILES) console.log(`saved ${path.relative(process.cwd(), file(name))}`);
  } finally {
    await close();
  }
}

const mock = await startMockApi({ token: API_KEY });
try {
  for (const locale of SCREENSHOT_LOCALES) await shoot(locale, mock);
} finally {
  await mock.close();
}
