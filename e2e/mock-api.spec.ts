/**
 * The mock Just One API itself, over real HTTP from Node (no browser), so tests that rely on
 * it can trust it.
 */
import { request as httpRequest } from 'node:http';
import { test as base, expect } from '@playwright/test';
import { startMockApi, DISTRIBUTION_PATH, SEARCH_PAGE_SIZE, SEARCH_PATH, type MockApi } from './mock-api';
import {
  DEMO_AUTHORS,
  DEMO_CREATORS,
  DEMO_CREATOR_PROFILES,
  DEMO_DOUYIN_ACCOUNTS,
  EMPTY_DRAMA_CREATOR_ID,
  FOOD_CREATOR_ID,
  IMITATION_CREATOR_ID,
  IMITATION_DOUYIN_ACCOUNT,
  MANY_CATEGORIES_CREATOR_ID,
  MUSIC_CREATOR_ID,
  NOT_ON_XINGTU_ACCOUNT,
  UNKNOWN_CREATOR_ID,
  type MockAuthor,
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

// ---- Creator Search ------------------------------------------------------------------------

interface SearchEnvelope {
  code: number;
  message: string | null;
  data: {
    authors?: MockAuthor[];
    pagination?: { page: number; limit: number; total_count: number; has_more: boolean };
    base_resp?: { status_code: number; status_message: string };
  } | null;
}

async function search(mock: MockApi, params: Record<string, string>) {
  const response = await fetch(mock.searchUrl(params));
  const text = await response.text();
  return { response, text, json: (): SearchEnvelope => JSON.parse(text) as SearchEnvelope };
}

const FOOD_NICK = DEMO_DOUYIN_ACCOUNTS[FOOD_CREATOR_ID]?.nickname ?? '';
const ids = (body: SearchEnvelope) => body.data?.authors?.map((a) => a.star_id);

test('search: nickname matches (exact and substring), most followers first, values as strings, CORS', async ({ mock }) => {
  const { response, json } = await search(mock, { token: TOKEN, keyword: FOOD_NICK, page: '1', searchType: 'NICKNAME', sort: 'FANS' });
  expect(response.status).toBe(200);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  const body = json();
  expect(body.code).toBe(0);
  expect(body.data?.base_resp).toEqual({ status_code: 0, status_message: '' });
  expect(body.data?.pagination).toEqual({ page: 1, limit: SEARCH_PAGE_SIZE, total_count: 2, has_more: false });
  // The real creator and the imitation: same nickname, other core_user_id.
  expect(ids(body)).toEqual([FOOD_CREATOR_ID, IMITATION_CREATOR_ID]);
  const [real, imitation] = body.data?.authors ?? [];
  expect(real?.attribute_datas).toEqual({
    id: FOOD_CREATOR_ID,
    core_user_id: DEMO_DOUYIN_ACCOUNTS[FOOD_CREATOR_ID]?.uid,
    nick_name: FOOD_NICK,
    follower: '3862000',
    avatar_uri: `${mock.url}/avatar/${FOOD_CREATOR_ID}.svg`,
    city: '成都',
  });
  expect(imitation?.attribute_datas.core_user_id).toBe(IMITATION_DOUYIN_ACCOUNT.uid);
  for (const value of Object.values(real?.attribute_datas ?? {})) expect(typeof value).toBe('string');

  expect(ids((await search(mock, { token: TOKEN, keyword: '小厨' })).json())).toEqual([FOOD_CREATOR_ID, IMITATION_CREATOR_ID]);
  expect(ids((await search(mock, { token: TOKEN, keyword: ' 吉他阿哲 ' })).json())).toEqual([MUSIC_CREATOR_ID]);
  const none = (await search(mock, { token: TOKEN, keyword: NOT_ON_XINGTU_ACCOUNT.nickname })).json();
  expect(none.code).toBe(0);
  expect(none.data?.authors).toEqual([]);
  expect(none.data?.pagination?.has_more).toBe(false);
});

test('search: sort=DEFAULT keeps the table order; the avatar is served', async ({ mock }) => {
  mock.setAuthors([...DEMO_AUTHORS].reverse());
  const byTable = (await search(mock, { token: TOKEN, keyword: FOOD_NICK, sort: 'DEFAULT' })).json();
  expect(ids(byTable)).toEqual([IMITATION_CREATOR_ID, FOOD_CREATOR_ID]);
  const avatar = await fetch(`${mock.url}/avatar/${FOOD_CREATOR_ID}.svg`);
  expect(avatar.status).toBe(200);
  expect(avatar.headers.get('content-type')).toContain('image/svg+xml');
  expect(await avatar.text()).toContain('<svg');
  expect(mock.calls({ path: `/avatar/${FOOD_CREATOR_ID}.svg` })).toEqual([]); // not an API call
});

test('search: token and parameter checks', async ({ mock }) => {
  expect((await search(mock, { token: 'nope', keyword: FOOD_NICK })).json()).toMatchObject({ code: 100, data: null });
  expect((await search(mock, { keyword: FOOD_NICK })).json().code).toBe(100);
  const invalid: Record<string, string>[] = [
    {},
    { keyword: '   ' },
    { keyword: 'a', searchType: 'UID' },
    { keyword: 'a', sort: 'NEW' },
    { keyword: 'a', page: '0' },
    { keyword: 'a', page: 'x' },
  ];
  for (const params of invalid) {
    const body = (await search(mock, { token: TOKEN, ...params })).json();
    expect(body.code, JSON.stringify(params)).toBe(400);
  }
  mock.setToken(null);
  expect((await search(mock, { keyword: FOOD_NICK })).json().code).toBe(0);
});

test('search: pages of SEARCH_PAGE_SIZE with has_more', async ({ mock }) => {
  const many: MockAuthor[] = Array.from({ length: SEARCH_PAGE_SIZE + 5 }, (_, i) => ({
    star_id: `71000000000000000${String(i).padStart(2, '0')}`,
    attribute_datas: {
      id: `71000000000000000${String(i).padStart(2, '0')}`,
      core_user_id: `${2000 + i}`,
      nick_name: `同名达人${i}`,
      follower: String(1000 - i),
      avatar_uri: '',
      city: '',
    },
  }));
  mock.setAuthors(many);
  const first = (await search(mock, { token: TOKEN, keyword: '同名达人' })).json();
  expect(first.data?.authors).toHaveLength(SEARCH_PAGE_SIZE);
  expect(first.data?.pagination).toMatchObject({ page: 1, total_count: SEARCH_PAGE_SIZE + 5, has_more: true });
  const second = (await search(mock, { token: TOKEN, keyword: '同名达人', page: '2' })).json();
  expect(second.data?.authors).toHaveLength(5);
  expect(second.data?.pagination).toMatchObject({ page: 2, has_more: false });
  mock.reset();
  expect((await search(mock, { token: TOKEN, keyword: '同名达人' })).json().data?.authors).toEqual([]);
});

test('search scenarios: per keyword or *, sequences, raw bodies, upstream, authors; separate from distribution', async ({ mock }) => {
  mock.setSearchScenario(FOOD_NICK, { code: 303 });
  expect((await search(mock, { token: TOKEN, keyword: ` ${FOOD_NICK}` })).json()).toMatchObject({ code: 303, message: 'daily quota exceeded' });
  expect((await search(mock, { token: TOKEN, keyword: '吉他阿哲' })).json().code).toBe(0); // another keyword
  // Distribution and search scenarios do not leak into each other.
  expect((await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID })).json().code).toBe(0);
  mock.setScenario('*', { code: 500 });
  expect((await search(mock, { token: TOKEN, keyword: '吉他阿哲' })).json().code).toBe(0);
  mock.clearScenario('*');
  mock.clearSearchScenario(FOOD_NICK);
  expect((await search(mock, { token: TOKEN, keyword: FOOD_NICK })).json().code).toBe(0);

  mock.setSearchScenario('*', [{ code: 301 }, { http: 502 }]);
  expect((await search(mock, { token: TOKEN, keyword: 'a' })).json().code).toBe(301);
  const bare = await search(mock, { token: TOKEN, keyword: 'b' });
  expect(bare.response.status).toBe(502);
  expect(bare.text).toContain('<html');
  expect((await search(mock, { token: TOKEN, keyword: 'c' })).json().code).toBe(0); // sequence used up

  // A raw body keeps 19-digit numbers exactly as written.
  const raw = '{"code":0,"data":{"authors":[{"star_id":7006229624431689736,"attribute_datas":{"id":7006229624431689736,"core_user_id":1234567890123456789}}]}}';
  mock.setSearchScenario(FOOD_NICK, { body: raw });
  expect((await search(mock, { token: TOKEN, keyword: FOOD_NICK })).text).toBe(raw);

  mock.setSearchScenario(FOOD_NICK, { upstream: { status_code: 4003, status_message: '请求过于频繁' } });
  const upstream = (await search(mock, { token: TOKEN, keyword: FOOD_NICK })).json();
  expect(upstream.code).toBe(0);
  expect(upstream.data?.base_resp).toEqual({ status_code: 4003, status_message: '请求过于频繁' });
  // upstream does not bypass the token check
  expect((await search(mock, { token: 'nope', keyword: FOOD_NICK })).json().code).toBe(100);

  const only = DEMO_AUTHORS.filter((a) => a.star_id === IMITATION_CREATOR_ID);
  mock.setSearchScenario(FOOD_NICK, { authors: only, hasMore: true });
  const custom = (await search(mock, { token: TOKEN, keyword: FOOD_NICK })).json();
  expect(ids(custom)).toEqual([IMITATION_CREATOR_ID]);
  expect(custom.data?.pagination?.has_more).toBe(true);

  mock.setSearchScenario(FOOD_NICK, { delayMs: 300 });
  const started = Date.now();
  await search(mock, { token: TOKEN, keyword: FOOD_NICK });
  expect(Date.now() - started).toBeGreaterThanOrEqual(280);

  mock.reset();
  expect((await search(mock, { token: TOKEN, keyword: FOOD_NICK })).json().code).toBe(0);
});

test('search calls are recorded and counted apart from distribution calls', async ({ mock }) => {
  await search(mock, { token: TOKEN, keyword: FOOD_NICK });
  await search(mock, { token: TOKEN, keyword: FOOD_NICK });
  await search(mock, { token: TOKEN, keyword: '吉他阿哲' });
  await get(mock, { token: TOKEN, oAuthorId: FOOD_CREATOR_ID });
  expect(mock.calls()).toHaveLength(4);
  expect(mock.calls({ path: SEARCH_PATH })).toHaveLength(3);
  expect(mock.calls({ path: DISTRIBUTION_PATH })).toHaveLength(1);
  expect(mock.calls({ path: SEARCH_PATH, keyword: FOOD_NICK })).toHaveLength(2);
  expect(mock.calls({ keyword: '吉他阿哲' })[0]).toMatchObject({
    path: SEARCH_PATH,
    keyword: '吉他阿哲',
    oAuthorId: null,
    token: TOKEN,
    status: 200,
    code: 0,
    answeredBy: 'normal',
  });
  expect(mock.calls({ path: DISTRIBUTION_PATH })[0]?.keyword).toBeNull();
  await expect(mock.waitForCalls(3, { path: SEARCH_PATH }, 1000)).resolves.toHaveLength(3);
});

test('fixtures: every demo creator is found by its Douyin nickname with core_user_id = its uid', async ({ mock }) => {
  expect(Object.keys(DEMO_DOUYIN_ACCOUNTS).sort()).toEqual(Object.keys(DEMO_CREATORS).sort());
  const uids = new Set<string>();
  for (const [oAuthorId, account] of Object.entries(DEMO_DOUYIN_ACCOUNTS)) {
    expect(account.uid).toMatch(/^[1-9]\d{0,18}$/);
    expect(account.secUid).toMatch(/^MS4wLjABAAAA[A-Za-z0-9_-]{20,}$/);
    expect(account.nickname).toBe(DEMO_CREATOR_PROFILES[oAuthorId]?.nickname);
    uids.add(account.uid);
    const body = (await search(mock, { token: TOKEN, keyword: account.nickname })).json();
    const mine = body.data?.authors?.filter((a) => a.attribute_datas.core_user_id === account.uid) ?? [];
    expect(mine.map((a) => a.attribute_datas.id)).toEqual([oAuthorId]);
  }
  expect(uids.size).toBe(Object.keys(DEMO_DOUYIN_ACCOUNTS).length);
  // One uid beyond 2^53, on purpose.
  expect([...uids].some((uid) => BigInt(uid) > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
  expect(uids.has(IMITATION_DOUYIN_ACCOUNT.uid)).toBe(false);
  expect(uids.has(NOT_ON_XINGTU_ACCOUNT.uid)).toBe(false);
  expect(IMITATION_DOUYIN_ACCOUNT.nickname).toBe(FOOD_NICK);
  const notOn = (await search(mock, { token: TOKEN, keyword: NOT_ON_XINGTU_ACCOUNT.nickname })).json();
  expect(notOn.data?.authors).toEqual([]);
});
