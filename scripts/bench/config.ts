/** Settings every part of the benchmark (scripts/bench/main.ts) shares. */

/** Repetitions per timing (env BENCH_RUNS, at least 3). */
export const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 10) || 10);
/** The key the extension is set to and the mock API accepts. */
export const API_KEY = 'bench-key';
/** How long any wait for a page, frame or mark may take. */
export const TIMEOUT = 20_000;
/**
 * BENCH_ONLY=lists measures only the list page (its section and the sizes): for working on it.
 * Unset (or empty): everything.
 */
export const ONLY: 'lists' | null = onlyFrom(process.env.BENCH_ONLY);

function onlyFrom(value: string | undefined): 'lists' | null {
  if (value === undefined || value === '') return null;
  if (value === 'lists') return value;
  throw new Error(`BENCH_ONLY=${value}: the only section that runs alone is "lists"`);
}
