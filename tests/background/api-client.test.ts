import { describe, expect, it, vi } from 'vitest';
import { CHECK_KEY_AUTHOR_ID, createApiClient, scrubToken, type FetchLike } from '../../utils/background/api/client';
import type { Failure } from '../../utils/shared/types';

const ID = '7006229624431689736';
const TOKEN = 'sk-SECRET_token+/=42';
const BASE = 'http://127.0.0.1:8080/proxy/';
const CALL = { base: BASE, token: TOKEN, oAuthorId: ID, platform: 'SHORT_VIDEO' } as const;

function envelope(code: number, message: string | null = null, data: unknown = null): string {
  return JSON.stringify({ code, data, message, requestId: 'r' });
}
const OK_BODY = envelope(0, null, {
  base_resp: { status_code: 0, status_message: '' },
  video_content_distribution: [{ cnt: 2, name: '美食', proportion: 1 }],
});

type Answer = { status?: number; body: string } | Error;

/** A fetch that answers from a script (the last answer repeats) and records every URL. */
function scriptedFetch(...answers: Answer[]) {
  const urls: string[] = [];
  const inits: (RequestInit | undefined)[] = [];
  const fetch = vi.fn<FetchLike>(async (input, init) => {
    urls.push(input);
    inits.push(init);
    const answer = answers[Math.min(urls.length - 1, answers.length - 1)];
    if (!answer) throw new Error('no answer scripted');
    if (answer instanceof Error) throw answer;
    return new Response(answer.body, { status: answer.status ?? 200 });
  });
  return { fetch, urls, inits };
}

function recordingSleep() {
  const delays: number[] = [];
  const sleep = vi.fn(async (ms: number) => {
    delays.push(ms);
  });
  return { sleep, delays };
}

function client(fetch: FetchLike, extra: Parameters<typeof createApiClient>[0] = {}) {
  const { sleep, delays } = recordingSleep();
  return { api: createApiClient({ fetch, sleep, now: () => 1_700_000_000_000, ...extra }), delays, sleep };
}

describe('getDistribution', () => {
  it('calls the distribution URL once and returns rows with fetchedAt', async () => {
    const { fetch, urls, inits } = scriptedFetch({ body: OK_BODY });
    const { api } = client(fetch);
    const r = await api.getDistribution(CALL);
    expect(r).toEqual({ ok: true, value: { rows: [{ name: '美食', count: 2, share: 1 }], fetchedAt: 1_700_000_000_000 } });
    expect(fetch).toHaveBeenCalledTimes(1);
    const url = new URL(urls[0] ?? '');
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:8080/proxy/api/douyin-xingtu/gw/api/data_sp/author_video_distribution/v1');
    expect(url.searchParams.get('oAuthorId')).toBe(ID);
    expect(url.searchParams.get('token')).toBe(TOKEN);
    expect(url.searchParams.get('platform')).toBe('SHORT_VIDEO');
    expect(inits[0]?.method).toBe('GET');
    expect(inits[0]?.credentials).toBe('omit');
    expect(inits[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('retries 301 up to maxAttempts with growing delays, then reports it', async () => {
    const { fetch } = scriptedFetch({ body: envelope(301, 'collection failed') });
    const { api, delays } = client(fetch, { maxAttempts: 3, backoffMs: [100, 300] });
    const r = await api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(delays).toEqual([100, 300]);
    expect(r).toEqual({ ok: false, error: { kind: 'collection-failed', code: 301, detail: 'collection failed', oAuthorId: ID } });
  });

  it('uses the default attempts and delays', async () => {
    const { fetch } = scriptedFetch({ body: envelope(500) });
    const { api, delays } = client(fetch);
    await api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(delays).toEqual([1000, 2000]);
  });

  it('repeats the last delay when there are more attempts than delays', async () => {
    const { fetch } = scriptedFetch({ body: envelope(301) });
    const { api, delays } = client(fetch, { maxAttempts: 4, backoffMs: [10, 20] });
    await api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(delays).toEqual([10, 20, 20]);
  });

  it('waits longer after a rate limit (302)', async () => {
    const { fetch } = scriptedFetch({ body: envelope(302) });
    const { api, delays } = client(fetch, { backoffMs: [100, 300] });
    const r = await api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(delays).toEqual([200, 600]);
    expect(!r.ok && r.error.kind).toBe('rate-limited');
  });

  it('stops retrying as soon as an attempt succeeds', async () => {
    const { fetch } = scriptedFetch({ body: envelope(301) }, { status: 502, body: '<html>' }, { body: OK_BODY });
    const { api, delays } = client(fetch, { backoffMs: [1, 2] });
    const r = await api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(delays).toEqual([1, 2]);
    expect(r.ok).toBe(true);
  });

  it.each([500, 502, 503, 504])('retries HTTP %i without an envelope', async (status) => {
    const { fetch } = scriptedFetch({ status, body: '<html>oops</html>' });
    const { api } = client(fetch);
    const r = await api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(r).toEqual({ ok: false, error: { kind: 'http', httpStatus: status, oAuthorId: ID } });
  });

  it.each([100, 303, 400, 600, 601, 101, 202, 300, 404, 503, 602, 777])('makes exactly one call for code %i', async (code) => {
    const { fetch } = scriptedFetch({ body: envelope(code, 'no') });
    const { api, sleep } = client(fetch);
    const r = await api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
    expect(!r.ok && r.error.code).toBe(code);
  });

  it('does not retry an envelope with code 100 behind HTTP 401', async () => {
    const { fetch } = scriptedFetch({ status: 401, body: envelope(100, 'invalid token') });
    const { api } = client(fetch);
    const r = await api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(r).toEqual({ ok: false, error: { kind: 'invalid-token', code: 100, httpStatus: 401, detail: 'invalid token', oAuthorId: ID } });
  });

  it.each([401, 403])('does not retry HTTP %i without an envelope', async (status) => {
    const { fetch } = scriptedFetch({ status, body: '' });
    const { api } = client(fetch);
    const r = await api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(!r.ok && r.error).toEqual({ kind: 'http', httpStatus: status, oAuthorId: ID });
  });

  it('does not retry upstream failures or bad responses', async () => {
    const upstream = scriptedFetch({ body: envelope(0, null, { base_resp: { status_code: 5, status_message: 'no' }, video_content_distribution: [] }) });
    await client(upstream.fetch).api.getDistribution(CALL);
    expect(upstream.fetch).toHaveBeenCalledTimes(1);
    const bad = scriptedFetch({ body: '[1,2]' });
    const r = await client(bad.fetch).api.getDistribution(CALL);
    expect(bad.fetch).toHaveBeenCalledTimes(1);
    expect(!r.ok && r.error.kind).toBe('bad-response');
  });

  it('HTTP 429 without an envelope is rate limiting: retried with the longer delays', async () => {
    const { fetch } = scriptedFetch({ status: 429, body: '' });
    const { api, delays } = client(fetch, { backoffMs: [100, 300] });
    const r = await api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(delays).toEqual([200, 600]);
    expect(r).toEqual({ ok: false, error: { kind: 'rate-limited', httpStatus: 429, oAuthorId: ID } });
  });

  it('maps a fetch rejection to network, tried once more after the first delay', async () => {
    const { fetch } = scriptedFetch(new TypeError('Failed to fetch'));
    const { api, delays } = client(fetch, { backoffMs: [100, 300] });
    const r = await api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(delays).toEqual([100]);
    expect(r).toEqual({ ok: false, error: { kind: 'network', detail: 'Failed to fetch', oAuthorId: ID } });
  });

  it('a network error followed by an answer gives the answer', async () => {
    const { fetch } = scriptedFetch(new TypeError('Failed to fetch'), { body: OK_BODY });
    const r = await client(fetch).api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(r.ok).toBe(true);
  });

  it('a sequence of retryable failures never exceeds maxAttempts (network then 301)', async () => {
    const { fetch } = scriptedFetch(new TypeError('Failed to fetch'), { body: envelope(301) });
    await client(fetch, { maxAttempts: 3 }).api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('maxAttempts 1 never retries', async () => {
    const { fetch } = scriptedFetch({ body: envelope(301) });
    const { api } = client(fetch, { maxAttempts: 1 });
    await api.getDistribution(CALL);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('a base that is not a URL is bad input, without a call', async () => {
    const { fetch } = scriptedFetch({ body: OK_BODY });
    const r = await client(fetch).api.getDistribution({ ...CALL, base: 'not a url' });
    expect(fetch).not.toHaveBeenCalled();
    expect(!r.ok && r.error.kind).toBe('bad-input');
  });

  it('uses globalThis.fetch when none is given', async () => {
    const spy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(OK_BODY));
    const r = await createApiClient({ sleep: async () => undefined }).getDistribution(CALL);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(r.ok).toBe(true);
  });
});

describe('timeouts', () => {
  /** A fetch that never answers but rejects when its signal aborts, like the real one. */
  function hangingFetch() {
    const signals: AbortSignal[] = [];
    const fetch = vi.fn<FetchLike>(
      (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          const signal = init?.signal;
          if (signal) {
            signals.push(signal);
            signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          }
        }),
    );
    return { fetch, signals };
  }

  it('gives up after timeoutMs, aborts the request, and does not retry', async () => {
    const { fetch, signals } = hangingFetch();
    const { api, sleep } = client(fetch, { timeoutMs: 20 });
    const r = await api.getDistribution(CALL);
    expect(r).toEqual({ ok: false, error: { kind: 'timeout', oAuthorId: ID } });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
    expect(signals[0]?.aborted).toBe(true);
  });

  it('defaults to 60 s (fake timers)', async () => {
    vi.useFakeTimers();
    try {
      const { fetch } = hangingFetch();
      const { api } = client(fetch);
      let settled = false;
      const pending = api.getDistribution(CALL).then((r) => {
        settled = true;
        return r;
      });
      await vi.advanceTimersByTimeAsync(59_999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await pending).toEqual({ ok: false, error: { kind: 'timeout', oAuthorId: ID } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a call may give its own timeout (the settings are read per call)', async () => {
    const { fetch, signals } = hangingFetch();
    const { api } = client(fetch, { timeoutMs: 60_000 });
    const started = Date.now();
    expect(await api.getDistribution({ ...CALL, timeoutMs: 20 })).toEqual({ ok: false, error: { kind: 'timeout', oAuthorId: ID } });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(signals[0]?.aborted).toBe(true);
    expect(await api.searchAuthors({ base: BASE, token: TOKEN, keyword: 'x', timeoutMs: 20 })).toEqual({ ok: false, error: { kind: 'timeout' } });
    expect(await api.checkKey({ base: BASE, token: TOKEN, timeoutMs: 20 })).toEqual({ ok: false, error: { kind: 'timeout' } });
  });

  it.each([0, -1, Number.NaN])('an unusable per-call timeout (%s) falls back to the client timeout', async (timeoutMs) => {
    const { fetch } = hangingFetch();
    expect(await client(fetch, { timeoutMs: 20 }).api.getDistribution({ ...CALL, timeoutMs })).toEqual({ ok: false, error: { kind: 'timeout', oAuthorId: ID } });
  });

  it('times out a fetch that ignores the signal, and a body that never ends', async () => {
    const ignoring = vi.fn<FetchLike>(() => new Promise<Response>(() => undefined));
    expect(await client(ignoring, { timeoutMs: 10 }).api.getDistribution(CALL)).toEqual({ ok: false, error: { kind: 'timeout', oAuthorId: ID } });

    const slowBody = vi.fn<FetchLike>(async () => new Response(new ReadableStream({ start() {} })));
    expect(await client(slowBody, { timeoutMs: 10 }).api.getDistribution(CALL)).toEqual({ ok: false, error: { kind: 'timeout', oAuthorId: ID } });
  });
});

describe('token scrubbing', () => {
  const encoded = encodeURIComponent(TOKEN);

  function expectNoToken(failure: Failure) {
    const text = JSON.stringify(failure);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(encoded);
    expect(text).not.toContain('SECRET');
  }

  it('removes the token from a server message that echoes the URL', async () => {
    const { fetch, urls } = scriptedFetch({ body: '' });
    fetch.mockImplementation(async (input) => {
      urls.push(input);
      return new Response(envelope(400, `bad request: GET ${input} (token ${TOKEN})`), { status: 400 });
    });
    const r = await client(fetch).api.getDistribution(CALL);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expectNoToken(r.error);
      expect(r.error.detail).toContain('token=***');
      expect(r.error.detail).toContain(`oAuthorId=${ID}`);
    }
  });

  it('removes the token from a network error message', async () => {
    const { fetch } = scriptedFetch(new TypeError(`request to ${BASE}?token=${encoded}&x=1 failed, key ${TOKEN}`));
    const r = await client(fetch).api.getDistribution(CALL);
    expect(!r.ok && r.error.kind).toBe('network');
    if (!r.ok) expectNoToken(r.error);
  });

  it('removes the token from an upstream status message', async () => {
    const body = envelope(0, null, { base_resp: { status_code: 9, status_message: `token ${TOKEN} refused` }, video_content_distribution: [] });
    const r = await client(scriptedFetch({ body }).fetch).api.getDistribution(CALL);
    expect(!r.ok && r.error.kind).toBe('upstream');
    if (!r.ok) expectNoToken(r.error);
  });

  it('scrubToken handles raw, URL-encoded and form-encoded forms', () => {
    const form = new URLSearchParams({ token: TOKEN }).toString();
    const text = `${TOKEN} ${encoded} ${form} ?token=whatever&b=1`;
    const out = scrubToken(text, TOKEN);
    expect(out).not.toContain('SECRET');
    expect(out).toContain('token=***&b=1');
  });

  it('never logs', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    await client(scriptedFetch(new Error(`boom ${TOKEN}`)).fetch).api.getDistribution(CALL);
    await client(scriptedFetch({ body: envelope(301, TOKEN) }).fetch).api.getDistribution(CALL);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

describe('checkKey', () => {
  const KEY_CALL = { base: 'https://api.example', token: TOKEN };

  it('makes one call for the known id and reports a valid key', async () => {
    const { fetch, urls } = scriptedFetch({ body: OK_BODY });
    const r = await client(fetch).api.checkKey(KEY_CALL);
    expect(r).toEqual({ ok: true, value: { valid: true } });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(new URL(urls[0] ?? '').searchParams.get('oAuthorId')).toBe(CHECK_KEY_AUTHOR_ID);
    expect(CHECK_KEY_AUTHOR_ID).toBe('7006229624431689736');
  });

  it.each([
    ['400', envelope(400, 'bad id')],
    ['upstream', envelope(0, null, { base_resp: { status_code: 3, status_message: 'x' }, video_content_distribution: [] })],
  ])('%s means the key itself was accepted', async (_label, body) => {
    expect(await client(scriptedFetch({ body }).fetch).api.checkKey(KEY_CALL)).toEqual({ ok: true, value: { valid: true } });
  });

  it('100 means invalid', async () => {
    const { fetch } = scriptedFetch({ status: 401, body: envelope(100, 'token invalid') });
    const r = await client(fetch).api.checkKey(KEY_CALL);
    expect(r).toEqual({ ok: false, error: { kind: 'invalid-token', code: 100, httpStatus: 401, detail: 'token invalid' } });
  });

  it.each([
    [303, 'quota-exceeded'],
    [601, 'insufficient-balance'],
    [600, 'permission-denied'],
    [301, 'collection-failed'],
  ] as const)('code %i passes the failure on, after one call only', async (code, kind) => {
    const { fetch } = scriptedFetch({ body: envelope(code) });
    const { api, sleep } = client(fetch);
    const r = await api.checkKey(KEY_CALL);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
    expect(r).toEqual({ ok: false, error: { kind, code } });
  });

  it('network failure is passed on without the token', async () => {
    const r = await client(scriptedFetch(new Error(`bad ${TOKEN}`)).fetch).api.checkKey(KEY_CALL);
    expect(r).toEqual({ ok: false, error: { kind: 'network', detail: 'bad ***' } });
  });
});
