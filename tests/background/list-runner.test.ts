import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ApiClient, FetchedDistribution, FoundAuthors } from '../../utils/background/api/client';
import { createCallGuard, RATE_LIMIT_COOL_DOWN_MS } from '../../utils/background/api/call-guard';
import { createDistributionCache } from '../../utils/background/cache';
import { createDistributionService } from '../../utils/background/distribution-service';
import { createAccountLinks } from '../../utils/background/account-links';
import { createCreatorResolver } from '../../utils/background/creator-resolver';
import { createListStore } from '../../utils/background/list-store';
import { INTERRUPTED, RUN_QUEUE_KEY, createListRunner, parseRunRecord } from '../../utils/background/list-runner';
import { entryKey, type ListCreatorRef, type ListRunView, type NewEntry } from '../../utils/shared/creator-lists';
import { listRunItem } from '../../utils/shared/list-records';
import { PLATFORMS, type Platform } from '../../utils/shared/platform';
import { DEFAULT_SETTINGS } from '../../utils/shared/settings';
import type { Failure, Result } from '../../utils/shared/types';
import type { XingtuAuthor } from '../../utils/shared/xingtu-author';

/**
 * The run queue on the real DistributionService, CreatorResolver, cache, account links and call
 * guard (as entrypoints/background.ts wires them), over a scripted API client that counts calls
 * and requests in flight, a fake clock and the fake browser's storage. "The worker stops" =
 * a second set of background pieces is made on the same storage while the first one's calls
 * never answer.
 */

const T0 = Date.UTC(2025, 2, 1, 6, 0);
const SV: Platform[] = ['SHORT_VIDEO'];
const id = (n: number) => `7000000000${String(n).padStart(9, '0')}`;
const sec = (n: number) => `MS4wLjABAAAA${String(n).padStart(20, 'x')}`;
const uid = (n: number) => `34297112188${String(n).padStart(5, '0')}`;
const pair = (n: number, platform: Platform = 'SHORT_VIDEO') => `${platform}:${id(n)}`;

const xingtu = (n: number): NewEntry => ({ ref: { kind: 'xingtu', oAuthorId: id(n) }, source: id(n) });
const douyinRef = (n: number, nickname: string | null, withUid = true): ListCreatorRef => ({
  kind: 'douyin',
  secUid: sec(n),
  uid: withUid ? uid(n) : null,
  nickname,
});
const douyin = (n: number, nickname: string | null, withUid = true): NewEntry => ({ ref: douyinRef(n, nickname, withUid), source: sec(n) });
const nickname = (name: string): NewEntry => ({ ref: { kind: 'nickname', nickname: name }, source: name });
const keyOf = (e: NewEntry) => entryKey(e.ref);
const author = (n: number, name = `c${n}`, withUid = true): XingtuAuthor => ({
  oAuthorId: id(n),
  douyinUid: withUid ? uid(n) : null,
  nickname: name,
  followers: 10,
  avatarUrl: 'https://p3.example.com/a.jpg',
  city: null,
});

type Scripted = Result<FetchedDistribution> | 'hang';

/** An API client that answers from a script, counts calls and requests in flight. */
function fakeClient(clock: { now: () => number }) {
  const state = {
    calls: [] as string[],
    searches: [] as string[],
    inFlight: 0,
    maxInFlight: 0,
    script: new Map<string, Scripted[]>(),
    authors: new Map<string, XingtuAuthor[]>(),
    searchScript: new Map<string, Result<FoundAuthors>[]>(),
    /** Runs at the start of each distribution call (before it answers). */
    onCall: null as ((pair: string) => Promise<void> | void) | null,
  };
  const turn = () => new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));
  const client: ApiClient = {
    async getDistribution(call) {
      const key = `${call.platform}:${call.oAuthorId}`;
      state.calls.push(key);
      state.inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      try {
        await state.onCall?.(key);
        const next = state.script.get(key)?.shift();
        if (next === 'hang') return await new Promise<never>(() => undefined);
        await turn();
        return next ?? { ok: true, value: { rows: [{ name: '美食', count: 3, share: 1 }], fetchedAt: clock.now() } };
      } finally {
        state.inFlight -= 1;
      }
    },
    checkKey: async () => ({ ok: true, value: { valid: true } }),
    getBalance: async () => ({ ok: true, value: { state: 'not-supported' } }),
    async searchAuthors(call) {
      state.searches.push(call.keyword);
      state.inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      try {
        await turn();
        return state.searchScript.get(call.keyword)?.shift() ?? { ok: true, value: { authors: state.authors.get(call.keyword) ?? [], hasMore: false } };
      } finally {
        state.inFlight -= 1;
      }
    },
  };
  return { client, state };
}

const fail = (error: Failure): Result<FetchedDistribution> => ({ ok: false, error });

interface Clock {
  t: number;
  now: () => number;
}

/** Background pieces as entrypoints/background.ts makes them (a "worker"). */
function worker(opts: { clock?: Clock; concurrency?: number; key?: string } = {}) {
  const clock: Clock = opts.clock ?? { t: T0, now: () => clock.t };
  const now = () => clock.now();
  const { client, state } = fakeClient(clock);
  const settings = { ...DEFAULT_SETTINGS, runConcurrency: opts.concurrency ?? 2 };
  const loadSettings = async () => settings;
  let key = opts.key ?? 'key-1';
  const loadApiKey = async () => key;
  const guard = createCallGuard({ now });
  const cache = createDistributionCache({ now });
  const links = createAccountLinks({ now });
  const service = createDistributionService({ client, cache, loadApiKey, loadSettings, guard });
  const resolver = createCreatorResolver({ client, links, loadApiKey, loadSettings, now, guard });
  const linkSpy = vi.spyOn(resolver, 'link');
  const resolveSpy = vi.spyOn(resolver, 'resolve');
  const store = createListStore({ now });
  const wake = { schedule: vi.fn<(at: number) => void>(), cancel: vi.fn() };
  const alive = { holders: 0, max: 0 };
  const keepAlive = {
    acquire: () => {
      alive.holders += 1;
      alive.max = Math.max(alive.max, alive.holders);
    },
    release: () => void (alive.holders -= 1),
  };
  const runner = createListRunner({ store, service, resolver, links, loadSettings, now, wake, keepAlive });
  return {
    clock,
    api: state,
    cache,
    links,
    store,
    runner,
    wake,
    alive,
    settings,
    linkSpy,
    resolveSpy,
    setKey: (k: string) => (key = k),
  };
}

async function listWith(w: ReturnType<typeof worker>, entries: NewEntry[]): Promise<string> {
  const added = await w.store.add(null, entries);
  if (!added.ok) throw new Error('setup');
  return added.value.listId;
}

/** The call for `key` waits until the returned function is called. */
function holdCall(w: ReturnType<typeof worker>, key: string): () => void {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  w.api.onCall = (called) => (called === key ? gate : undefined);
  return () => release();
}

async function view(): Promise<ListRunView | null> {
  return listRunItem.getValue();
}

async function storedQueue() {
  const raw = await fakeBrowser.storage.local.get(RUN_QUEUE_KEY.slice('local:'.length));
  return parseRunRecord(raw[RUN_QUEUE_KEY.slice('local:'.length)]);
}

describe('list runner: a run', () => {
  it('fetches every row through the service, stores results and progress; cached answers are free', async () => {
    const w = worker();
    const listId = await listWith(w, [xingtu(1), xingtu(2), xingtu(3)]);
    await w.cache.set(id(2), 'SHORT_VIDEO', { rows: [{ name: '探店', count: 1, share: 1 }], fetchedAt: T0 - 1000 });
    const started = await w.runner.startRun(listId, SV);
    expect(started).toMatchObject({ ok: true, value: { listId, total: 3, status: 'running' } });
    await w.runner.idle();
    expect(w.api.calls.sort()).toEqual([pair(1), pair(3)]);
    expect(await view()).toMatchObject({ status: 'done', total: 3, finished: 3, paidCalls: 2, fromCache: 1 });
    const results = await w.store.results(listId);
    expect(results[keyOf(xingtu(1))]).toMatchObject({ status: 'done', oAuthorId: id(1), platforms: { SHORT_VIDEO: { ok: true, fromCache: false, rows: [{ name: '美食' }] } } });
    expect(results[keyOf(xingtu(2))]).toMatchObject({ status: 'done', platforms: { SHORT_VIDEO: { ok: true, fromCache: true, rows: [{ name: '探店' }] } } });
    // The run filled the cache the panel reads.
    expect(await w.cache.get(id(3), 'SHORT_VIDEO', 3_600_000)).not.toBeNull();
  });

  it('all four platforms: one call per creator and platform', async () => {
    const w = worker();
    const listId = await listWith(w, [xingtu(1), xingtu(2)]);
    await w.runner.startRun(listId, [...PLATFORMS]);
    await w.runner.idle();
    expect(w.api.calls).toHaveLength(8);
    expect(new Set(w.api.calls).size).toBe(8);
    expect(await view()).toMatchObject({ status: 'done', paidCalls: 8, finished: 2, total: 2 });
  });

  it.each([1, 2, 3, 4])('never has more than %i requests in flight (the setting), and uses them', async (limit) => {
    const w = worker({ concurrency: limit });
    const listId = await listWith(w, Array.from({ length: 12 }, (_, i) => xingtu(i)));
    await w.runner.startRun(listId, SV);
    await w.runner.idle();
    expect(w.api.calls).toHaveLength(12);
    expect(w.api.maxInFlight).toBe(limit);
    expect(w.alive.max).toBeLessThanOrEqual(limit);
  });

  it('marks a task in flight in storage before its call', async () => {
    const w = worker({ concurrency: 1 });
    const listId = await listWith(w, [xingtu(1), xingtu(2)]);
    const seen: string[] = [];
    w.api.onCall = async (key) => {
      const queue = await storedQueue();
      const task = queue?.tasks.find((t) => t.kind === 'distribution' && `${t.platform}:${t.oAuthorId}` === key);
      seen.push(`${key}=${task?.state ?? 'missing'}`);
    };
    await w.runner.startRun(listId, SV);
    await w.runner.idle();
    expect(seen).toEqual([`${pair(1)}=in-flight`, `${pair(2)}=in-flight`]);
  });

  it('keeps the worker alive only while calls are in flight', async () => {
    const w = worker();
    const listId = await listWith(w, [xingtu(1), xingtu(2), xingtu(3)]);
    await w.runner.startRun(listId, SV);
    await vi.waitFor(() => expect(w.alive.holders).toBeGreaterThan(0));
    await w.runner.idle();
    expect(w.alive.holders).toBe(0);
  });

  it('one run at a time: a second start is refused while one runs; pause stops new calls, resume goes on', async () => {
    const w = worker({ concurrency: 1 });
    const listId = await listWith(w, [xingtu(1), xingtu(2), xingtu(3)]);
    const release = holdCall(w, pair(1));
    await w.runner.startRun(listId, SV);
    await vi.waitFor(() => expect(w.api.calls).toEqual([pair(1)]));
    expect(await w.runner.startRun(listId, SV)).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    expect(await w.runner.pause()).toMatchObject({ ok: true, value: { status: 'paused' } });
    release();
    await w.runner.idle();
    expect(w.api.calls).toEqual([pair(1)]); // the call in flight finished; nothing new started
    expect(await view()).toMatchObject({ status: 'paused', finished: 1, total: 3 });
    expect((await w.store.results(listId))[keyOf(xingtu(2))]?.status).toBe('queued');
    expect(await w.runner.resume()).toMatchObject({ ok: true });
    await w.runner.idle();
    expect(w.api.calls).toEqual([pair(1), pair(2), pair(3)]);
    expect(await view()).toMatchObject({ status: 'done', finished: 3 });
    expect(await w.runner.pause()).toMatchObject({ ok: false });
    expect(await w.runner.resume()).toMatchObject({ ok: false });
  });

  it('a creator in two rows is called once; a failed creator+platform is not called again in the run', async () => {
    const w = worker({ concurrency: 2 });
    const d = douyin(1, 'x');
    await w.links.save({ uid: uid(1), secUid: sec(1) }, { kind: 'sure', author: { oAuthorId: id(1) }, source: 'user' });
    await w.links.save({ uid: uid(2), secUid: sec(2) }, { kind: 'sure', author: { oAuthorId: id(2) }, source: 'user' });
    const listId = await listWith(w, [xingtu(1), d, xingtu(2), douyin(2, 'y')]);
    w.api.script.set(pair(2), [fail({ kind: 'server-error', code: 500 })]);
    await w.runner.startRun(listId, SV);
    await w.runner.idle();
    expect(w.api.calls.sort()).toEqual([pair(1), pair(2)]);
    const results = await w.store.results(listId);
    expect(results[keyOf(d)]).toMatchObject({ status: 'done', oAuthorId: id(1) });
    expect(results[keyOf(douyin(2, 'y'))]).toMatchObject({ status: 'failed', platforms: { SHORT_VIDEO: { ok: false, error: { kind: 'server-error' } } } });
    expect(await view()).toMatchObject({ paidCalls: 1, fromCache: 1 });
  });
});

describe('list runner: failures', () => {
  it.each<[string, Failure]>([
    ['server error (500)', { kind: 'server-error', code: 500 }],
    ['collection failed (301)', { kind: 'collection-failed', code: 301 }],
    ['bad params (400)', { kind: 'invalid-params', code: 400 }],
    ['timeout', { kind: 'timeout' }],
  ])('%s marks that row failed and the run goes on', async (_label, error) => {
    const w = worker({ concurrency: 1 });
    const listId = await listWith(w, [xingtu(1), xingtu(2), xingtu(3)]);
    w.api.script.set(pair(2), [fail(error)]);
    await w.runner.startRun(listId, SV);
    await w.runner.idle();
    expect(w.api.calls).toEqual([pair(1), pair(2), pair(3)]);
    const results = await w.store.results(listId);
    expect(results[keyOf(xingtu(2))]).toMatchObject({ status: 'failed', platforms: { SHORT_VIDEO: { ok: false, error: { kind: error.kind } } } });
    expect(await view()).toMatchObject({ status: 'done', finished: 3, paidCalls: 2 });
  });

  it('302 pauses the run until the cool-down ends, then it resumes by itself; the row is asked again once', async () => {
    const w = worker({ concurrency: 1 });
    const listId = await listWith(w, [xingtu(1), xingtu(2), xingtu(3)]);
    w.api.script.set(pair(2), [fail({ kind: 'rate-limited', code: 302 })]);
    await w.runner.startRun(listId, SV);
    await w.runner.idle();
    const resumeAt = T0 + RATE_LIMIT_COOL_DOWN_MS;
    expect(await view()).toMatchObject({ status: 'cooling-down', resumeAt, finished: 1 });
    expect(w.wake.schedule).toHaveBeenLastCalledWith(resumeAt);
    expect(w.api.calls).toEqual([pair(1), pair(2)]);
    expect((await w.store.results(listId))[keyOf(xingtu(2))]?.status).toBe('queued');

    // Too early: nothing happens (the wake is set again).
    w.clock.t = resumeAt - 1;
    await w.runner.wake();
    await w.runner.idle();
    expect(w.api.calls).toHaveLength(2);
    expect((await view())?.status).toBe('cooling-down');

    w.clock.t = resumeAt;
    await w.runner.wake();
    await w.runner.idle();
    expect(w.api.calls).toEqual([pair(1), pair(2), pair(2), pair(3)]);
    expect(await view()).toMatchObject({ status: 'done', finished: 3, paidCalls: 3 });
    expect((await view())?.resumeAt).toBeUndefined();
  });

  it('a cool-down survives the worker: a new worker after it ended resumes the run', async () => {
    const first = worker({ concurrency: 1 });
    const listId = await listWith(first, [xingtu(1), xingtu(2)]);
    first.api.script.set(pair(1), [fail({ kind: 'rate-limited', code: 302 })]);
    await first.runner.startRun(listId, SV);
    await first.runner.idle();
    expect((await view())?.status).toBe('cooling-down');

    const clock: Clock = { t: T0 + 30_000, now: () => clock.t };
    const early = worker({ clock, concurrency: 1 });
    await early.runner.start();
    await early.runner.idle();
    expect(early.api.calls).toEqual([]);
    expect(early.wake.schedule).toHaveBeenCalledWith(T0 + RATE_LIMIT_COOL_DOWN_MS);

    clock.t = T0 + RATE_LIMIT_COOL_DOWN_MS + 1;
    const later = worker({ clock, concurrency: 1 });
    await later.runner.start();
    await later.runner.idle();
    expect(later.api.calls).toEqual([pair(1), pair(2)]);
    expect((await view())?.status).toBe('done');
  });

  it.each<[string, Failure]>([
    ['100 invalid token', { kind: 'invalid-token', code: 100 }],
    ['303 quota exceeded', { kind: 'quota-exceeded', code: 303 }],
    ['601 insufficient balance', { kind: 'insufficient-balance', code: 601 }],
    ['602 spending cap', { kind: 'spending-cap', code: 602 }],
    ['602 recorded before it had its own kind', { kind: 'undocumented-code', code: 602 }],
  ])('%s stops the run with the reason; Resume goes on', async (_label, error) => {
    const w = worker({ concurrency: 1 });
    const listId = await listWith(w, [xingtu(1), xingtu(2), xingtu(3)]);
    w.api.script.set(pair(2), [fail(error)]);
    await w.runner.startRun(listId, SV);
    await w.runner.idle();
    expect(await view()).toMatchObject({ status: 'stopped', stopReason: { kind: error.kind, code: error.code }, finished: 1 });
    expect(w.api.calls).toEqual([pair(1), pair(2)]);
    expect((await w.store.results(listId))[keyOf(xingtu(2))]?.status).toBe('queued');

    await w.runner.resume();
    await w.runner.idle();
    // 303/601/602 are also held by the call guard; with a new key they are not.
    if (error.kind === 'quota-exceeded' || error.kind === 'insufficient-balance' || error.kind === 'spending-cap') {
      expect(w.api.calls).toHaveLength(2);
      expect((await view())?.status).toBe('stopped');
      w.setKey('key-2');
      await w.runner.resume();
      await w.runner.idle();
    }
    expect(w.api.calls.slice(-2)).toEqual([pair(2), pair(3)]);
    expect(await view()).toMatchObject({ status: 'done', finished: 3 });
    expect((await view())?.stopReason).toBeUndefined();
  });

  it('no key stops the run before any call', async () => {
    const w = worker({ key: '' });
    const listId = await listWith(w, [xingtu(1), xingtu(2)]);
    await w.runner.startRun(listId, SV);
    await w.runner.idle();
    expect(w.api.calls).toEqual([]);
    expect(await view()).toMatchObject({ status: 'stopped', stopReason: { kind: 'no-key' }, finished: 0 });
  });
});

describe('list runner: the worker stops in the middle', () => {
  it('resumes from storage; a call in flight is answered from the cache or marked interrupted; nothing is called twice', async () => {
    const first = worker({ concurrency: 2 });
    const listId = await listWith(first, [1, 2, 3, 4, 5].map(xingtu));
    first.api.script.set(pair(1), ['hang']);
    first.api.script.set(pair(2), ['hang']);
    await first.runner.startRun(listId, SV);
    await vi.waitFor(() => expect(first.api.calls).toEqual([pair(1), pair(2)]));
    // The answer for creator 1 arrived and was cached just before the worker stopped.
    first.clock.t += 5;
    await first.cache.set(id(1), 'SHORT_VIDEO', { rows: [{ name: '美食', count: 1, share: 1 }], fetchedAt: first.clock.t });

    const second = worker({ clock: first.clock, concurrency: 2 });
    await second.runner.start();
    await second.runner.idle();
    expect(second.api.calls.sort()).toEqual([pair(3), pair(4), pair(5)]);
    const all = [...first.api.calls, ...second.api.calls];
    expect(new Set(all).size).toBe(all.length);

    const results = await second.store.results(listId);
    expect(results[keyOf(xingtu(1))]).toMatchObject({ status: 'done', platforms: { SHORT_VIDEO: { ok: true, fromCache: false } } });
    expect(results[keyOf(xingtu(2))]).toMatchObject({ status: 'interrupted', error: INTERRUPTED });
    expect(await view()).toMatchObject({ status: 'done', total: 5, finished: 5, paidCalls: 4 });

    // Interrupted is never called again automatically; "Retry failed" does.
    const third = worker({ clock: first.clock, concurrency: 2 });
    await third.runner.start();
    await third.runner.idle();
    expect(third.api.calls).toEqual([]);
    expect(await third.runner.retryFailed(listId, SV)).toMatchObject({ ok: true, value: { total: 1 } });
    await third.runner.idle();
    expect(third.api.calls).toEqual([pair(2)]);
    expect((await third.store.results(listId))[keyOf(xingtu(2))]).toMatchObject({ status: 'done' });
    expect((await third.store.results(listId))[keyOf(xingtu(2))]?.error).toBeUndefined();
  });

  it('a search in flight: a stored answer settles it; none → interrupted', async () => {
    const first = worker({ concurrency: 2 });
    const listId = await listWith(first, [douyin(1, 'a'), nickname('b')]);
    let searches = 0;
    const hang = new Promise<never>(() => undefined);
    first.resolveSpy.mockImplementation(() => {
      searches += 1;
      return hang;
    });
    await first.runner.startRun(listId, SV);
    await vi.waitFor(() => expect(searches).toBe(2));
    // The search for the Douyin row finished and its link was stored just before the stop.
    first.clock.t += 5;
    await first.links.save({ uid: uid(1), secUid: sec(1) }, { kind: 'sure', author: author(1, 'a'), source: 'search' });

    const second = worker({ clock: first.clock });
    await second.runner.start();
    await second.runner.idle();
    expect(second.api.searches).toEqual([]);
    expect(second.api.calls).toEqual([pair(1)]);
    const results = await second.store.results(listId);
    expect(results[keyOf(douyin(1, 'a'))]).toMatchObject({ status: 'done', oAuthorId: id(1), nickname: 'a' });
    expect(results['n:b']).toMatchObject({ status: 'interrupted' });
    expect(await view()).toMatchObject({ status: 'done', paidCalls: 2 });
  });

  it('a run of a list deleted meanwhile is dropped at start', async () => {
    const first = worker();
    const listId = await listWith(first, [xingtu(1)]);
    first.api.script.set(pair(1), ['hang']);
    await first.runner.startRun(listId, SV);
    await vi.waitFor(() => expect(first.api.calls).toHaveLength(1));
    await first.store.delete(listId);
    const second = worker({ clock: first.clock });
    await second.runner.start();
    expect(await view()).toBeNull();
    expect(await storedQueue()).toBeNull();
  });
});

describe('list runner: Douyin and nickname rows', () => {
  it('goes through the resolver: sure → distributions; likely/ambiguous → confirm with no distribution call; none; needs a nickname', async () => {
    const w = worker();
    const sure = douyin(1, 'sure');
    const likely = douyin(2, 'likely', false);
    const ambiguous = douyin(3, 'same');
    const none = douyin(4, 'nobody');
    const noName = douyin(5, null);
    w.api.authors.set('sure', [author(1, 'sure'), author(9, 'sure', false)]);
    w.api.authors.set('likely', [author(2, 'likely', false)]);
    w.api.authors.set('same', [
      { ...author(3, 'same'), oAuthorId: id(30) },
      { ...author(3, 'same'), oAuthorId: id(31) },
    ]);
    const listId = await listWith(w, [sure, likely, ambiguous, none, noName]);
    await w.runner.startRun(listId, SV);
    await w.runner.idle();

    expect(w.api.searches.sort()).toEqual(['likely', 'nobody', 'same', 'sure']);
    expect(w.api.calls).toEqual([pair(1)]);
    expect(w.resolveSpy).toHaveBeenCalledWith({ uid: uid(1), secUid: sec(1), nickname: 'sure', uniqueId: null }, { via: 'list' });
    const results = await w.store.results(listId);
    expect(results[keyOf(sure)]).toMatchObject({ status: 'done', oAuthorId: id(1), nickname: 'sure', avatarUrl: 'https://p3.example.com/a.jpg' });
    expect(results[keyOf(likely)]).toMatchObject({ status: 'confirm', match: 'likely', candidates: [{ oAuthorId: id(2) }] });
    expect(results[keyOf(ambiguous)]).toMatchObject({ status: 'confirm', match: 'ambiguous', candidates: [{ oAuthorId: id(30) }, { oAuthorId: id(31) }] });
    expect(results[keyOf(none)]).toMatchObject({ status: 'not-on-xingtu' });
    expect(results[keyOf(noName)]).toMatchObject({ status: 'needs-nickname' });
    expect(await view()).toMatchObject({ status: 'done', total: 4, finished: 4, paidCalls: 5 });
  });

  it('a stored link answers without a search; equal keywords are searched (and paid) once', async () => {
    const w = worker({ concurrency: 3 });
    await w.links.save({ uid: uid(1), secUid: sec(1) }, { kind: 'sure', author: { oAuthorId: id(1), nickname: 'linked' }, source: 'user' });
    w.api.authors.set('twin', [author(2, 'twin'), author(3, 'twin')]);
    const listId = await listWith(w, [douyin(1, 'linked'), douyin(2, 'twin'), douyin(3, 'twin'), nickname('twin')]);
    await w.runner.startRun(listId, SV);
    await w.runner.idle();
    expect(w.api.searches).toEqual(['twin']);
    expect(w.api.calls.sort()).toEqual([pair(1), pair(2), pair(3)]);
    const results = await w.store.results(listId);
    expect(results[keyOf(douyin(1, 'linked'))]).toMatchObject({ status: 'done', nickname: 'linked' });
    expect(results['n:twin']).toMatchObject({ status: 'confirm', match: 'ambiguous' });
    expect(await view()).toMatchObject({ paidCalls: 4 });
  });

  it('a failed search marks the row failed (not called again in the run); Retry failed searches again', async () => {
    const w = worker({ concurrency: 1 });
    w.api.searchScript.set('x', [{ ok: false, error: { kind: 'server-error', code: 500 } }]);
    const listId = await listWith(w, [nickname('x'), douyin(1, 'x', false)]);
    await w.runner.startRun(listId, SV);
    await w.runner.idle();
    expect(w.api.searches).toEqual(['x']);
    const results = await w.store.results(listId);
    expect(results['n:x']).toMatchObject({ status: 'failed', error: { kind: 'server-error' } });
    expect(results[keyOf(douyin(1, 'x', false))]).toMatchObject({ status: 'failed' });
    w.api.authors.set('x', [author(1, 'x')]);
    await w.runner.retryFailed(listId, SV);
    await w.runner.idle();
    expect(w.api.searches).toEqual(['x', 'x']);
    expect((await w.store.results(listId))['n:x']).toMatchObject({ status: 'confirm', match: 'likely' });
  });
});

describe('list runner: confirming a row', () => {
  it('a picked candidate is fetched in a small run; a Douyin row also stores the link', async () => {
    const w = worker();
    const d = douyin(2, 'likely', false);
    w.api.authors.set('likely', [author(2, 'likely', false)]);
    w.api.authors.set('nick', [author(3, 'nick'), author(4, 'nick')]);
    const listId = await listWith(w, [d, nickname('nick')]);
    await w.runner.startRun(listId, SV);
    await w.runner.idle();
    expect(w.api.calls).toEqual([]);

    expect(await w.runner.confirmEntry(listId, keyOf(d), author(2, 'likely', false), SV)).toEqual({ ok: true, value: true });
    await w.runner.idle();
    expect(w.linkSpy).toHaveBeenCalledWith({ uid: null, secUid: sec(2), nickname: 'likely', uniqueId: null }, author(2, 'likely', false));
    expect((await w.links.get({ uid: null, secUid: sec(2) }))?.resolution).toMatchObject({ kind: 'sure', source: 'user' });
    expect(w.api.calls).toEqual([pair(2)]);
    expect((await w.store.results(listId))[keyOf(d)]).toMatchObject({ status: 'done', oAuthorId: id(2), nickname: 'likely' });
    expect(await view()).toMatchObject({ status: 'done', total: 1, finished: 1 });

    expect(await w.runner.confirmEntry(listId, 'n:nick', { oAuthorId: id(4) }, [...PLATFORMS])).toMatchObject({ ok: true });
    await w.runner.idle();
    expect(w.linkSpy).toHaveBeenCalledTimes(1); // nickname rows have no account to link
    expect(w.api.calls.slice(1).sort()).toEqual(PLATFORMS.map((p) => pair(4, p)).sort());
    expect((await w.store.results(listId))['n:nick']).toMatchObject({ status: 'done', oAuthorId: id(4) });
  });

  it('"none of these" makes the row not on Xingtu, with no call', async () => {
    const w = worker();
    w.api.authors.set('nick', [author(3, 'nick')]);
    const listId = await listWith(w, [nickname('nick')]);
    await w.runner.startRun(listId, SV);
    await w.runner.idle();
    await w.runner.confirmEntry(listId, 'n:nick', null, SV);
    await w.runner.idle();
    expect(w.api.calls).toEqual([]);
    const row = (await w.store.results(listId))['n:nick'];
    expect(row).toMatchObject({ status: 'not-on-xingtu' });
    expect(row?.candidates).toBeUndefined();
  });

  it('joins the run of that list when one is going (paused here)', async () => {
    const w = worker({ concurrency: 1 });
    w.api.authors.set('nick', [author(3, 'nick')]);
    const listId = await listWith(w, [nickname('nick'), xingtu(1), xingtu(2)]);
    const release = holdCall(w, pair(1));
    await w.runner.startRun(listId, SV);
    await vi.waitFor(() => expect(w.api.calls).toEqual([pair(1)]));
    await w.runner.pause();
    release();
    await w.runner.idle();
    await w.runner.confirmEntry(listId, 'n:nick', { oAuthorId: id(3) }, SV);
    expect((await w.store.results(listId))['n:nick']).toMatchObject({ status: 'queued' });
    expect(await view()).toMatchObject({ status: 'paused', total: 3, finished: 1 });
    await w.runner.resume();
    await w.runner.idle();
    expect(w.api.calls).toEqual([pair(1), pair(2), pair(3)]);
    expect(await view()).toMatchObject({ status: 'done', total: 3, finished: 3 });
  });

  it('refuses a row the list does not have', async () => {
    const w = worker();
    const listId = await listWith(w, [xingtu(1)]);
    expect(await w.runner.confirmEntry(listId, 'n:nobody', null, SV)).toMatchObject({ ok: false });
  });
});

describe('list runner: retry, delete, remove', () => {
  it('Retry failed runs just the failed rows, only their failed platforms', async () => {
    const w = worker();
    const listId = await listWith(w, [xingtu(1), xingtu(2)]);
    w.api.script.set(pair(2, 'LIVE_STREAMING'), [fail({ kind: 'server-error', code: 500 })]);
    await w.runner.startRun(listId, ['SHORT_VIDEO', 'LIVE_STREAMING']);
    await w.runner.idle();
    expect((await w.store.results(listId))[keyOf(xingtu(2))]?.status).toBe('failed');
    const before = w.api.calls.length;
    expect(await w.runner.retryFailed(listId, ['SHORT_VIDEO', 'LIVE_STREAMING'])).toMatchObject({ ok: true, value: { total: 1 } });
    await w.runner.idle();
    expect(w.api.calls.slice(before)).toEqual([pair(2, 'LIVE_STREAMING')]);
    expect((await w.store.results(listId))[keyOf(xingtu(2))]).toMatchObject({ status: 'done' });
  });

  it('deleting the list drops its run: no further call, no view', async () => {
    const w = worker({ concurrency: 1 });
    const listId = await listWith(w, [xingtu(1), xingtu(2)]);
    const release = holdCall(w, pair(1));
    await w.runner.startRun(listId, SV);
    await vi.waitFor(() => expect(w.api.calls).toHaveLength(1));
    await w.store.delete(listId);
    await w.runner.listDeleted(listId);
    release();
    await w.runner.idle();
    expect(w.api.calls).toEqual([pair(1)]);
    expect(await view()).toBeNull();
    expect(await w.store.results(listId)).toEqual({});
  });

  it('removed rows are not called', async () => {
    const w = worker({ concurrency: 1 });
    const listId = await listWith(w, [xingtu(1), xingtu(2), xingtu(3)]);
    const release = holdCall(w, pair(1));
    await w.runner.startRun(listId, SV);
    await vi.waitFor(() => expect(w.api.calls).toHaveLength(1));
    await w.store.remove(listId, [keyOf(xingtu(2))]);
    await w.runner.entriesRemoved(listId, [keyOf(xingtu(2))]);
    release();
    await w.runner.idle();
    expect(w.api.calls).toEqual([pair(1), pair(3)]);
    expect(await view()).toMatchObject({ status: 'done', total: 2, finished: 2 });
  });

  it('starting a new run replaces a paused one; its waiting rows go back to new', async () => {
    const w = worker({ concurrency: 1 });
    const a = await listWith(w, [xingtu(1), xingtu(2)]);
    const created = await w.store.create('B');
    if (!created.ok) throw new Error('setup');
    await w.store.add(created.value.listId, [xingtu(3)]);
    const release = holdCall(w, pair(1));
    await w.runner.startRun(a, SV);
    await vi.waitFor(() => expect(w.api.calls).toHaveLength(1));
    await w.runner.pause();
    expect(await w.runner.startRun(created.value.listId, SV)).toMatchObject({ ok: true });
    release();
    await w.runner.idle();
    expect(w.api.calls).toEqual([pair(1), pair(3)]);
    const resultsA = await w.store.results(a);
    expect(resultsA[keyOf(xingtu(2))]?.status).toBe('new');
    // The answer in flight of the dropped run is kept (it was paid for).
    expect(resultsA[keyOf(xingtu(1))]?.platforms.SHORT_VIDEO).toMatchObject({ ok: true });
    expect(await view()).toMatchObject({ listId: created.value.listId, status: 'done' });
  });

  it('refuses lists that do not exist', async () => {
    const w = worker();
    expect(await w.runner.startRun('nope', SV)).toMatchObject({ ok: false });
    expect(await w.runner.retryFailed('nope', SV)).toMatchObject({ ok: false });
  });
});
