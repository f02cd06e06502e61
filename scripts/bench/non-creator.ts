/**
 * Pages that are not creator pages (for scripts/bench/main.ts): with the extension, nothing may
 * be created on them and nothing of the content script may keep running.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { MARKET_URL, PANEL_HOST_TAG } from '../../e2e/harness';
import { DOUYIN_ORIGIN } from '../../e2e/douyin-pages';
import { heapUsed, traceDuring } from './cdp';
import { RUNS } from './config';
import { docTimes, type LongTask } from './page-timing';

export const NON_CREATOR_PAGES: [string, string][] = [
  ['Xingtu market', MARKET_URL],
  ['Douyin discover', `${DOUYIN_ORIGIN}/discover`],
];

export interface NonCreatorResult {
  loads: number;
  /** Loads on which a panel host / an extra frame / a detection mark existed. */
  panelHosts: number;
  extraFrames: number;
  detections: number;
  longTasks: LongTask[];
  elements: number;
  /** List page badges and their bar (elements of their own, in closed shadow roots). */
  badges: number;
  heap: number;
  /** From a trace of one more load (with the extension only): what the content script ran. */
  trace?: {
    /** Content script evaluations at load, and their time (compile included). */
    loadRuns: number;
    loadMs: number;
    /** Calls into content script code while 500 DOM nodes were added and the page sat 1 s idle. */
    quietCalls: number;
  };
}

const CONTENT_SCRIPT_PATH = '/content-scripts/';
const QUIET_MARK = 'bench:quiet';

/** Run a few DOM mutations and stay idle: what would wake an observer or a timer. */
async function mutateAndIdle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const box = document.createElement('div');
    document.body.append(box);
    for (let i = 0; i < 500; i += 1) {
      const el = document.createElement('span');
      el.textContent = String(i);
      box.append(el);
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    box.remove();
  });
  await page.waitForTimeout(1_000);
}

/** Load a page that is not a creator page RUNS times (and once more, traced, with the extension). */
export async function nonCreatorProbe(context: BrowserContext, page: Page, url: string, traced: boolean): Promise<NonCreatorResult> {
  const result: NonCreatorResult = { loads: 0, panelHosts: 0, extraFrames: 0, detections: 0, longTasks: [], elements: 0, badges: 0, heap: 0 };
  for (let i = 0; i < RUNS; i += 1) {
    await page.goto(url);
    await page.waitForLoadState('load');
    await page.waitForTimeout(200);
    const t = await docTimes(page);
    result.loads += 1;
    if ((await page.locator(PANEL_HOST_TAG).count()) > 0) result.panelHosts += 1;
    if (page.frames().length > 1) result.extraFrames += 1;
    if (t.detected.length > 0) result.detections += 1;
    result.longTasks.push(...t.longTasks);
  }
  // The market is a list page: its badges (issue 14) are counted apart from the rest.
  [result.elements, result.badges] = await page.evaluate(() => [
    document.getElementsByTagName('*').length,
    document.querySelectorAll('xdp-list-badge, xdp-list-badges-bar').length,
  ]);

  result.heap = await heapUsed(context, page);
  if (!traced) return result;

  // Any timer, observer or listener of the content script that runs shows in the trace as a
  // call (FunctionCall) into its script; its evaluation at load is an EvaluateScript.
  const events = await traceDuring(context, page, async () => {
    await page.goto(url);
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    await page.evaluate((name) => performance.mark(name), QUIET_MARK);
    await mutateAndIdle(page);
  });
  const quiet = events.find((e) => e.name === QUIET_MARK)?.ts ?? Number.POSITIVE_INFINITY;
  const ours = events.filter((e) => e.ph === 'X' && (e.args?.data?.url ?? '').includes(CONTENT_SCRIPT_PATH));
  const runs = ours.filter((e) => e.name === 'EvaluateScript' && e.ts < quiet);
  const calls = ours.filter((e) => e.name === 'FunctionCall');
  result.trace = {
    loadRuns: runs.length,
    loadMs: runs.reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000,
    quietCalls: calls.filter((e) => e.ts >= quiet).length,
  };
  return result;
}
