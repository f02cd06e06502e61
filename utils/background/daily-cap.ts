import * as v from 'valibot';
import { isValidDailyCallLimit, type Settings } from '../shared/settings';
import { DAY_MS, nextShanghaiMidnight } from '../shared/shanghai-day';
import type { Failure, Result } from '../shared/types';
import { keptValue, localValueStore, type ValueStore } from './kept-value';
import { createSerial } from './serial';
import type { UsageLog } from './usage-log';

/**
 * The user's daily call limit (settings `dailyCallLimit`, 每日调用上限). Days are Beijing days
 * (UTC+8), like the provider's daily quota. Before every paid call: when today's paid requests
 * (the usage log) and the calls still in flight reach the limit, the call is not made and answers
 * `{ kind: 'daily-cap', blockedUntil: <next 00:00 UTC+8> }` — unless the user allowed one call
 * ("Allow one call", 允许调用一次): the next call past the limit, from any view, uses that
 * allowance up; an allowance not used expires at the next 00:00 UTC+8. No limit (null): every
 * call goes ahead. Admissions are serialised, so parallel calls (a list run) cannot all slip
 * under the limit together.
 */
export interface DailyCap {
  /** Run `call` if the limit allows (see above). Never rejects when `call` does not. */
  run<T>(call: () => Promise<Result<T>>): Promise<Result<T>>;
  /** Let one paid call past the limit (today only). Several presses still allow one call. */
  allowOne(): Promise<void>;
}

/** Where the allowance is kept (injectable for tests). */
export type AllowanceStore = ValueStore<Allowance>;

const AllowanceSchema = v.strictObject({ until: v.pipe(v.number(), v.finite()) });
export type Allowance = v.InferOutput<typeof AllowanceSchema>;

/** Kept in storage: a worker stopped between the press and the call keeps it. */
const storedAllowance: AllowanceStore = localValueStore<Allowance>('local:dailyCapAllowance');

export interface DailyCapDeps {
  usage: Pick<UsageLog, 'countToday'>;
  loadSettings: () => Promise<Pick<Settings, 'dailyCallLimit'>>;
  now?: () => number;
  store?: AllowanceStore;
}

export function createDailyCap(deps: DailyCapDeps): DailyCap {
  const now = deps.now ?? Date.now;
  /** Kept in memory too: a failing storage still keeps it while this worker lives. */
  const allowance = keptValue(deps.store ?? storedAllowance, (raw) => {
    const parsed = v.safeParse(AllowanceSchema, raw);
    return parsed.success ? parsed.output : null;
  });
  const admissions = createSerial();
  /** Calls admitted and not finished yet (their requests are not all in the log yet). */
  let inFlight = 0;

  async function limit(): Promise<number | null> {
    try {
      const { dailyCallLimit } = await deps.loadSettings();
      return isValidDailyCallLimit(dailyCallLimit) ? dailyCallLimit : null;
    } catch {
      return null;
    }
  }

  /** Use up a valid allowance; false when there is none (an unreadable one is none). */
  async function takeAllowance(): Promise<boolean> {
    const granted = await allowance.get();
    if (granted === null) return false;
    const { until } = granted;
    await allowance.set(null);
    const at = now();
    // Until further than a day ahead means the clock went back: not trusted.
    return at < until && until - at <= DAY_MS;
  }

  /** null: go ahead (counted in flight); else why not. */
  async function admit(): Promise<Failure | null> {
    const max = await limit();
    if (max !== null && (await deps.usage.countToday()) + inFlight >= max && !(await takeAllowance())) {
      return { kind: 'daily-cap', blockedUntil: nextShanghaiMidnight(now()) };
    }
    inFlight += 1;
    return null;
  }

  return {
    async run(call) {
      const refused = await admissions(admit);
      if (refused) return { ok: false, error: refused };
      try {
        return await call();
      } finally {
        inFlight -= 1;
      }
    },

    async allowOne() {
      await admissions(() => allowance.set({ until: nextShanghaiMidnight(now()) }));
    },
  };
}

/** A cap that never refuses (tests and callers without a limit). */
export const NO_CAP: DailyCap = {
  run: (call) => call(),
  allowOne: async () => undefined,
};
