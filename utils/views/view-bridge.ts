import { sendMessage, type DistributionRequest, type KnownAuthor, type LinkedAuthor, type Resolution } from '../shared/messaging';
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
  /** "No, not this creator" for a likely match (stored as the user's answer; absent: not offered). */
  rejectDouyin?(account: DouyinAccount, oAuthorId: string): Promise<Result<Resolution>>;
  openOptions(): void;
  /** Let one paid call past the daily call limit ("Allow one call"); absent: the button is not offered. */
  allowOneCall?(): Promise<Result<true>>;
  /** The cached answer only, never a call (absent: not offered). */
  peek?(req: DistributionRequest): Promise<Distribution | null>;
  /** The name and avatar already known for a Xingtu creator, never a call (absent: not shown). */
  knownAuthor?(oAuthorId: string): Promise<KnownAuthor | null>;
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
    ...(bridge.rejectDouyin ? { rejectDouyin: bounded(bridge.rejectDouyin) } : {}),
    ...(bridge.peek ? { peek: bridge.peek } : {}),
    ...(bridge.knownAuthor ? { knownAuthor: bridge.knownAuthor } : {}),
  };
}

const messages: ViewBridge = {
  load: (req) => sendMessage('getDistribution', req),
  resolveDouyin: (account) => sendMessage('resolveDouyin', account),
  linkDouyin: (account, author) => sendMessage('linkDouyin', { account, author }),
  searchCreators: (keyword) => sendMessage('searchCreators', { keyword }),
  rejectDouyin: (account, oAuthorId) => sendMessage('rejectDouyin', { account, oAuthorId }),
  openOptions: () => void sendMessage('openOptions', undefined).catch(() => undefined),
  allowOneCall: () => sendMessage('allowOneCall', undefined),
  peek: (req) => peekDistribution(req),
  knownAuthor: (oAuthorId) => knownAuthor(oAuthorId),
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

const avatarAsks = new Map<string, Promise<string | null>>();

/** A creator's avatar as a `data:` URL from the background (asked once per page), or null. */
export function avatarDataUrl(url: string): Promise<string | null> {
  let ask = avatarAsks.get(url);
  if (!ask) {
    ask = sendMessage('getAvatar', { url }).then(
      (value) => (typeof value === 'string' && value.startsWith('data:image/') ? value : null),
      () => null,
    );
    avatarAsks.set(url, ask);
  }
  return ask;
}

/** The name and avatar the background already knows for a Xingtu creator (never a call), or null. */
export async function knownAuthor(oAuthorId: string): Promise<KnownAuthor | null> {
  try {
    const known = await sendMessage('knownAuthor', { oAuthorId });
    return known && typeof known === 'object' ? known : null;
  } catch {
    return null;
  }
}
