/**
 * What a timed creator-list run (scripts/bench/lists.ts) comes to: its time against the API's own
 * time, from the mock API's record of each call (arrival and answer, epoch ms) and the moments
 * the list page saw Start clicked and the run done.
 */

/** One distribution call as the mock recorded it (e2e/mock-api.ts RecordedCall). */
export interface TimedCall {
  oAuthorId: string | null;
  platform: string | null;
  /** Arrived, ms since epoch. */
  time: number;
  /** Answered, ms since epoch (null: never). */
  doneAt: number | null;
}

/** One run, as measured. */
export interface ListRunSample {
  /** The mock's answer delay for these creators. */
  delayMs: number;
  /** Parallel requests the run may make (the setting). */
  concurrency: number;
  creators: number;
  /** What the page said the run would cost, before Start. */
  estimate: string;
  /** Start clicked, and the page told that the run is 'done' (the page's clock, epoch ms). */
  clickedAt: number;
  doneAt: number;
  /** The run's stored view when done: status, rows finished, paid calls. */
  run: { status: string; finished: number; total: number; paidCalls: number; startedAt: number; updatedAt: number };
  /** The distribution calls made for these creators, oldest first. */
  calls: TimedCall[];
}

export interface ListRunFigures {
  /** Start clicked → the page told that the run is done. */
  total: number;
  /** Sum of every call's own time at the API (arrival → answer). */
  apiSum: number;
  /** The API's time alone at the run's concurrency: apiSum / concurrency. */
  ideal: number;
  /** total − ideal, and per creator. */
  overhead: number;
  perCreator: number;
  /** Start → first call arrives; last answer → the page told "done". */
  leadIn: number;
  tail: number;
  /** Between the first call and the last answer, time a request slot was free (slots × span − apiSum). */
  slotIdle: number;
  calls: number;
  /** Creator+platform pairs called more than once, counted once each beyond the first. */
  repeats: number;
  maxInFlight: number;
}

/** The most calls in flight at once (a call answered at t is over before one arriving at t). */
export function maxOverlap(calls: readonly TimedCall[], end = Number.POSITIVE_INFINITY): number {
  const edges = calls.flatMap((c) => [
    { at: c.time, step: 1 },
    { at: c.doneAt ?? end, step: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let now = 0;
  let most = 0;
  for (const e of edges) {
    now += e.step;
    most = Math.max(most, now);
  }
  return most;
}

export function runFigures(sample: ListRunSample): ListRunFigures {
  const { calls, concurrency } = sample;
  const answered = calls.filter((c): c is TimedCall & { doneAt: number } => c.doneAt !== null);
  const apiSum = answered.reduce((s, c) => s + (c.doneAt - c.time), 0);
  const ideal = apiSum / concurrency;
  const total = sample.doneAt - sample.clickedAt;
  const firstCall = calls.length ? Math.min(...calls.map((c) => c.time)) : sample.doneAt;
  const lastAnswer = answered.length ? Math.max(...answered.map((c) => c.doneAt)) : sample.clickedAt;
  const pairs = new Set(calls.map((c) => `${c.oAuthorId ?? ''}|${c.platform ?? ''}`));
  return {
    total,
    apiSum,
    ideal,
    overhead: total - ideal,
    perCreator: (total - ideal) / Math.max(1, sample.creators),
    leadIn: firstCall - sample.clickedAt,
    tail: sample.doneAt - lastAnswer,
    slotIdle: calls.length ? Math.max(0, (lastAnswer - firstCall) * concurrency - apiSum) : 0,
    calls: calls.length,
    repeats: calls.length - pairs.size,
    maxInFlight: maxOverlap(calls, sample.doneAt),
  };
}
