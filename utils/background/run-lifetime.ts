import { browser } from 'wxt/browser';

/**
 * What keeps a list run going in an MV3 service worker, which the browser stops after ~30 s
 * without extension events: a cheap extension API call every KEEP_ALIVE_MS while any call is in
 * flight (nothing when idle, so the worker can stop), an alarm at the end of a cool-down (it
 * starts the worker again if it was stopped meanwhile), and a watchdog alarm while calls are in
 * flight: when the browser stops the worker anyway, the alarm starts it again within
 * WATCHDOG_MINUTES and the run resumes (the runner's start()), with no page open or touched.
 */

export const KEEP_ALIVE_MS = 20_000;
/** The alarm that ends a run's cool-down (entrypoints/background.ts listens for it). */
export const RUN_WAKE_ALARM = 'list-run-wake';
/** The alarm that restarts a worker stopped during a run's calls (its start resumes the run). */
export const RUN_WATCHDOG_ALARM = 'list-run-watchdog';
/** The watchdog's period: the shortest Chrome honours (30 s). */
export const WATCHDOG_MINUTES = 0.5;

export interface KeepAlive {
  /** A call starts: keep the worker alive until the matching release. */
  acquire(): void;
  release(): void;
}

export interface KeepAliveOptions {
  /** A cheap extension API call (default: runtime.getPlatformInfo). */
  ping?: () => Promise<unknown>;
  intervalMs?: number;
  /** Set while a call is in flight, cleared when none is (default: the RUN_WATCHDOG_ALARM alarm). */
  watchdog?: { set(): void; clear(): void };
}

/** The watchdog alarm; a failing alarms API breaks nothing (the run then resumes at the next wake). */
const watchdogAlarm = {
  set: () => void Promise.resolve(browser.alarms.create(RUN_WATCHDOG_ALARM, { periodInMinutes: WATCHDOG_MINUTES })).catch(() => undefined),
  clear: () => void Promise.resolve(browser.alarms.clear(RUN_WATCHDOG_ALARM)).catch(() => undefined),
};

function safely(run: () => void): void {
  try {
    run();
  } catch {
    // an alarms API that throws at once keeps nothing alive, and breaks nothing either
  }
}

export function createKeepAlive(options: KeepAliveOptions = {}): KeepAlive {
  const ping = options.ping ?? (() => browser.runtime.getPlatformInfo());
  const intervalMs = options.intervalMs ?? KEEP_ALIVE_MS;
  const watchdog = options.watchdog ?? watchdogAlarm;
  let holders = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  // A new worker has no call in flight: a watchdog left by a stopped one has done its job.
  safely(watchdog.clear);
  return {
    acquire() {
      holders += 1;
      if (timer === null) safely(watchdog.set);
      timer ??= setInterval(() => {
        try {
          void ping().catch(() => undefined);
        } catch {
          // an API that throws at once keeps nothing alive, and breaks nothing either
        }
      }, intervalMs);
    },
    release() {
      holders = Math.max(0, holders - 1);
      if (holders === 0 && timer !== null) {
        clearInterval(timer);
        timer = null;
        safely(watchdog.clear);
      }
    },
  };
}

export interface WakeScheduler {
  /** Call `onWake` at `at` (ms since epoch): by a timer while the worker lives, by an alarm after. */
  schedule(at: number): void;
  cancel(): void;
}

export function createWakeScheduler(onWake: () => void, now: () => number = Date.now): WakeScheduler {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    schedule(at) {
      clearTimer();
      timer = setTimeout(onWake, Math.max(0, at - now()));
      void Promise.resolve(browser.alarms.create(RUN_WAKE_ALARM, { when: at })).catch(() => undefined);
    },
    cancel() {
      clearTimer();
      void Promise.resolve(browser.alarms.clear(RUN_WAKE_ALARM)).catch(() => undefined);
    },
  };
}
