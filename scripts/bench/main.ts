/**
 * Benchmark: `npm run bench` (= build, then `tsx scripts/bench/main.ts`). Prints one table and
 * writes it, with every sample, to bench-output/bench.json. Issue 5 lists the budgets it checks.
 *
 * Everything runs locally: the mock Just One API on 127.0.0.1, the Xingtu / Douyin fixture pages
 * served at their real URLs by routes for those hosts only (e2e/harness.ts routeFixtureHosts: a
 * catch-all route, as the tests use, would delay every file the panel loads; anything else
 * meets a dead proxy and is counted), the
 * built extension (WXT_OUT_DIR/chrome-mv3, default .output) in headless Debian Chromium.
 *
 * How it measures (no polling in the timings: every time is a User Timing mark or a navigation
 * timestamp, so Playwright's waiting adds nothing; and full loads and popups are not touched
 * until a second after they start, so Playwright's own script is not injected while they run):
 *   - detection: the content script's `xingtu-distribution:detected` mark on the page, made only
 *     on creator pages (utils/shared/perf-marks.ts);
 *   - chart drawn: the `xingtu-distribution:chart-drawn` mark in the panel (or popup) document,
 *     made when Chart.js has completed its first frame (canvas gets `data-drawn`);
 *   - the panel is another process: times are compared as performance.timeOrigin + startTime;
 *   - long tasks: a PerformanceObserver('longtask') installed by an init script in the page and
 *     in the panel frame before anything runs (also in the context without the extension);
 *   - heap: CDP HeapProfiler.collectGarbage + Runtime.getHeapUsage on the page (its isolate
 *     holds the content script's isolated world too) and on the panel frame's process;
 *   - cost without the extension: the same pages in a second Chromium without --load-extension;
 *   - full loads with nothing attached (scripts/bench/unattended-loads.ts): Playwright holds every
 *     new frame, the panel's too, until it has set it up, so its full-load figure runs 10–25 ms
 *     slow; a browser started by hand, driven over its debugging pipe without attaching to any
 *     page, gives the figure the full-load budget is judged on (both are printed).
 *
 * The list page (scripts/bench/lists.ts, in a Chromium of its own): a seeded list of 200 creators
 * with results opened (→ first rows, → every row shown) and used (focus category, sort, filter:
 * each timed inside the page from the click or input event to the end of the next frame, with its
 * long tasks), and a run of 50 fresh creators started with Start until the stored run is 'done',
 * against the mock API's record of each call (its own time, how many, how many at once).
 *
 * The parts, in scripts/bench/: scenarios.ts (what is timed, with and without the extension),
 * page-timing.ts (marks and navigation times: full loads, in-app moves), cdp.ts (traces, heap),
 * non-creator.ts (pages that are not creator pages), setup.ts (init script, fixture routes, the
 * Chromium without the extension, fresh creators), unattended-loads.ts, rows.ts (the table's
 * rows and budgets), table.ts, stats.ts, report.ts (bench.json), lists.ts with list-seed.ts,
 * list-timing.ts and list-run-figures.ts (the list page); sizes come from scripts/bundle-sizes.ts.
 *
 * What the pages pay against the floor (scripts/bench/page-cost.ts, issue 15): the creator page's
 * load event and first paint, the page's heap (a creator page, the Douyin feed) and detection →
 * chart, in browsers started by hand with nothing attached, one per variant (no extension, an
 * extension whose content script only reads the URL, this build, and BENCH_BASELINE's build),
 * their loads interleaved.
 *
 * Env: BENCH_RUNS (default 10) repetitions per timing, CHROMIUM_PATH, WXT_OUT_DIR,
 * BENCH_ONLY=lists to measure only the list page (its rows and the sizes; about half a minute),
 * BENCH_ONLY=page-cost for the page cost alone, BENCH_BASELINE=<another WXT_OUT_DIR> to measure
 * that build interleaved with this one (before / after a change), BENCH_FULL=1 for the page cost
 * with the loads its goals are judged on (at least 20 per browser and mode; pageCostPlan).
 */
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { EXTENSION_DIR, ROOT } from '../../e2e/harness';
import { startMockApi, type MockApi } from '../../e2e/mock-api';
import { readBundle } from '../bundle-sizes';
import { API_KEY, FULL, ONLY, RUNS } from './config';
import { measureLists } from './lists';
import { baselineFromEnv, measurePageCost, pageCostPlan } from './page-cost';
import { writeReport, type Report } from './report';
import { reportRows } from './rows';
import { measureWithExtension, measureWithout } from './scenarios';
import { chromiumVersion, freshCreator } from './setup';
import { printTable } from './table';
import { measureUnattendedLoads } from './unattended-loads';

/** Warm full loads with nothing attached: cheap (a tab each), so twice as many. */
const UNATTENDED_RUNS = RUNS * 2;

async function main(): Promise<void> {
  const started = Date.now();
  const sizes = readBundle(EXTENSION_DIR);
  const report: Report = {
    sizes,
    samples: {},
    popup: [],
    platformSwitch: [],
    calls: {},
    heap: {},
    baseline: { creator: [] },
    nonCreator: {},
    blocked: [],
    panelLoadsDuringMoves: -1,
    tracedTasks: { page: [], extension: [] },
    unattended: null,
    lists: null,
    pageCost: null,
    environment: {
      chromium: chromiumVersion(),
      node: process.version,
      runs: RUNS,
      extension: path.relative(ROOT, EXTENSION_DIR) || EXTENSION_DIR,
      date: new Date().toISOString(),
      cpus: cpus().length,
      loadBefore: loadavg()[0]!.toFixed(2),
    },
  };
  const mock = await startMockApi({ token: API_KEY });
  try {
    process.stdout.write(`bench: ${RUNS} runs per timing, ${report.environment.chromium}${ONLY ? `, only ${ONLY}` : ''}\n`);
    if (ONLY === null) await measurePagesAndPanel(report, mock);
    if (ONLY !== 'lists') {
      process.stdout.write('bench: what the pages pay, interleaved with the floor …\n');
      const ids = Array.from({ length: 4 }, () => freshCreator(mock));
      report.pageCost = await measurePageCost({
        ids,
        ...pageCostPlan(RUNS, FULL),
        apiUrl: mock.url,
        apiKey: API_KEY,
        baselineDir: baselineFromEnv(),
        snapshotDir: path.join(ROOT, 'bench-output', 'heap'),
      });
    }
    if (ONLY !== 'page-cost') {
      process.stdout.write('bench: the list page …\n');
      await measureLists(report, mock);
    }
  } finally {
    await mock.close();
  }

  report.environment.loadAfter = loadavg()[0]!.toFixed(2);
  const rows = reportRows(report, ONLY);
  const table = printTable(rows);
  console.log(`\n${table}\n`);
  const failed = rows.filter((r) => r.ok === false);
  console.log(failed.length ? `${failed.length} budget(s) over: ${failed.map((r) => r.item).join('; ')}` : 'All budgets hold.');
  report.environment.seconds = Math.round((Date.now() - started) / 1000);
  const file = writeReport(rows, table, report);
  console.log(`bench: ${report.environment.seconds} s; written to ${path.relative(process.cwd(), file) || file}`);
  // Timings are reported, not asserted: the exit code says only whether the bench ran.
}

/** Everything but the list page: creator pages, the panel and popup, the cost, the non-creator pages. */
async function measurePagesAndPanel(report: Report, mock: MockApi): Promise<void> {
  process.stdout.write('bench: with the extension …\n');
  await measureWithExtension(report, mock);
  process.stdout.write('bench: without the extension …\n');
  await measureWithout(report);
  process.stdout.write('bench: full loads with nothing attached …\n');
  const unattended = (mode: 'same-tab' | 'new-tabs') =>
    measureUnattendedLoads({ mode, ids: Array.from({ length: 4 }, () => freshCreator(mock)), runs: UNATTENDED_RUNS, apiUrl: mock.url, apiKey: API_KEY });
  const sameTab = await unattended('same-tab');
  const newTabs = sameTab && (await unattended('new-tabs'));
  report.unattended = sameTab && newTabs ? { sameTab, newTabs } : null;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
