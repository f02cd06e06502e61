import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BALANCE_MAX_AGE_MS, BALANCE_TIMEOUT_MS, createBalanceService } from '../../utils/background/balance';
import { checkApiKey } from '../../utils/background/key-check';
import { createApiClient } from '../../utils/background/api/client';
import { createDistributionCache } from '../../utils/background/cache';
import { createDistributionService } from '../../utils/background/distribution-service';
import { createUsageLog } from '../../utils/background/usage-log';
import { DEFAULT_SETTINGS } from '../../utils/shared/settings';
import { BALANCE_PATH, DISTRIBUTION_PATH, startMockApi, type MockApi } from '../../e2e/mock-api';
import { ID, KEY, T0, envelope, money, okBalance } from './money-setup';

/**
 * The balance for the options page and the popup: kept 10 minutes (memory and storage), fetched
 * again on refresh, after paid calls, for another key or base; never a data call. "Check key"
 * asks the balance first and falls back to one distribution call only when the endpoint does not
 * answer it.
 */

const KNOWN = { state: 'known', amount: '123.4500', currency: 'CNY' };

describe('balance service', () => {
  it('no key: unknown, without a request', async () => {
    const m = money({ key: '' });
    expect(await m.balance.get()).toEqual({ ok: true, value: { state: 'unknown', reason: 'no-key', fetchedAt: T0 } });
    expect(m.fetch).not.toHaveBeenCalled();
  });

  it('fetches once, then answers from memory for 10 minutes; refresh asks again', async () => {
    const m = money();
    expect(await m.balance.get()).toEqual({ ok: true, value: { ...KNOWN, fetchedAt: T0 } });
    m.clock.t += BALANCE_MAX_AGE_MS - 1;
    m.answer('balance', okBalance('100.0000'));
    expect(await m.balance.get()).toEqual({ ok: true, value: { ...KNOWN, fetchedAt: T0 } });
    expect(m.sent('balance')).toHaveLength(1);

    expect(await m.balance.get({ refresh: true })).toMatchObject({ ok: true, value: { amount: '100.0000', fetchedAt: T0 + BALANCE_MAX_AGE_MS - 1 } });
    expect(m.sent('balance')).toHaveLength(2);
  });

  it('is fetched again once 10 minutes have passed', async () => {
    const m = money();
    await m.balance.get();
    m.clock.t += BALANCE_MAX_AGE_MS;
    await m.balance.get();
    expect(m.sent('balance')).toHaveLength(2);
  });

  it('is stale after a paid call: the next ask fetches it again (and not by itself)', async () => {
    const m = money();
    await m.balance.get();
    m.clock.t += 1000;
    await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    expect(m.sent('balance')).toHaveLength(1); // nothing fetched in the background
    m.clock.t += 1000;
    m.answer('balance', okBalance('123.3500'));
    expect(await m.balance.get()).toMatchObject({ ok: true, value: { amount: '123.3500', fetchedAt: T0 + 2000 } });
    expect(m.sent('balance')).toHaveLength(2);
    // A cached answer (no paid call) does not make it stale again.
    m.clock.t += 1000;
    await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    await m.balance.get();
    expect(m.sent('balance')).toHaveLength(2);
  });

  it('a failed paid call (network) makes it stale too: it may have been billed', async () => {
    const m = money();
    await m.balance.get();
    m.clock.t += 1000;
    m.script('distribution', 'network', 'network');
    await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    m.clock.t += 1000;
    await m.balance.get();
    expect(m.sent('balance')).toHaveLength(2);
  });

  it('is kept in storage: a restarted worker shows it without a request, never holding the key', async () => {
    const m = money();
    await m.balance.get();
    const restarted = money();
    restarted.clock.t = T0 + 60_000;
    expect(await restarted.balance.get()).toEqual({ ok: true, value: { ...KNOWN, fetchedAt: T0 } });
    expect(restarted.fetch).not.toHaveBeenCalled();
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(KEY);
  });

  it('another key or another endpoint is asked again', async () => {
    const m = money();
    await m.balance.get();
    m.setKey('another-key');
    await m.balance.get();
    expect(m.sent('balance')).toHaveLength(2);
    m.setSettings({ endpoint: 'custom', customUrl: 'http://127.0.0.1:9' });
    await m.balance.get();
    expect(m.sent('balance')).toHaveLength(3);
    expect(new URL(m.sent('balance')[2]?.url ?? '').origin).toBe('http://127.0.0.1:9');
  });

  it('"not supported" is kept like a balance (a proxy is not asked on every popup)', async () => {
    const m = money();
    m.answer('balance', { status: 404, body: '<html>404</html>' });
    expect(await m.balance.get()).toEqual({ ok: true, value: { state: 'unknown', reason: 'not-supported', fetchedAt: T0 } });
    await m.balance.get();
    expect(m.sent('balance')).toHaveLength(1);
  });

  it.each([
    ['a network error', 'network' as const],
    ['HTTP 502', { status: 502, body: '<html>bad gateway</html>' }],
    ['code 500', envelope(500)],
  ])('%s: unknown (failed), not kept — the next ask tries again', async (_label, answer) => {
    const m = money();
    m.answer('balance', answer);
    expect(await m.balance.get()).toEqual({ ok: true, value: { state: 'unknown', reason: 'failed', fetchedAt: T0 } });
    await m.balance.get();
    expect(m.sent('balance')).toHaveLength(2);
  });

  it('code 100: the failure invalid-token (the key is wrong), not kept', async () => {
    const m = money();
    m.answer('balance', envelope(100, 'invalid token'));
    expect(await m.balance.get()).toEqual({ ok: false, error: { kind: 'invalid-token', code: 100, detail: 'invalid token' } });
    await m.balance.get();
    expect(m.sent('balance')).toHaveLength(2);
  });

  it('a hanging endpoint gives up after at most 15 s, even with a longer timeout setting', async () => {
    const m = money({ settings: { timeoutSeconds: 120 } });
    const timeouts: number[] = [];
    const service = createBalanceService({
      client: { getBalance: async (call) => (timeouts.push(call.timeoutMs ?? -1), { ok: false, error: { kind: 'timeout' } }) },
      loadApiKey: async () => KEY,
      loadSettings: async () => ({ ...DEFAULT_SETTINGS, timeoutSeconds: 120 }),
      usage: m.usage,
      now: m.now,
    });
    expect(await service.get()).toMatchObject({ ok: true, value: { state: 'unknown', reason: 'failed' } });
    const short = createBalanceService({
      client: { getBalance: async (call) => (timeouts.push(call.timeoutMs ?? -1), { ok: true, value: { state: 'not-supported' } }) },
      loadApiKey: async () => KEY,
      loadSettings: async () => ({ ...DEFAULT_SETTINGS, timeoutSeconds: 5 }),
      usage: m.usage,
      now: m.now,
    });
    await short.get();
    expect(timeouts).toEqual([BALANCE_TIMEOUT_MS, 5000]);
  });

  it('two views asking at once share one request', async () => {
    const m = money();
    let answer: (() => void) | null = null;
    let requests = 0;
    const service = createBalanceService({
      client: {
        getBalance: async () => {
          requests += 1;
          await new Promise<void>((resolve) => (answer = resolve));
          return { ok: true, value: { state: 'known', amount: '1.00', currency: 'CNY' } };
        },
      },
      loadApiKey: async () => KEY,
      loadSettings: async () => DEFAULT_SETTINGS,
      usage: m.usage,
      now: m.now,
    });
    const both = Promise.all([service.get(), service.get({ refresh: true })]);
    while (answer === null) await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    (answer as () => void)();
    const [a, b] = await both;
    expect(a).toEqual(b);
    expect(requests).toBe(1);
  });

  it('is not a paid call: not in the usage log, not held back by the daily limit or a 601 block', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    m.script('distribution', envelope(601));
    await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    expect(await m.balance.get({ refresh: true })).toMatchObject({ ok: true, value: { state: 'known' } });
    expect(await m.balance.get({ refresh: true })).toMatchObject({ ok: true, value: { state: 'known' } });
    expect((await m.stored()).map((e) => e.endpoint)).toEqual(['distribution']);
  });
});

describe('checkApiKey', () => {
  const check = (m: ReturnType<typeof money>) => checkApiKey({ balance: m.balance, service: m.service });

  it('a balance decides: valid, with the balance, and no data call', async () => {
    const m = money();
    expect(await check(m)).toEqual({ ok: true, value: { valid: true, balance: { ...KNOWN, fetchedAt: T0 } } });
    expect(m.sent('distribution')).toHaveLength(0);
    // The options page then shows it without asking again.
    await m.balance.get();
    expect(m.sent('balance')).toHaveLength(1);
  });

  it('asks again even when a balance is kept (the user pressed the button)', async () => {
    const m = money();
    await m.balance.get();
    await check(m);
    expect(m.sent('balance')).toHaveLength(2);
  });

  it('code 100 decides: invalid-token, and no data call', async () => {
    const m = money();
    m.answer('balance', envelope(100, 'invalid token'));
    expect(await check(m)).toEqual({ ok: false, error: { kind: 'invalid-token', code: 100, detail: 'invalid token' } });
    expect(m.sent('distribution')).toHaveLength(0);
  });

  it.each([
    ['HTTP 404 (a proxy)', { status: 404, body: '<html>404 Not Found</html>' }],
    ['an HTML page', '<!doctype html><title>proxy</title>'],
    ['an unknown shape', JSON.stringify({ code: 0, data: { credits: 5 } })],
  ])('%s: falls back to one distribution call, logged as from the options page', async (_label, answer) => {
    const m = money();
    m.answer('balance', answer);
    expect(await check(m)).toEqual({
      ok: true,
      value: { valid: true, balance: { state: 'unknown', reason: 'not-supported', fetchedAt: T0 } },
    });
    expect(m.sent('distribution')).toHaveLength(1);
    expect((await m.stored()).map((e) => [e.endpoint, e.via, e.code])).toEqual([['distribution', 'options', 0]]);
  });

  it('the fallback still tells a wrong key (code 100 from the distribution call)', async () => {
    const m = money();
    m.answer('balance', { status: 404, body: '' });
    m.answer('distribution', envelope(100));
    expect(await check(m)).toMatchObject({ ok: false, error: { kind: 'invalid-token', code: 100 } });
  });

  it('the fallback is not held back by the daily call limit (the user asked for this one call)', async () => {
    const m = money({ settings: { dailyCallLimit: 1 } });
    await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    m.answer('balance', { status: 404, body: '' });
    expect(await check(m)).toMatchObject({ ok: true });
    expect(m.sent('distribution')).toHaveLength(2);
  });

  it.each([
    ['a network error', 'network' as const, 'network'],
    ['HTTP 503', { status: 503, body: '<html>503</html>' }, 'http'],
    ['code 302', envelope(302), 'rate-limited'],
  ])('%s on the balance: reported as it is, without a data call', async (_label, answer, kind) => {
    const m = money();
    m.answer('balance', answer);
    expect(await check(m)).toMatchObject({ ok: false, error: { kind } });
    expect(m.sent('distribution')).toHaveLength(0);
  });

  it('no key: no-key, without a request', async () => {
    const m = money({ key: '' });
    expect(await check(m)).toEqual({ ok: false, error: { kind: 'no-key' } });
    expect(m.fetch).not.toHaveBeenCalled();
  });
});

describe('checkApiKey against the mock API', () => {
  const TOKEN = 'test-key';
  let mock: MockApi;
  beforeAll(async () => {
    mock = await startMockApi({ token: TOKEN });
  });
  afterAll(async () => {
    await mock.close();
  });
  beforeEach(() => mock.reset());

  function background(key = TOKEN) {
    const usage = createUsageLog();
    const client = createApiClient({ sleep: async () => undefined, onPaidAttempt: (e) => usage.append(e) });
    const loadSettings = async () => ({ ...DEFAULT_SETTINGS, endpoint: 'custom' as const, customUrl: mock.url });
    const loadApiKey = async () => key;
    const balance = createBalanceService({ client, loadApiKey, loadSettings, usage });
    const service = createDistributionService({ client, cache: createDistributionCache(), loadApiKey, loadSettings });
    return { balance, service, usage };
  }

  it('makes no distribution call and answers the balance', async () => {
    mock.setBalance('88.1200');
    const b = background();
    expect(await checkApiKey(b)).toMatchObject({ ok: true, value: { valid: true, balance: { state: 'known', amount: '88.1200', currency: 'CNY' } } });
    expect(mock.balanceCalls()).toHaveLength(1);
    expect(mock.calls({ path: DISTRIBUTION_PATH })).toHaveLength(0);
    expect(mock.calls()).toHaveLength(0); // balance requests are counted apart from data calls
  });

  it('a balance sent as a JSON number is shown as a decimal string', async () => {
    mock.setBalance(5.5);
    expect(await background().balance.get()).toMatchObject({ ok: true, value: { state: 'known', amount: '5.5' } });
  });

  it('a wrong key: code 100 on the balance, no distribution call', async () => {
    expect(await checkApiKey(background('wrong'))).toMatchObject({ ok: false, error: { kind: 'invalid-token', code: 100 } });
    expect(mock.calls({ path: DISTRIBUTION_PATH })).toHaveLength(0);
  });

  it('a proxy that does not forward the path: balance unknown, one distribution call', async () => {
    mock.setBalanceSupported(false);
    expect(await checkApiKey(background())).toMatchObject({ ok: true, value: { valid: true, balance: { state: 'unknown', reason: 'not-supported' } } });
    expect(mock.balanceCalls()[0]?.status).toBe(404);
    expect(mock.calls({ path: DISTRIBUTION_PATH })).toHaveLength(1);
  });

  it.each([
    ['HTTP 503 (HTML)', { http: 503 }, 'http'],
    ['code 100', { code: 100 }, 'invalid-token'],
    ['code 500', { code: 500 }, 'server-error'],
    ['the socket closed', { destroy: true }, 'network'],
  ])('fault on the balance: %s → reported, no distribution call', async (_label, scenario, kind) => {
    mock.setBalanceScenario(scenario);
    expect(await checkApiKey(background())).toMatchObject({ ok: false, error: { kind } });
    expect(mock.balanceCalls()).toHaveLength(1);
    expect(mock.calls({ path: DISTRIBUTION_PATH })).toHaveLength(0);
  });

  it('an HTML page with status 200 (a proxy answering every path) is not supported', async () => {
    mock.setBalanceScenario({ body: '<html><body>proxy home</body></html>' });
    expect(await background().balance.get()).toMatchObject({ ok: true, value: { state: 'unknown', reason: 'not-supported' } });
  });

  it('a hanging balance endpoint: failed after the timeout, one request', async () => {
    mock.setBalanceScenario({ hang: true });
    const usage = createUsageLog();
    const balance = createBalanceService({
      client: createApiClient(),
      loadApiKey: async () => TOKEN,
      loadSettings: async () => ({ ...DEFAULT_SETTINGS, endpoint: 'custom', customUrl: mock.url, timeoutSeconds: 5 }),
      usage,
    });
    const started = Date.now();
    expect(await balance.get()).toMatchObject({ ok: true, value: { state: 'unknown', reason: 'failed' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    expect(mock.balanceCalls()).toHaveLength(1);
  }, 10_000);

  it('the mock answers 404 when told, and the balance otherwise; it counts its calls apart', async () => {
    const url = `${mock.url}${BALANCE_PATH}?token=${TOKEN}`;
    expect(await (await fetch(url)).json()).toMatchObject({ code: 0, data: { balance: '123.4500', currency: 'CNY' } });
    mock.setBalanceSupported(false);
    const missing = await fetch(url);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<html>');
    expect(mock.balanceCalls().map((c) => c.status)).toEqual([200, 404]);
    expect(mock.calls()).toEqual([]);
  });
});
