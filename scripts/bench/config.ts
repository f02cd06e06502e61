/** Settings every part of the benchmark (scripts/bench/main.ts) shares. */

/** Repetitions per timing (env BENCH_RUNS, at least 3). */
export const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 10) || 10);
/**
 * BENCH_FULL=1: the page-cost part (scripts/bench/page-cost.ts) with the loads its goals are
 * judged on (at least 20 per browser and mode, and the same-tab mode coming from the market page
 * too); without it fewer loads (a few minutes less), enough to see where each figure stands.
 */
export const FULL = process.env.BENCH_FULL === '1';
/** The key the extension is set to and the mock API accepts. */
export const API_KEY = 'bench-key';
/** How long any wait for a page, frame or mark may take. */
export const TIMEOUT = 20_000;
/**
 * BENCH_ONLY=lists measures only the list page (its section and the sizes), BENCH_ONLY=page-cost
 * only what the pages pay against the floor (scripts/bench/page-cost.ts): for working on them.
 * Unset (or empty): everything.
 */
export type Only = 'lists' | 'page-cost';
export const ONLY: Only | null = onlyFrom(process.env.BENCH_ONLY);

function onlyFrom(value: string | undefined): Only | null {
  if (value === undefined || value === '') return null;
  if (value === 'lists' || value === 'page-cost') return value;
  throw new Error(`BENCH_ONLY=${value}: the sections that run alone are "lists" and "page-cost"`);
}
