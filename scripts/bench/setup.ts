/**
 * What the benchmark (scripts/bench/main.ts) runs against, besides the extension's own launch
 * (e2e/harness.ts): the script installed in every frame, the Douyin fixture pages, a Chromium
 * without the extension, and creators the mock API has never been asked about.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { BROWSER_ARGS, CHROMIUM_PATH, routeFixtureHosts } from '../../e2e/harness';
import type { MockApi } from '../../e2e/mock-api';
import { DEMO_CREATORS, DEMO_DOUYIN_ACCOUNTS, FOOD_CREATOR_ID, MUSIC_CREATOR_ID } from '../../e2e/fixtures/creators';
import { DOUYIN_ORIGIN, douyinCreatorHtml, type DouyinFixtureProfile } from '../../e2e/douyin-pages';

/**
 * Installed before any page script in every frame (page, panel iframe, popup): records long
 * tasks, and in the popup the moment a table row is first in the DOM. A string, not a function:
 * tsx wraps named functions in a helper that does not exist in the page.
 */
export const BENCH_INIT_SCRIPT = `(() => {
  window.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__benchLongTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  if (location.protocol === 'chrome-extension:' && location.pathname === '/popup.html') {
    const observer = new MutationObserver(() => {
      if (window.__benchTableAt === undefined && document.querySelector('table tbody tr')) {
        window.__benchTableAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  }
})();`;

/** A fixture Douyin page: a demo account's profile, or a non-creator page (the feed) for any other path. */
export function douyinPageFor(url: URL): string {
  const all: DouyinFixtureProfile[] = Object.values(DEMO_DOUYIN_ACCOUNTS);
  const secUid = /^\/user\/([^/]+)$/.exec(url.pathname)?.[1];
  const owner = all.find((p) => p.secUid === secUid) ?? null;
  return owner
    ? douyinCreatorHtml(owner, all.filter((p) => p !== owner).slice(0, 2))
    : '<!doctype html><html><head><meta charset="utf-8"><title>抖音-记录美好生活</title></head><body><h1>推荐</h1><main id="feed"></main></body></html>';
}

/** Fixture Douyin pages: the food creator's profile, and a non-creator page for anything else. */
export async function routeDouyin(context: BrowserContext): Promise<void> {
  await context.route(`${DOUYIN_ORIGIN}/**`, async (route) => {
    if (route.request().resourceType() !== 'document') return route.fulfill({ status: 204, body: '' });
    const body = douyinPageFor(new URL(route.request().url()));
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}

/** The same Chromium and flags as the harness, without the extension. */
export async function launchPlain(onBlocked: (url: string) => void): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'xdl-bench-plain-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless=new',
      ...BROWSER_ARGS,
      '--disable-extensions',
    ],
  });
  await routeFixtureHosts(context, { onBlocked, extraHosts: [new URL(DOUYIN_ORIGIN).hostname] });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

export function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** The first mock data row set, for fresh (never cached) creator ids. */
const FOOD_DATA = DEMO_CREATORS[FOOD_CREATOR_ID]!;
const ALL_PLATFORM_DATA = {
  SHORT_VIDEO: FOOD_DATA.SHORT_VIDEO!,
  LIVE_STREAMING: FOOD_DATA.LIVE_STREAMING!,
  PICTURE_TEXT: DEMO_CREATORS[MUSIC_CREATOR_ID]!.SHORT_VIDEO!,
  SHORT_DRAMA: FOOD_DATA.SHORT_VIDEO!.slice(0, 3),
};

let nextId = 7_400_000_000_000_000_000n;
/** A creator id never seen before (nothing cached), with data on every platform. */
export function freshCreator(mock: MockApi): string {
  nextId += 1n;
  const id = nextId.toString();
  mock.setCreator(id, ALL_PLATFORM_DATA);
  return id;
}
