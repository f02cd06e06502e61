// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { URL_POLL_MS, watchUrl } from '../../utils/page/url-watch';

/** A window with a Navigation API of its own (happy-dom has none), and its listeners. */
function withNavigation() {
  const target = new EventTarget();
  const win = Object.assign(Object.create(window) as Window, { navigation: target });
  return { win, navigate: () => target.dispatchEvent(new Event('navigate')), target };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('watchUrl (the only thing the content script does on pages that are not creator pages)', () => {
  it('checks after the navigate event, once the code that moved is done (a microtask later), not during it', async () => {
    const { win, navigate } = withNavigation();
    const seen: string[] = [];
    const stop = watchUrl(win, () => seen.push('check'));
    navigate();
    expect(seen).toEqual([]); // the move has not happened yet when navigate fires
    await Promise.resolve();
    expect(seen).toEqual(['check']);
    stop();
  });

  it('checks on popstate (Back and Forward within the app change the URL after navigate)', () => {
    const { win } = withNavigation();
    let checks = 0;
    const stop = watchUrl(win, () => (checks += 1));
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(checks).toBe(1);
    stop();
  });

  it('after stop, hears nothing', async () => {
    const { win, navigate } = withNavigation();
    let checks = 0;
    const stop = watchUrl(win, () => (checks += 1));
    stop();
    navigate();
    window.dispatchEvent(new PopStateEvent('popstate'));
    await Promise.resolve();
    expect(checks).toBe(0);
  });

  it('runs nothing while the page stays where it is (no timer where the Navigation API exists)', () => {
    vi.useFakeTimers();
    const { win } = withNavigation();
    let checks = 0;
    const stop = watchUrl(win, () => (checks += 1));
    vi.advanceTimersByTime(10 * URL_POLL_MS);
    expect(checks).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    stop();
  });

  it('without the Navigation API, compares the URL once a second, until stopped', () => {
    vi.useFakeTimers();
    const win = Object.assign(Object.create(window) as Window, { navigation: undefined, setInterval, clearInterval });
    let checks = 0;
    const stop = watchUrl(win, () => (checks += 1));
    vi.advanceTimersByTime(3 * URL_POLL_MS);
    expect(checks).toBe(3);
    stop();
    vi.advanceTimersByTime(3 * URL_POLL_MS);
    expect(checks).toBe(3);
  });
});
