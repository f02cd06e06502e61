import { describe, expect, it, vi } from 'vitest';
import { createApiClient, type FetchLike } from '../../utils/background/api/client';
import { parseBalanceResponse } from '../../utils/background/api/parse-balance';
import { balanceUrl } from '../../utils/shared/api-endpoints';
import type { UsageEntry } from '../../utils/shared/usage';
import { envelope, okBalance } from './money-setup';

/**
 * The balance endpoint (api.md §4): read defensively. A balance is kept as a decimal string; a
 * path the endpoint does not answer (404, HTML, not JSON, an unknown shape, another code) is
 * "not supported", never a broken key; code 100 is a wrong key; a failure worth trying later
 * (network, timeout, 5xx, 301/302/500) is passed on. These are the fault-injection checks of the
 * balance request too: it is treated as a call (timeouts, 100, 5xx, HTML).
 */

const NOT_SUPPORTED = { ok: true, value: { state: 'not-supported' } };
const known = (amount: string, currency = 'CNY') => ({ ok: true, value: { state: 'known', amount, currency } });

describe('parseBalanceResponse', () => {
  it.each([
    ['the provider\'s decimal string', okBalance('123.4500'), known('123.4500')],
    ['a string with spaces', okBalance(' 8.5 '), known('8.5')],
    ['a whole-number string', okBalance('42'), known('42')],
    ['zero', okBalance('0.0000'), known('0.0000')],
    ['an overdrawn account', okBalance('-3.20'), known('-3.20')],
    ['a JSON number', okBalance(123.45), known('123.45')],
    ['a whole JSON number', okBalance(7), known('7')],
    ['a tiny number in exponent form', '{"code":0,"data":{"balance":1e-7,"currency":"CNY"}}', known('0.000000')],
    ['another currency, lower case', okBalance('1.00', 'usd'), known('1.00', 'USD')],
    ['no currency', JSON.stringify({ code: 0, data: { balance: '5.5' } }), known('5.5')],
    ['a null currency', okBalance('5.5', null), known('5.5')],
    ['code as a string', JSON.stringify({ code: '0', data: { balance: '1.5', currency: 'CNY' } }), known('1.5')],
  ])('%s → the balance as a decimal string', (_label, body, expected) => {
    expect(parseBalanceResponse(200, body)).toEqual(expected);
  });

  it.each([
    ['missing data', JSON.stringify({ code: 0 })],
    ['null data', JSON.stringify({ code: 0, data: null })],
    ['data without a balance', JSON.stringify({ code: 0, data: { money: '1.00' } })],
    ['a distribution answer (a proxy answering every path)', JSON.stringify({ code: 0, data: { base_resp: { status_code: 0 }, video_content_distribution: [] } })],
    ['a balance that is not a number', okBalance('lots')],
    ['a balance in exponent form as text', okBalance('1e5')],
    ['a balance as an object', okBalance({ value: 1 })],
    ['a boolean balance', okBalance(true)],
    ['a non-finite balance', '{"code":0,"data":{"balance":NaN}}'],
    ['a strange currency', okBalance('1.00', '<b>¥</b>')],
    ['an HTML page', '<!doctype html><html><body>Welcome</body></html>'],
    ['empty', ''],
    ['not JSON', 'ok'],
    ['a JSON array', '[1,2]'],
    ['code 404 (not found)', envelope(404)],
    ['code 600 (no access to this path)', envelope(600)],
    ['code 601', envelope(601)],
    ['an unknown code', envelope(777)],
  ])('%s → not supported', (_label, body) => {
    expect(parseBalanceResponse(200, body)).toEqual(NOT_SUPPORTED);
  });

  it.each([
    [404, '<html><body><h1>404 Not Found</h1></body></html>'],
    [404, ''],
    [403, '<html>Forbidden</html>'],
    [405, 'Method Not Allowed'],
  ])('HTTP %i without an envelope → not supported', (status, body) => {
    expect(parseBalanceResponse(status, body)).toEqual(NOT_SUPPORTED);
  });

  it('HTTP 404 with a 404 envelope → not supported', () => {
    expect(parseBalanceResponse(404, envelope(404, 'no route'))).toEqual(NOT_SUPPORTED);
  });

  it('code 100 → invalid-token, with the status and message', () => {
    expect(parseBalanceResponse(200, envelope(100, 'invalid token'))).toEqual({
      ok: false,
      error: { kind: 'invalid-token', code: 100, detail: 'invalid token' },
    });
    expect(parseBalanceResponse(401, envelope(100))).toEqual({
      ok: false,
      error: { kind: 'invalid-token', code: 100, httpStatus: 401, detail: 'm100' },
    });
  });

  it.each([
    [500, '<html>Internal Server Error</html>', { kind: 'http', httpStatus: 500 }],
    [502, '<html>Bad Gateway</html>', { kind: 'http', httpStatus: 502 }],
    [503, '', { kind: 'http', httpStatus: 503 }],
    [504, 'gateway timeout', { kind: 'http', httpStatus: 504 }],
    [429, '', { kind: 'rate-limited', httpStatus: 429 }],
    [200, envelope(500), { kind: 'server-error', code: 500, detail: 'm500' }],
    [200, envelope(302), { kind: 'rate-limited', code: 302, detail: 'm302' }],
    [200, envelope(301), { kind: 'collection-failed', code: 301, detail: 'm301' }],
  ])('HTTP %i %j → a failure to pass on', (status, body, error) => {
    expect(parseBalanceResponse(status, body)).toEqual({ ok: false, error });
  });
});

describe('client.getBalance', () => {
  const BASE = 'http://127.0.0.1:9/proxy/';
  const TOKEN = 'sk-balance&key=1';

  function client(answer: (url: string) => Promise<Response>) {
    const urls: string[] = [];
    const fetch = vi.fn<FetchLike>(async (url) => {
      urls.push(url);
      return answer(url);
    });
    const logged: UsageEntry[] = [];
    const sleep = vi.fn(async () => undefined);
    const api = createApiClient({ fetch, sleep, timeoutMs: 1000, onPaidAttempt: (e) => logged.push(e) });
    return { api, fetch, urls, logged, sleep };
  }

  it('asks GET <base>/user/get-balance?token=… once, keeping the base path', async () => {
    const c = client(async () => new Response(okBalance('99.9900')));
    expect(await c.api.getBalance({ base: BASE, token: TOKEN })).toEqual(known('99.9900'));
    expect(c.urls).toEqual([balanceUrl(BASE, TOKEN)]);
    const url = new URL(c.urls[0] ?? '');
    expect(url.pathname).toBe('/proxy/user/get-balance');
    expect(url.searchParams.get('token')).toBe(TOKEN);
    expect([...url.searchParams.keys()]).toEqual(['token']);
  });

  it('is not a paid call: nothing goes to the usage log', async () => {
    const c = client(async () => new Response(okBalance()));
    await c.api.getBalance({ base: BASE, token: TOKEN });
    expect(c.logged).toEqual([]);
  });

  it.each([
    ['HTTP 503', () => new Response('<html>503</html>', { status: 503 }), { kind: 'http', httpStatus: 503 }],
    ['HTTP 500', () => new Response('', { status: 500 }), { kind: 'http', httpStatus: 500 }],
    ['code 500', () => new Response(envelope(500)), { kind: 'server-error', code: 500, detail: 'm500' }],
    ['code 302', () => new Response(envelope(302)), { kind: 'rate-limited', code: 302, detail: 'm302' }],
  ])('%s: one request, no retry, the failure', async (_label, respond, error) => {
    const c = client(async () => respond());
    expect(await c.api.getBalance({ base: BASE, token: TOKEN })).toEqual({ ok: false, error });
    expect(c.fetch).toHaveBeenCalledTimes(1);
    expect(c.sleep).not.toHaveBeenCalled();
  });

  it('code 100: invalid-token after one request', async () => {
    const c = client(async () => new Response(envelope(100, 'invalid token')));
    expect(await c.api.getBalance({ base: BASE, token: TOKEN })).toEqual({
      ok: false,
      error: { kind: 'invalid-token', code: 100, detail: 'invalid token' },
    });
    expect(c.fetch).toHaveBeenCalledTimes(1);
  });

  it('an HTML page (a proxy that does not forward the path) is not supported', async () => {
    const c = client(async () => new Response('<html><body>nginx</body></html>', { status: 404, headers: { 'Content-Type': 'text/html' } }));
    expect(await c.api.getBalance({ base: BASE, token: TOKEN })).toEqual(NOT_SUPPORTED);
  });

  it('a network error: one request, the failure, the key scrubbed from its text', async () => {
    const c = client(async (url) => {
      throw new TypeError(`Failed to fetch ${url}`);
    });
    const answer = await c.api.getBalance({ base: BASE, token: TOKEN });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(JSON.stringify(answer)).not.toContain('sk-balance');
    expect(c.fetch).toHaveBeenCalledTimes(1);
  });

  it('a request that never answers times out after the call\'s timeout, once', async () => {
    vi.useFakeTimers();
    try {
      const c = client(() => new Promise<Response>(() => undefined));
      const pending = c.api.getBalance({ base: BASE, token: TOKEN, timeoutMs: 3000 });
      await vi.advanceTimersByTimeAsync(2999);
      let settled = false;
      void pending.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await pending).toEqual({ ok: false, error: { kind: 'timeout' } });
      expect(c.fetch).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a base that is not a URL: no request', async () => {
    const c = client(async () => new Response(okBalance()));
    expect(await c.api.getBalance({ base: 'not a url', token: TOKEN })).toEqual({
      ok: false,
      error: { kind: 'bad-input', detail: 'invalid API base URL' },
    });
    expect(c.fetch).not.toHaveBeenCalled();
  });
});
