import { describe, expect, it, vi } from 'vitest';
import { createApiClient, type FetchLike } from '../../utils/background/api/client';
import { createCallGuard, nextShanghaiMidnight, RATE_LIMIT_COOL_DOWN_MS } from '../../utils/background/api/call-guard';
import { createDistributionCache } from '../../utils/background/cache';
import { createDistributionService } from '../../utils/background/distribution-service';
import { createAccountLinks } from '../../utils/background/account-links';
import { createCreatorResolver } from '../../utils/background/creator-resolver';
import type { DistributionRequest, DouyinAccount } from '../../utils/shared/messaging';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/shared/settings';

const T0 = Date.UTC(2025, 2, 1, 6, 5);
const A = '7006229624431689736';
const B = '6912345678901234567';
const req = (oAuthorId: string, refresh = false): DistributionRequest =>
  refresh ? { oAuthorId, platform: 'SHORT_VIDEO', refresh: true } : { oAuthorId, platform: 'SHORT_VIDEO' };

const OK_BODY = JSON.stringify({
  code: 0,
  data: { base_resp: { status_code: 0 }, video_content_distribution: [{ name: '美食', cnt: 3, proportion: 1 }] },
});
const SEARCH_BODY = JSON.stringify({ code: 0, data: { base_resp: { status_code: 0 }, authors: [] } });
const envelope = (code: number) => JSON.stringify({ code, data: null, message: `m${code}` });

/** Background pieces wired as in entrypoints/background.ts, on a scripted fetch and a fake clock. */
function setup(settings: Partial<Settings> = {}) {
  let t = T0;
  const now = () => t;
  let body = OK_BODY;
  let status = 200;
  let key = 'key-1';
  const fetch = vi.fn<FetchLike>(async (input) => {
    const url = new URL(input);
    if (url.pathname.includes('search') && body === OK_BODY) return new Response(SEARCH_BODY);
    return new Response(body, { status });
  });
  const sleeps: number[] = [];
  const client = createApiClient({ fetch, now, sleep: async (ms) => void sleeps.push(ms) });
  const guard = createCallGuard({ now });
  const loadSettings = async () => ({ ...DEFAULT_SETTINGS, ...settings });
  const loadApiKey = async () => key;
  const service = createDistributionService({ client, cache: createDistributionCache({ now }), loadApiKey, loadSettings, guard });
  const resolver = createCreatorResolver({ client, links: createAccountLinks({ now }), loadApiKey, loadSettings, now, guard });
  return {
    service,
    resolver,
    fetch,
    sleeps,
    answer: (b: string, s = 200) => {
      body = b;
      status = s;
    },
    setKey: (k: string) => (key = k),
    advance: (ms: number) => (t += ms),
  };
}

/** Until `fetch` was called (the guard hashes the key on the thread pool first), with real I/O turns. */
async function untilCalled(fetch: { mock: { calls: unknown[] } }): Promise<void> {
  for (let i = 0; i < 1000 && fetch.mock.calls.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
}

const ACCOUNT: DouyinAccount = { uid: '3429711218823623', secUid: null, nickname: '川味小厨娘', uniqueId: null };

/** A server that never answers: the request ends only when the client aborts it. */
const hangUntilAborted = (_input: unknown, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));

describe('distribution service with the call guard', () => {
  it('303 once: later creators are answered without a call, with blockedUntil; a new key calls again', async () => {
    const s = setup();
    s.answer(envelope(303));
    expect(await s.service.getDistribution(req(A))).toMatchObject({ ok: false, error: { kind: 'quota-exceeded', code: 303 } });
    s.answer(OK_BODY);
    const blocked = await s.service.getDistribution(req(B));
    expect(blocked).toEqual({
      ok: false,
      error: { kind: 'quota-exceeded', code: 303, detail: 'm303', blockedUntil: nextShanghaiMidnight(T0), oAuthorId: B },
    });
    expect(s.fetch).toHaveBeenCalledTimes(1);
    s.setKey('key-2');
    expect((await s.service.getDistribution(req(B))).ok).toBe(true);
    expect(s.fetch).toHaveBeenCalledTimes(2);
  });

  it('601: the panel refresh (refresh: true) tries once; automatic views do not', async () => {
    const s = setup();
    s.answer(envelope(601));
    await s.service.getDistribution(req(A));
    await s.service.getDistribution(req(A));
    await s.service.getDistribution(req(B));
    expect(s.fetch).toHaveBeenCalledTimes(1);
    await s.service.getDistribution(req(A, true));
    expect(s.fetch).toHaveBeenCalledTimes(2);
    s.answer(OK_BODY);
    expect((await s.service.getDistribution(req(A, true))).ok).toBe(true);
    expect((await s.service.getDistribution(req(B))).ok).toBe(true);
    expect(s.fetch).toHaveBeenCalledTimes(4);
  });

  it('302: three attempts with growing delays, then a cool-down that Refresh respects too', async () => {
    const s = setup();
    s.answer(envelope(302));
    await s.service.getDistribution(req(A));
    expect(s.fetch).toHaveBeenCalledTimes(3);
    expect(s.sleeps).toEqual([2000, 4000]);
    expect(await s.service.getDistribution(req(A, true))).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', code: 302, blockedUntil: T0 + RATE_LIMIT_COOL_DOWN_MS },
    });
    expect(s.fetch).toHaveBeenCalledTimes(3);
    s.advance(RATE_LIMIT_COOL_DOWN_MS);
    s.answer(OK_BODY);
    expect((await s.service.getDistribution(req(A))).ok).toBe(true);
  });

  it('a cached answer is still shown while blocked (no call)', async () => {
    const s = setup();
    await s.service.getDistribution(req(A));
    s.answer(envelope(601));
    await s.service.getDistribution(req(B));
    expect(await s.service.getDistribution(req(A))).toMatchObject({ ok: true, value: { fromCache: true } });
    expect(s.fetch).toHaveBeenCalledTimes(2);
  });

  it('checkKey is explicit: it tries through a 601 block', async () => {
    const s = setup();
    s.answer(envelope(601));
    await s.service.getDistribution(req(A));
    s.answer(OK_BODY);
    expect(await s.service.checkKey()).toEqual({ ok: true, value: { valid: true } });
    expect((await s.service.getDistribution(req(B))).ok).toBe(true);
  });

  it('passes the timeout of the settings to every call', async () => {
    const s = setup({ timeoutSeconds: 5 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      s.fetch.mockImplementation(hangUntilAborted);
      let answer: unknown = null;
      void s.service.getDistribution(req(A)).then((r) => (answer = r));
      await untilCalled(s.fetch);
      await vi.advanceTimersByTimeAsync(4_999);
      expect(answer).toBeNull();
      await vi.advanceTimersByTimeAsync(1);
      expect(answer).toEqual({ ok: false, error: { kind: 'timeout', oAuthorId: A } });
      expect(s.fetch).toHaveBeenCalledTimes(1); // a timeout is not retried
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('creator resolver with the call guard', () => {
  it('a 303 on a distribution stops the automatic search of a Douyin page too', async () => {
    const s = setup();
    s.answer(envelope(303));
    await s.service.getDistribution(req(A));
    s.answer(OK_BODY);
    expect(await s.resolver.resolve(ACCOUNT)).toMatchObject({ ok: false, error: { kind: 'quota-exceeded', blockedUntil: nextShanghaiMidnight(T0) } });
    expect(s.fetch).toHaveBeenCalledTimes(1);
    // The popup search is the user's own request: it may try once.
    expect((await s.resolver.search('川味小厨娘')).ok).toBe(true);
    expect(s.fetch).toHaveBeenCalledTimes(2);
  });

  it('a 601 on a search blocks the distribution of the next creator', async () => {
    const s = setup();
    s.answer(envelope(601));
    await s.resolver.resolve(ACCOUNT);
    expect(s.fetch).toHaveBeenCalledTimes(1);
    s.answer(OK_BODY);
    expect(await s.service.getDistribution(req(A))).toMatchObject({ ok: false, error: { kind: 'insufficient-balance', blockedUntil: 'key-change' } });
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('passes the timeout of the settings to the search', async () => {
    const s = setup({ timeoutSeconds: 7 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      s.fetch.mockImplementation(hangUntilAborted);
      let answer: unknown = null;
      void s.resolver.resolve(ACCOUNT).then((r) => (answer = r));
      await untilCalled(s.fetch);
      await vi.advanceTimersByTimeAsync(6_999);
      expect(answer).toBeNull();
      await vi.advanceTimersByTimeAsync(1);
      expect(answer).toEqual({ ok: false, error: { kind: 'timeout' } });
    } finally {
      vi.useRealTimers();
    }
  });
});
