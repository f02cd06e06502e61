import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import {
  DEFAULT_RUN_CONCURRENCY,
  ListIdSchema,
  isRunConcurrency,
  type EntryResult,
  type EntryStatus,
  type ListEntry,
  type ListResults,
  type ListRunView,
  type RunStatus,
} from '../shared/creator-lists';
import type { LinkedAuthor, Resolution } from '../shared/messaging';
import { PLATFORMS, type Platform } from '../shared/platform';
import type { Settings } from '../shared/settings';
import type { Distribution, Failure, Result } from '../shared/types';
import type { AccountLinks } from './account-links';
import type { CreatorResolver } from './creator-resolver';
import type { DistributionService } from './distribution-service';
import { accountOf, planRun, readLinks, type RowPlan } from './list-estimate';
import type { ListStore } from './list-store';
import { DouyinAccountSchema } from './message-guards';
import { RATE_LIMIT_COOL_DOWN_MS } from './api/call-guard';
import type { KeepAlive, WakeScheduler } from './run-lifetime';
import { createSerial } from './serial';

/**
 * The creator-list run queue. One run at a time; it lives in the background and in storage, so
 * closing the list page or the browser stopping the service worker loses nothing:
 *
 * - the queue (RunRecord) is written to storage.local (RUN_QUEUE_KEY) at every step, and a task
 *   is marked in flight there BEFORE its call;
 * - when the background starts again (start()), a task that was in flight is first looked up
 *   (the cache for a distribution, the account links for a search): answered → settled with no
 *   call; else 'interrupted', never called again by this run ("Retry failed" does);
 * - every call goes through the DistributionService (cache, in-flight sharing, call guard) and
 *   the CreatorResolver (stored links, search, match); at most `settings.runConcurrency`
 *   requests are in flight, and a creator+platform (or a search keyword) that failed in this run
 *   is not called again in it;
 * - 302 (rate limited) → 'cooling-down' until the guard's blockedUntil, then it resumes by itself
 *   (a timer, and an alarm if the worker was stopped); 100, 303, 601, 602 and "no key" →
 *   'stopped' with the reason (Resume tries again); the user's daily call limit ('daily-cap') →
 *   'paused' with that reason (Resume goes on once a call is allowed or the next day has come);
 *   any other failure marks the row and the run goes on. The unanswered task goes back to the
 *   queue in the first three cases, and its row is not marked failed.
 * - its calls are logged as usage from the list page (via 'list').
 *
 * Results go to the list's results record and progress to the run view, both through the
 * ListStore (their one writer); the list page watches them.
 */
export interface ListRunner {
  /** At background start: settle what was in flight when the worker stopped, then resume. */
  start(): Promise<void>;
  /** A new run of a list (refused while another is running or cooling down). */
  startRun(listId: string, platforms: readonly Platform[]): Promise<Result<ListRunView>>;
  pause(): Promise<Result<ListRunView>>;
  /** Resume a paused, stopped or cooling-down run. */
  resume(): Promise<Result<ListRunView>>;
  /** A new run of just the rows that failed or were interrupted. */
  retryFailed(listId: string, platforms: readonly Platform[]): Promise<Result<ListRunView>>;
  /**
   * The user settles a row waiting for confirmation: `author` (Douyin rows: the link is stored
   * too), then its distributions are fetched — in the run of that list when there is one, else
   * in a small run of its own (when no other list's run is going; otherwise the next Start
   * fetches them). null: the row is "not on Xingtu" for this list.
   */
  confirmEntry(listId: string, key: string, author: LinkedAuthor | null, platforms: readonly Platform[]): Promise<Result<true>>;
  /** The cool-down may be over (timer or alarm). */
  wake(): Promise<void>;
  /** The list was deleted: a run on it is dropped. */
  listDeleted(listId: string): Promise<void>;
  /** Rows were removed from a list: their queued calls are dropped. */
  entriesRemoved(listId: string, keys: readonly string[]): Promise<void>;
  /** Resolves once no call is in flight and nothing can start now (tests, bench). */
  idle(): Promise<void>;
}

export interface QueueStore {
  get(): Promise<unknown>;
  set(record: RunRecord | null): Promise<void>;
}

export interface ListRunnerDeps {
  store: ListStore;
  service: Pick<DistributionService, 'getDistribution' | 'peek'>;
  resolver: Pick<CreatorResolver, 'resolve' | 'link'>;
  links: Pick<AccountLinks, 'get'>;
  loadSettings: () => Promise<Pick<Settings, 'runConcurrency'>>;
  now: () => number;
  /** Calls runner.wake() at a time (utils/background/run-lifetime.ts createWakeScheduler). */
  wake: WakeScheduler;
  keepAlive: KeepAlive;
  /** Where the queue is kept (default: storage.local RUN_QUEUE_KEY). */
  queue?: QueueStore;
  newRunId?: () => string;
}

/** The private queue record (the list page reads only the view, listRunItem). */
export const RUN_QUEUE_KEY = 'local:listRunQueue';

/** The failure of a call the worker was stopped during (its answer never came). */
export const INTERRUPTED: Failure = { kind: 'network', detail: 'interrupted: the background stopped during this call' };

const TaskStateSchema = v.picklist(['pending', 'in-flight']);
const FailureSchema = v.looseObject({ kind: v.string() });
const ResolveTaskSchema = v.object({
  kind: v.literal('resolve'),
  key: v.string(),
  account: DouyinAccountSchema,
  keyword: v.string(),
  state: TaskStateSchema,
  startedAt: v.optional(v.number()),
});
const FetchTaskSchema = v.object({
  kind: v.literal('distribution'),
  key: v.string(),
  oAuthorId: v.pipe(v.string(), v.regex(/^\d{1,24}$/)),
  platform: v.picklist(PLATFORMS),
  state: TaskStateSchema,
  startedAt: v.optional(v.number()),
});
const RunRecordSchema = v.object({
  v: v.literal(1),
  runId: v.string(),
  listId: ListIdSchema,
  platforms: v.pipe(v.array(v.picklist(PLATFORMS)), v.minLength(1)),
  status: v.picklist(['running', 'paused', 'cooling-down', 'stopped', 'done']),
  resumeAt: v.optional(v.number()),
  stopReason: v.optional(FailureSchema),
  keys: v.array(v.string()),
  tasks: v.array(v.variant('kind', [ResolveTaskSchema, FetchTaskSchema])),
  /** Calls settled in this run: `callKey` → null (answered) or its failure. */
  calls: v.record(v.string(), v.nullable(FailureSchema)),
  /** Rows with a call the worker was stopped during. */
  interrupted: v.array(v.string()),
  paidCalls: v.number(),
  fromCache: v.number(),
  startedAt: v.number(),
  updatedAt: v.number(),
});

export type RunRecord = Omit<v.InferOutput<typeof RunRecordSchema>, 'stopReason' | 'calls'> & {
  stopReason?: Failure;
  calls: Record<string, Failure | null>;
};
type RunTask = RunRecord['tasks'][number];
type ResolveTask = Extract<RunTask, { kind: 'resolve' }>;
type FetchTask = Extract<RunTask, { kind: 'distribution' }>;

const queueItem = storage.defineItem<RunRecord | null>(RUN_QUEUE_KEY, { fallback: null, version: 1 });
const storedQueue: QueueStore = { get: () => queueItem.getValue(), set: (record) => queueItem.setValue(record) };

export function parseRunRecord(raw: unknown): RunRecord | null {
  const parsed = v.safeParse(RunRecordSchema, raw);
  return parsed.success ? (parsed.output as RunRecord) : null;
}

/** The one call a task makes: a creator+platform, or a search keyword. */
function callKey(task: RunTask): string {
  return task.kind === 'distribution' ? `d:${task.platform}:${task.oAuthorId}` : `s:${task.keyword}`;
}

type RunEffect = 'cool-down' | 'stop' | 'pause' | 'row';

/** What a failure means for the run: wait for a cool-down, stop, pause (the daily limit), or just this row. */
function runEffect(error: Failure): RunEffect {
  if (error.kind === 'rate-limited') return 'cool-down';
  if (error.kind === 'daily-cap') return 'pause';
  const stops: readonly string[] = ['no-key', 'invalid-token', 'quota-exceeded', 'insufficient-balance', 'spending-cap'];
  // A 602 recorded before it had its own kind ('undocumented-code') stops too; Xingtu's own
  // status 602 (kind 'upstream') is not the provider's code.
  return stops.includes(error.kind) || (error.code === 602 && error.kind !== 'upstream') ? 'stop' : 'row';
}

type TaskOutcome =
  | { kind: 'distribution'; result: Result<Distribution>; paid: boolean }
  | { kind: 'resolve'; result: Result<Resolution>; searched: boolean }
  | { kind: 'interrupted' };

function randomRunId(): string {
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

const ACTIVE: readonly RunStatus[] = ['running', 'cooling-down'];

function refused(detail: string): { ok: false; error: Failure } {
  return { ok: false, error: { kind: 'bad-input', detail } };
}

/** A row result without the fields of a state it left. */
function cleared(result: EntryResult | undefined, now: number): EntryResult {
  if (!result) return { status: 'new', platforms: {}, updatedAt: now };
  const { match: _m, candidates: _c, error: _e, ...rest } = result;
  return { ...rest, updatedAt: now };
}

/** Keep only the answered platforms of a row, and only when they are of this creator. */
function answeredFor(result: EntryResult | undefined, oAuthorId: string): EntryResult['platforms'] {
  if (result?.oAuthorId !== oAuthorId) return {};
  return Object.fromEntries(Object.entries(result.platforms).filter(([, outcome]) => outcome.ok));
}

export function createListRunner(deps: ListRunnerDeps): ListRunner {
  const { store, service, resolver, links, now } = deps;
  const queue = deps.queue ?? storedQueue;
  const newRunId = deps.newRunId ?? randomRunId;
  /** Every change of the run, one after another. Methods below marked "inside" run in it. */
  const op = createSerial();
  let record: RunRecord | null = null;
  /** Calls this worker has in flight (a dropped run's too: they still use a slot). */
  let active = 0;
  let idleWaiters: (() => void)[] = [];

  function view(r: RunRecord): ListRunView {
    const live = new Set(r.tasks.map((t) => t.key));
    const out: ListRunView = {
      runId: r.runId,
      listId: r.listId,
      platforms: [...r.platforms],
      status: r.status,
      total: r.keys.length,
      finished: r.keys.filter((k) => !live.has(k)).length,
      paidCalls: r.paidCalls,
      fromCache: r.fromCache,
      startedAt: r.startedAt,
      updatedAt: r.updatedAt,
    };
    if (r.resumeAt !== undefined) out.resumeAt = r.resumeAt;
    if (r.stopReason !== undefined) out.stopReason = r.stopReason;
    return out;
  }

  /** inside: store the queue, then the view. */
  async function persist(): Promise<void> {
    if (record) record.updatedAt = now();
    await queue.set(record);
    await store.saveRun(record ? view(record) : null);
  }

  async function patchRow(listId: string, key: string, change: (current: EntryResult | undefined) => EntryResult | null): Promise<void> {
    await store.updateResults(listId, (results) => {
      const next = change(results[key]);
      return next === null ? null : { ...results, [key]: next };
    });
  }

  /** Where a row stands in the run when none of its ends (confirm, not on Xingtu, …) applies. */
  function rowStatus(r: RunRecord, key: string, result: EntryResult): EntryStatus {
    const mine = r.tasks.filter((t) => t.key === key);
    if (mine.some((t) => t.state === 'in-flight')) return 'running';
    if (mine.length > 0) return 'queued';
    if (r.interrupted.includes(key)) return 'interrupted';
    if (result.error !== undefined) return 'failed';
    return r.platforms.every((p) => result.platforms[p]?.ok === true) ? 'done' : 'failed';
  }

  async function refreshRow(r: RunRecord, key: string): Promise<void> {
    await patchRow(r.listId, key, (current) => {
      const base = current ?? { status: 'new', platforms: {}, updatedAt: now() };
      return { ...base, status: rowStatus(r, key, base), updatedAt: now() };
    });
  }

  function fetchTasks(r: RunRecord, key: string, oAuthorId: string, platforms: readonly Platform[]): FetchTask[] {
    const have = new Set(r.tasks.filter((t) => t.key === key && t.kind === 'distribution').map((t) => callKey(t)));
    return platforms
      .map((platform): FetchTask => ({ kind: 'distribution', key, oAuthorId, platform, state: 'pending' }))
      .filter((t) => !have.has(callKey(t)));
  }

  // ---- settling a task ------------------------------------------------------------------

  /** inside: a run-wide failure: the task goes back to the queue; the run waits, pauses or stops. */
  function holdRun(r: RunRecord, task: RunTask, error: Failure, effect: Exclude<RunEffect, 'row'>): void {
    task.state = 'pending';
    delete task.startedAt;
    // The daily limit pauses a run that goes on; a stopped one stays stopped for its own reason.
    if (effect === 'stop' || (effect === 'pause' && r.status !== 'stopped')) {
      r.status = effect === 'stop' ? 'stopped' : 'paused';
      r.stopReason = error;
      delete r.resumeAt;
      deps.wake.cancel();
      return;
    }
    if (r.status !== 'running' && r.status !== 'cooling-down') return; // paused or stopped: stays so
    const until = typeof error.blockedUntil === 'number' ? error.blockedUntil : now() + RATE_LIMIT_COOL_DOWN_MS;
    r.status = 'cooling-down';
    r.resumeAt = Math.max(until, r.resumeAt ?? 0);
    deps.wake.schedule(r.resumeAt);
  }

  /** inside: a distribution answer (or failure) for the row. */
  async function settleFetch(r: RunRecord, task: FetchTask, outcome: Exclude<TaskOutcome, { kind: 'resolve' }>): Promise<void> {
    const key = callKey(task);
    if (outcome.kind === 'interrupted') {
      r.calls[key] = INTERRUPTED;
      if (!r.interrupted.includes(task.key)) r.interrupted.push(task.key);
      await patchRow(r.listId, task.key, (current) => (current ? { ...current, error: INTERRUPTED, updatedAt: now() } : null));
      return;
    }
    const { result } = outcome;
    r.calls[key] = result.ok ? null : result.error;
    if (result.ok) {
      if (outcome.paid) r.paidCalls += 1;
      else r.fromCache += 1;
    }
    await patchRow(r.listId, task.key, (current) => {
      if (!current || current.oAuthorId !== task.oAuthorId) return null;
      const answer = result.ok
        ? { ok: true as const, rows: result.value.rows, fetchedAt: result.value.fetchedAt, fromCache: !outcome.paid }
        : { ok: false as const, error: result.error };
      return { ...current, platforms: { ...current.platforms, [task.platform]: answer }, updatedAt: now() };
    });
  }

  /** inside: a search answer (or failure) for the row; a sure match queues its distributions. */
  async function settleResolve(r: RunRecord, task: ResolveTask, outcome: Exclude<TaskOutcome, { kind: 'distribution' }>): Promise<EntryStatus | null> {
    const key = callKey(task);
    if (outcome.kind === 'interrupted') {
      r.calls[key] = INTERRUPTED;
      if (!r.interrupted.includes(task.key)) r.interrupted.push(task.key);
      await patchRow(r.listId, task.key, (current) => ({ ...cleared(current, now()), error: INTERRUPTED }));
      return 'interrupted';
    }
    const { result } = outcome;
    if (outcome.searched) {
      if (result.ok && !(key in r.calls)) r.paidCalls += 1;
      r.calls[key] = result.ok ? null : result.error;
    }
    if (!result.ok) {
      await patchRow(r.listId, task.key, (current) => ({ ...cleared(current, now()), error: result.error }));
      return 'failed';
    }
    const resolution = result.value;
    switch (resolution.kind) {
      case 'sure': {
        const { author } = resolution;
        r.tasks.push(...fetchTasks(r, task.key, author.oAuthorId, r.platforms));
        await patchRow(r.listId, task.key, (current) => {
          const next: EntryResult = { ...cleared(current, now()), oAuthorId: author.oAuthorId, platforms: answeredFor(current, author.oAuthorId) };
          if (author.nickname) next.nickname = author.nickname;
          if (author.avatarUrl !== undefined) next.avatarUrl = author.avatarUrl;
          return next;
        });
        return null;
      }
      case 'likely':
      case 'ambiguous': {
        const candidates = resolution.kind === 'likely' ? [resolution.author] : resolution.candidates;
        await patchRow(r.listId, task.key, (current) => ({ ...cleared(current, now()), status: 'confirm', match: resolution.kind, candidates }));
        return 'confirm';
      }
      case 'none':
        await patchRow(r.listId, task.key, (current) => ({ ...cleared(current, now()), status: 'not-on-xingtu' }));
        return 'not-on-xingtu';
    }
  }

  /** inside: record what a task's call gave (or that it was interrupted). */
  async function settle(runId: string, listId: string, task: RunTask, outcome: TaskOutcome): Promise<void> {
    const r = record;
    if (!r || r.runId !== runId) {
      // A dropped or replaced run's answer: keep it in the list (it was paid for), nothing else.
      if (task.kind === 'distribution' && outcome.kind === 'distribution' && outcome.result.ok) {
        const { rows, fetchedAt } = outcome.result.value;
        await patchRow(listId, task.key, (current) =>
          current?.oAuthorId === task.oAuthorId
            ? { ...current, platforms: { ...current.platforms, [task.platform]: { ok: true, rows, fetchedAt, fromCache: !outcome.paid } }, updatedAt: now() }
            : null,
        );
      }
      return;
    }
    if (outcome.kind !== 'interrupted' && !outcome.result.ok) {
      const effect = runEffect(outcome.result.error);
      if (effect !== 'row') {
        holdRun(r, task, outcome.result.error, effect);
        await refreshRow(r, task.key);
        return;
      }
    }
    r.tasks = r.tasks.filter((t) => t !== task);
    let end: EntryStatus | null = null;
    if (task.kind === 'distribution' && outcome.kind !== 'resolve') await settleFetch(r, task, outcome);
    if (task.kind === 'resolve' && outcome.kind !== 'distribution') end = await settleResolve(r, task, outcome);
    if (end === null) await refreshRow(r, task.key);
    else await patchRow(r.listId, task.key, (current) => (current ? { ...current, status: end, updatedAt: now() } : null));
  }

  // ---- calls --------------------------------------------------------------------------

  async function callFor(task: RunTask): Promise<TaskOutcome> {
    if (task.kind === 'distribution') {
      const result = await service.getDistribution({ oAuthorId: task.oAuthorId, platform: task.platform, via: 'list' });
      return { kind: 'distribution', result, paid: result.ok && !result.value.fromCache };
    }
    // A link stored since the run was planned (the panel, another row) answers without a search.
    const stored = await links.get(task.account).catch(() => null);
    if (stored) return { kind: 'resolve', result: { ok: true, value: stored.resolution }, searched: false };
    return { kind: 'resolve', result: await resolver.resolve(task.account, { via: 'list' }), searched: true };
  }

  /** Make the call of a task already marked in flight (in storage); then settle and go on. */
  async function execute(runId: string, listId: string, task: RunTask): Promise<void> {
    let outcome: TaskOutcome;
    try {
      outcome = await callFor(task);
    } catch {
      outcome = task.kind === 'distribution'
        ? { kind: 'distribution', result: { ok: false, error: { kind: 'bad-response' } }, paid: false }
        : { kind: 'resolve', result: { ok: false, error: { kind: 'bad-response' } }, searched: false };
    } finally {
      deps.keepAlive.release();
    }
    await op(async () => {
      active -= 1;
      try {
        await settle(runId, listId, task, outcome);
      } catch {
        // The answer could not be recorded (storage failing): the task is not run again.
        if (record) record.tasks = record.tasks.filter((t) => t !== task);
      }
      await pumpNow();
    }).catch(() => undefined);
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  }

  async function concurrency(): Promise<number> {
    try {
      const { runConcurrency } = await deps.loadSettings();
      return isRunConcurrency(runConcurrency) ? runConcurrency : DEFAULT_RUN_CONCURRENCY;
    } catch {
      return DEFAULT_RUN_CONCURRENCY;
    }
  }

  /** inside: start calls up to the limit; finish the run when nothing is left; store the state. */
  async function pumpNow(): Promise<void> {
    const r = record;
    if (!r) return;
    if (r.status !== 'running') {
      await persist();
      return;
    }
    const limit = await concurrency();
    while (active < limit) {
      const busy = new Set(r.tasks.filter((t) => t.state === 'in-flight').map(callKey));
      const task = r.tasks.find((t) => t.state === 'pending' && !busy.has(callKey(t)));
      if (!task) break;
      const earlier = r.calls[callKey(task)];
      if (earlier) {
        // This call already failed in this run: the same failure, no second call.
        const replay: TaskOutcome =
          earlier === INTERRUPTED || earlier.detail === INTERRUPTED.detail
            ? { kind: 'interrupted' }
            : task.kind === 'distribution'
              ? { kind: 'distribution', result: { ok: false, error: earlier }, paid: false }
              : { kind: 'resolve', result: { ok: false, error: earlier }, searched: false };
        await settle(r.runId, r.listId, task, replay);
        continue;
      }
      task.state = 'in-flight';
      task.startedAt = now();
      active += 1;
      deps.keepAlive.acquire();
      await refreshRow(r, task.key);
      await persist(); // in flight in storage before the call
      void execute(r.runId, r.listId, task);
    }
    if (r.tasks.length === 0) {
      r.status = 'done';
      delete r.resumeAt;
    }
    await persist();
  }

  // ---- starting a run -----------------------------------------------------------------

  /** inside: drop the current run; its rows still waiting go back to 'new'. */
  async function discard(): Promise<void> {
    const r = record;
    if (!r) return;
    const waiting = [...new Set(r.tasks.map((t) => t.key))];
    record = null;
    deps.wake.cancel();
    if (waiting.length === 0) return;
    await store.updateResults(r.listId, (results) => {
      const next = { ...results };
      for (const key of waiting) {
        const current = next[key];
        if (current && (current.status === 'queued' || current.status === 'running')) next[key] = { ...current, status: 'new', updatedAt: now() };
      }
      return next;
    });
  }

  /** The row result a plan starts from (and, for rows without a call, ends with). */
  function startRow(plan: RowPlan, current: EntryResult | undefined, at: number): EntryResult | null {
    switch (plan.kind) {
      case 'done':
        return null;
      case 'fetch': {
        const next: EntryResult = { ...cleared(current, at), status: 'queued', oAuthorId: plan.oAuthorId, platforms: answeredFor(current, plan.oAuthorId) };
        if (plan.author?.nickname) next.nickname = plan.author.nickname;
        if (plan.author?.avatarUrl !== undefined) next.avatarUrl = plan.author.avatarUrl;
        return next;
      }
      case 'search':
        return { ...cleared(current, at), status: 'queued', platforms: {} };
      case 'confirm':
        return { ...cleared(current, at), status: 'confirm', match: plan.match, candidates: plan.candidates };
      case 'not-on-xingtu':
      case 'needs-nickname':
        return { ...cleared(current, at), status: plan.kind };
    }
  }

  /** inside: plan and start a run of the rows of a list `pick` selects. */
  async function begin(listId: string, platforms: readonly Platform[], pick: (entry: ListEntry, result: EntryResult | undefined) => boolean): Promise<Result<ListRunView>> {
    if (record && ACTIVE.includes(record.status)) return refused('a run is going: pause it or let it finish first');
    const list = await store.list(listId);
    if (!list) return refused('no such list');
    await discard();
    const results: ListResults = await store.results(listId);
    const entries = list.entries.filter((e) => pick(e, results[e.key]));
    const plans = planRun(entries, results, platforms, await readLinks(entries, { link: async (a) => (await links.get(a))?.resolution ?? null }));
    const at = now();
    const r: RunRecord = {
      v: 1,
      runId: newRunId(),
      listId,
      platforms: [...platforms],
      status: 'running',
      keys: [],
      tasks: [],
      calls: {},
      interrupted: [],
      paidCalls: 0,
      fromCache: 0,
      startedAt: at,
      updatedAt: at,
    };
    const byKey = new Map(entries.map((e) => [e.key, e]));
    for (const plan of plans) {
      if (plan.kind === 'fetch') {
        r.keys.push(plan.key);
        r.tasks.push(...fetchTasks(r, plan.key, plan.oAuthorId, plan.platforms));
      } else if (plan.kind === 'search') {
        const entry = byKey.get(plan.key);
        const account = entry ? accountOf(entry) : null;
        if (!account) continue;
        r.keys.push(plan.key);
        r.tasks.push({ kind: 'resolve', key: plan.key, account, keyword: plan.keyword, state: 'pending' });
      }
    }
    await store.updateResults(listId, (current) => {
      const next = { ...current };
      for (const plan of plans) {
        const row = startRow(plan, current[plan.key], at);
        if (row) next[plan.key] = row;
      }
      return next;
    });
    record = r;
    await pumpNow();
    return { ok: true, value: view(r) };
  }

  // ---- after a worker stop -------------------------------------------------------------

  /** inside: what a call in flight when the worker stopped gave, found without a call. */
  async function recover(task: RunTask): Promise<TaskOutcome> {
    const startedAt = task.startedAt ?? 0;
    if (task.kind === 'distribution') {
      const hit = await service.peek({ oAuthorId: task.oAuthorId, platform: task.platform }).catch(() => null);
      // Fetched since the call started: that call's answer (paid); older: it was in the cache.
      return hit ? { kind: 'distribution', result: { ok: true, value: hit }, paid: hit.fetchedAt >= startedAt } : { kind: 'interrupted' };
    }
    const stored = await links.get(task.account).catch(() => null);
    if (!stored) return { kind: 'interrupted' };
    // Saved since the search started: that search's answer (paid).
    return { kind: 'resolve', result: { ok: true, value: stored.resolution }, searched: stored.savedAt >= startedAt };
  }

  function listOf(r: RunRecord | null, listId?: string): r is RunRecord {
    return r !== null && (listId === undefined || r.listId === listId);
  }

  return {
    start: () =>
      op(async () => {
        record = parseRunRecord(await queue.get().catch(() => null));
        const r = record;
        if (!r) return;
        if (!(await store.list(r.listId))) {
          record = null;
          await persist();
          return;
        }
        for (const task of r.tasks.filter((t) => t.state === 'in-flight')) {
          await settle(r.runId, r.listId, task, await recover(task));
        }
        if (r.status === 'cooling-down') {
          if (r.resumeAt === undefined || now() >= r.resumeAt) {
            r.status = 'running';
            delete r.resumeAt;
          } else deps.wake.schedule(r.resumeAt);
        }
        await pumpNow();
      }),

    startRun: (listId, platforms) => op(() => begin(listId, platforms, () => true)),

    retryFailed: (listId, platforms) =>
      op(async () => {
        if (record && ACTIVE.includes(record.status)) return refused('a run is going: pause it or let it finish first');
        let keys = new Set<string>();
        const found = await store.updateResults(listId, (results) => {
          const next = { ...results };
          keys = new Set(Object.keys(results).filter((k) => results[k]?.status === 'failed' || results[k]?.status === 'interrupted'));
          for (const key of keys) {
            const current = results[key];
            if (!current) continue;
            const platformsKept = Object.fromEntries(Object.entries(current.platforms).filter(([, o]) => o.ok));
            next[key] = { ...cleared(current, now()), status: 'new', platforms: platformsKept };
          }
          return next;
        });
        if (!found) return refused('no such list');
        return begin(listId, platforms, (entry) => keys.has(entry.key));
      }),

    pause: () =>
      op(async () => {
        const r = record;
        if (!r || !ACTIVE.includes(r.status)) return refused('no run to pause');
        r.status = 'paused';
        delete r.resumeAt;
        deps.wake.cancel();
        await persist();
        return { ok: true, value: view(r) };
      }),

    resume: () =>
      op(async () => {
        const r = record;
        if (!r || !(['paused', 'stopped', 'cooling-down'] as RunStatus[]).includes(r.status)) return refused('no run to resume');
        r.status = 'running';
        delete r.resumeAt;
        delete r.stopReason;
        deps.wake.cancel();
        await pumpNow();
        return { ok: true, value: view(r) };
      }),

    confirmEntry: (listId, key, author, platforms) =>
      op(async (): Promise<Result<true>> => {
        const entry = (await store.list(listId))?.entries.find((e) => e.key === key);
        if (!entry) return refused('no such row');
        if (author && entry.ref.kind === 'douyin') {
          const account = accountOf(entry);
          if (account) await resolver.link(account, author);
        }
        await patchRow(listId, key, (current) => {
          const base = cleared(current, now());
          if (!author) {
            const { oAuthorId: _id, ...rest } = base;
            return { ...rest, status: 'not-on-xingtu', platforms: {} };
          }
          const next: EntryResult = { ...base, status: 'new', oAuthorId: author.oAuthorId, platforms: answeredFor(current, author.oAuthorId) };
          if (author.nickname) next.nickname = author.nickname;
          if (author.avatarUrl !== undefined) next.avatarUrl = author.avatarUrl;
          return next;
        });
        if (!author) return { ok: true, value: true };
        const r = record;
        if (listOf(r, listId) && r.status !== 'done') {
          if (!r.keys.includes(key)) r.keys.push(key);
          r.interrupted = r.interrupted.filter((k) => k !== key);
          r.tasks.push(...fetchTasks(r, key, author.oAuthorId, r.platforms));
          await refreshRow(r, key);
          await pumpNow();
          return { ok: true, value: true };
        }
        // Another list's run is going (or waits): this row is fetched by the next Start.
        if (r && r.status !== 'done') return { ok: true, value: true };
        const started = await begin(listId, platforms, (e) => e.key === key);
        return started.ok ? { ok: true, value: true } : started;
      }),

    wake: () =>
      op(async () => {
        const r = record;
        if (!r || r.status !== 'cooling-down') return;
        if (r.resumeAt !== undefined && now() < r.resumeAt) {
          deps.wake.schedule(r.resumeAt);
          return;
        }
        r.status = 'running';
        delete r.resumeAt;
        await pumpNow();
      }),

    listDeleted: (listId) =>
      op(async () => {
        if (!listOf(record, listId)) return;
        record = null;
        deps.wake.cancel();
        await persist();
      }),

    entriesRemoved: (listId, keys) =>
      op(async () => {
        const r = record;
        if (!listOf(r, listId)) return;
        const gone = new Set(keys);
        r.tasks = r.tasks.filter((t) => t.state === 'in-flight' || !gone.has(t.key));
        r.keys = r.keys.filter((k) => !gone.has(k) || r.tasks.some((t) => t.key === k));
        await pumpNow();
      }),

    async idle() {
      for (;;) {
        await op(async () => undefined);
        if (active === 0) return;
        await new Promise<void>((resolve) => idleWaiters.push(resolve));
      }
    },
  };
}
