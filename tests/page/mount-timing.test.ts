// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { LOAD_WAIT_MAX_MS, nextMountStep, pageMountEnv, scheduleMount, type MountEnv, type MountWaitState } from '../../utils/page/mount-timing';

const state = (over: Partial<MountWaitState>): MountWaitState => ({
  readyState: 'complete',
  waitedForLoad: false,
  framePassed: false,
  hidden: false,
  waitedMs: 0,
  ...over,
});

describe('nextMountStep (when the panel iframe is made)', () => {
  it('a page that has loaded (an in-app move, or the script ran after load): at once', () => {
    expect(nextMountStep(state({}))).toEqual({ kind: 'mount' });
  });

  it('a page still loading: waits for its load event, at most LOAD_WAIT_MAX_MS', () => {
    expect(nextMountStep(state({ readyState: 'interactive' }))).toEqual({ kind: 'wait', until: 'load', atMostMs: LOAD_WAIT_MAX_MS });
    expect(nextMountStep(state({ readyState: 'loading', waitedMs: 300 }))).toEqual({ kind: 'wait', until: 'load', atMostMs: LOAD_WAIT_MAX_MS - 300 });
  });

  it('after waiting for load: one frame more (the first paint usually follows load), then mount', () => {
    expect(nextMountStep(state({ waitedForLoad: true, waitedMs: 40 }))).toEqual({ kind: 'wait', until: 'frame', atMostMs: LOAD_WAIT_MAX_MS - 40 });
    expect(nextMountStep(state({ waitedForLoad: true, framePassed: true, waitedMs: 57 }))).toEqual({ kind: 'mount' });
  });

  it('a hidden tab produces no frames: mount at load', () => {
    expect(nextMountStep(state({ waitedForLoad: true, hidden: true }))).toEqual({ kind: 'mount' });
  });

  it('a page whose load never comes gets its panel after LOAD_WAIT_MAX_MS all the same', () => {
    expect(nextMountStep(state({ readyState: 'interactive', waitedMs: LOAD_WAIT_MAX_MS }))).toEqual({ kind: 'mount' });
    expect(nextMountStep(state({ readyState: 'loading', waitedMs: LOAD_WAIT_MAX_MS + 5 }))).toEqual({ kind: 'mount' });
    expect(nextMountStep(state({ waitedForLoad: true, waitedMs: LOAD_WAIT_MAX_MS }))).toEqual({ kind: 'mount' });
  });
});

/** A page whose clock, load event, frames and timers the test moves by hand. */
function fakePage(readyState: DocumentReadyState, hidden = false) {
  let now = 0;
  let ready = readyState;
  const loadListeners = new Set<() => void>();
  const frames = new Set<() => void>();
  const timers = new Set<{ at: number; run: () => void }>();
  const env: MountEnv = {
    readyState: () => ready,
    hidden: () => hidden,
    now: () => now,
    onLoad(listener) {
      loadListeners.add(listener);
      return () => loadListeners.delete(listener);
    },
    afterNextFrame(callback) {
      frames.add(callback);
      return () => frames.delete(callback);
    },
    setTimeout(callback, ms) {
      const timer = { at: now + ms, run: callback };
      timers.add(timer);
      return () => timers.delete(timer);
    },
  };
  return {
    env,
    load() {
      ready = 'complete';
      [...loadListeners].forEach((l) => l());
    },
    frame() {
      const due = [...frames];
      frames.clear();
      due.forEach((f) => f());
    },
    advance(ms: number) {
      now += ms;
      for (const t of [...timers].sort((a, b) => a.at - b.at)) {
        if (t.at > now || !timers.has(t)) continue;
        timers.delete(t);
        t.run();
      }
    },
    pending: () => ({ load: loadListeners.size, frames: frames.size, timers: timers.size }),
  };
}

/** scheduleMount on a fake page, counting the mounts. */
function scheduled(readyState: DocumentReadyState, hidden = false) {
  const page = fakePage(readyState, hidden);
  const mounts = { count: 0 };
  const cancel = scheduleMount(page.env, () => (mounts.count += 1));
  return { page, mounts, cancel };
}

describe('scheduleMount', () => {
  it('mounts at once on a loaded page, leaving nothing behind', () => {
    const { page, mounts } = scheduled('complete');
    expect(mounts.count).toBe(1);
    expect(page.pending()).toEqual({ load: 0, frames: 0, timers: 0 });
  });

  it('on a loading page: nothing until load, then the next frame, then once', () => {
    const { page, mounts } = scheduled('interactive');
    page.advance(20);
    page.frame(); // frames before load do not count
    expect(mounts.count).toBe(0);
    page.advance(10);
    page.load();
    expect(mounts.count).toBe(0);
    page.advance(5);
    page.frame();
    expect(mounts.count).toBe(1);
    page.advance(LOAD_WAIT_MAX_MS);
    page.frame();
    expect(mounts.count).toBe(1);
    expect(page.pending()).toEqual({ load: 0, frames: 0, timers: 0 });
  });

  it('a page that never fires load: mounts after LOAD_WAIT_MAX_MS', () => {
    const { page, mounts } = scheduled('loading');
    page.advance(LOAD_WAIT_MAX_MS - 1);
    expect(mounts.count).toBe(0);
    page.advance(1);
    expect(mounts.count).toBe(1);
    expect(page.pending()).toEqual({ load: 0, frames: 0, timers: 0 });
  });

  it('a frame that never comes after load (throttled tab): the time limit still holds', () => {
    const { page, mounts } = scheduled('interactive');
    page.advance(100);
    page.load();
    page.advance(LOAD_WAIT_MAX_MS - 100);
    expect(mounts.count).toBe(1);
  });

  it('a hidden tab that loads: mounts at load', () => {
    const { page, mounts } = scheduled('interactive', true);
    page.load();
    expect(mounts.count).toBe(1);
  });

  it('cancelled (the page stopped being a creator page): never mounts, nothing left listening', () => {
    const { page, mounts, cancel } = scheduled('interactive');
    cancel();
    expect(page.pending()).toEqual({ load: 0, frames: 0, timers: 0 });
    page.load();
    page.frame();
    page.advance(LOAD_WAIT_MAX_MS * 2);
    expect(mounts.count).toBe(0);
  });
});

describe('pageMountEnv (the real window and document)', () => {
  it('hears the window load event once, and stops hearing it when cancelled', () => {
    const env = pageMountEnv(window, document);
    let heard = 0;
    const stop = env.onLoad(() => (heard += 1));
    window.dispatchEvent(new Event('load'));
    window.dispatchEvent(new Event('load'));
    expect(heard).toBe(1);
    const stop2 = env.onLoad(() => (heard += 1));
    stop2();
    window.dispatchEvent(new Event('load'));
    expect(heard).toBe(1);
    stop();
  });

  it('calls back after the next animation frame, in a task of its own', async () => {
    const env = pageMountEnv(window, document);
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      env.afterNextFrame(() => {
        order.push('after frame');
        resolve();
      });
      window.requestAnimationFrame(() => order.push('frame'));
    });
    expect(order).toEqual(['frame', 'after frame']);
  });

  it('reads the document state', () => {
    const env = pageMountEnv(window, document);
    expect(['loading', 'interactive', 'complete']).toContain(env.readyState());
    expect(typeof env.hidden()).toBe('boolean');
  });
});
