/**
 * Days as the provider counts them (its daily quota) and as the daily call limit and the usage
 * log count them: in Asia/Shanghai, which is UTC+8 all year (no daylight saving).
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 24 * 3_600_000;

/** The first instant (ms since epoch) of the Asia/Shanghai day `at` falls in. */
export function shanghaiDayStart(at: number): number {
  return Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** The first instant of the next day in Asia/Shanghai after `now` (when the daily quota renews). */
export function nextShanghaiMidnight(now: number): number {
  return shanghaiDayStart(now) + DAY_MS;
}

/** The Asia/Shanghai calendar date of `at`, e.g. "2025-03-02". */
export function shanghaiDate(at: number): string {
  return new Date(shanghaiDayStart(at) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
