/** Settings every part of the benchmark (scripts/bench/main.ts) shares. */

/** Repetitions per timing (env BENCH_RUNS, at least 3). */
export const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 10) || 10);
/** The key the extension is set to and the mock API accepts. */
export const API_KEY = 'bench-key';
/** How long any wait for a page, frame or mark may take. */
export const TIMEOUT = 20_000;
