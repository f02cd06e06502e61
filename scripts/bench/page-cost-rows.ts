/**
 * The table's "page cost" rows (issue 15) from scripts/bench/page-cost.ts: each figure beside
 * its goal, medians and p90 of interleaved loads with nothing attached, and, when a baseline
 * build ran interleaved with this one, before → after.
 */
import { mb, ms, stats, type Stats } from './stats';
import type { AddRow } from './table';
import type { CostLoad, PageCostFigures, VariantCost } from './page-cost';
import type { UnattendedLoad } from './unattended-loads';

/** Goals of issue 15. */
export const PAGE_COST_GOALS = {
  /** Medians and p90 over at least this many loads per browser and mode (BENCH_FULL=1). */
  minLoads: 20,
  /** Load event and first contentful paint: within this factor of the floor … */
  timingFactor: 1.1,
  /** … plus this many ms. */
  timingSlackMs: 5,
  /** JS heap of a creator page: at most this much more than without the extension. */
  creatorHeapBytes: 0.3 * 1024 * 1024,
  /** JS heap of the Douyin feed: at most this much more than the floor. */
  feedHeapOverFloorBytes: 0.05 * 1024 * 1024,
  /** Detection → chart drawn, warm, at p90. */
  chartP90Ms: 100,
  /** The chart may wait for the page's load by at most a frame (median, against the baseline build). */
  chartDelayMs: 1000 / 60,
} as const;

const SECTION = 'page cost';
const numbers = (list: (number | null)[]) => list.filter((x): x is number => x !== null);
const pair = (s: Stats) => `${ms(s.median)} · p90 ${ms(s.p90)}`;
const kb = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / 1024).toFixed(0)} KB`;

/** The most a figure of ours may be, from the floor's: factor × floor + slack. */
export function timingLimit(floor: number): number {
  return floor * PAGE_COST_GOALS.timingFactor + PAGE_COST_GOALS.timingSlackMs;
}

/** Whether a timing meets its goal against the floor, at the median and at p90. */
export function withinFloor(ours: Stats, floor: Stats): boolean {
  return ours.n > 0 && floor.n > 0 && ours.median <= timingLimit(floor.median) && ours.p90 <= timingLimit(floor.p90);
}

export function pageCostRows(figures: PageCostFigures | null, row: AddRow): void {
  if (figures === null) {
    row(SECTION, 'interleaved loads with nothing attached', 'not measured', 'needs openssl (a certificate for the fixture hosts)');
    return;
  }
  const variant = (key: string) => figures.variants.find((v) => v.key === key) ?? null;
  const ours = variant('extension');
  const floor = variant('floor');
  const none = variant('none');
  const before = variant('baseline');
  if (!ours || !floor || !none) return;
  const machine = figures.machineLoad.map((p) => `${p.phase} ${p.before.toFixed(1)}→${p.after.toFixed(1)}`).join(', ');
  const few = figures.runs < PAGE_COST_GOALS.minLoads ? ` (the goals are judged on ≥ ${PAGE_COST_GOALS.minLoads}: BENCH_FULL=1)` : '';
  row(
    SECTION,
    'how',
    `${figures.runs} loads per browser and mode${few}`,
    `interleaved, one browser each: ${figures.variants.map((v) => v.label).join(' / ')}; heap ${figures.heapRuns}× per page; load average ${machine}`,
  );

  const modes = [
    ['sameTab', 'same tab'],
    ['sameTabFromMarket', 'same tab, from a page without the panel'],
    ['newTab', 'new tab'],
  ] as const;
  for (const [mode, label] of modes) {
    if (figures.variants.every((v) => v[mode].length === 0)) continue; // not measured (BENCH_FULL=1 measures every mode)
    for (const [key, name] of [
      ['load', 'load event'],
      ['fcp', 'first contentful paint'],
    ] as const) {
      const of = (v: VariantCost) => stats(numbers(v[mode].map((l: CostLoad) => l[key])));
      const [o, f, n] = [of(ours), of(floor), of(none)];
      const was = before ? ` · before ${pair(of(before))}` : '';
      row(
        SECTION,
        `creator page ${name}, ${label}`,
        pair(o),
        `floor ${pair(f)} · no extension ${pair(n)}${was}`,
        `≤ floor × 1.1 + 5 ms (${ms(timingLimit(f.median))} · p90 ${ms(timingLimit(f.p90))})`,
        withinFloor(o, f),
      );
    }
  }

  // What comes before the content script runs: a creator page left for another is torn down in
  // the next one's commit (a page with an extension frame is not kept in the back/forward cache).
  const dcl = (v: VariantCost, mode: 'sameTab' | 'sameTabFromMarket') => {
    const s = stats(numbers(v[mode].map((l) => l.dcl)));
    return s.n > 0 ? ms(s.median) : '—';
  };
  row(
    SECTION,
    'DOMContentLoaded (before the content script runs), same tab: from a creator page / from the market',
    `${dcl(ours, 'sameTab')} / ${dcl(ours, 'sameTabFromMarket')}`,
    `floor ${dcl(floor, 'sameTab')} / ${dcl(floor, 'sameTabFromMarket')}${before ? ` · before ${dcl(before, 'sameTab')} / ${dcl(before, 'sameTabFromMarket')}` : ''}: the creator page before, holding the panel frame, is not kept in the back/forward cache`,
  );

  const median = (list: number[]) => stats(list).median;
  const heap = (v: VariantCost, page: 'heapCreator' | 'heapFeed') => median(v[page]);
  const creatorOver = heap(ours, 'heapCreator') - heap(none, 'heapCreator');
  row(
    SECTION,
    'creator page JS heap (page process, after GC), over no extension',
    kb(creatorOver),
    `${mb(heap(ours, 'heapCreator'))} · floor ${mb(heap(floor, 'heapCreator'))} (${kb(heap(floor, 'heapCreator') - heap(none, 'heapCreator'))}) · no extension ${mb(heap(none, 'heapCreator'))}${before ? ` · before ${kb(heap(before, 'heapCreator') - heap(none, 'heapCreator'))}` : ''}`,
    `≤ +${(PAGE_COST_GOALS.creatorHeapBytes / 1024).toFixed(0)} KB (0.3 MB)`,
    creatorOver <= PAGE_COST_GOALS.creatorHeapBytes,
  );
  const feedOver = heap(ours, 'heapFeed') - heap(floor, 'heapFeed');
  row(
    SECTION,
    'Douyin feed JS heap, over the floor',
    kb(feedOver),
    `${mb(heap(ours, 'heapFeed'))} · floor ${mb(heap(floor, 'heapFeed'))} · no extension ${mb(heap(none, 'heapFeed'))}${before ? ` · before ${kb(heap(before, 'heapFeed') - heap(floor, 'heapFeed'))}` : ''}`,
    `≤ floor + ${(PAGE_COST_GOALS.feedHeapOverFloorBytes / 1024).toFixed(0)} KB (0.05 MB)`,
    feedOver <= PAGE_COST_GOALS.feedHeapOverFloorBytes,
  );
  const after = (v: VariantCost, key: 'heapAfterRun') => (v[key] === null ? '—' : mb(v[key]));
  row(
    SECTION,
    'same-tab page JS heap after its run of loads',
    after(ours, 'heapAfterRun'),
    `floor ${after(floor, 'heapAfterRun')} · no extension ${after(none, 'heapAfterRun')}${before ? ` · before ${after(before, 'heapAfterRun')}` : ''} (pages kept in the back/forward cache count)`,
  );

  const chartModes = [
    ['panelSameTab', 'same tab'],
    ['panelNewTab', 'new tab'],
  ] as const;
  for (const [mode, label] of chartModes) {
    const of = (v: VariantCost, k: keyof UnattendedLoad = 'chart') => stats(numbers(v[mode].map((l) => l[k])));
    const chart = of(ours);
    const steps = `panel code running ${ms(of(ours, 'started').median)} → creator known ${ms(of(ours, 'creator').median)}`;
    row(
      SECTION,
      `detection → chart drawn, warm, ${label}`,
      pair(chart),
      `${steps}; ${ours[mode].length - chart.n} without a chart${before ? ` · before ${pair(of(before))}` : ''}`,
      `≤ ${PAGE_COST_GOALS.chartP90Ms} ms p90`,
      chart.n > 0 && chart.n === ours[mode].length && chart.p90 <= PAGE_COST_GOALS.chartP90Ms,
    );
    if (before) {
      const delay = chart.median - of(before).median;
      row(
        SECTION,
        `the chart waits for the page: after − before, ${label}, median`,
        `${delay >= 0 ? '+' : '−'}${Math.abs(delay).toFixed(1)} ms`,
        'the panel frame is made after the page’s load event (utils/page/mount-timing.ts)',
        '≤ one frame (16.7 ms)',
        delay <= PAGE_COST_GOALS.chartDelayMs,
      );
    }
  }

  for (const { key, diff } of figures.snapshots) {
    const top = diff.grew
      .slice(0, 6)
      .map((g) => `${g.group} ${kb(g.size)}`)
      .join(', ');
    row(SECTION, `heap snapshot, creator page: ${key} beyond no extension`, kb(diff.total - diff.baseTotal), `all objects, Blink's and external strings included (bench-output/heap/); most: ${top}`);
  }
}
