import { describe, expect, it, vi } from 'vitest';
import { createApiClient, type FetchLike } from '../../utils/background/api/client';
import { createDistributionCache } from '../../utils/background/cache';
import { createDistributionService } from '../../utils/background/distribution-service';
import type { DistributionRequest } from '../../utils/shared/messaging';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/shared/settings';

const ID = '7006229624431689736';
const HOUR = 3_600_000;
const T0 = 1_700_000_000_000;

function okBody(names: string[]): string {
  return JSON.stringify({
    code: 0,
    data: {
      base_resp: { status_code: 0, status_message: '' },
      video_content_distribution: names.map((name, i) => ({ name, cnt: i + 1 })),
    },
  });
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

function setup(opts: { key?: string; settings?: Partial<Settings>; body?: string } = {}) {
  let t = T0;
  const now = () => t;
  const urls: string[] = [];
  let body = opts.body ?? okBody(['美食']);
  const fetch = vi.fn<FetchLike>(async (input) => {
    urls.push(input);
    return new Response(body);
  });
  const settings: Settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  const service = createDistributionService({
    client: createApiClient({ fetch, now, sleep: async () => undefined }),
    cache: createDistributionCache({ now }),
    loadApiKey: async () => opts.key ?? 'key-1',
    loadSettings: async () => settings,
  });
  return {
    service,
    fetch,
    urls,
    advance: (ms: number) => (t += ms),
    setBody: (b: string) => (body = b),
  };
}

const REQ: DistributionRequest = { oAuthorId: ID, platform: 'SHORT_VIDEO' };

describe('distribution service', () => {
  it('fetches, then answers the same request from the cache', async () => {
    const s = setup();
    const first = await s.service.getDistribution(REQ);
    expect(first).toEqual({
      ok: true,
      value: { oAuthorId: ID, platform: 'SHORT_VIDEO', rows: [{ name: '美食', count: 1, share: 1 }], fetchedAt: T0, fromCache: false },
    });
    s.advance(HOUR);
    const second = await s.service.getDistribution(REQ);
    expect(second).toEqual({ ok: true, value: { ...(first.ok ? first.value : {}), fromCache: true } });
    expect(s.fetch).toHaveBeenCalledTimes(1);
    expect(new URL(s.urls[0] ?? '').searchParams.get('oAuthorId')).toBe(ID);
  });

  it('peek answers only from the cache and never calls', async () => {
    const s = setup();
    await expect(s.service.peek(REQ)).resolves.toBeNull();
    expect(s.fetch).not.toHaveBeenCalled();
    await s.service.getDistribution(REQ);
    await expect(s.service.peek(REQ)).resolves.toMatchObject({ oAuthorId: ID, fromCache: true, rows: [{ name: '美食' }] });
    s.advance(25 * HOUR); // past the default 24 h lifetime
    await expect(s.service.peek(REQ)).resolves.toBeNull();
    await expect(s.service.peek({ oAuthorId: 'x', platform: 'SHORT_VIDEO' })).resolves.toBeNull();
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('no key: no-key failure, no call', async () => {
    for (const key of ['', '   ']) {
      const s = setup({ key });
      expect(await s.service.getDistribution(REQ)).toEqual({ ok: false, error: { kind: 'no-key' } });
      expect(await s.service.checkKey()).toEqual({ ok: false, error: { kind: 'no-key' } });
      expect(s.fetch).not.toHaveBeenCalled();
    }
  });

  it.each([
    ['empty', ''],
    ['letters', 'abc'],
    ['25 digits', '1'.repeat(25)],
    ['spaces', ` ${ID}`],
    ['a URL', `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`],
    ['a number', 123],
    ['undefined', undefined],
  ])('malformed oAuthorId (%s): bad-input, no call', async (_label, oAuthorId) => {
    const s = setup();
    const r = await s.service.getDistribution({ oAuthorId, platform: 'SHORT_VIDEO' } as unknown as DistributionRequest);
    expect(!r.ok && r.error.kind).toBe('bad-input');
    expect(s.fetch).not.toHaveBeenCalled();
  });

  it.each(['1', '1'.repeat(24)])('accepts the id %s', async (oAuthorId) => {
    const s = setup();
    expect((await s.service.getDistribution({ oAuthorId, platform: 'SHORT_VIDEO' })).ok).toBe(true);
  });

  it('unknown platform: bad-input, no call', async () => {
    const s = setup();
    const r = await s.service.getDistribution({ oAuthorId: ID, platform: 'TV' } as unknown as DistributionRequest);
    expect(r).toEqual({ ok: false, error: { kind: 'bad-input', oAuthorId: ID, detail: 'unknown platform' } });
    expect(s.fetch).not.toHaveBeenCalled();
  });

  it('refresh bypasses the cache and stores the new answer', async () => {
    const s = setup();
    await s.service.getDistribution(REQ);
    s.setBody(okBody(['音乐']));
    s.advance(1000);
    const r = await s.service.getDistribution({ ...REQ, refresh: true });
    expect(s.fetch).toHaveBeenCalledTimes(2);
    expect(r.ok && r.value).toMatchObject({ fromCache: false, fetchedAt: T0 + 1000, rows: [{ name: '音乐' }] });
    const again = await s.service.getDistribution(REQ);
    expect(again.ok && again.value).toMatchObject({ fromCache: true, fetchedAt: T0 + 1000, rows: [{ name: '音乐' }] });
    expect(s.fetch).toHaveBeenCalledTimes(2);
  });

  it('calls again once the TTL (from the settings) is over', async () => {
    const s = setup({ settings: { cacheTtlHours: 2 } });
    await s.service.getDistribution(REQ);
    s.advance(2 * HOUR - 1);
    expect((await s.service.getDistribution(REQ)).ok && s.fetch.mock.calls.length).toBe(1);
    s.advance(1);
    const r = await s.service.getDistribution(REQ);
    expect(r.ok && r.value.fromCache).toBe(false);
    expect(s.fetch).toHaveBeenCalledTimes(2);
  });

  it('caches per platform', async () => {
    const s = setup();
    await s.service.getDistribution(REQ);
    await s.service.getDistribution({ ...REQ, platform: 'LIVE_STREAMING' });
    expect(s.fetch).toHaveBeenCalledTimes(2);
    expect(new URL(s.urls[1] ?? '').searchParams.get('platform')).toBe('LIVE_STREAMING');
  });

  it('caches an empty list', async () => {
    const s = setup({ body: okBody([]) });
    await s.service.getDistribution(REQ);
    const r = await s.service.getDistribution(REQ);
    expect(r).toMatchObject({ ok: true, value: { rows: [], fromCache: true } });
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('does not cache failures', async () => {
    const s = setup({ body: JSON.stringify({ code: 400, message: 'bad', data: null }) });
    const r = await s.service.getDistribution(REQ);
    expect(r).toEqual({ ok: false, error: { kind: 'invalid-params', code: 400, detail: 'bad', oAuthorId: ID } });
    await s.service.getDistribution(REQ);
    expect(s.fetch).toHaveBeenCalledTimes(2);
  });

  it('two concurrent identical requests make one call; a refresh joins it too', async () => {
    const s = setup();
    const gate = deferred<void>();
    s.fetch.mockImplementation(async () => {
      await gate.promise;
      return new Response(okBody(['美食']));
    });
    const a = s.service.getDistribution(REQ);
    const b = s.service.getDistribution(REQ);
    const c = s.service.getDistribution({ ...REQ, refresh: true });
    await vi.waitFor(() => expect(s.fetch).toHaveBeenCalled());
    gate.resolve();
    const results = await Promise.all([a, b, c]);
    expect(s.fetch).toHaveBeenCalledTimes(1);
    for (const r of results) expect(r).toMatchObject({ ok: true, value: { fromCache: false, rows: [{ name: '美食' }] } });
  });

  it('concurrent requests for different creators are not shared', async () => {
    const s = setup();
    await Promise.all([s.service.getDistribution(REQ), s.service.getDistribution({ ...REQ, oAuthorId: '123456789' })]);
    expect(s.fetch).toHaveBeenCalledTimes(2);
  });

  it('uses the endpoint from the settings', async () => {
    const s = setup({ settings: { endpoint: 'custom', customUrl: 'http://127.0.0.1:8080/proxy/' } });
    await s.service.getDistribution(REQ);
    expect(s.urls[0]?.startsWith('http://127.0.0.1:8080/proxy/api/douyin-xingtu/')).toBe(true);
  });

  it('a broken cache is a miss and does not lose the answer', async () => {
    const s = setup();
    const service = createDistributionService({
      client: createApiClient({ fetch: s.fetch, sleep: async () => undefined }),
      cache: {
        get: () => Promise.reject(new Error('storage gone')),
        set: () => Promise.reject(new Error('quota')),
        clear: () => Promise.resolve(),
      },
      loadApiKey: async () => 'k',
      loadSettings: async () => DEFAULT_SETTINGS,
    });
    const r = await service.getDistribution(REQ);
    expect(r.ok && r.value.fromCache).toBe(false);
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('checkKey makes one call with the saved key against the configured base', async () => {
    const s = setup({ key: ' key-9 ', settings: { endpoint: 'cn' } });
    expect(await s.service.checkKey()).toEqual({ ok: true, value: { valid: true } });
    expect(s.fetch).toHaveBeenCalledTimes(1);
    const url = new URL(s.urls[0] ?? '');
    expect(url.origin).toBe('http://47.117.133.51:30015');
    expect(url.searchParams.get('token')).toBe('key-9');
  });
});
