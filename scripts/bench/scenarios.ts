/**
 * The scenarios the benchmark (scripts/bench/main.ts) times, in a Chromium with the extension
 * (full loads, in-app moves, popups, traced tasks, heap, API calls, non-creator pages) and in one
 * without it (the same pages, for the cost the extension adds).
 */
import type { Frame } from '@playwright/test';
import { configureExtension, creatorPageUrl, extensionIdOf, extensionServiceWorker, launchExtension } from '../../e2e/harness';
import { DISTRIBUTION_PATH, SEARCH_PATH, type MockApi } from '../../e2e/mock-api';
import { DEMO_DOUYIN_ACCOUNTS, FOOD_CREATOR_ID } from '../../e2e/fixtures/creators';
import { DOUYIN_ORIGIN, douyinUserUrl } from '../../e2e/douyin-pages';
import { heapUsed, mainThreadTasks, traceDuring } from './cdp';
import { API_KEY, RUNS, TIMEOUT } from './config';
import { NON_CREATOR_PAGES, nonCreatorProbe } from './non-creator';
import { HANDS_OFF_MS, SETTLED_MS, docTimes, fullLoad, panelFrameOf, spaMove, waitDrawn, type LoadSample } from './page-timing';
import type { Report } from './report';
import { BENCH_INIT_SCRIPT, freshCreator, launchPlain, routeDouyin } from './setup';

/** The timed scenarios: the keys of Report.samples, and their labels in the table. */
export const SCENARIOS: Record<string, string> = {
  'load cold': 'Xingtu page load, cold (API)',
  'load warm': 'Xingtu page load, warm (cache)',
  'spa cold': 'in-app move to a creator, cold',
  'spa warm': 'in-app move to a creator, warm',
  'spa rapid': 'in-app move 0.1 s after the previous, warm',
};

const FOOD_DOUYIN = DEMO_DOUYIN_ACCOUNTS[FOOD_CREATOR_ID]!;

export async function measureWithExtension(report: Report, mock: MockApi): Promise<void> {
  const launched = await launchExtension({
    onBlocked: (url) => report.blocked.push(url),
    routing: 'fixtures',
    extraHosts: [new URL(DOUYIN_ORIGIN).hostname],
  });
  const { context } = launched;
  try {
    await context.addInitScript({ content: BENCH_INIT_SCRIPT });
    await routeDouyin(context);
    const worker = await extensionServiceWorker(context);
    const extensionId = extensionIdOf(worker);
    const page = context.pages()[0] ?? (await context.newPage());
    await configureExtension(page, { apiKey: API_KEY, endpoint: 'custom', customUrl: mock.url, extensionId });

    // Warm-up (not counted): the first page, panel and service worker wake-up.
    await fullLoad(page, creatorPageUrl(freshCreator(mock)));

    // Xingtu creator page, full loads: cold (never cached) then warm (cached).
    const cold: LoadSample[] = [];
    const coldIds: string[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const id = freshCreator(mock);
      coldIds.push(id);
      cold.push(await fullLoad(page, creatorPageUrl(id)));
    }
    const warm: LoadSample[] = [];
    for (let i = 0; i < RUNS; i += 1) warm.push(await fullLoad(page, creatorPageUrl(coldIds[i % coldIds.length]!)));
    report.samples['load cold'] = cold;
    report.samples['load warm'] = warm;

    // In-app moves between creators (the panel iframe is loaded already).
    await fullLoad(page, creatorPageUrl(coldIds[0]!));
    const frame = await panelFrameOf(page);
    // The panel (Preact, Chart.js) loads once per tab: in-app moves reuse the iframe.
    let panelLoads = 0;
    const countPanelLoads = (f: Frame) => {
      if (f.url().endsWith('/panel.html')) panelLoads += 1;
    };
    page.on('framenavigated', countPanelLoads);
    const spaCold: LoadSample[] = [];
    for (let i = 0; i < RUNS; i += 1) spaCold.push(await spaMove(page, frame, creatorPageUrl(freshCreator(mock))));
    const spaWarm: LoadSample[] = [];
    for (let i = 0; i < RUNS; i += 1) spaWarm.push(await spaMove(page, frame, creatorPageUrl(coldIds[(i + 1) % coldIds.length]!)));
    // Rapid moves (0.1 s apart, cached data): cached answers skip the settle wait.
    const spaRapid: LoadSample[] = [];
    for (let i = 0; i < Math.ceil(RUNS / 2); i += 1) spaRapid.push(await spaMove(page, frame, creatorPageUrl(coldIds[(i + 1) % coldIds.length]!), 100));
    report.samples['spa cold'] = spaCold;
    report.samples['spa warm'] = spaWarm;
    report.samples['spa rapid'] = spaRapid;
    page.off('framenavigated', countPanelLoads);
    report.panelLoadsDuringMoves = panelLoads;

    // Popup with cached data for the tab's creator, opened in a tab of popup size.
    const tabId = await frame.evaluate(async () => (await chrome.tabs.getCurrent())?.id ?? -1);
    for (let i = 0; i < RUNS; i += 1) {
      const popup = await context.newPage();
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`, { waitUntil: 'commit' });
      await popup.waitForTimeout(HANDS_OFF_MS);
      await waitDrawn(popup, 1);
      await popup.waitForFunction(() => (window as unknown as { __benchTableAt?: number }).__benchTableAt !== undefined, undefined, {
        timeout: TIMEOUT,
      });
      await popup.waitForTimeout(50);
      const t = await docTimes(popup);
      const tableAt = await popup.evaluate(() => (window as unknown as { __benchTableAt: number }).__benchTableAt);
      report.popup.push({ table: tableAt, chart: t.drawn[0]!, longTasks: t.longTasks });
      await popup.close();
    }

    // The same warm loads and popup opens once more, traced: the CPU time of every main-thread
    // task (a task can take long on a busy machine because another process had the core).
    const events = await traceDuring(
      context,
      page,
      async () => {
        for (let i = 0; i < RUNS; i += 1) await fullLoad(page, creatorPageUrl(coldIds[i % coldIds.length]!));
        for (let i = 0; i < RUNS; i += 1) {
          const popup = await context.newPage();
          await popup.setViewportSize({ width: 400, height: 600 });
          await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
          await waitDrawn(popup, 1);
          await popup.close();
        }
      },
      'toplevel',
    );
    report.tracedTasks = mainThreadTasks(events);

    // Heap: the creator page (warm) and the panel's own process.
    await fullLoad(page, creatorPageUrl(coldIds[0]!));
    report.heap['creator page, with extension'] = await heapUsed(context, page);
    report.heap['panel frame (extension process)'] = await heapUsed(context, await panelFrameOf(page));

    // API calls per scenario.
    const dist = (oAuthorId: string, platform?: string) => mock.calls({ path: DISTRIBUTION_PATH, oAuthorId, ...(platform ? { platform } : {}) }).length;

    const revisitId = freshCreator(mock);
    await fullLoad(page, creatorPageUrl(revisitId));
    report.calls['first visit'] = { calls: dist(revisitId), expected: 1 };
    const before = dist(revisitId);
    await fullLoad(page, creatorPageUrl(revisitId));
    const other = await context.newPage();
    await fullLoad(other, creatorPageUrl(revisitId));
    await other.close();
    report.calls['revisit (reload + new tab) within cache lifetime'] = { calls: dist(revisitId) - before, expected: 0 };

    const fiveId = freshCreator(mock);
    mock.setScenario(fiveId, { delayMs: 300 }); // the answer takes 300 ms: all five ask while it runs
    const tabs = await Promise.all(Array.from({ length: 5 }, () => context.newPage()));
    await Promise.all(tabs.map((t) => fullLoad(t, creatorPageUrl(fiveId))));
    await Promise.all(tabs.map((t) => t.close()));
    report.calls['five tabs open the same creator at once'] = { calls: dist(fiveId), expected: 1 };

    const switchId = freshCreator(mock);
    await fullLoad(page, creatorPageUrl(switchId));
    const panelFrame = await panelFrameOf(page);
    const steps: [string, string, number][] = [
      ['Live', 'LIVE_STREAMING', 1],
      ['Picture & text', 'PICTURE_TEXT', 1],
      ['Short video', 'SHORT_VIDEO', 0],
      ['Live', 'LIVE_STREAMING', 0],
    ];
    for (const [label, platform, expected] of steps) {
      await page.waitForTimeout(SETTLED_MS);
      const drawnBefore = (await docTimes(panelFrame)).drawn.length;
      const callsBefore = dist(switchId, platform);
      // Clicked in the frame itself: Playwright's actionability waits would be timed otherwise.
      const start = await panelFrame.evaluate((name) => {
        const radio = [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((el) => el.textContent?.trim() === name);
        if (!radio) throw new Error(`no platform tab named ${name}`);
        const t = performance.now();
        radio.click();
        return t;
      }, label);
      await waitDrawn(panelFrame, drawnBefore + 1);
      const f = await docTimes(panelFrame);
      const calls = dist(switchId, platform) - callsBefore;
      report.platformSwitch.push({ step: label, calls, ms: f.drawn[drawnBefore]! - start });
      report.calls[`platform switch → ${label}${expected === 0 ? ' (again)' : ''}`] = { calls, expected };
    }

    // Douyin: one Creator Search per account, however often it is shown.
    await page.goto(douyinUserUrl(FOOD_DOUYIN.secUid));
    await waitDrawn(await panelFrameOf(page), 1);
    await page.reload();
    await waitDrawn(await panelFrameOf(page), 1);
    const second = await context.newPage();
    await second.goto(douyinUserUrl(FOOD_DOUYIN.secUid));
    await waitDrawn(await panelFrameOf(second), 1);
    await second.close();
    report.calls['Douyin account shown 3× (search)'] = { calls: mock.calls({ path: SEARCH_PATH }).length, expected: 1 };
    report.calls['Douyin account shown 3× (distribution)'] = { calls: dist(FOOD_CREATOR_ID), expected: 1 };

    // Pages that are not creator pages.
    for (const [name, url] of NON_CREATOR_PAGES) report.nonCreator[`${name}, with extension`] = await nonCreatorProbe(context, page, url, true);
    report.heap['Xingtu market, with extension'] = report.nonCreator['Xingtu market, with extension']!.heap;
  } finally {
    await launched.close();
  }
}

export async function measureWithout(report: Report): Promise<void> {
  const plain = await launchPlain((url) => report.blocked.push(url));
  const { context } = plain;
  try {
    await context.addInitScript({ content: BENCH_INIT_SCRIPT });
    await routeDouyin(context);
    const page = context.pages()[0] ?? (await context.newPage());
    const id = FOOD_CREATOR_ID;
    await page.goto(creatorPageUrl(id)); // warm-up
    for (let i = 0; i < RUNS; i += 1) {
      await page.goto(creatorPageUrl(id));
      await page.waitForLoadState('load');
      await page.waitForTimeout(150); // as long as the panel takes, so long tasks have the same window
      const t = await docTimes(page);
      report.baseline.creator.push({ fcp: t.fcp, dcl: t.dcl, load: t.load, longTasks: t.longTasks });
    }
    report.heap['creator page, without extension'] = await heapUsed(context, page);
    for (const [name, url] of NON_CREATOR_PAGES) report.nonCreator[`${name}, without extension`] = await nonCreatorProbe(context, page, url, false);
    report.heap['Xingtu market, without extension'] = report.nonCreator['Xingtu market, without extension']!.heap;
  } finally {
    await plain.close();
  }
}
