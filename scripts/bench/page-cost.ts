/**
 * What the pages pay for the extension (issue 15), against the floor: the same browser with an
 * extension whose content script only reads the URL (scripts/bench/floor-extension.ts).
 *
 * One Chromium per variant (no extension, the floor, the extension measured, and with
 * BENCH_BASELINE=<WXT_OUT_DIR of another build> that build too), each started by hand with
 * nothing attached to its pages (scripts/bench/pipe-cdp.ts), all fed by one fixture server
 * (scripts/bench/fixture-server.ts). The loads are interleaved: round after round, each variant
 * loads the same page once, one load at a time, the order rotating each round, so a busy spell on
 * the machine falls on all of them alike.
 *
 *   - load event and first contentful paint: read by the page itself (a script the server adds
 *     to every fixture page, in every variant) a second after `load`, and posted back;
 *   - same tab: the page asks the server where to go next (a request the bench answers when it
 *     is that variant's turn) and goes there itself, as a click would: from creator page to
 *     creator page, then again with the market page (no panel) between them; new tab: each load
 *     in a tab of its own (Target.createTarget), closed after;
 *   - detection → chart: User Timing marks from a browser-wide trace (unattended-loads.ts);
 *   - heap: each page in a new tab, then attached to (only now), two full GCs, Runtime.getHeapUsage
 *     on its isolate (the page's own world and every content script's world); a creator page and
 *     the Douyin feed (not a creator page);
 *   - one heap snapshot of a creator page per variant, summarised against the page without the
 *     extension (scripts/bench/heap-snapshot.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { EXTENSION_DIR, MARKET_URL, ROOT, creatorPageUrl } from '../../e2e/harness';
import { DOUYIN_ORIGIN } from '../../e2e/douyin-pages';
import { writeFloorExtension } from './floor-extension';
import { PAGE_COST_GOALS } from './page-cost-rows';
import { startFixtureServer } from './fixture-server';
import { diffSnapshots, takeHeapSnapshot, type SnapshotDiff } from './heap-snapshot';
import { pageHeapUsed, seedExtensionSettings, sleep, startPipeChromium, startTrace, type PipeBrowser } from './pipe-cdp';
import { loadsFromMarks, type UnattendedLoad } from './unattended-loads';

/** The page that is not a creator page: the Douyin feed. */
export const FEED_URL = `${DOUYIN_ORIGIN}/discover`;

export interface CostVariant {
  key: string;
  label: string;
  /** The unpacked extension, or null for a browser without any. */
  extensionDir: string | null;
  /** Our extension (a build of this project): its settings are seeded and its panel marks read. */
  ours: boolean;
}

/** A load as the page saw it: from navigation start, ms (null: it did not happen). */
export interface CostLoad {
  load: number | null;
  fcp: number | null;
  dcl: number | null;
}

export interface VariantCost {
  key: string;
  label: string;
  ours: boolean;
  sameTab: CostLoad[];
  /** Same tab, each creator page coming from a page that never had the panel (the market). */
  sameTabFromMarket: CostLoad[];
  newTab: CostLoad[];
  /** Detection → the panel's marks (our builds only). */
  panelSameTab: UnattendedLoad[];
  panelNewTab: UnattendedLoad[];
  /** JS heap after GC, bytes. */
  heapCreator: number[];
  heapFeed: number[];
  /** JS heap of the same-tab page after its whole run of loads (what the back/forward cache keeps counts too). */
  heapAfterRun: number | null;
}

export interface PageCostFigures {
  variants: VariantCost[];
  /** Timed loads per variant and mode; heap samples per variant and page. */
  runs: number;
  heapRuns: number;
  /** The machine's 1-minute load average at the start and end of each phase. */
  machineLoad: { phase: string; before: number; after: number }[];
  /** A creator page's heap snapshot per variant, against the page without the extension. */
  snapshots: { key: string; diff: SnapshotDiff }[];
}

/** The loads the page-cost part makes (scripts/bench/main.ts passes it on). */
export interface PageCostPlan {
  /** Timed loads per browser and mode. */
  runs: number;
  /** Heap samples per browser and page. */
  heapRuns: number;
  /** Also the same-tab mode with the market page between creator pages (twice the loads). */
  fromMarket: boolean;
}

/**
 * How many loads: with `full` (BENCH_FULL=1) at least PAGE_COST_GOALS.minLoads per browser and mode, the heap
 * `runs` times, and the mode from the market page; without, `runs` loads (BENCH_RUNS, default 10),
 * the heap at most 5 times (its figures repeat to the kilobyte) and no market mode: a few minutes
 * instead of about eight.
 */
export function pageCostPlan(runs: number, full: boolean): PageCostPlan {
  return full ? { runs: Math.max(PAGE_COST_GOALS.minLoads, runs * 2), heapRuns: runs, fromMarket: true } : { runs, heapRuns: Math.min(runs, 5), fromMarket: false };
}

export interface PageCostOptions extends PageCostPlan {
  /** Creators the mock API knows (each loaded once cold first, not counted). */
  ids: readonly string[];
  apiUrl: string;
  apiKey: string;
  /** Another build of the extension to compare with (interleaved), e.g. the commit before a change. */
  baselineDir: string | null;
  /** How long a page stays after `load` before it reports (the panel draws meanwhile). */
  dwellMs?: number;
  /** Where the heap snapshots are written (<variant>-creator.heapsnapshot, for DevTools' Memory panel); none when unset. */
  snapshotDir?: string;
  /** More browsers to interleave (other builds or hand-made extensions, while working on the cost). */
  extraVariants?: CostVariant[];
  /** Only these parts (default: all); the heap alone takes a minute. */
  phases?: readonly CostPhase[];
}

export const COST_PHASES = ['same tab', 'new tab', 'heap', 'heap snapshots'] as const;
export type CostPhase = (typeof COST_PHASES)[number];

const REPORT_TIMEOUT_MS = 20_000;

/** The script every fixture page gets: it reports its own timings after load, then asks where to go. */
export function probeScript(query: string, dwellMs: number, goOn: boolean): string {
  return `<script>addEventListener('load', () => setTimeout(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const body = JSON.stringify({
    load: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : null,
    dcl: nav && nav.domContentLoadedEventEnd > 0 ? nav.domContentLoadedEventEnd : null,
    fcp: paint ? paint.startTime : null,
  });
  fetch('/__bench/report?${query}', { method: 'POST', body })${goOn ? `
    .then(() => fetch('/__bench/next?${query}')).then((r) => r.text()).then((next) => { if (next) location.assign(next); })` : ''};
}, ${dwellMs}));</script>`;
}

/** Parse what a page posted (anything else: a load with no figures). */
export function parseCostLoad(raw: string): CostLoad {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  try {
    const data = JSON.parse(raw) as Record<string, unknown>;
    return { load: num(data.load), fcp: num(data.fcp), dcl: num(data.dcl) };
  } catch {
    return { load: null, fcp: null, dcl: null };
  }
}

/** The bench's side of the pages' requests: reports coming in, and where each variant's tab goes next. */
class Turns {
  private readonly waiting = new Map<string, ServerResponse>();
  private readonly queued = new Map<string, string>();
  private readonly reports = new Map<string, (load: CostLoad) => void>();

  handle = (url: URL, req: IncomingMessage, res: ServerResponse): boolean => {
    if (!url.pathname.startsWith('/__bench/')) return false;
    const variant = url.searchParams.get('b') ?? '';
    if (url.pathname === '/__bench/report') {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        res.writeHead(204).end();
        const resolve = this.reports.get(variant);
        this.reports.delete(variant);
        resolve?.(parseCostLoad(raw));
      });
      return true;
    }
    const next = this.queued.get(variant);
    this.queued.delete(variant);
    if (next === undefined) this.waiting.set(variant, res);
    else res.writeHead(200, { 'content-type': 'text/plain' }).end(next);
    return true;
  };

  /** The next report of `variant`'s page. */
  report(variant: string): Promise<CostLoad> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench: no report from ${variant} in ${REPORT_TIMEOUT_MS} ms`)), REPORT_TIMEOUT_MS);
      this.reports.set(variant, (load) => {
        clearTimeout(timer);
        resolve(load);
      });
    });
  }

  /** Send `variant`'s tab (waiting after its last report) to `url`. */
  go(variant: string, url: string): void {
    const res = this.waiting.get(variant);
    this.waiting.delete(variant);
    if (res) res.writeHead(200, { 'content-type': 'text/plain' }).end(url);
    else this.queued.set(variant, url);
  }

  /** Let waiting pages go (they stay where they are). */
  release(): void {
    for (const res of this.waiting.values()) res.writeHead(200).end('');
    this.waiting.clear();
  }
}

/** BENCH_BASELINE: the WXT_OUT_DIR of another build to measure interleaved with this one (its chrome-mv3), or null. */
export function baselineFromEnv(value = process.env.BENCH_BASELINE): string | null {
  if (value === undefined || value === '') return null;
  const dir = path.resolve(ROOT, value, 'chrome-mv3');
  if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error(`BENCH_BASELINE=${value}: no built extension at ${dir}`);
  return dir;
}

/** The variants measured: no extension, the floor, the baseline build (when given), and ours. */
export function costVariants(floorDir: string, baselineDir: string | null): CostVariant[] {
  return [
    { key: 'none', label: 'no extension', extensionDir: null, ours: false },
    { key: 'floor', label: 'floor (content script reads the URL)', extensionDir: floorDir, ours: false },
    ...(baselineDir ? [{ key: 'baseline', label: `baseline (${path.basename(path.dirname(baselineDir))})`, extensionDir: baselineDir, ours: true }] : []),
    { key: 'extension', label: 'this build', extensionDir: EXTENSION_DIR, ours: true },
  ];
}

/** The order of round `round`: rotated, so each variant is first (and last) as often as the others. */
export function roundOrder<T>(list: readonly T[], round: number): T[] {
  const k = round % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

const markUrl = (url: string, params: Record<string, string>) => {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
};

export async function measurePageCost(options: PageCostOptions): Promise<PageCostFigures | null> {
  const dir = mkdtempSync(path.join(tmpdir(), 'xdp-page-cost-'));
  const dwell = options.dwellMs ?? 1_000;
  const turns = new Turns();
  const server = await startFixtureServer({
    dir,
    handle: turns.handle,
    transform: (url, body) => {
      const variant = url.searchParams.get('bench-b');
      if (variant === null) return body;
      const query = new URLSearchParams({ b: variant }).toString();
      return body.replace('</body>', `${probeScript(query, dwell, url.searchParams.get('bench-tab') !== 'new')}</body>`);
    },
  });
  if (!server) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  const variants = [...costVariants(writeFloorExtension(path.join(dir, 'floor')), options.baselineDir), ...(options.extraVariants ?? [])];
  const browsers = new Map<string, PipeBrowser>();
  const figures: PageCostFigures = { variants: [], runs: options.runs, heapRuns: options.heapRuns, machineLoad: [], snapshots: [] };
  const results = new Map<string, VariantCost>(
    variants.map((v) => [v.key, { key: v.key, label: v.label, ours: v.ours, sameTab: [], sameTabFromMarket: [], newTab: [], panelSameTab: [], panelNewTab: [], heapCreator: [], heapFeed: [], heapAfterRun: null }]),
  );
  const phase = async (name: CostPhase, run: () => Promise<void>) => {
    if (options.phases && !options.phases.includes(name)) return;
    const before = loadavg()[0]!;
    await run();
    figures.machineLoad.push({ phase: name, before, after: loadavg()[0]! });
  };
  const creator = (i: number) => creatorPageUrl(options.ids[i % options.ids.length]!);

  try {
    for (const v of variants) {
      browsers.set(v.key, startPipeChromium({ extensionDir: v.extensionDir, hostRules: server.hostRules, userDataDir: path.join(dir, `profile-${v.key}`) }));
    }
    for (const v of variants) if (v.ours) await seedExtensionSettings(browsers.get(v.key)!.cdp, options.apiUrl, options.apiKey);

    /** One load in a new tab of `v`'s browser: its report, then `after` (a heap measurement), then closed. */
    const inNewTab = async <T>(v: CostVariant, url: string, after: (targetId: string) => Promise<T>): Promise<{ load: CostLoad; value: T }> => {
      const { cdp } = browsers.get(v.key)!;
      const report = turns.report(v.key);
      const { targetId } = (await cdp.send('Target.createTarget', { url: markUrl(url, { 'bench-b': v.key, 'bench-tab': 'new' }) })) as { targetId: string };
      try {
        const load = await report;
        return { load, value: await after(targetId) };
      } finally {
        await cdp.send('Target.closeTarget', { targetId });
      }
    };

    // Same tab: each browser's tab loads every creator once cold (their answers cached), then waits for its turns.
    await phase('same tab', async () => {
      const tabs = new Map<string, string>();
      for (const v of variants) {
        const report = turns.report(v.key);
        const { targetId } = (await browsers.get(v.key)!.cdp.send('Target.createTarget', { url: markUrl(creator(0), { 'bench-b': v.key }) })) as { targetId: string };
        tabs.set(v.key, targetId);
        await report;
        for (let i = 1; i < options.ids.length; i += 1) {
          const next = turns.report(v.key);
          turns.go(v.key, markUrl(creator(i), { 'bench-b': v.key }));
          await next;
        }
      }
      const traces = new Map(await Promise.all(variants.filter((v) => v.ours).map(async (v) => [v.key, await startTrace(browsers.get(v.key)!.cdp, ['blink.user_timing'])] as const)));
      for (let round = 0; round < options.runs; round += 1) {
        for (const v of roundOrder(variants, round)) {
          const report = turns.report(v.key);
          turns.go(v.key, markUrl(creator(round), { 'bench-b': v.key, 'bench-i': String(round) }));
          results.get(v.key)!.sameTab.push(await report);
        }
      }
      for (const [key, end] of traces) results.get(key)!.panelSameTab = loadsFromMarks(await end());
      for (const v of variants) results.get(v.key)!.heapAfterRun = await pageHeapUsed(browsers.get(v.key)!.cdp, tabs.get(v.key)!);
      // The same, each creator page coming from a page that never had the panel (the market, not
      // timed): a page holding an extension frame is not kept in the back/forward cache, so the
      // creator page before is torn down while the next one commits; the market page is kept.
      for (let round = 0; options.fromMarket && round < options.runs; round += 1) {
        for (const v of roundOrder(variants, round)) {
          const market = turns.report(v.key);
          turns.go(v.key, markUrl(MARKET_URL, { 'bench-b': v.key }));
          await market;
          const report = turns.report(v.key);
          turns.go(v.key, markUrl(creator(round), { 'bench-b': v.key, 'bench-i': String(round) }));
          results.get(v.key)!.sameTabFromMarket.push(await report);
        }
      }
      turns.release();
    });

    await phase('new tab', async () => {
      const traces = new Map(await Promise.all(variants.filter((v) => v.ours).map(async (v) => [v.key, await startTrace(browsers.get(v.key)!.cdp, ['blink.user_timing'])] as const)));
      for (let round = 0; round < options.runs; round += 1) {
        for (const v of roundOrder(variants, round)) results.get(v.key)!.newTab.push((await inNewTab(v, creator(round), async () => null)).load);
      }
      for (const [key, end] of traces) results.get(key)!.panelNewTab = loadsFromMarks(await end());
    });

    await phase('heap', async () => {
      for (let round = 0; round < options.heapRuns; round += 1) {
        for (const v of roundOrder(variants, round)) {
          const { cdp } = browsers.get(v.key)!;
          results.get(v.key)!.heapCreator.push((await inNewTab(v, creator(round), (id) => pageHeapUsed(cdp, id))).value);
          results.get(v.key)!.heapFeed.push((await inNewTab(v, FEED_URL, (id) => pageHeapUsed(cdp, id))).value);
        }
      }
    });

    await phase('heap snapshots', async () => {
      const snapshots = new Map<string, string>();
      for (const v of variants) {
        const { cdp } = browsers.get(v.key)!;
        const json = (await inNewTab(v, creator(0), (id) => takeHeapSnapshot(cdp, id))).value;
        snapshots.set(v.key, json);
        if (options.snapshotDir) {
          mkdirSync(options.snapshotDir, { recursive: true });
          writeFileSync(path.join(options.snapshotDir, `${v.key}-creator.heapsnapshot`), json);
        }
      }
      const base = snapshots.get('none')!;
      for (const v of variants) if (v.key !== 'none') figures.snapshots.push({ key: v.key, diff: diffSnapshots(base, snapshots.get(v.key)!) });
    });

    figures.variants = variants.map((v) => results.get(v.key)!);
    return figures;
  } finally {
    turns.release();
    for (const b of browsers.values()) b.kill();
    server.close();
    await sleep(300);
    rmSync(dir, { recursive: true, force: true });
  }
}
