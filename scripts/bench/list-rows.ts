/**
 * The list page's rows of the benchmark's table (scripts/bench/rows.ts), from what
 * scripts/bench/lists.ts measured: the seeded table opened and used, and the timed runs.
 */
import { LIST_ACTIONS, type ListFigures } from './lists';
import { runFigures } from './list-run-figures';
import { ms, stats } from './stats';
import type { AddRow } from './table';

/** The issue's budget for the table: sorting or filtering 200 rows makes no long task over this. */
export const LIST_LONG_TASK_BUDGET_MS = 50;

const SECTION = 'list page';

export function listRows(lists: ListFigures | null, row: AddRow): void {
  if (lists === null) {
    row(SECTION, 'list page', 'not measured');
    return;
  }
  const n = lists.rows;
  const longest = (values: number[]) => Math.max(0, ...values);
  const shown = stats(lists.loads.map((l) => l.shown));
  const filled = stats(lists.loads.map((l) => l.filled));
  const first = stats(lists.loads.map((l) => l.firstRow));
  const firstShown = stats(lists.loads.map((l) => l.firstShown));
  const loadTask = longest(lists.loads.flatMap((l) => l.longTasks.map((t) => t.duration)));
  row(
    SECTION,
    `${n} rows: open list.html → every row shown (next frame)`,
    ms(shown.median),
    `p90 ${ms(shown.p90)} · first rows with results shown ${ms(firstShown.median)} · all rows with results in the DOM ${ms(filled.median)} · first row ${ms(first.median)} · longest long task ${loadTask > 0 ? ms(loadTask) : 'none'} (n=${shown.n})`,
  );
  for (const { key, label } of LIST_ACTIONS) {
    if (label === '') continue;
    const samples = lists.actions[key] ?? [];
    const time = stats(samples.map((s) => s.ms));
    const dom = stats(samples.flatMap((s) => (s.dom === null ? [] : [s.dom])));
    const complete = stats(samples.map((s) => s.complete));
    const task = longest(samples.map((s) => s.longest));
    const rows = [...new Set(samples.map((s) => s.rows))].join('/');
    row(
      SECTION,
      `${n} rows: ${label}: action → next frame`,
      ms(time.median),
      `p90 ${ms(time.p90)} · DOM updated ${ms(dom.median)} · every row in ${ms(complete.median)} · longest long task ${task > 0 ? ms(task) : 'none'} · ${rows} rows shown (n=${time.n})`,
      `no long task > ${LIST_LONG_TASK_BUDGET_MS} ms`,
      samples.length > 0 && task <= LIST_LONG_TASK_BUDGET_MS,
    );
  }
  const traced = lists.tracedTasks;
  const cpuOver = traced.filter((t) => t.cpu > LIST_LONG_TASK_BUDGET_MS);
  const top = [...traced].sort((a, b) => b.cpu - a.cpu)[0];
  row(
    SECTION,
    `${n} rows: one more round of the actions, traced: tasks over ${LIST_LONG_TASK_BUDGET_MS} ms CPU`,
    String(cpuOver.length),
    `${traced.filter((t) => t.wall > LIST_LONG_TASK_BUDGET_MS).length} over ${LIST_LONG_TASK_BUDGET_MS} ms wall; most CPU ${top ? `${ms(top.cpu)} (wall ${ms(top.wall)})` : '—'} (a busy machine makes wall > CPU)`,
    `0 over ${LIST_LONG_TASK_BUDGET_MS} ms CPU`,
    traced.length > 0 && cpuOver.length === 0,
  );
  for (const sample of lists.runs) {
    const f = runFigures(sample);
    const name = `${sample.creators}-creator run, API ${sample.delayMs} ms per call`;
    row(
      SECTION,
      `${name}: Start → run done`,
      ms(f.total),
      `API time Σ ${ms(f.apiSum)}, ÷ ${sample.concurrency} in parallel = ${ms(f.ideal)} · Start → first call ${ms(f.leadIn)} · last answer → done ${ms(f.tail)} · request slots idle ${ms(f.slotIdle)}`,
    );
    row(
      SECTION,
      `${name}: overhead beyond the API's own time`,
      `${ms(f.perCreator)} per creator`,
      `${ms(f.overhead)} in all (Start → done minus API time ÷ ${sample.concurrency}); the background's own start → done ${ms(sample.run.updatedAt - sample.run.startedAt)}`,
    );
    const expected = sample.creators;
    row(
      SECTION,
      `${name}: calls / most in flight`,
      `${f.calls} / ${f.maxInFlight}`,
      `${f.repeats} repeated · run ${sample.run.status}, ${sample.run.finished} of ${sample.run.total}, ${sample.run.paidCalls} paid · estimate: ${sample.estimate}`,
      `${expected} / ≤ ${sample.concurrency}, none repeated`,
      f.calls === expected && f.repeats === 0 && f.maxInFlight <= sample.concurrency && sample.run.status === 'done',
    );
  }
}
