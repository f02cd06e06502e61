import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createApiClient, type FetchLike } from '../../utils/background/api/client';
import { API_BASES, SEARCH_PATH, searchUrl } from '../../utils/shared/api-endpoints';
import { searchFailure } from '../../utils/background/api/parse-response';

const TOKEN = 'sk-SECRET_token+/=42';
const BASE = 'http://127.0.0.1:8080/proxy/';
const CALL = { base: BASE, token: TOKEN, keyword: '小杨哥的美食日记' };
/** Beyond 2^53: JSON.parse would turn it into 7112233445566779000. */
const BIG_ID = '7112233445566778899';
const BIG_UID = '1234567890123456789';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/search/${name}`, import.meta.url), 'utf8');

function envelope(code: number, message: string | null = null, data: unknown = null): string {
  return JSON.stringify({ code, data, message, requestId: 'r' });
}

type Answer = { status?: number; body: string } | Error;

function scriptedFetch(...answers: Answer[]) {
  const urls: string[] = [];
  const fetch = vi.fn<FetchLike>(async (input) => {
    urls.push(input);
    const answer = answers[Math.min(urls.length - 1, answers.length - 1)];
    if (!answer) throw new Error('no answer scripted');
    if (answer instanceof Error) throw answer;
    return new Response(answer.body, { status: answer.status ?? 200 });
  });
  return { fetch, urls };
}

function client(fetch: FetchLike, extra: Parameters<typeof createApiClient>[0] = {}) {
  const delays: number[] = [];
  const sleep = vi.fn(async (ms: number) => {
    delays.push(ms);
  });
  return { api: createApiClient({ fetch, sleep, ...extra }), delays, sleep };
}

describe('searchUrl', () => {
  it('builds the Creator Search URL with every parameter', () => {
    const url = new URL(searchUrl(API_BASES.global, 'k1', '川味 小厨娘&x=1'));
    expect(url.origin + url.pathname).toBe(`https://api.justoneapi.com${SEARCH_PATH}`);
    expect(SEARCH_PATH).toBe('/api/douyin-xingtu/gw/api/gsearch/search_for_author_square/v1');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      token: 'k1',
      keyword: '川味 小厨娘&x=1',
      page: '1',
      searchType: 'NICKNAME',
      sort: 'FANS',
    });
  });

  it('keeps the base path prefix and takes a page', () => {
    const url = new URL(searchUrl(BASE, 't', 'a', 3));
    expect(url.pathname).toBe(`/proxy${SEARCH_PATH}`);
    expect(url.searchParams.get('page')).toBe('3');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses page %s', (page) => {
    expect(() => searchUrl(BASE, 't', 'a', page)).toThrow(RangeError);
  });

  it('throws on a base that is not a URL', () => {
    expect(() => searchUrl('not a url', 't', 'a')).toThrow(TypeError);
  });
});

describe('searchAuthors', () => {
  it('makes one call and returns the authors in order, ids as strings', async () => {
    const { fetch, urls } = scriptedFetch({ body: fixture('sure-match.json') });
    const r = await client(fetch).api.searchAuthors(CALL);
    expect(fetch).toHaveBeenCalledTimes(1);
    const url = new URL(urls[0] ?? '');
    expect(url.pathname).toBe(`/proxy${SEARCH_PATH}`);
    expect(url.searchParams.get('keyword')).toBe(CALL.keyword);
    expect(url.searchParams.get('token')).toBe(TOKEN);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.hasMore).toBe(false);
    expect(r.value.authors.map((a) => [a.oAuthorId, a.douyinUid])).toEqual([
      [BIG_ID, '4102938475610293'],
      ['7006229624431689736', '3429711218823623'],
      ['6998877665544332211', '2837465019283746'],
    ]);
  });

  it('keeps all 19 digits of ids sent as JSON numbers', async () => {
    const { fetch } = scriptedFetch({ body: fixture('ids-as-numbers.json') });
    const r = await client(fetch).api.searchAuthors(CALL);
    expect(r.ok && r.value.authors.map((a) => [a.oAuthorId, a.douyinUid])).toEqual([
      ['7006229624431689736', '3429711218823623'],
      [BIG_ID, BIG_UID],
    ]);
    expect(r.ok && r.value.hasMore).toBe(true);
  });

  it('passes the page on', async () => {
    const { fetch, urls } = scriptedFetch({ body: fixture('no-result.json') });
    await client(fetch).api.searchAuthors({ ...CALL, page: 2 });
    expect(new URL(urls[0] ?? '').searchParams.get('page')).toBe('2');
  });

  it('code 100 is invalid-token, one call, no retry', async () => {
    const { fetch } = scriptedFetch({ status: 401, body: envelope(100, 'invalid token') });
    const { api, sleep } = client(fetch);
    const r = await api.searchAuthors(CALL);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
    expect(r).toEqual({ ok: false, error: { kind: 'invalid-token', code: 100, httpStatus: 401, detail: 'invalid token' } });
  });

  it('code 301 is retried up to maxAttempts with the backoff, then reported', async () => {
    const { fetch } = scriptedFetch({ body: envelope(301, 'collection failed, please retry') });
    const { api, delays } = client(fetch, { backoffMs: [100, 300] });
    const r = await api.searchAuthors(CALL);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(delays).toEqual([100, 300]);
    expect(r).toEqual({ ok: false, error: { kind: 'collection-failed', code: 301, detail: 'collection failed, please retry' } });
  });

  it('301 then success: the retried answer is returned', async () => {
    const { fetch } = scriptedFetch({ body: envelope(301) }, { body: fixture('sure-match.json') });
    const r = await client(fetch).api.searchAuthors(CALL);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(r.ok && r.value.authors).toHaveLength(3);
  });

  it('code 302 waits twice as long between attempts', async () => {
    const { fetch } = scriptedFetch({ body: envelope(302) });
    const { api, delays } = client(fetch, { backoffMs: [100, 300] });
    const r = await api.searchAuthors(CALL);
    expect(delays).toEqual([200, 600]);
    expect(!r.ok && r.error.kind).toBe('rate-limited');
  });

  it.each([
    [303, 'quota-exceeded'],
    [400, 'invalid-params'],
    [600, 'permission-denied'],
    [601, 'insufficient-balance'],
    [602, 'spending-cap'],
    [777, 'unknown-code'],
  ] as const)('code %i is %s after exactly one call', async (code, kind) => {
    const { fetch } = scriptedFetch({ body: envelope(code) });
    const { api, sleep } = client(fetch);
    const r = await api.searchAuthors(CALL);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
    expect(r).toEqual({ ok: false, error: { kind, code } });
  });

  it("Xingtu's refusal (base_resp) is upstream, not retried", async () => {
    const body = envelope(0, 'success', { base_resp: { status_code: 4003, status_message: '请求过于频繁' }, authors: [] });
    const { fetch } = scriptedFetch({ body });
    const r = await client(fetch).api.searchAuthors(CALL);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(r).toEqual({ ok: false, error: { kind: 'upstream', code: 4003, detail: '请求过于频繁' } });
  });

  it('HTTP 502 without an envelope is http and retried; 403 is not', async () => {
    const bad = scriptedFetch({ status: 502, body: '<html>bad gateway</html>' });
    expect(await client(bad.fetch).api.searchAuthors(CALL)).toEqual({ ok: false, error: { kind: 'http', httpStatus: 502 } });
    expect(bad.fetch).toHaveBeenCalledTimes(3);
    const forbidden = scriptedFetch({ status: 403, body: '' });
    expect(await client(forbidden.fetch).api.searchAuthors(CALL)).toEqual({ ok: false, error: { kind: 'http', httpStatus: 403 } });
    expect(forbidden.fetch).toHaveBeenCalledTimes(1);
  });

  it('an unreadable answer is bad-response, not retried', async () => {
    const { fetch } = scriptedFetch({ body: fixture('malformed.json') });
    const r = await client(fetch).api.searchAuthors(CALL);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(!r.ok && r.error.kind).toBe('bad-response');
  });

  it('timeout and network failures go through the same machinery (no retry)', async () => {
    const hanging = vi.fn<FetchLike>(() => new Promise<Response>(() => undefined));
    expect(await client(hanging, { timeoutMs: 10 }).api.searchAuthors(CALL)).toEqual({ ok: false, error: { kind: 'timeout' } });
    expect(hanging).toHaveBeenCalledTimes(1);
    const offline = scriptedFetch(new TypeError('Failed to fetch'));
    expect(await client(offline.fetch).api.searchAuthors(CALL)).toEqual({ ok: false, error: { kind: 'network', detail: 'Failed to fetch' } });
  });

  it('never returns the token, even when the server echoes it', async () => {
    const { fetch } = scriptedFetch({ body: '' });
    fetch.mockImplementation(async (input) => new Response(envelope(400, `bad request: GET ${input} key=${TOKEN}`), { status: 400 }));
    const r = await client(fetch).api.searchAuthors(CALL);
    expect(r.ok).toBe(false);
    const text = JSON.stringify(r);
    expect(text).not.toContain('SECRET');
    expect(text).toContain('token=***');
  });

  it.each([
    ['a blank keyword', { ...CALL, keyword: '  ' }],
    ['a base that is not a URL', { ...CALL, base: 'not a url' }],
    ['page 0', { ...CALL, page: 0 }],
  ])('%s is bad-input without a call', async (_label, call) => {
    const { fetch } = scriptedFetch({ body: fixture('sure-match.json') });
    const r = await client(fetch).api.searchAuthors(call);
    expect(fetch).not.toHaveBeenCalled();
    expect(!r.ok && r.error.kind).toBe('bad-input');
  });
});

describe('searchFailure', () => {
  it('maps every SearchError kind onto a Failure', () => {
    expect(searchFailure({ kind: 'envelope', code: 100, message: ' invalid  token ' }, 200)).toEqual({
      kind: 'invalid-token',
      code: 100,
      detail: 'invalid token',
    });
    expect(searchFailure({ kind: 'envelope', code: 303, message: null }, 429)).toEqual({ kind: 'quota-exceeded', code: 303, httpStatus: 429 });
    expect(searchFailure({ kind: 'upstream', code: 7, message: 'no' }, 200)).toEqual({ kind: 'upstream', code: 7, detail: 'no' });
    expect(searchFailure({ kind: 'http', status: 503 }, 503)).toEqual({ kind: 'http', httpStatus: 503 });
    expect(searchFailure({ kind: 'bad-response' }, 200)).toEqual({ kind: 'bad-response' });
    expect(searchFailure({ kind: 'bad-response' }, 204)).toEqual({ kind: 'bad-response', httpStatus: 204 });
  });
});
