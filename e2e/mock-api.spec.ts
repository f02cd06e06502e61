/**
 * The mock Just One API itself, over real HTTP from Node (no browser), so tests that rely on
 * it can trust it.
 */
import { request as httpRequest } from 'node:http';
import { test as base, expect } from '@playwright/test';
import { startMockApi, DISTRIBUTION_PATH, type MockApi } from './mock-api';
import {
  DEMO_CREATORS,
  EMPTY_DRAMA_CREATOR_ID,
  FOOD_CREATOR_ID,
  MANY_CATEGORIES_CREATOR_ID,
  MUSIC_CREATOR_ID,
  UNKNOWN_CREATOR_ID,
} from './fixtures/creators';

const TOKEN = 'test-key';

// eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring pattern
const test = base.extend<{ mock: MockApi }>({ mock: async ({}, use) => {
  const mock = await startMockApi({ token: TOKEN });
  await use(mock);
  await mock.close();
} });

interface Envelope {
  code: number;
  message: string | null;
  data: {
    base_resp?: { status_code: number; status_message: string };
    video_content_distribution?: Array<{ cnt: number; name: string; proportion: number }>;
  } | null;
  requestId?: string;
}

/**
 * One request on its own connection (fetch would retry a GET whose reused keep-alive socket
 * closed, which hides what the server did). 'failed' when the socket closed without an answer.
 */
function rawGet(url: string): Promise<'answered' | 'failed'> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve('answered'));
      res.on('error', () => resolve('failed'));
    });
    req.on('error', () => resolve('failed'));
    req.end();
  });
}

async function get(mock: MockApi, params: Record<string, string>, init: RequestInit = {}) {
  const response = await fetch(mock.distributionUrl(params), init);
  const text = await response.text();
  return { response, text, json: (): Envelope => JSON.parse(text) as Envelope };
}

test('answers the demo table with a success envelope and CORS', async ({ mock }) => {
  expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const { response, json } = await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID, platform: 'SHORT_VIDEO' });
  expect(response.status).toBe(200);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  expect(response.headers.get('content-type')).toContain('application/json');
  const body = json();
  expect(body.code).toBe(0);
  expect(body.data?.base_resp).toEqual({ status_code: 0, status_message: '' });
  expect(body.data?.video_content_distribution).toEqual(DEMO_CREATORS[FOOD_CREATOR_ID]?.SHORT_VIDEO);
  expect(body.data?.video_content_distribution?.map((c) => c.name)).toContain('美食');
  expect(typeof body.requestId).toBe('string');
});

test('platform defaults to SHORT_VIDEO; other platforms, empty and unknown lists', async ({ mock }) => {
  const noPlatform = (await get(mock, { token: TOKEN, oAuthorId: MUSIC_CREATOR_ID })).json();
  expect(noPlatform.data?.video_content_distribution).toEqual(DEMO_CREATORS[MUSIC_CREATOR_ID]?.SHORT_VIDEO);
  const live = (await get(mock, { token: TOKEN, oAuthorId: MUSIC_CREATOR_ID, platform: 'LIVE_STREAMING' })).json();
  expect(live.data?.video_content_distribution).toEqual([{ cnt: 64, name: '音乐', proportion: 1 }]);
  const drama = (await get(mock, { token: TOKEN, oAuthorId: EMPTY_DRAMA_CREATOR_ID, platform: 'SHORT_DRAMA' })).json();
  expect(drama.code).toBe(0);
  expect(drama.data?.video_content_distribution).toEqual([]);
  const unknown = (await get(mock, { token: TOKEN, oAuthorId: UNKNOWN_CREATOR_ID })).json();
  expect(unknown.code).toBe(0);
  expect(unknown.data?.video_content_distribution).toEqual([]);
  const many = (await get(mock, { token: TOKEN, oAuthorId: MANY_CATEGORIES_CREATOR_ID })).json();
  expect(many.data?.video_content_distribution).toHaveLength(40);
  const badPlatform = (await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID, platform: 'TV' })).json();
  expect(badPlatform.code).toBe(400);
  const noId = (await get(mock, { token: TOKEN })).json();
  expect(noId.code).toBe(400);
});

test('a wrong or missing token is code 100 with HTTP 200; the token is configurable', async ({ mock }) => {
  const wrong = await get(mock, { token: 'nope', oAuthorId: FOOD_CREATOR_ID });
  expect(wrong.response.status).toBe(200);
  expect(wrong.json()).toMatchObject({ code: 100, message: 'invalid token', data: null });
  expect((await get(mock, { oAuthorId: FOOD_CREATOR_ID })).json().code).toBe(100);
  mock.setToken('other');
  expect((await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID })).json().code).toBe(100);
  expect((await get(mock, { token: 'other', oAuthorId: FOOD_CREATOR_ID })).json().code).toBe(0);
  mock.setToken(null);
  expect((await get(mock, { oAuthorId: FOOD_CREATOR_ID })).json().code).toBe(0);
  mock.reset();
  expect((await get(mock, { token: 'other', oAuthorId: FOOD_CREATOR_ID })).json().code).toBe(100);
});

test('business-code, HTTP-error and raw-body scenarios', async ({ mock }) => {
  mock.setScenario(FOOD_CREATOR_ID, { code: 601 });
  const balance = await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID });
  expect(balance.response.status).toBe(200);
  expect(balance.json()).toMatchObject({ code: 601, message: 'insufficient balance', data: null });
  // Scenarios are per creator: another creator is answered normally.
  expect((await get(mock, { token: TOKEN, oAuthorId: MUSIC_CREATOR_ID })).json().code).toBe(0);

  mock.setScenario(FOOD_CREATOR_ID, { http: 503, body: '<html><body>503 Service Unavailable</body></html>' });
  const html = await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID });
  expect(html.response.status).toBe(503);
  expect(html.response.headers.get('content-type')).toContain('text/html');
  expect(html.response.headers.get('access-control-allow-origin')).toBe('*');
  expect(html.text).toContain('503 Service Unavailable');

  mock.setScenario(FOOD_CREATOR_ID, { http: 429, code: 302 });
  const limited = await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID });
  expect(limited.response.status).toBe(429);
  expect(limited.json()).toMatchObject({ code: 302, message: 'rate limit exceeded' });

  mock.setScenario(FOOD_CREATOR_ID, { http: 502 });
  const bare = await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID });
  expect(bare.response.status).toBe(502);
  expect(bare.text).toContain('<html');

  // A raw body keeps its exact text, e.g. a 19-digit number that JSON.parse would corrupt.
  const raw = '{"code":0,"data":{"base_resp":{"status_code":0},"author_id":7006229624431689736,"video_content_distribution":[]}}';
  mock.setScenario(FOOD_CREATOR_ID, { body: raw });
  const rawAnswer = await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID });
  expect(rawAnswer.text).toBe(raw);
  expect(rawAnswer.response.headers.get('content-type')).toContain('application/json');

  mock.setScenario(FOOD_CREATOR_ID, { upstream: { status_code: 4003, status_message: '请求过于频繁' } });
  const upstream = (await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID })).json();
  expect(upstream.code).toBe(0);
  expect(upstream.data?.base_resp).toEqual({ status_code: 4003, status_message: '请求过于频繁' });

  mock.setScenario(FOOD_CREATOR_ID, { list: [{ cnt: 1, name: '萌宠', proportion: 1 }] });
  expect((await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID })).json().data?.video_content_distribution).toEqual([
    { cnt: 1, name: '萌宠', proportion: 1 },
  ]);

  mock.clearScenario(FOOD_CREATOR_ID);
  expect((await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID })).json().code).toBe(0);
});

test("'*' scenarios, platform filters and sequences", async ({ mock }) => {
  mock.setScenario('*', { code: 500 });
  expect((await get(mock, { token: TOKEN, oAuthorId: MUSIC_CREATOR_ID })).json().code).toBe(500);
  mock.setScenario(MUSIC_CREATOR_ID, { code: 303 });
  expect((await get(mock, { token: TOKEN, oAuthorId: MUSIC_CREATOR_ID })).json().code).toBe(303); // id wins over '*'
  mock.reset();

  mock.setScenario(FOOD_CREATOR_ID, { code: 600, platform: 'LIVE_STREAMING' });
  expect((await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID })).json().code).toBe(0);
  expect((await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID, platform: 'LIVE_STREAMING' })).json().code).toBe(600);

  mock.setScenario(MUSIC_CREATOR_ID, [{ code: 301 }, { code: 301 }]);
  const codes: number[] = [];
  for (let i = 0; i < 3; i += 1) codes.push((await get(mock, { token: TOKEN, oAuthorId: MUSIC_CREATOR_ID })).json().code);
  expect(codes).toEqual([301, 301, 0]);
});

test('delay, hang and destroy', async ({ mock }) => {
  mock.setScenario(FOOD_CREATOR_ID, { delayMs: 400 });
  const started = Date.now();
  const slow = await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID });
  expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  expect(slow.json().code).toBe(0);

  mock.setScenario(FOOD_CREATOR_ID, { hang: true });
  const hung = get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID }, { signal: AbortSignal.timeout(500) });
  await expect(hung).rejects.toThrow();
  // The mock saw the call but never answered it.
  const [hangCall] = mock.calls({ oAuthorId: FOOD_CREATOR_ID }).slice(-1);
  expect(hangCall?.status).toBeNull();

  mock.setScenario(FOOD_CREATOR_ID, { hang: true });
  const pending = rawGet(mock.distributionUrl({ token: TOKEN, oAuthorId: FOOD_CREATOR_ID }));
  await mock.waitForCalls(3, { oAuthorId: FOOD_CREATOR_ID });
  await expect.poll(() => mock.inFlight()).toBe(1);
  mock.reset(); // ends hung requests
  expect(await pending).toBe('failed');
  await expect.poll(() => mock.inFlight()).toBe(0);

  mock.setScenario(FOOD_CREATOR_ID, { destroy: true });
  expect(await rawGet(mock.distributionUrl({ token: TOKEN, oAuthorId: FOOD_CREATOR_ID }))).toBe('failed');
  expect(mock.calls({ oAuthorId: FOOD_CREATOR_ID })).toHaveLength(1);
  expect(mock.calls({ oAuthorId: FOOD_CREATOR_ID })[0]).toMatchObject({ status: null, answeredBy: 'scenario' });
});

test('records calls for counting; waitForCalls; maxInFlight; reset forgets', async ({ mock }) => {
  const before = Date.now();
  await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID, platform: 'SHORT_VIDEO' });
  await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID, platform: 'LIVE_STREAMING' });
  await get(mock, { token: 'wrong', oAuthorId: MUSIC_CREATOR_ID });
  await fetch(`${mock.url}/somewhere/else`);
  await fetch(mock.distributionUrl({ oAuthorId: FOOD_CREATOR_ID }), { method: 'OPTIONS' });

  expect(mock.calls()).toHaveLength(4); // GETs only by default
  expect(mock.calls({ method: '*' })).toHaveLength(5);
  expect(mock.calls({ method: 'OPTIONS' })).toHaveLength(1);
  expect(mock.calls({ path: DISTRIBUTION_PATH })).toHaveLength(3);
  expect(mock.calls({ oAuthorId: FOOD_CREATOR_ID })).toHaveLength(2);
  expect(mock.calls({ oAuthorId: FOOD_CREATOR_ID, platform: 'LIVE_STREAMING' })).toHaveLength(1);
  expect(mock.calls({ token: 'wrong' })).toHaveLength(1);
  const [first] = mock.calls();
  expect(first).toMatchObject({
    method: 'GET',
    path: DISTRIBUTION_PATH,
    query: { token: TOKEN, oAuthorId: FOOD_CREATOR_ID, platform: 'SHORT_VIDEO' },
    status: 200,
    code: 0,
    answeredBy: 'normal',
  });
  expect(first?.time).toBeGreaterThanOrEqual(before);
  expect(mock.calls({ token: 'wrong' })[0]?.code).toBe(100);
  expect(mock.calls({ path: '/somewhere/else' })[0]?.status).toBe(404);

  // Concurrency is visible (for duplicate in-flight request tests).
  mock.setScenario('*', { delayMs: 300 });
  const waiting = mock.waitForCalls(3, { oAuthorId: MUSIC_CREATOR_ID });
  await Promise.all([
    get(mock, { token: TOKEN, oAuthorId: MUSIC_CREATOR_ID }),
    get(mock, { token: TOKEN, oAuthorId: MUSIC_CREATOR_ID }),
  ]);
  expect(await waiting).toHaveLength(3);
  expect(mock.maxInFlight()).toBe(2);
  await expect(mock.waitForCalls(9, {}, 200)).rejects.toThrow(/expected 9 call/);

  mock.reset();
  expect(mock.calls({ method: '*' })).toEqual([]);
  expect(mock.maxInFlight()).toBe(0);
  expect((await get(mock, { token: TOKEN, oAuthorId: MUSIC_CREATOR_ID })).json().code).toBe(0); // scenario gone
});

test('setCreator changes the table until reset; noCors leaves out the header', async ({ mock }) => {
  mock.setCreator(UNKNOWN_CREATOR_ID, { SHORT_VIDEO: [{ cnt: 3, name: '旅行', proportion: 1 }] });
  expect((await get(mock, { token: TOKEN, oAuthorId: UNKNOWN_CREATOR_ID })).json().data?.video_content_distribution).toEqual([
    { cnt: 3, name: '旅行', proportion: 1 },
  ]);
  mock.setScenario(FOOD_CREATOR_ID, { noCors: true });
  const noCors = await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID });
  expect(noCors.response.headers.get('access-control-allow-origin')).toBeNull();
  expect(noCors.json().code).toBe(0);
  mock.reset();
  expect((await get(mock, { token: TOKEN, oAuthorId: UNKNOWN_CREATOR_ID })).json().data?.video_content_distribution).toEqual([]);
});

test('OPTIONS preflight is answered with CORS headers', async ({ mock }) => {
  const response = await fetch(mock.distributionUrl({}), {
    method: 'OPTIONS',
    headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'GET' },
  });
  expect(response.status).toBe(204);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  expect(response.headers.get('access-control-allow-methods')).toContain('GET');
});

test('listens on 127.0.0.1 only, on a requested port', async () => {
  const fixed = await startMockApi({ port: 0, unknownAuthor: 'upstream-error' });
  try {
    const body = (await get(fixed, { token: 'test-key', oAuthorId: UNKNOWN_CREATOR_ID })).json();
    expect(body.code).toBe(0);
    expect(body.data?.base_resp?.status_code).not.toBe(0);
    await expect(startMockApi({ port: fixed.port })).rejects.toThrow(/EADDRINUSE/);
  } finally {
    await fixed.close();
  }
});
