import { sendMessage, type AddedToList, type LinkedAuthor, type RecentCreator } from '../shared/messaging';
import type { ListRunView, NewEntry, RunEstimate } from '../shared/creator-lists';
import type { Platform } from '../shared/platform';
import { DEFAULT_SETTINGS, loadSettings } from '../shared/settings';
import type { Failure, Result } from '../shared/types';
import { bridgeDeadlineMs, withDeadline } from './view-bridge';

/**
 * What the list page (and the panel's "Add to list") may ask of the background, which alone
 * writes the lists (utils/shared/creator-lists.ts). Every request is bounded by a deadline, and
 * an answer that is not a Result, or no answer at all, becomes a failure the page can show:
 * the page never waits forever. Components take a ListBridge as a prop so tests can fake it.
 */
export interface ListBridge {
  createList(req: { name: string }): Promise<ListAnswer<{ listId: string }>>;
  renameList(req: { listId: string; name: string }): Promise<ListAnswer<true>>;
  deleteList(req: { listId: string }): Promise<ListAnswer<true>>;
  selectList(req: { listId: string }): Promise<ListAnswer<true>>;
  addToList(req: { listId: string | null; entries: NewEntry[] }): Promise<ListAnswer<AddedToList>>;
  removeFromList(req: { listId: string; keys: string[] }): Promise<ListAnswer<true>>;
  estimateRun(req: { listId: string; platforms: Platform[] }): Promise<ListAnswer<RunEstimate>>;
  startRun(req: { listId: string; platforms: Platform[] }): Promise<ListAnswer<ListRunView>>;
  pauseRun(): Promise<ListAnswer<ListRunView>>;
  resumeRun(): Promise<ListAnswer<ListRunView>>;
  retryFailed(req: { listId: string; platforms: Platform[] }): Promise<ListAnswer<ListRunView>>;
  confirmEntry(req: { listId: string; key: string; author: LinkedAuthor | null; platforms: Platform[] }): Promise<ListAnswer<true>>;
  recentlyViewed(): Promise<ListAnswer<RecentCreator[]>>;
  /** Let one paid call past the daily call limit (a run paused by it, then resumed). */
  allowOneCall(): Promise<ListAnswer<true>>;
}

/** A failure from the background, or `unexpected`: no answer / not a Result (the views' ViewFailure). */
export type ListFailure = Failure | { kind: 'unexpected'; detail?: string };
export type ListAnswer<T> = { ok: true; value: T } | { ok: false; error: ListFailure };

/** What a request that got no usable answer resolves to. */
export const NO_ANSWER: ListFailure = { kind: 'unexpected' };

function isResult<T>(raw: Result<T> | unknown): raw is Result<T> {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as { ok?: unknown; error?: unknown };
  if (r.ok === true) return 'value' in r;
  if (r.ok !== false) return false;
  const error = r.error as { kind?: unknown } | null | undefined;
  return typeof error === 'object' && error !== null && typeof error.kind === 'string';
}

/**
 * `ask()` bounded by `deadlineMs()`: a rejection (no background listening) or an answer that is
 * not a Result becomes `{ ok: false, error: NO_ANSWER }`; a late answer a timeout failure.
 */
export async function askWithin<T>(ask: () => Promise<Result<T>>, deadlineMs: () => Promise<number>): Promise<ListAnswer<T>> {
  const noAnswer = (): ListAnswer<T> => ({ ok: false, error: { ...NO_ANSWER } });
  let work: Promise<Result<T>>;
  try {
    work = ask();
  } catch (error) {
    work = Promise.reject(error);
  }
  // Wrapped once more so that withDeadline's timeout is the only failure at the outer level.
  const checked = work.then(
    (raw): Result<ListAnswer<T>> => ({ ok: true, value: isResult(raw) ? raw : noAnswer() }),
    (): Result<ListAnswer<T>> => ({ ok: true, value: noAnswer() }),
  );
  const ms = await deadlineMs().catch(() => bridgeDeadlineMs(DEFAULT_SETTINGS));
  const settled = await withDeadline(checked, ms);
  return settled.ok ? settled.value : settled;
}

/** The type of `sendMessage` restricted to what the list bridge sends (tests pass their own). */
export type ListSend = typeof sendMessage;

/** A ListBridge over `send`, every request bounded by `deadlineMs()`. */
export function createListBridge(send: ListSend, deadlineMs: () => Promise<number>): ListBridge {
  const within = <T>(ask: () => Promise<Result<T>>) => askWithin(ask, deadlineMs);
  return {
    createList: (req) => within(() => send('createList', req)),
    renameList: (req) => within(() => send('renameList', req)),
    deleteList: (req) => within(() => send('deleteList', req)),
    selectList: (req) => within(() => send('selectList', req)),
    addToList: (req) => within(() => send('addToList', req)),
    removeFromList: (req) => within(() => send('removeFromList', req)),
    estimateRun: (req) => within(() => send('estimateRun', req)),
    startRun: (req) => within(() => send('startRun', req)),
    pauseRun: () => within(() => send('pauseRun', undefined)),
    resumeRun: () => within(() => send('resumeRun', undefined)),
    retryFailed: (req) => within(() => send('retryFailed', req)),
    confirmEntry: (req) => within(() => send('confirmEntry', req)),
    recentlyViewed: () => within(() => send('recentlyViewed', undefined)),
    allowOneCall: () => within(() => send('allowOneCall', undefined)),
  };
}

/** The list bridge over extension messaging, with the views' deadline (the request timeout's worst case). */
export const messagingListBridge: ListBridge = createListBridge(sendMessage, async () => bridgeDeadlineMs(await loadSettings()));
