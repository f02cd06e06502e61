/**
 * The benchmark's table rows (scripts/bench/main.ts), from what it measured: each section of
 * the table (env, size, time, long tasks, API calls, cost, non-creator) with its budgets.
 */
import { DEFAULT_QUIET_MS } from '../../utils/views/settle-loads';
import { DEPENDENCY_SIGNATURES, SIZE_BUDGETS, kb, type BundleReport } from '../bundle-sizes';
import { RUNS, type Only } from './config';
import { listRows } from './list-rows';
import { NON_CREATOR_PAGES } from './non-creator';
import { pageCostRows } from './page-cost-rows';
import { PANEL_STEPS, type LongTask, type PanelStep } from './page-timing';
import type { Report } from './report';
import { SCENARIOS } from './scenarios';
import { mb, ms, spread, stats } from './stats';
import { collectRows, type AddRow, type Row } from './table';
import type { UnattendedLoad } from './unattended-loads';

/** Every row of the table, in its order; `only`: the environment, sizes and that section alone. */
export function reportRows(report: Report, only: Only | null = null): Row[] {
  const { rows, row } = collectRows();
  envRows(report, row);
  sizeRows(report.sizes, row);
  if (only === null) {
    timingRows(report, row);
    longTaskRows(report, row);
    callRows(report, row);
    costRows(report, row);
    nonCreatorRows(report, row);
  }
  if (only !== 'lists') pageCostRows(report.pageCost, row);
  if (only !== 'page-cost') listRows(report.lists, row);
  return rows;
}

function envRows(report: Report, row: AddRow): void {
  const env = report.environment;
  row('env', 'browser / machine', String(env.chromium).replace(/ built on .*/, ''), `${env.cpus} CPUs, load average ${env.loadBefore} → ${env.loadAfter}; ${RUNS} runs per timing; node ${env.node}`);
  row('env', 'requests to anything but 127.0.0.1 and fixture pages', String(report.blocked.length), 'everything else went to 127.0.0.1 (mock API) or was a fixture page', '0', report.blocked.length === 0);
}

function sizeRows(sizes: BundleReport, row: AddRow): void {
  for (const f of sizes.files) {
    const budget = f.kind === 'content script' ? SIZE_BUDGETS.contentScript : f.kind === 'background' ? SIZE_BUDGETS.background : SIZE_BUDGETS.anyFile;
    const deps = f.dependencies.length ? ` · ${f.dependencies.join(', ')}` : '';
    const loaded = f.loadedBy.length ? ` · ${f.loadedBy.join(', ')}` : '';
    row('size', `${f.kind}: ${f.file}`, `${kb(f.gzip)} gz`, `${kb(f.raw)} raw${loaded}${deps}`, `≤ ${kb(budget)} gz`, f.gzip <= budget);
  }
  const caps = { panel: SIZE_BUDGETS.panelPage, popup: SIZE_BUDGETS.popupPage, options: SIZE_BUDGETS.optionsPage, list: SIZE_BUDGETS.listPage } as const;
  for (const [entry, cap] of Object.entries(caps)) {
    const t = sizes.entryTotals[entry as keyof typeof caps];
    row('size', `${entry} page loads in total`, `${kb(t.gzip)} gz`, `${kb(t.raw)} raw · ${t.files.length} files`, `≤ ${kb(cap)} gz`, t.gzip <= cap);
  }
  const js = sizes.files.filter((f) => f.file.endsWith('.js'));
  for (const dep of Object.keys(DEPENDENCY_SIGNATURES)) {
    const inFiles = js.filter((f) => f.dependencies.includes(dep));
    if (dep === 'chart.js') {
      chartCopiesRow(inFiles, row);
      continue;
    }
    const inPages = inFiles.filter((f) => f.file.startsWith('chunks/'));
    const once = dep === 'preact' ? inFiles.length === 1 : inPages.length <= 1;
    const inContent = inFiles.some((f) => f.kind === 'content script');
    row(
      'size',
      `bundled once: ${dep}`,
      `${inFiles.length} file${inFiles.length === 1 ? '' : 's'}`,
      inFiles.map((f) => f.file).join(', ') || '—',
      dep === 'preact' ? 'exactly 1, not in content script' : '≤ 1 page chunk',
      once && !inContent,
    );
  }
}

/**
 * Chart.js is in two chunks on purpose (scripts/list-chart-plugin.ts): the doughnut copy of the
 * panel and the popup, the bar copy of the list page (the options page's usage chart shares it);
 * no page may load both, and the content script neither (e2e/bundle.spec.ts checks the same).
 */
function chartCopiesRow(inFiles: BundleReport['files'], row: AddRow): void {
  const loadsBoth = [...new Set(inFiles.flatMap((f) => f.loadedBy))].filter((entry) => inFiles.filter((f) => f.loadedBy.includes(entry)).length > 1);
  const ok = inFiles.length >= 1 && inFiles.length <= 2 && inFiles.every((f) => f.file.startsWith('chunks/')) && loadsBoth.length === 0;
  row(
    'size',
    'Chart.js: two copies, no page loads both',
    `${inFiles.length} file${inFiles.length === 1 ? '' : 's'}`,
    `${inFiles.map((f) => `${f.file} (${f.loadedBy.join(', ') || 'nothing'})`).join(', ') || '—'}${loadsBoth.length ? ` · both loaded by ${loadsBoth.join(', ')}` : ''}`,
    '≤ 2 chunks, none in content script, no page loads both',
    ok,
  );
}

function timingRows(report: Report, row: AddRow): void {
  const s = report.samples;
  const label = SCENARIOS;
  for (const key of Object.keys(label)) {
    const list = s[key] ?? [];
    const detect = stats(list.map((x) => x.detect));
    const chart = stats(list.map((x) => x.chart));
    const total = stats(list.map((x) => x.total));
    // The full-load budget is judged on the loads nothing is attached to (below), when they ran.
    const reference = key === 'load warm' && report.unattended !== null;
    const warm = (key === 'load warm' && !reference) || key === 'spa warm';
    const ok = warm ? chart.median <= 100 : null;
    row('time', `${label[key]}: navigation → detection`, ms(detect.median), spread(detect));
    const note = key === 'spa rapid' ? `cached: no ${DEFAULT_QUIET_MS} ms settle wait` : reference ? 'Playwright attached: see below' : '';
    row('time', `${label[key]}: detection → chart drawn`, ms(chart.median), spread(chart), warm ? '≤ 100 ms median' : note, ok);
    row('time', `${label[key]}: navigation → chart drawn`, ms(total.median), spread(total));
    const withSteps = list.filter((x) => x.steps !== undefined);
    if (withSteps.length) {
      const parts = (Object.keys(PANEL_STEPS) as PanelStep[]).map((k) => {
        const st = stats(withSteps.map((x) => x.steps?.[k]).filter((x): x is number => typeof x === 'number'));
        return `${PANEL_STEPS[k]} ${ms(st.median)}`;
      });
      row('time', `${label[key]}: after detection (medians)`, parts.join(' → '), `→ chart drawn ${ms(chart.median)}`);
    }
  }
  if (report.unattended === null) {
    row('time', 'Xingtu page load, warm (cache), nothing attached', 'not measured', 'needs openssl (a certificate for the fixture hosts)');
  } else {
    const kinds = [
      ['sameTab', 'Xingtu page load in the same tab, warm, nothing attached', true],
      ['newTabs', 'Xingtu page opened in a new tab, warm, nothing attached', false],
    ] as const;
    for (const [kind, label, judged] of kinds) {
      const loads = report.unattended[kind];
      const of = (k: keyof UnattendedLoad) => stats(loads.map((l) => l[k]).filter((x): x is number => x !== null));
      const drawn = of('chart');
      const ok = judged ? drawn.n === loads.length && drawn.median <= 100 : null;
        row('time', `${label}: detection → chart drawn`, ms(drawn.median), `${spread(drawn)}; ${loads.length - drawn.n} without a chart`, judged ? '≤ 100 ms median' : 'a new page process each time', ok);
      row('time', `${label}: after detection (medians)`, `panel code running ${ms(of('started').median)} → creator known ${ms(of('creator').median)}`, `→ chart drawn ${ms(drawn.median)}`);
    }
  }
  const table = stats(report.popup.map((p) => p.table));
  const chart = stats(report.popup.map((p) => p.chart));
  row('time', 'popup with cached data: open → table rows in DOM', ms(table.median), spread(table), '< 150 ms median', table.median < 150);
  row('time', 'popup with cached data: open → chart drawn', ms(chart.median), spread(chart));
  row(
    'time',
    `panel iframe loads during ${['spa cold', 'spa warm', 'spa rapid'].reduce((n, k) => n + (s[k]?.length ?? 0), 0)} in-app moves`,
    String(report.panelLoadsDuringMoves),
    'Preact and Chart.js load once per tab',
    '0',
    report.panelLoadsDuringMoves === 0,
  );
  for (const p of report.platformSwitch) row('time', `platform switch → ${p.step}: click → chart drawn`, ms(p.ms), `${p.calls} API call${p.calls === 1 ? '' : 's'}`);
}

function longTaskRows(report: Report, row: AddRow): void {
  const over = (list: LongTask[]) => list.filter((t) => t.duration > 50);
  const longest = (list: LongTask[]) => (list.length ? ms(Math.max(...list.map((t) => t.duration))) : '—');
  let pageOver = 0;
  let pageLoads = 0;
  let panelOver = 0;
  for (const [key, label] of Object.entries(SCENARIOS)) {
    const list = report.samples[key] ?? [];
    const page = list.flatMap((x) => x.longTasks.page);
    const panel = list.flatMap((x) => x.longTasks.panel);
    if (key.startsWith('load')) {
      pageOver += over(page).length;
      pageLoads += list.length;
    }
    panelOver += over(panel).length;
    row('long tasks', `${label} (n=${list.length}): page / panel frame`, `${over(page).length} / ${over(panel).length} over 50 ms`, `longest ${longest(page)} / ${longest(panel)}`);
  }
  const base = report.baseline.creator.flatMap((b) => b.longTasks);
  const baseLoads = report.baseline.creator.length;
  row('long tasks', `Xingtu page load without extension (n=${baseLoads}): page`, `${over(base).length} over 50 ms`, `longest ${longest(base)}`);
  const popup = report.popup.flatMap((p) => p.longTasks);
  row('long tasks', `popup opens (n=${report.popup.length})`, `${over(popup).length} over 50 ms`, `longest ${longest(popup)}`);
  const extra = pageOver / Math.max(1, pageLoads) - over(base).length / Math.max(1, baseLoads);
  row('long tasks', 'page: over 50 ms, with minus without extension', `${Math.max(0, extra).toFixed(2)} per load`, 'PerformanceObserver, full loads');
  row('long tasks', 'panel frame and popup: over 50 ms', String(panelOver + over(popup).length), 'PerformanceObserver (wall time), all navigations and opens above');
  const traced = report.tracedTasks;
  for (const [name, list] of [
    ['page renderer', traced.page],
    ['extension renderer (panel frames, popup)', traced.extension],
  ] as const) {
    const wall = list.filter((t) => t.wall > 50);
    const cpu = list.filter((t) => t.cpu > 50);
    const top = [...list].sort((a, b) => b.cpu - a.cpu)[0];
    row(
      'long tasks',
      `traced ${RUNS} warm loads + ${RUNS} popups: ${name}`,
      `${cpu.length} over 50 ms CPU`,
      `${wall.length} over 50 ms wall; most CPU ${top ? `${ms(top.cpu)} (wall ${ms(top.wall)})` : '—'}; ${list.length} tasks`,
      '0 over 50 ms CPU',
      cpu.length === 0,
    );
  }
}

function costRows(report: Report, row: AddRow): void {
  const warm = report.samples['load warm'] ?? [];
  const base = report.baseline.creator;
  for (const key of ['fcp', 'dcl', 'load'] as const) {
    const w = stats(warm.map((x) => x[key]).filter((x): x is number => x !== null));
    const b = stats(base.map((x) => x[key]).filter((x): x is number => x !== null));
    const name = { fcp: 'first contentful paint', dcl: 'DOMContentLoaded', load: 'load event' }[key];
    row('cost', `creator page ${name}: with / without extension`, `${ms(w.median)} / ${ms(b.median)}`, `ratio ${(w.median / b.median).toFixed(2)}`);
  }
  const h = report.heap;
  const pair = (name: string) => {
    const w = h[`${name}, with extension`] ?? Number.NaN;
    const wo = h[`${name}, without extension`] ?? Number.NaN;
    row('cost', `${name} JS heap: with / without extension`, `${mb(w)} / ${mb(wo)}`, `ratio ${(w / wo).toFixed(2)} · +${kb(w - wo)}`);
  };
  pair('creator page');
  pair('Xingtu market');
  row('cost', 'panel frame JS heap (extension process, creator pages only)', mb(h['panel frame (extension process)'] ?? Number.NaN));
}

function callRows(report: Report, row: AddRow): void {
  for (const [name, c] of Object.entries(report.calls)) {
    row('API calls', name, String(c.calls), '', `${c.expected}`, c.calls === c.expected);
  }
}

function nonCreatorRows(report: Report, row: AddRow): void {
  for (const [name] of NON_CREATOR_PAGES) {
    const w = report.nonCreator[`${name}, with extension`]!;
    const b = report.nonCreator[`${name}, without extension`]!;
    const over = (list: LongTask[]) => list.filter((t) => t.duration > 50).length;
    // Nothing but the list page badges (the market is a list page: issue 14).
    const quiet = w.panelHosts === 0 && w.extraFrames === 0 && w.detections === 0 && w.elements - w.badges === b.elements;
    row(
      'non-creator',
      `${name} (${w.loads} loads): panels / iframes / detections`,
      `${w.panelHosts} / ${w.extraFrames} / ${w.detections}`,
      `elements in the document ${w.elements}, ${w.badges} of them badges (without extension ${b.elements})`,
      'nothing created but badges',
      quiet,
    );
    row(
      'non-creator',
      `${name} (${w.loads} loads): long tasks over 50 ms`,
      `${over(w.longTasks)} with / ${over(b.longTasks)} without`,
      `longest ${w.longTasks.length ? ms(Math.max(...w.longTasks.map((t) => t.duration))) : '—'} / ${b.longTasks.length ? ms(Math.max(...b.longTasks.map((t) => t.duration))) : '—'}`,
      'no more than without',
      over(w.longTasks) <= over(b.longTasks),
    );
    const tr = w.trace;
    if (tr) {
      row('non-creator', `${name}: content script at load`, `${tr.loadRuns} run, ${tr.loadMs.toFixed(1)} ms`, 'evaluation incl. compile (trace)');
      row(
        'non-creator',
        `${name}: content script calls, 500 DOM mutations + 1 s idle`,
        String(tr.quietCalls),
        'a timer or observer would show here (trace)',
        '0',
        tr.quietCalls === 0,
      );
    }
  }
}
