import { sendMessage, type DistributionRequest, type LinkedAuthor, type Resolution } from '../shared/messaging';
import type { DouyinAccount } from '../shared/creator';
import type { XingtuAuthor } from '../shared/xingtu-author';
import { DEFAULT_MAX_ATTEMPTS } from '../shared/api-limits';
import { DEFAULT_SETTINGS, loadSettings, type Settings } from '../shared/settings';
import type { Distribution, Failure, Result } from '../shared/types';

/**
 * What the panel and the popup may ask of the background (the key stays there). Components take
 * it as a prop so tests can answer without a browser.
 */
export interface ViewBridge {
  load(req: DistributionRequest): Promise<Result<Distribution>>;
  resolveDouyin(account: DouyinAccount): Promise<Result<Resolution>>;
  linkDouyin(account: DouyinAccount, author: LinkedAuthor): Promise<Result<Resolution>>;
  searchCreators(keyword: string): Promise<Result<XingtuAuthor[]>>;
  openOptions(): void;
  /** Let one paid call past the daily call limit ("Allow one call"); absent: the button is not offered. */
  allowOneCall?(): Promise<Result<true>>;
}

/** Added to the background's own worst case before the view stops waiting. */
export const BRIDGE_MARGIN_MS = 15_000;

/**
 * How long a view waits for the background: every attempt of one call running into the request
 * timeout, plus a margin for the retry delays and storage. The background always answers within
 * this unless it died (an MV3 service worker can be stopped at any moment) or hangs.
 */
export function bridgeDeadlineMs(settings: Pick<Settings, 'timeoutSeconds'>): number {
  return settings.timeoutSeconds * 1000 * DEFAULT_MAX_ATTEMPTS + BRIDGE_MARGIN_MS;
}

/** The answer a view gets when the background did not answer in time. */
export const BRIDGE_TIMEOUT: Failure = { kind: 'timeout' };

/**
 * `work`, or `{ ok: false, error: BRIDGE_TIMEOUT }` when it has not settled after `ms`; a
 * rejection passes through (the views show it as unexpected). No view is left loading forever.
 */
export function withDeadline<T>(work: Promise<Result<T>>, ms: number): Promise<Result<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Result<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: { ...BRIDGE_TIMEOUT } }), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** `bridge` with every request bounded by `deadlineMs()` (read for each request). */
export function withDeadlines(bridge: ViewBridge, deadlineMs: () => Promise<number>): ViewBridge {
  const bounded =
    <A extends unknown[], T>(ask: (...args: A) => Promise<Result<T>>) =>
    async (...args: A): Promise<Result<T>> => {
      // The request leaves at once; the deadline (read from storage) is known a moment later.
      let work: Promise<Result<T>>;
      try {
        work = ask(...args);
      } catch (error) {
        work = Promise.reject(error);
      }
      work.catch(() => undefined); // rejections reach the caller through withDeadline below
      const ms = await deadlineMs().catch(() => bridgeDeadlineMs(DEFAULT_SETTINGS));
      return withDeadline(work, ms);
    };
  return {
    load: bounded(bridge.load),
    resolveDouyin: bounded(bridge.resolveDouyin),
    linkDouyin: bounded(bridge.linkDouyin),
    searchCreators: bounded(bridge.searchCreators),
    openOptions: bridge.openOptions,
    ...(bridge.allowOneCall ? { allowOneCall: bounded(bridge.allowOneCall) } : {}),
  };
}

const messages: ViewBridge = {
  load: (req) => sendMessage('getDistribution', req),
  resolveDouyin: (account) => sendMessage('resolveDouyin', account),
  linkDouyin: (account, author) => sendMessage('linkDouyin', { account, author }),
  searchCreators: (keyword) => sendMessage('searchCreators', { keyword }),
  openOptions: () => void sendMessage('openOptions', undefined).catch(() => undefined),
  allowOneCall: () => sendMessage('allowOneCall', undefined),
};

export const messagingBridge: ViewBridge = withDeadlines(messages, async () => bridgeDeadlineMs(await loadSettings()));

/** The background's cached answer for `req`, or null (none, or no answer): never an API call. */
export async function peekDistribution(req: DistributionRequest): Promise<Distribution | null> {
  try {
    return await sendMessage('peekDistribution', req);
  } catch {
    return null;
  }
}
