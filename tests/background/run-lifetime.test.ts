import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  KEEP_ALIVE_MS,
  RUN_WAKE_ALARM,
  RUN_WATCHDOG_ALARM,
  WATCHDOG_MINUTES,
  createKeepAlive,
  createWakeScheduler,
} from '../../utils/background/run-lifetime';

afterEach(() => {
  vi.useRealTimers();
});

describe('keep alive', () => {
  it('pings every 20 s while a call is in flight, and stops when none is', async () => {
    vi.useFakeTimers();
    const ping = vi.fn(async () => undefined);
    const keepAlive = createKeepAlive({ ping });
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 2);
    expect(ping).not.toHaveBeenCalled();
    keepAlive.acquire();
    keepAlive.acquire();
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 2);
    expect(ping).toHaveBeenCalledTimes(2); // one timer for both calls
    keepAlive.release();
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS);
    expect(ping).toHaveBeenCalledTimes(3);
    keepAlive.release();
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 3);
    expect(ping).toHaveBeenCalledTimes(3);
  });

  it('a ping that fails or throws breaks nothing', async () => {
    vi.useFakeTimers();
    const keepAlive = createKeepAlive({
      ping: () => {
        throw new Error('not implemented');
      },
    });
    keepAlive.acquire();
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 2);
    keepAlive.release();
  });
});

describe('watchdog alarm', () => {
  it('is set while a call is in flight (a stopped worker is started again), cleared when none is', async () => {
    const ping = vi.fn(async () => undefined);
    const keepAlive = createKeepAlive({ ping });
    keepAlive.acquire();
    keepAlive.acquire();
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(RUN_WATCHDOG_ALARM))?.periodInMinutes).toBe(WATCHDOG_MINUTES));
    keepAlive.release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await fakeBrowser.alarms.get(RUN_WATCHDOG_ALARM)).toBeDefined(); // one call still in flight
    keepAlive.release();
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(RUN_WATCHDOG_ALARM)).toBeUndefined());
  });

  it('a new worker clears the watchdog a stopped one left (the run it resumes sets it again)', async () => {
    await fakeBrowser.alarms.create(RUN_WATCHDOG_ALARM, { periodInMinutes: WATCHDOG_MINUTES });
    createKeepAlive({ ping: async () => undefined });
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(RUN_WATCHDOG_ALARM)).toBeUndefined());
  });

  it('an alarms API that throws breaks nothing', () => {
    const keepAlive = createKeepAlive({
      ping: async () => undefined,
      watchdog: {
        set: () => {
          throw new Error('no alarms');
        },
        clear: () => {
          throw new Error('no alarms');
        },
      },
    });
    keepAlive.acquire();
    keepAlive.release();
  });
});

describe('wake scheduler', () => {
  it('sets a timer and an alarm for the end of the cool-down; cancel clears both', async () => {
    vi.useFakeTimers();
    const start = Date.now();
    const onWake = vi.fn();
    const wake = createWakeScheduler(onWake);
    wake.schedule(start + 60_000);
    expect((await fakeBrowser.alarms.get(RUN_WAKE_ALARM))?.scheduledTime).toBe(start + 60_000);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(onWake).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onWake).toHaveBeenCalledTimes(1);

    wake.schedule(Date.now() + 10_000);
    wake.cancel();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(onWake).toHaveBeenCalledTimes(1);
    expect(await fakeBrowser.alarms.get(RUN_WAKE_ALARM)).toBeUndefined();
  });
});
