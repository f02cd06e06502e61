/**
 * Shared launch / configuration code for the e2e fixtures (e2e/fixtures.ts) and the demo
 * (scripts/demo.ts): Chromium with the built extension, a network guard that serves the
 * fixture pages at their real URLs and lets nothing but 127.0.0.1 out, and helpers that drive
 * the real options page and find the panel on a creator page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect, type BrowserContext, type FrameLocator, type Locator, type Page, type Route, type Worker } from '@playwright/test';
import { DEMO_CREATOR_PROFILES } from './fixtures/creators';
import { LIST_FIXTURE_CREATORS } from './fixtures/list-creators';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The built MV3 extension (`npx wxt build`). */
/** The built extension; WXT_OUT_DIR moves it (parallel builds in other folders). */
export const EXTENSION_DIR = path.resolve(ROOT, process.env.WXT_OUT_DIR ?? '.output', 'chrome-mv3');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURE_DIR = path.join(ROOT, 'e2e', 'fixtures');

export const XINGTU_ORIGIN = 'https://www.xingtu.cn';
export const MARKET_URL = `${XINGTU_ORIGIN}/ad/creator/market`;
/** Hosts whose pages are served from the fixtures (everything else outside 127.0.0.1 is blocked). */
export const FIXTURE_HOSTS: ReadonlySet<string> = new Set(['www.xingtu.cn', 'xingtu.cn', 'star.toutiao.com']);
/** The custom element the panel lives in; its open shadow root holds the panel iframe. */
export const PANEL_HOST_TAG = 'xingtu-distribution-panel';

/** A Xingtu creator page URL (current form). Tabs: douyin-video, douyin-live, douyin-picture, douyin-fans. */
export function creatorPageUrl(oAuthorId: string, tab = 'douyin-video'): string {
  return `${XINGTU_ORIGIN}/ad/creator/author-homepage/${tab}/${oAuthorId}`;
}

// ---- fixture pages -------------------------------------------------------------------------

function fillFixture(file: string): string {
  const html = readFileSync(path.join(FIXTURE_DIR, file), 'utf8');
  // JSON inside <script>: escape '<' so no text can close the element.
  const json = JSON.stringify(DEMO_CREATOR_PROFILES).replace(/</g, '\\u003c');
  return html.replace('__FIXTURE_CREATORS__', json);
}

/** The Xingtu SPA fixture (creator pages; also renders the market when reached by pushState). */
export function xingtuCreatorHtml(): string {
  return fillFixture('xingtu-creator.html');
}

/** The market list fixture (a full page load of /ad/creator/market: not a creator page). */
export function xingtuMarketHtml(): string {
  return fillFixture('xingtu-market.html');
}

/**
 * The virtualised creator list (e2e/fixtures/creator-list.html): 60 creators in 12 recycled
 * cards, linking to Xingtu creator pages or Douyin /user/<sec_uid> pages.
 */
export function creatorListHtml(form: 'xingtu' | 'douyin', title: string, options: { dialog?: boolean } = {}): string {
  const html = readFileSync(path.join(FIXTURE_DIR, 'creator-list.html'), 'utf8');
  const json = JSON.stringify({ form, creators: LIST_FIXTURE_CREATORS }).replace(/</g, '\\u003c');
  // A link to a creator outside the list (the page's own header); on a follower list it gets no badge.
  const outside = LIST_FIXTURE_CREATORS[0]!;
  const outsideHref = form === 'douyin' ? `//www.douyin.com/user/${outside.secUid}` : `/ad/creator/author-homepage/douyin-video/${outside.oAuthorId}`;
  return html
    .replace('__FIXTURE_LIST__', json)
    .replaceAll('__FIXTURE_TITLE__', title)
    .replace('__FIXTURE_OUTSIDE__', outsideHref)
    .replace('__FIXTURE_OUTSIDE_NAME__', outside.nickname)
    .replace('__FIXTURE_OPEN__', options.dialog ? '<div role="dialog" aria-modal="true" aria-label="粉丝">' : '')
    .replace('__FIXTURE_CLOSE__', options.dialog ? '</div>' : '');
}

/** The market as a 60-card virtual list (the plain market fixture stays at the bare URL). */
export const VIRTUAL_MARKET_URL = `${XINGTU_ORIGIN}/ad/creator/market?virtual=1`;
/** Xingtu's search results (a list page too). */
export const XINGTU_SEARCH_URL = `${XINGTU_ORIGIN}/ad/creator/market?keyword=%E7%BE%8E%E9%A3%9F`;

/** Which fixture answers a request to a fixture host (null: 404). */
export function fixtureFor(url: URL): string | null {
  if (url.pathname === '/favicon.ico') return null;
  const market = url.pathname.replace(/\/+$/, '') === '/ad/creator/market';
  if (market && url.searchParams.has('keyword')) return creatorListHtml('xingtu', '搜索结果 - 巨量星图');
  if (market && url.searchParams.has('virtual')) return creatorListHtml('xingtu', '达人广场 - 巨量星图');
  if (market) return xingtuMarketHtml();
  return xingtuCreatorHtml();
}

function isLocal(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

export interface GuardOptions {
  /** Called with every URL the guard refused. */
  onBlocked?: (url: string) => void;
}

/** What a request may reach: the browser itself and loopback, a fixture host, or nothing. */
type Destination = 'local' | 'fixture' | 'blocked';

function destinationOf(raw: string, fixtureHosts: ReadonlySet<string>): Destination {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'blocked';
  }
  if (url.protocol === 'chrome-extension:' || url.protocol === 'data:' || url.protocol === 'blob:') return 'local';
  if ((url.protocol === 'http:' || url.protocol === 'https:') && isLocal(url)) return 'local';
  if (url.protocol === 'https:' && fixtureHosts.has(url.hostname)) return 'fixture';
  return 'blocked';
}

/** Answer a fixture-host request with its fixture page (404 for a path without one). */
async function fulfillFixture(route: Route): Promise<void> {
  const body = fixtureFor(new URL(route.request().url()));
  if (body === null) await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
  else await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
}

/**
 * Route every request of the context: fixture hosts get the fixture pages, 127.0.0.1 and
 * extension / data / blob URLs go through, everything else is aborted. Routes a test adds
 * later take precedence (Playwright runs the newest matching handler first).
 */
export async function guardNetwork(context: BrowserContext, options: GuardOptions = {}): Promise<void> {
  await context.route(
    () => true,
    async (route) => {
      const raw = route.request().url();
      const destination = destinationOf(raw, FIXTURE_HOSTS);
      if (destination === 'local') return route.fallback();
      if (destination === 'fixture') return fulfillFixture(route);
      options.onBlocked?.(raw);
      await route.abort('blockedbyclient');
    },
  );
}

/**
 * For the benchmark: route only the fixture hosts (`extraHosts` too: routes the caller adds
 * for them), by URL pattern. guardNetwork's catch-all route hands every request (each file the
 * panel iframe loads as well) to this process and back, a delay no user has. Requests to
 * anything else are not intercepted: the browser's dead proxy (BROWSER_ARGS) makes them fail,
 * and they are reported to `onBlocked` all the same.
 */
export async function routeFixtureHosts(
  context: BrowserContext,
  options: GuardOptions & { extraHosts?: readonly string[] } = {},
): Promise<void> {
  for (const host of FIXTURE_HOSTS) await context.route(`https://${host}/**`, fulfillFixture);
  const served = new Set([...FIXTURE_HOSTS, ...(options.extraHosts ?? [])]);
  context.on('request', (request) => {
    const raw = request.url();
    if (destinationOf(raw, served) === 'blocked') options.onBlocked?.(raw);
  });
}

// ---- launching -----------------------------------------------------------------------------

export interface LaunchOptions {
  /** Default true (the new headless mode); false opens a window (needs DISPLAY). */
  headless?: boolean;
  /** Default: a fresh directory in os.tmpdir(), removed by `close()`. */
  userDataDir?: string;
  extensionDir?: string;
  onBlocked?: (url: string) => void;
  /**
   * 'guard' (default): guardNetwork, every request checked here. 'fixtures': routeFixtureHosts,
   * for timings (hosts in `extraHosts` are routed by the caller).
   */
  routing?: 'guard' | 'fixtures';
  extraHosts?: readonly string[];
  /** Browser UI language, e.g. 'zh-CN' (default 'en-US'): what the extension's i18n reads. */
  lang?: string;
  /** `prefers-color-scheme` of every page and frame (default: light). */
  colorScheme?: 'light' | 'dark';
}

export interface LaunchedExtension {
  context: BrowserContext;
  userDataDir: string;
  /** Close the browser and remove the user data dir when the harness made it. */
  close(): Promise<void>;
}

/** Throw a helpful error when the extension has not been built. */
export function assertExtensionBuilt(dir = EXTENSION_DIR): void {
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir}: run \`npx wxt build\` first.`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
}

/** The built manifest, for tests that adapt to what exists. */
export function builtManifest(dir = EXTENSION_DIR): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
}

/** Chromium flags for every test and bench browser (the extension flags come on top). */
export const BROWSER_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--lang=en-US',
  // Second line of defence behind guardNetwork (which cannot see every request, e.g. DNS
  // prefetch): anything not loopback goes to a dead proxy. Loopback bypasses proxies.
  '--proxy-server=http://127.0.0.1:9',
];

export async function launchExtension(options: LaunchOptions = {}): Promise<LaunchedExtension> {
  const extensionDir = path.resolve(options.extensionDir ?? EXTENSION_DIR);
  assertExtensionBuilt(extensionDir);
  const ownDir = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'xdl-e2e-')));
  const headless = options.headless ?? true;
  const lang = options.lang ?? 'en-US';
  const args = [
    ...BROWSER_ARGS.map((arg) => (arg.startsWith('--lang=') ? `--lang=${lang}` : arg)),
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
  if (headless) args.unshift('--headless=new');
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: false, // headless is chosen by --headless=new above: the old mode has no extensions
      locale: lang,
      colorScheme: options.colorScheme ?? 'light',
      viewport: { width: 1280, height: 800 },
      args,
    });
  } catch (error) {
    if (ownDir) await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  if (options.routing === 'fixtures') await routeFixtureHosts(context, { onBlocked: options.onBlocked, extraHosts: options.extraHosts });
  else await guardNetwork(context, { onBlocked: options.onBlocked });
  return {
    context,
    userDataDir,
    async close() {
      await context.close().catch(() => undefined);
      if (ownDir) await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** The extension's background service worker (waits for it to start). */
export async function extensionServiceWorker(context: BrowserContext, timeout = 15_000): Promise<Worker> {
  const isExtension = (worker: Worker): boolean => worker.url().startsWith('chrome-extension://');
  const running = context.serviceWorkers().find(isExtension);
  if (running) return running;
  return context.waitForEvent('serviceworker', { predicate: isExtension, timeout });
}

export function extensionIdOf(worker: Worker): string {
  return new URL(worker.url()).host;
}

async function extensionIdFromContext(context: BrowserContext): Promise<string> {
  return extensionIdOf(await extensionServiceWorker(context));
}

// ---- options page --------------------------------------------------------------------------

export type EndpointChoice = 'global' | 'mainland' | 'custom';

export interface ConfigureOptions {
  apiKey: string;
  endpoint: EndpointChoice;
  /** Required when endpoint is 'custom', e.g. the mock's `url` (http://127.0.0.1:<port>). */
  customUrl?: string;
  /** Default: read from the context's service worker. */
  extensionId?: string;
  /** Default 15 s per step. */
  timeout?: number;
  /**
   * 'form' (default): type into the real options page and Save, as a user does (the page then
   * also asks the balance, and the click gives the window the focus). 'storage': write the key
   * and settings the same page would save straight into the extension's storage (about 0.35 s
   * less per test), then open the options page. The specs about the options page, the balance,
   * the key and the keyboard focus in the panel's frame use 'form'. (Bringing the page to the
   * front instead of the click made a later page.goto fail now and then after a worker stop.)
   */
  via?: 'form' | 'storage';
}

/** The options page's visible labels (English UI). */
export const OPTIONS_LABELS = {
  apiKey: 'API key',
  endpoint: 'API endpoint',
  endpoints: { global: 'Global', mainland: 'Mainland China', custom: 'Custom' } satisfies Record<EndpointChoice, string>,
  customUrl: 'Custom endpoint URL',
  save: 'Save',
  saved: 'Saved',
} as const;

export function optionsPageUrl(extensionId: string): string {
  return `chrome-extension://${extensionId}/options.html`;
}

/** An input by its label; tolerates a label with extra text and ignores buttons that share it. */
function inputByLabel(page: Page, label: string): Locator {
  return page.getByLabel(label).and(page.locator('input, textarea'));
}

async function chooseEndpoint(page: Page, choice: EndpointChoice, timeout: number): Promise<void> {
  const label = OPTIONS_LABELS.endpoints[choice];
  const select = page.getByRole('combobox', { name: OPTIONS_LABELS.endpoint });
  const radio = page.getByRole('radio', { name: label, exact: true });
  await expect(select.or(radio).first()).toBeVisible({ timeout });
  if ((await select.count()) > 0) await select.selectOption({ label });
  else await radio.check();
}

const trimSlash = (s: string): string => s.replace(/\/+$/, '');

async function fillAndSave(page: Page, options: ConfigureOptions, timeout: number): Promise<void> {
  const key = inputByLabel(page, OPTIONS_LABELS.apiKey);
  await expect(key).toBeEditable({ timeout });
  await key.fill(options.apiKey);
  await chooseEndpoint(page, options.endpoint, timeout);
  if (options.endpoint === 'custom') {
    const custom = inputByLabel(page, OPTIONS_LABELS.customUrl);
    await expect(custom).toBeEditable({ timeout });
    await custom.fill(options.customUrl ?? '');
  }
  await page.getByRole('button', { name: OPTIONS_LABELS.save, exact: true }).click({ timeout });
  await expect(page.getByRole('status').filter({ hasText: OPTIONS_LABELS.saved }).first()).toBeVisible({ timeout });
}

/** The stored name of each endpoint choice (utils/shared/settings.ts). */
const STORED_ENDPOINT: Record<EndpointChoice, string> = { global: 'global', mainland: 'cn', custom: 'custom' };

/**
 * What was saved is ours (catches a form the page's own async load overwrote before Save): read
 * back from the extension's storage by the options page itself, which may read it (no reload).
 */
async function verifySaved(page: Page, options: ConfigureOptions): Promise<void> {
  const saved = await page.evaluate(async () => {
    const got = await chrome.storage.local.get(['apiKey', 'settings']);
    const settings = (got.settings ?? {}) as { endpoint?: unknown; customUrl?: unknown };
    return { apiKey: got.apiKey as unknown, endpoint: settings.endpoint, customUrl: settings.customUrl };
  });
  expect(saved.apiKey, 'the API key saved').toBe(options.apiKey);
  expect(saved.endpoint, 'the endpoint saved').toBe(STORED_ENDPOINT[options.endpoint]);
  if (options.endpoint === 'custom') expect(trimSlash(String(saved.customUrl)), 'the custom endpoint URL saved').toBe(trimSlash(options.customUrl ?? ''));
}

/**
 * What Save on the options page stores (utils/shared/settings.ts `saveSettings`, the key through
 * utils/key/api-key.ts): the key, and the settings with this endpoint, the others kept.
 */
async function saveThroughStorage(page: Page, options: ConfigureOptions): Promise<void> {
  await page.evaluate(
    async ({ apiKey, endpoint, customUrl }) => {
      const defaults = { cacheTtlHours: 24, timeoutSeconds: 60, runConcurrency: 2, dailyCallLimit: null, pricePerCall: null, listBadges: true };
      const { settings } = await chrome.storage.local.get('settings');
      const kept = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>) : {};
      await chrome.storage.local.set({ apiKey, settings: { ...defaults, ...kept, endpoint, customUrl } });
    },
    { apiKey: options.apiKey.trim(), endpoint: STORED_ENDPOINT[options.endpoint], customUrl: (options.customUrl ?? '').trim() },
  );
}

/**
 * Drive the real options page: enter the key, pick the endpoint, Save, wait for "Saved", then
 * check the storage holds the saved values. Navigates `page` to the options page and
 * leaves it there. One retry covers a form that the page's own async load overwrote.
 */
export async function configureExtension(page: Page, options: ConfigureOptions): Promise<void> {
  if (options.endpoint === 'custom' && !options.customUrl) throw new Error('configureExtension: customUrl is required for a custom endpoint');
  const timeout = options.timeout ?? 15_000;
  const extensionId = options.extensionId ?? (await extensionIdFromContext(page.context()));
  const url = optionsPageUrl(extensionId);
  if (options.via === 'storage') {
    // Written by the options page itself (as its Save does), then reloaded so that its form
    // shows the saved values. (Not through the service worker: evaluating in it made the
    // faults spec's worker stop time out now and then.)
    await page.goto(url);
    await saveThroughStorage(page, options);
    await page.reload();
    await verifySaved(page, options);
    return;
  }
  let lastError: unknown;
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    try {
      await page.goto(url);
      await fillAndSave(page, options, timeout);
      await verifySaved(page, options);
      return;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

// ---- the panel -----------------------------------------------------------------------------

export interface PanelHandles {
  /** The <xingtu-distribution-panel> element. */
  host: Locator;
  /** The iframe inside its open shadow root. */
  iframe: Locator;
  /** The panel document. */
  frame: FrameLocator;
}

/** A view's error block (components/StatusMessage.tsx; not a live region: the view's LiveRegion announces it). */
export const ERROR_BLOCK = '.xdp-view__status--error';

/**
 * Text shown in a view, not the copy its live region (components/LiveRegion.tsx) says to screen
 * readers: `getByText` alone finds both.
 */
export function shownText(scope: FrameLocator | Page, text: string | RegExp): Locator {
  return scope.getByText(text).and(scope.locator(':not([data-live-region])'));
}

/** The panel's locators on a page (Playwright locators pierce open shadow roots). */
export function panel(page: Page): PanelHandles {
  const host = page.locator(PANEL_HOST_TAG);
  const iframe = page.locator(`${PANEL_HOST_TAG} iframe`);
  return { host, iframe, frame: iframe.contentFrame() };
}

/**
 * Wait until the page shows the panel: the host element with an OPEN shadow root, an iframe
 * from the extension in it, and a <table> inside the iframe. Throws with what was missing.
 * `expand: true` first opens a collapsed panel (clicks its aria-expanded="false" button).
 */
export async function waitForPanel(
  page: Page,
  options: { timeout?: number; extensionId?: string; expand?: boolean } = {},
): Promise<PanelHandles> {
  const timeout = options.timeout ?? 20_000;
  const handles = panel(page);
  await expect(handles.host, `<${PANEL_HOST_TAG}> on the page`).toBeAttached({ timeout });
  const shadowOpen = await handles.host.first().evaluate((el) => el.shadowRoot !== null);
  if (!shadowOpen) throw new Error(`<${PANEL_HOST_TAG}> has no open shadow root`);
  await expect(handles.iframe, 'panel iframe in the shadow root').toBeAttached({ timeout });
  // The src is panel.html of an extension; the document is ours.
  const src = (await handles.iframe.first().getAttribute('src')) ?? '';
  if (!/^chrome-extension:\/\/[^/]+\/panel\.html$/.test(src)) throw new Error(`panel iframe src is not the extension's: ${src}`);
  if (options.extensionId) {
    const expected = `chrome-extension://${options.extensionId}/panel.html`;
    await expect
      .poll(async () => (await handles.iframe.first().elementHandle())?.contentFrame().then((f) => f?.url() ?? ''), { timeout })
      .toBe(expected);
  }
  const table = handles.frame.locator('table').first();
  if (options.expand) {
    // A collapsed panel shows a disclosure button (aria-expanded="false") instead of the table.
    const expander = handles.frame.locator('button[aria-expanded="false"]').first();
    await expect(table.or(expander).first()).toBeVisible({ timeout });
    if (!(await table.isVisible()) && (await expander.isVisible())) await expander.click();
  }
  await expect(table, 'a <table> in the panel').toBeAttached({ timeout });
  return handles;
}

/**
 * On the list page (list.html): paste creators as Xingtu links, run the list until every one is
 * done, and compare the first three (the demo, scripts/demo.ts, and the store screenshots,
 * scripts/store/screenshots.ts, show this state).
 */
export async function runAndCompareList(lists: Page, ids: readonly string[], timeout: number): Promise<void> {
  await lists.getByLabel(/^(Creators|达人)$/).fill(ids.map((id) => creatorPageUrl(id)).join('\n'));
  await lists.getByRole('button', { name: /^(Add|添加)$/ }).click();
  await lists.getByRole('button', { name: /^(Start|开始)$/ }).click();
  await lists.waitForFunction(
    (n) => {
      const bar = document.querySelector<HTMLProgressElement>('#xdp-run-progress');
      return bar !== null && bar.value === n && bar.max === n;
    },
    ids.length,
    { timeout },
  );
  for (const box of (await lists.getByRole('checkbox', { name: /^(Select (?!all shown)|选择 )/ }).all()).slice(0, 3)) await box.check();
  await lists.getByRole('button', { name: /^(Compare|对比)/ }).click();
  await lists.locator('#xdp-compare canvas').waitFor({ state: 'visible', timeout: 10_000 });
}
