import type { DouyinPage } from '../../shared/douyin-page-url';
import type { DouyinProfile } from './profile';
import { readDouyinProfile } from './read-profile';

export interface WaitForProfileOptions {
  /** Give up after this long: the page never said who it is. */
  timeoutMs: number;
  /** Stop waiting (the user navigated on). */
  signal: AbortSignal;
  /** Re-read at most this often while the page changes (default 250 ms). */
  intervalMs?: number;
  /** A profile to ignore, e.g. the previous creator's header still on screen after an SPA move. */
  isStale?: (profile: DouyinProfile) => boolean;
}

/**
 * Read the page's owner, waiting (bounded) for a page that is still loading: re-reads when the
 * DOM changes, at most every `intervalMs`, until a profile is found, the time is up (null) or
 * the signal aborts (null). Observes only on creator pages, only while waiting.
 */
export function waitForDouyinProfile(doc: Document, page: DouyinPage, options: WaitForProfileOptions): Promise<DouyinProfile | null> {
  const { timeoutMs, signal, intervalMs = 250, isStale = () => false } = options;
  const read = () => {
    const profile = readDouyinProfile(doc, page);
    return profile && !isStale(profile) ? profile : null;
  };

  return new Promise((resolve) => {
    if (signal.aborted) return resolve(null);
    const first = read();
    if (first) return resolve(first);

    let pending: ReturnType<typeof setTimeout> | undefined;
    const finish = (result: DouyinProfile | null) => {
      observer.disconnect();
      clearTimeout(pending);
      clearTimeout(deadline);
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = () => finish(null);
    const observer = new MutationObserver(() => {
      if (pending !== undefined) return;
      pending = setTimeout(() => {
        pending = undefined;
        const profile = read();
        if (profile) finish(profile);
      }, intervalMs);
    });
    const deadline = setTimeout(() => finish(read()), timeoutMs);
    signal.addEventListener('abort', onAbort);
    observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  });
}
