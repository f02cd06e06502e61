/**
 * Timings read from the documents themselves (for scripts/bench/main.ts): User Timing marks,
 * navigation timestamps and the long tasks the init script (scripts/bench/setup.ts) records. No
 * polling in the timings: Playwright's waiting adds nothing to them.
 */
import type { Frame, Page } from '@playwright/test';
import { CHART_DRAWN_MARK, CREATOR_KNOWN_MARK, DETECTED_MARK, PANEL_STARTED_MARK } from '../../utils/shared/perf-marks';
import { DEFAULT_QUIET_MS } from '../../utils/views/settle-loads';
import { TIMEOUT } from './config';

export interface LongTask {
  start: number;
  duration: number;
}

interface DocTimes {
  origin: number;
  detected: number[];
  drawn: number[];
  longTasks: LongTask[];
  fcp: number | null;
  dcl: number | null;
  load: number | null;
}

export async function docTimes(target: Page | Frame): Promise<DocTimes> {
  return target.evaluate(
    ([detectedName, drawnName]) => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const w = window as unknown as { __benchLongTasks?: LongTask[] };
      return {
        origin: performance.timeOrigin,
        detected: performance.getEntriesByName(detectedName).map((e) => e.startTime),
        drawn: performance.getEntriesByName(drawnName).map((e) => e.startTime),
        longTasks: w.__benchLongTasks ?? [],
        fcp: fcp ? fcp.startTime : null,
        dcl: nav && nav.domContentLoadedEventEnd > 0 ? nav.domContentLoadedEventEnd : null,
        load: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : null,
      };
    },
    [DETECTED_MARK, CHART_DRAWN_MARK] as const,
  );
}

async function until<T>(what: string, probe: () => T | undefined | null | Promise<T | undefined | null>, timeout = TIMEOUT): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const panelFrameOf = (page: Page): Promise<Frame> =>
  until('the panel iframe', () => page.frames().find((f) => f !== page.mainFrame() && f.url().endsWith('/panel.html')));

/** Wait for the document to hold at least `count` chart-drawn marks. */
export async function waitDrawn(target: Page | Frame, count: number): Promise<void> {
  await target.waitForFunction(([name, n]) => performance.getEntriesByName(name).length >= n, [CHART_DRAWN_MARK, count] as const, {
    timeout: TIMEOUT,
  });
}

async function waitDetected(page: Page, count: number): Promise<void> {
  await page.waitForFunction(([name, n]) => performance.getEntriesByName(name).length >= n, [DETECTED_MARK, count] as const, {
    timeout: TIMEOUT,
  });
}

export interface LoadSample {
  /** Navigation start → detection (content script saw the creator). */
  detect: number;
  /** Detection → chart drawn in the panel. */
  chart: number;
  /** Navigation start → chart drawn. */
  total: number;
  /** Full loads: detection → each step in the panel iframe (see PANEL_STEPS). */
  steps?: Record<PanelStep, number | null>;
  longTasks: { page: LongTask[]; panel: LongTask[] };
  fcp: number | null;
  dcl: number | null;
  load: number | null;
}

/** Where a full load's time goes, in order, each timed from detection. */
export const PANEL_STEPS = {
  start: 'iframe navigation starts',
  parsed: 'panel document parsed',
  code: 'panel code running',
  creator: 'creator known',
} as const;
export type PanelStep = keyof typeof PANEL_STEPS;

/** The panel frame's steps, as absolute times (timeOrigin + startTime); null when missing. */
async function panelSteps(frame: Frame): Promise<Record<PanelStep, number | null>> {
  return frame.evaluate(
    ([startedName, creatorName]) => {
      // No helper functions in here: tsx would wrap them in one the page does not have.
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const parsed = nav && nav.domInteractive > 0 ? nav.domInteractive : null;
      const code = performance.getEntriesByName(startedName)[0]?.startTime ?? null;
      const creator = performance.getEntriesByName(creatorName)[0]?.startTime ?? null;
      const origin = performance.timeOrigin;
      return {
        start: origin,
        parsed: parsed === null ? null : origin + parsed,
        code: code === null ? null : origin + code,
        creator: creator === null ? null : origin + creator,
      };
    },
    [PANEL_STARTED_MARK, CREATOR_KNOWN_MARK] as const,
  );
}

/**
 * How long a full load (and a popup) is left alone before the bench looks at it. Playwright's
 * first evaluation in a document injects its own script: 10–15 ms of main-thread work, which,
 * done while the panel or popup is still starting, was counted as the extension's time.
 */
export const HANDS_OFF_MS = 1_000;

/** A full page load of a creator page, until the panel's chart is drawn. */
export async function fullLoad(page: Page, url: string): Promise<LoadSample> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForTimeout(HANDS_OFF_MS);
  await waitDetected(page, 1);
  const frame = await panelFrameOf(page);
  await waitDrawn(frame, 1);
  await page.waitForLoadState('load');
  await page.waitForTimeout(50); // let the long task observers deliver
  const p = await docTimes(page);
  const f = await docTimes(frame);
  const detectedAbs = p.origin + p.detected[0]!;
  const drawnAbs = f.origin + f.drawn[0]!;
  const abs = await panelSteps(frame);
  const steps = Object.fromEntries(
    (Object.keys(PANEL_STEPS) as PanelStep[]).map((k) => [k, abs[k] === null ? null : abs[k] - detectedAbs]),
  ) as Record<PanelStep, number | null>;
  return {
    detect: p.detected[0]!,
    chart: drawnAbs - detectedAbs,
    total: drawnAbs - p.origin,
    steps,
    longTasks: { page: p.longTasks, panel: f.longTasks },
    fcp: p.fcp,
    dcl: p.dcl,
    load: p.load,
  };
}

/**
 * The panel holds back a request made within DEFAULT_QUIET_MS of the previous one (clicking
 * through creators must not pay for each: utils/views/settle-loads.ts). A user who looks at a
 * creator before moving on is past that window: moves and clicks wait this long first, unless
 * timed as rapid on purpose.
 */
export const SETTLED_MS = DEFAULT_QUIET_MS + 50;

/** An in-app (pushState) move to another creator, the way the Xingtu app does it: a link click. */
export async function spaMove(page: Page, frame: Frame, url: string, pauseMs = SETTLED_MS): Promise<LoadSample> {
  await page.waitForTimeout(pauseMs);
  const before = await docTimes(page);
  const beforeFrame = await docTimes(frame);
  const start = await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = new URL(href).pathname;
    a.setAttribute('data-spa', '');
    document.body.append(a);
    const t = performance.now();
    a.click();
    a.remove();
    return t;
  }, url);
  await waitDetected(page, before.detected.length + 1);
  await waitDrawn(frame, beforeFrame.drawn.length + 1);
  await page.waitForTimeout(50);
  const p = await docTimes(page);
  const f = await docTimes(frame);
  const detectedAbs = p.origin + p.detected[before.detected.length]!;
  const drawnAbs = f.origin + f.drawn[beforeFrame.drawn.length]!;
  return {
    detect: p.detected[before.detected.length]! - start,
    chart: drawnAbs - detectedAbs,
    total: drawnAbs - (p.origin + start),
    longTasks: {
      page: p.longTasks.filter((t) => t.start + t.duration >= start),
      panel: f.longTasks.filter((t) => f.origin + t.start + t.duration >= p.origin + start),
    },
    fcp: null,
    dcl: null,
    load: null,
  };
}
