/**
 * When the panel's iframe is made (issue 15). An iframe made while the page is still loading
 * counts toward the page's `load` event: the page waits for the panel's document and its scripts
 * (60–90 ms), and sites run their own work on `load`. Made in the same task as the page's last
 * loading steps, it can also push the page's first paint back. So the panel waits for the page:
 *   - a page that has loaded (an in-app move, or the content script ran after `load`): at once;
 *   - a page still loading: at its `load` event, then one frame (its first paint usually follows
 *     `load` on a page that has little to fetch), unless the tab is hidden (no frames come then);
 *   - a page whose `load` does not come (a request that never ends): LOAD_WAIT_MAX_MS after the
 *     panel was first wanted, whatever the page is doing. A page loading for that long pays at
 *     most the panel's own load on top (under a tenth of it).
 * nextMountStep decides from the page's state alone; scheduleMount runs it on the page's events.
 */

/** The longest the panel waits for the page's `load`, from when it is first wanted. */
export const LOAD_WAIT_MAX_MS = 1_000;

export interface MountWaitState {
  /** `document.readyState` now ('complete' once `load` is being dispatched). */
  readyState: DocumentReadyState;
  /** Whether the page was still loading when the panel was first wanted. */
  waitedForLoad: boolean;
  /** Whether a frame has been produced since the page's `load`. */
  framePassed: boolean;
  /** `document.hidden`: a hidden tab produces no frames. */
  hidden: boolean;
  /** Milliseconds since the panel was first wanted. */
  waitedMs: number;
}

export type MountStep = { kind: 'mount' } | { kind: 'wait'; until: 'load' | 'frame'; atMostMs: number };

const MOUNT: MountStep = { kind: 'mount' };

/** What to do now: make the iframe, or what to wait for (and for how long at most). */
export function nextMountStep(state: MountWaitState): MountStep {
  const left = LOAD_WAIT_MAX_MS - state.waitedMs;
  if (left <= 0) return MOUNT;
  if (state.readyState !== 'complete') return { kind: 'wait', until: 'load', atMostMs: left };
  if (state.waitedForLoad && !state.framePassed && !state.hidden) return { kind: 'wait', until: 'frame', atMostMs: left };
  return MOUNT;
}

/** The page APIs scheduleMount uses (the window and document in the content script; fakes in tests). */
export interface MountEnv {
  readyState(): DocumentReadyState;
  hidden(): boolean;
  now(): number;
  onLoad(listener: () => void): () => void;
  /** Calls back once the next frame has been produced (after its paint). */
  afterNextFrame(callback: () => void): () => void;
  setTimeout(callback: () => void, ms: number): () => void;
}

/** The content script's MountEnv: the page's window and document. */
export function pageMountEnv(win: Window, doc: Document): MountEnv {
  return {
    readyState: () => doc.readyState,
    hidden: () => doc.hidden,
    now: () => Date.now(),
    onLoad(listener) {
      win.addEventListener('load', listener, { once: true });
      return () => win.removeEventListener('load', listener);
    },
    afterNextFrame(callback) {
      // A rAF callback runs before the frame's paint; a task posted from it runs after.
      let timer = 0;
      const frame = win.requestAnimationFrame(() => {
        timer = win.setTimeout(callback, 0);
      });
      return () => {
        win.cancelAnimationFrame(frame);
        win.clearTimeout(timer);
      };
    },
    setTimeout(callback, ms) {
      const id = win.setTimeout(callback, ms);
      return () => win.clearTimeout(id);
    },
  };
}

/**
 * Call `mount` once the page lets the panel in (nextMountStep). Returns a function that cancels
 * the wait (the page stopped being a creator page, or the content script stopped).
 */
export function scheduleMount(env: MountEnv, mount: () => void): () => void {
  const started = env.now();
  const waitedForLoad = env.readyState() !== 'complete';
  let framePassed = false;
  let cancels: (() => void)[] = [];
  const clear = () => {
    cancels.forEach((cancel) => cancel());
    cancels = [];
  };
  const step = () => {
    clear();
    const next = nextMountStep({ readyState: env.readyState(), waitedForLoad, framePassed, hidden: env.hidden(), waitedMs: env.now() - started });
    if (next.kind === 'mount') {
      mount();
      return;
    }
    cancels.push(env.setTimeout(step, next.atMostMs));
    if (next.until === 'load') cancels.push(env.onLoad(step));
    else
      cancels.push(
        env.afterNextFrame(() => {
          framePassed = true;
          step();
        }),
      );
  };
  step();
  return clear;
}
