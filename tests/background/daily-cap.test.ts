import { describe, expect, it, vi } from 'vitest';
import { createDailyCap } from '../../utils/background/daily-cap';
import { createListStore } from '../../utils/background/list-store';
import { createListRunner } from '../../utils/background/list-runner';
import { entryKey, type NewEntry } from '../../utils/shared/creator-lists';
import { listRunItem } from '../../utils/shared/list-records';
import type { Result } from '../../utils/shared/types';
import { ID, ID2, NEXT_MIDNIGHT, T0, envelope, money, okDistribution } from './money-setup';

/**
 * The daily call limit (每日调用上限): in Beijing days; once today's paid requests reach it, the
 * panel, the popup and list runs make no paid call — they answer 'daily-cap' until the next
 * 00:00 UTC+8 — and "Allow one call" lets exactly one more through.
 */

const SV = 'SHORT_VIDEO' as const;
const DAILY_CAP = { kind: 'daily-cap', blockedUntil: NEXT_MIDNIGHT };
const id = (n: number) => `7000000000${String(n).padStart(9, '0')}`;
const ACCOUNT = { uid: '3429711218823623', secUid: null, nickname: '川味小厨娘', uniqueId: null };

describe('daily call limit: the panel and the popup', () => {
  it('no limit (the default): calls go on', async () => {
    const m = money();
    for (let n = 1; n <= 5; n++) expect(await m.service.getDistribution({ oAuthorId: id(n), platform: SV })).toMatchObject({ ok: true });
    expect(m.sent('distribution')).toHaveLength(5);
  });

  it('a limit of 2: the third creator answers daily-cap until the next Beijing midnight, without a request', async () => {
    const m = money({ settings: { dailyCallLimit: 2 } });
    expect(await m.service.getDistribution({ oAuthorId: id(1), platform: SV })).toMatchObject({ ok: true });
    expect(await m.service.getDistribution({ oAuthorId: id(2), platform: SV, via: 'popup' })).toMatchObject({ ok: true });
    expect(await m.service.getDistribution({ oAuthorId: id(3), platform: SV })).toEqual({
      ok: false,
      error: { ...DAILY_CAP, oAuthorId: id(3) },
    });
    expect(m.sent('distribution')).toHaveLength(2);
    // The cache is before the limit: what was fetched is still shown, free.
    expect(await m.service.getDistribution({ oAuthorId: id(1), platform: SV })).toMatchObject({ ok: true, value: { fromCache: true } });
    // Refresh is a paid call too.
    expect(await m.service.getDistribution({ oAuthorId: id(1), platform: SV, refresh: true })).toMatchObject({ ok: false, error: DAILY_CAP });
    expect(m.sent('distribution')).toHaveLength(2);
  });

  it('the popup\'s search and the panel\'s resolve are held back too', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    await m.service.getDistribution({ oAuthorId: ID, platform: SV });
    expect(await m.resolver.search('川味小厨娘', { via: 'popup' })).toEqual({ ok: false, error: DAILY_CAP });
    expect(await m.resolver.resolve(ACCOUNT)).toEqual({ ok: false, error: DAILY_CAP });
    expect(m.sent('search')).toHaveLength(0);
  });

  it('a stored link still answers resolve, without a call', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    await m.resolver.link(ACCOUNT, { oAuthorId: ID });
    await m.service.getDistribution({ oAuthorId: ID, platform: SV });
    expect(await m.resolver.resolve(ACCOUNT)).toMatchObject({ ok: true, value: { kind: 'sure', author: { oAuthorId: ID } } });
  });

  it('counts requests: a call that was retried counts each attempt', async () => {
    const m = money({ settings: { dailyCallLimit: 2 } });
    m.script('distribution', envelope(500));
    expect(await m.service.getDistribution({ oAuthorId: ID, platform: SV })).toMatchObject({ ok: true });
    expect(await m.service.getDistribution({ oAuthorId: ID2, platform: SV })).toMatchObject({ ok: false, error: DAILY_CAP });
  });

  it('the day turns at 16:00:00 UTC (00:00 in Beijing), not before', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    await m.service.getDistribution({ oAuthorId: id(1), platform: SV });
    m.clock.t = NEXT_MIDNIGHT - 1000; // 23:59:59 in Beijing
    expect(await m.service.getDistribution({ oAuthorId: id(2), platform: SV })).toMatchObject({ ok: false, error: DAILY_CAP });
    m.clock.t = NEXT_MIDNIGHT;
    expect(await m.service.getDistribution({ oAuthorId: id(2), platform: SV })).toMatchObject({ ok: true });
    expect(await m.service.getDistribution({ oAuthorId: id(3), platform: SV })).toMatchObject({
      ok: false,
      error: { kind: 'daily-cap', blockedUntil: NEXT_MIDNIGHT + 86_400_000 },
    });
  });

  it('a changed limit applies to the next call', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    await m.service.getDistribution({ oAuthorId: id(1), platform: SV });
    expect(await m.service.getDistribution({ oAuthorId: id(2), platform: SV })).toMatchObject({ ok: false });
    m.setSettings({ dailyCallLimit: 3 });
    expect(await m.service.getDistribution({ oAuthorId: id(2), platform: SV })).toMatchObject({ ok: true });
    m.setSettings({ dailyCallLimit: null });
    expect(await m.service.getDistribution({ oAuthorId: id(3), platform: SV })).toMatchObject({ ok: true });
  });

  it('calls in flight count: parallel requests never pass the limit together', async () => {
    const m = money({ settings: { dailyCallLimit: 3 } });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    m.fetch.mockImplementation(async () => {
      await gate; // every answer waits until all six calls were admitted or refused
      return new Response(okDistribution());
    });
    const all = Promise.all([1, 2, 3, 4, 5, 6].map((n) => m.service.getDistribution({ oAuthorId: id(n), platform: SV })));
    for (let i = 0; i < 200; i++) await new Promise((resolve) => setImmediate(resolve));
    release();
    const answers = await all;
    expect(answers.filter((a) => a.ok)).toHaveLength(3);
    expect(answers.filter((a) => !a.ok && a.error.kind === 'daily-cap')).toHaveLength(3);
    expect(m.fetch).toHaveBeenCalledTimes(3);
  });

  it('counts the calls of earlier workers today (from the stored log)', async () => {
    const m = money({ settings: { dailyCallLimit: 2 } });
    await m.service.getDistribution({ oAuthorId: id(1), platform: SV });
    await m.service.getDistribution({ oAuthorId: id(2), platform: SV });
    await m.usage.flush();
    const restarted = money({ settings: { dailyCallLimit: 2 } });
    expect(await restarted.service.getDistribution({ oAuthorId: id(3), platform: SV })).toMatchObject({ ok: false, error: DAILY_CAP });
    expect(restarted.fetch).not.toHaveBeenCalled();
  });

  it('a 601 block answers first: allowing a call would not help there', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    m.script('distribution', envelope(601));
    await m.service.getDistribution({ oAuthorId: id(1), platform: SV });
    expect(await m.service.getDistribution({ oAuthorId: id(2), platform: SV })).toMatchObject({ ok: false, error: { kind: 'insufficient-balance' } });
  });
});

describe('Allow one call', () => {
  it('lets exactly one call through: two calls after one allowance make one request', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    await m.service.getDistribution({ oAuthorId: id(1), platform: SV });
    await m.cap.allowOne();
    expect(await m.service.getDistribution({ oAuthorId: id(2), platform: SV })).toMatchObject({ ok: true });
    expect(await m.service.getDistribution({ oAuthorId: id(3), platform: SV })).toMatchObject({ ok: false, error: DAILY_CAP });
    expect(m.sent('distribution')).toHaveLength(2);
  });

  it('two parallel calls after one allowance: one request', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    await m.service.getDistribution({ oAuthorId: id(1), platform: SV });
    await m.cap.allowOne();
    const [a, b] = await Promise.all([
      m.service.getDistribution({ oAuthorId: id(2), platform: SV }),
      m.resolver.search('川味小厨娘', { via: 'popup' }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect(m.fetch).toHaveBeenCalledTimes(2);
  });

  it('pressed twice, it is still one call', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    await m.service.getDistribution({ oAuthorId: id(1), platform: SV });
    await m.cap.allowOne();
    await m.cap.allowOne();
    await m.service.getDistribution({ oAuthorId: id(2), platform: SV });
    expect(await m.service.getDistribution({ oAuthorId: id(3), platform: SV })).toMatchObject({ ok: false, error: DAILY_CAP });
  });

  it('is used by the next call from any view (the popup\'s search here)', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    await m.service.getDistribution({ oAuthorId: id(1), platform: SV });
    await m.cap.allowOne();
    expect(await m.resolver.search('川味小厨娘', { via: 'popup' })).toMatchObject({ ok: true });
    expect(await m.service.getDistribution({ oAuthorId: id(2), platform: SV })).toMatchObject({ ok: false, error: DAILY_CAP });
  });

  it('is kept for a cached answer and while under the limit: only a call past the limit uses it', async () => {
    const m = money({ settings: { dailyCallLimit: 2 } });
    await m.cap.allowOne();
    await m.service.getDistribution({ oAuthorId: id(1), platform: SV });
    await m.service.getDistribution({ oAuthorId: id(1), platform: SV }); // cache
    await m.service.getDistribution({ oAuthorId: id(2), platform: SV });
    expect(await m.service.getDistribution({ oAuthorId: id(3), platform: SV })).toMatchObject({ ok: true });
    expect(await m.service.getDistribution({ oAuthorId: id(4), platform: SV })).toMatchObject({ ok: false, error: DAILY_CAP });
  });

  it('expires at the next Beijing midnight', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    await m.cap.allowOne(); // today, not used
    m.clock.t = NEXT_MIDNIGHT + 3_600_000;
    await m.service.getDistribution({ oAuthorId: id(1), platform: SV });
    expect(await m.service.getDistribution({ oAuthorId: id(2), platform: SV })).toMatchObject({ ok: false, error: { kind: 'daily-cap' } });
  });

  it('survives a stopped worker (kept in storage)', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    await m.service.getDistribution({ oAuthorId: id(1), platform: SV });
    await m.usage.flush();
    await m.cap.allowOne();
    const restarted = money({ settings: { dailyCallLimit: 1 } });
    expect(await restarted.service.getDistribution({ oAuthorId: id(2), platform: SV })).toMatchObject({ ok: true });
    expect(await restarted.service.getDistribution({ oAuthorId: id(3), platform: SV })).toMatchObject({ ok: false, error: DAILY_CAP });
  });

  it('an allowance from the future (the clock went back) is not trusted', async () => {
    const store = { get: vi.fn(async () => ({ until: T0 + 3 * 86_400_000 })), set: vi.fn(async () => undefined) };
    const cap = createDailyCap({ usage: { countToday: async () => 5 }, loadSettings: async () => ({ dailyCallLimit: 5 }), now: () => T0, store });
    const call = vi.fn(async (): Promise<Result<true>> => ({ ok: true, value: true }));
    expect(await cap.run(call)).toEqual({ ok: false, error: DAILY_CAP });
    expect(call).not.toHaveBeenCalled();
  });
});

describe('daily call limit: list runs', () => {
  function runner(m: ReturnType<typeof money>) {
    const store = createListStore({ now: m.now });
    const wake = { schedule: vi.fn<(at: number) => void>(), cancel: vi.fn() };
    const keepAlive = { acquire: () => undefined, release: () => undefined };
    const run = createListRunner({
      store,
      service: m.service,
      resolver: m.resolver,
      links: m.links,
      loadSettings: async () => ({ runConcurrency: 2 }),
      now: m.now,
      wake,
      keepAlive,
    });
    return { store, run, wake };
  }
  const xingtu = (n: number): NewEntry => ({ ref: { kind: 'xingtu', oAuthorId: id(n) }, source: id(n) });

  it('pauses at the limit with the reason; no row is marked failed; Resume after an allowance makes one call', async () => {
    const m = money({ settings: { dailyCallLimit: 2 } });
    const r = runner(m);
    const added = await r.store.add(null, [1, 2, 3, 4].map(xingtu));
    if (!added.ok) throw new Error('setup');
    const { listId } = added.value;
    await r.run.startRun(listId, [SV]);
    await r.run.idle();
    expect(await listRunItem.getValue()).toMatchObject({ status: 'paused', stopReason: DAILY_CAP, finished: 2, paidCalls: 2 });
    expect(m.sent('distribution')).toHaveLength(2);
    const results = await r.store.results(listId);
    expect([1, 2, 3, 4].map((n) => results[entryKey(xingtu(n).ref)]?.status)).toEqual(['done', 'done', 'queued', 'queued']);
    expect(r.wake.schedule).not.toHaveBeenCalled(); // it does not resume by itself

    // Resume without an allowance: paused again at once, no request.
    await r.run.resume();
    await r.run.idle();
    expect(await listRunItem.getValue()).toMatchObject({ status: 'paused', stopReason: DAILY_CAP });
    expect(m.sent('distribution')).toHaveLength(2);

    // Allow one call, then Resume: exactly one more request.
    await m.cap.allowOne();
    await r.run.resume();
    await r.run.idle();
    expect(m.sent('distribution')).toHaveLength(3);
    expect(await listRunItem.getValue()).toMatchObject({ status: 'paused', finished: 3, stopReason: DAILY_CAP });
    expect((await m.stored()).map((e) => e.via)).toEqual(['list', 'list', 'list']);
  });

  it('the next Beijing day, Resume finishes the run', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    const r = runner(m);
    const added = await r.store.add(null, [1, 2, 3].map(xingtu));
    if (!added.ok) throw new Error('setup');
    await r.run.startRun(added.value.listId, [SV]);
    await r.run.idle();
    expect(await listRunItem.getValue()).toMatchObject({ status: 'paused', stopReason: DAILY_CAP });
    m.clock.t = NEXT_MIDNIGHT;
    m.setSettings({ dailyCallLimit: 5 });
    await r.run.resume();
    await r.run.idle();
    const view = await listRunItem.getValue();
    expect(view).toMatchObject({ status: 'done', finished: 3 });
    expect(view?.stopReason).toBeUndefined();
    expect(m.sent('distribution')).toHaveLength(3);
  });

  it('a search row waits too (not marked failed)', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    await m.service.getDistribution({ oAuthorId: ID, platform: SV });
    const r = runner(m);
    const entry: NewEntry = { ref: { kind: 'nickname', nickname: '川味小厨娘' }, source: '川味小厨娘' };
    const added = await r.store.add(null, [entry]);
    if (!added.ok) throw new Error('setup');
    await r.run.startRun(added.value.listId, [SV]);
    await r.run.idle();
    expect(await listRunItem.getValue()).toMatchObject({ status: 'paused', stopReason: DAILY_CAP });
    expect((await r.store.results(added.value.listId))[entryKey(entry.ref)]?.status).toBe('queued');
    expect(m.sent('search')).toHaveLength(0);
  });
});
