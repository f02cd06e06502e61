/**
 * Accessibility of the list page badges and the "Look up all visible" bar: axe-core on their
 * markup in every state, in Chinese and English, on a light and on a dark page.
 *
 * In the extension both live in CLOSED shadow roots (utils/page/badges/badge-element.ts,
 * badge-bar.ts), which axe cannot enter. So this spec bundles the REAL `createBadge` and
 * `createBar` with esbuild into a plain page (page.setContent: no network at all) and, in that
 * test page only, makes `attachShadow` open its roots so that axe (and Playwright's locators)
 * can see in. The production roots stay closed: e2e/list-badges.spec.ts checks the page sees none.
 * Same tags and failure policy as e2e/a11y.spec.ts (e2e/a11y-helpers.ts: serious or critical
 * fail, and the landmark, heading, label and name rules at any impact; WCAG 2.2 AA is in the
 * tags, so target-size is rated).
 */
import { test, expect, chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';
import path from 'node:path';
import { BROWSER_ARGS, CHROMIUM_PATH, ROOT } from './harness';
import { axePage, expectNoBlocking, type Finding } from './a11y-helpers';

let browser: Browser;
let bundle = '';

test.beforeAll(async () => {
  const out = await build({
    stdin: {
      contents: [
        "import { createBadge } from './utils/page/badges/badge-element';",
        "import { createBar } from './utils/page/badges/badge-bar';",
        "import { badgeText } from './utils/page/badges/badge-text';",
        'Object.assign(window, { __xdp: { createBadge, createBar, badgeText } });',
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: 'a11y-badges-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
  });
  bundle = out.outputFiles[0]!.text;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...BROWSER_ARGS] });
});
test.afterAll(async () => {
  await browser?.close();
});

/** The page around the badges: Douyin's dark theme or a light list page; links in a list, in a main landmark. */
const THEMES = {
  light: 'body { background: #fff; color: #1d2129; } a { color: #1d2129; }',
  dark: 'body { background: #161823; color: rgba(255,255,255,.9); } a { color: #fff; }',
} as const;

function pageHtml(theme: keyof typeof THEMES, lang: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>List</title>
<style>body { margin: 0; padding: 16px; font: 14px/1.6 sans-serif; } ${THEMES[theme]} li { margin: 0 0 4px; line-height: 1.2; }</style></head>
<body><main><h1>Creators</h1><ul id="rows"></ul></main></body></html>`;
}

/**
 * The test page only: every shadow root opens (production roots stay closed), so axe rates what
 * is inside. Runs before the bundle.
 */
const OPEN_ROOTS = `(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: 'open' }); };
})();`;

async function freshPage(page: Page, theme: keyof typeof THEMES, lang: string): Promise<void> {
  await page.setContent(pageHtml(theme, lang));
  await page.addScriptTag({ content: OPEN_ROOTS });
  await page.addScriptTag({ content: bundle });
}

interface XdpWindow {
  __xdp: {
    createBadge: (doc: Document, key: string, actions: unknown) => { host: HTMLElement; render(view: unknown): void };
    createBar: (doc: Document, actions: unknown) => { host: HTMLElement };
    badgeText: (key: string, values?: Record<string, string | number>) => string;
  };
  __resolve: ((value: unknown) => void)[];
}

const day = Date.UTC(2026, 0, 15, 8, 30);
const FOOD_TOP = [
  { name: '美食', count: 148, share: 0.53 },
  { name: '生活', count: 57, share: 0.2 },
  { name: '随拍', count: 31, share: 0.11 },
  { name: '旅行', count: 22, share: 0.08 },
  { name: '音乐', count: 12, share: 0.04 },
];
const LONG_TOP = [
  { name: '生活日常记录与家庭亲子互动类短视频合集', count: 80, share: 0.41 },
  { name: 'Cooking, home baking and kitchen tool reviews for beginners', count: 60, share: 0.31 },
  { name: '旅行户外露营徒步攻略', count: 55, share: 0.28 },
];

/** The badge views (as list-badges.ts renders them), each beside a link of its own; the key names the state. */
const VIEWS: Record<string, unknown> = {
  uncached: { kind: 'info', info: { state: 'uncached', search: false } },
  'uncached-search': { kind: 'info', info: { state: 'uncached', search: true } },
  looking: { kind: 'looking' },
  'failed-no-key': { kind: 'failed', error: 'no-key' },
  'failed-network': { kind: 'failed', error: 'network' },
  'not-on-xingtu': { kind: 'info', info: { state: 'not-on-xingtu' } },
  confirm: { kind: 'info', info: { state: 'confirm' } },
  cached: { kind: 'info', info: { state: 'cached', oAuthorId: '1', top: FOOD_TOP, total: 6, fetchedAt: day } },
  'cached-no-videos': { kind: 'info', info: { state: 'cached', oAuthorId: '2', top: [], total: 0, fetchedAt: day } },
  'cached-long': { kind: 'info', info: { state: 'cached', oAuthorId: '3', top: LONG_TOP, total: 12, fetchedAt: day } },
};

/** Put badges in the page, one per row after the row's link. "Add to list" resolves with the "added" line. */
async function mountBadges(page: Page, views: Record<string, unknown>): Promise<void> {
  await page.evaluate((views) => {
    const w = window as unknown as XdpWindow;
    const rows = document.getElementById('rows')!;
    for (const [key, view] of Object.entries(views)) {
      const li = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#${key}`;
      link.textContent = `Creator ${key}`;
      const badge = w.__xdp.createBadge(document, key, {
        lookUp: () => undefined,
        open: () => undefined,
        addToList: () => Promise.resolve(w.__xdp.badgeText('added', { list: '春季美食推广' })),
      });
      // A dense card, as on the market: the next line's link right under the badge (WCAG 2.2 target size).
      const tag = document.createElement('a');
      tag.href = `#${key}-tags`;
      tag.textContent = 'Tags';
      li.append(link, badge.host, document.createElement('br'), tag);
      rows.append(li);
      badge.render(view);
    }
  }, views);
}

/** The bar, whose estimate and run wait until the test resolves them (window.__resolve). */
async function mountBar(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as XdpWindow;
    w.__resolve = [];
    const wait = () => new Promise((resolve) => w.__resolve.push(resolve));
    document.body.append(w.__xdp.createBar(document, { estimate: wait, run: wait }).host);
  });
}

async function resolveNext(page: Page, value: unknown): Promise<void> {
  await page.waitForFunction(() => (window as unknown as XdpWindow).__resolve.length > 0);
  await page.evaluate((value) => (window as unknown as XdpWindow).__resolve.shift()!(value), value);
}

const badgeButton = (page: Page, key: string, name?: string) =>
  page.locator(`xdp-list-badge[data-key="${key}"]`).getByRole('button', name ? { name, exact: true } : undefined).first();
const card = (page: Page, key: string) => page.locator(`xdp-list-badge[data-key="${key}"] .card`);

for (const lang of ['zh-CN', 'en-US'] as const) {
  test(`axe: the badges and the bar in every state, light and dark page, ${lang}`, async () => {
    test.setTimeout(90_000);
    const findings: Finding[] = [];
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: lang, colorScheme: theme, viewport: { width: 1000, height: 700 } });
      try {
        const page = await context.newPage();
        const t = (key: string, values?: Record<string, string | number>) =>
          page.evaluate(([key, values]) => (window as unknown as XdpWindow).__xdp.badgeText(key as string, values as Record<string, string | number>), [key, values] as const);
        const rate = async (state: string) => findings.push(...(await axePage(page, `${state} (${theme})`)));

        // Every badge, the cards closed.
        await freshPage(page, theme, lang);
        expect(await page.evaluate(() => navigator.language)).toBe(lang);
        await mountBadges(page, VIEWS);
        await expect(page.locator('xdp-list-badge')).toHaveCount(Object.keys(VIEWS).length);
        await expect(badgeButton(page, 'uncached')).toHaveText(await t('lookUp'));
        await rate('badges, cards closed');

        // A card open by focus, by hover; after "Add to list"; with long category names.
        for (const [key, how] of [['cached', 'focus'], ['cached-no-videos', 'hover'], ['cached-long', 'focus']] as const) {
          await freshPage(page, theme, lang);
          await mountBadges(page, { [key]: VIEWS[key] });
          if (how === 'focus') await badgeButton(page, key).focus();
          else await badgeButton(page, key).hover();
          await expect(card(page, key)).toBeVisible();
          await rate(`card open (${how}): ${key}`);
        }
        await badgeButton(page, 'cached-long', await t('addToList')).click();
        await expect(card(page, 'cached-long').getByRole('status')).toHaveText(await t('added', { list: '春季美食推广' }));
        await rate('card after Add to list');

        // The bar: idle, estimating, the estimate (Run / Cancel), running, the run started.
        await freshPage(page, theme, lang);
        await mountBadges(page, { uncached: VIEWS.uncached });
        await mountBar(page);
        const bar = page.locator('xdp-list-badges-bar');
        await expect(bar.getByRole('button')).toHaveText([await t('all')]);
        await rate('bar idle');
        await bar.getByRole('button').click();
        await expect(bar.getByRole('status')).toHaveText(await t('estimating'));
        await rate('bar estimating');
        await resolveNext(page, { estimate: { creators: 20, paidCalls: 12, fromCache: 8 }, token: 'abcdefgh1234' });
        await expect(bar.getByRole('button')).toHaveText([await t('run'), await t('cancel')]);
        await rate('bar estimate');
        await bar.getByRole('button', { name: await t('run'), exact: true }).click();
        await expect(bar.getByRole('button')).toHaveCount(0);
        await rate('bar running');
        await resolveNext(page, '春季美食推广');
        await expect(bar.getByRole('status')).toHaveText(await t('running', { list: '春季美食推广' }));
        await rate('bar run started');
      } finally {
        await context.close();
      }
    }
    expectNoBlocking(findings, `badges ${lang}`);
  });
}
