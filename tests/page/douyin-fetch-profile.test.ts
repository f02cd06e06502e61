// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createOwnerFetcher,
  fetchOwnerProfile,
  PAGE_FETCH_MAX_BYTES,
  PAGE_FETCH_TIMEOUT_MS,
  secUidToFetch,
} from '../../utils/page/douyin/fetch-profile';
import type { DouyinProfile } from '../../utils/page/douyin/profile';

// happy-dom replaces the global URL, so build the path from the file URL by hand.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'douyin');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

const ORIGIN = 'https://www.douyin.com';
const SEC_A = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';
const SEC_B = 'MS4wLjABAAAAQkXh6ZP0uS3N-9oNn8wdvQ1lF2jYkQmV5pRz7cT0aHs';
const SEC_C = 'MS4wLjABAAAAc3JwWmYxT2tTcTlxZ0hCbUx1c0h4bGJ3Q0N6d0pYUVE';
const SEC_E = 'MS4wLjABAAAAZW5jb2RlZC1wYWNlLWYtb3duZXItMDAwMDAwMDAwMDE';

type Answer = (url: string, init: RequestInit) => Promise<Response>;

function html(body: string, init: ResponseInit = {}): Response {
  return new Response(body, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, ...init });
}

/** A fake fetch that records its calls and answers with `answer`. */
function fakeFetch(answer: Answer) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    return answer(url, init);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

/** Resolves only when the request is aborted (then rejects like fetch does). */
const never: Answer = (_url, init) =>
  new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

/** A RENDER_DATA page for one owner (the uid as a JSON number, as some builds send it). */
function renderDataPage(owner: { uid: string; secUid?: string; nickname: string }): string {
  const json = JSON.stringify({ '41': { user: { user: { ...owner, uid: 'UID' } } } }).replace('"UID"', owner.uid);
  return `<!doctype html><html><body><script id="RENDER_DATA" type="application/json">${encodeURIComponent(json)}</script></body></html>`;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('fetchOwnerProfile', () => {
  it('the owner of the page asked for: its uid, from the page’s server data; one same-origin GET', async () => {
    const f = fakeFetch(async () => html(fixture('render-data.html')));
    expect(await fetchOwnerProfile(ORIGIN, SEC_A, { fetch: f.fetch })).toEqual({
      uid: '3429711218823623', secUid: SEC_A, nickname: '小杨哥的美食日记', uniqueId: '1492830571', source: 'render-data',
    });
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]?.url).toBe(`${ORIGIN}/user/${SEC_A}`);
    expect(f.calls[0]?.init).toMatchObject({ credentials: 'same-origin', cache: 'no-store', headers: { accept: 'text/html' } });
    expect(f.calls[0]?.init.method ?? 'GET').toBe('GET');
    expect(f.calls[0]?.init.body).toBeUndefined();
    expect(f.calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it.each([
    ['10 digits, URL-encoded __pace_f', SEC_E, fixture('pace-f-encoded.html'), '1029384756'],
    ['19 digits as a JSON number', SEC_B, renderDataPage({ uid: '7261849302758193746', secUid: SEC_B, nickname: '吉他阿哲' }), '7261849302758193746'],
    ['raw __pace_f rows', SEC_B, fixture('pace-f.html'), '3429711218823624'],
  ])('uids stay exact strings (%s)', async (_label, secUid, page, uid) => {
    const f = fakeFetch(async () => html(page));
    const owner = await fetchOwnerProfile(ORIGIN, secUid, { fetch: f.fetch });
    expect(owner?.uid).toBe(uid);
    expect(owner?.secUid).toBe(secUid);
  });

  it.each([
    ['the data is about another account (a redirect, stale data)', SEC_B, fixture('render-data.html')],
    ['an owner block without a sec_uid to compare', SEC_B, renderDataPage({ uid: '3429711218823624', nickname: '大漠孤烟' })],
    ['a captcha / risk-control page', SEC_A, fixture('captcha.html')],
    ['only a header (no uid; the URL must not vouch for it)', SEC_C, fixture('header.html')],
    ['several headers, no data', SEC_C, fixture('others-first.html')],
    ['only the viewer', SEC_A, fixture('self.html')],
    ['an empty page', SEC_A, ''],
  ])('%s → null', async (_label, secUid, page) => {
    const f = fakeFetch(async () => html(page));
    expect(await fetchOwnerProfile(ORIGIN, secUid, { fetch: f.fetch })).toBeNull();
  });

  it.each([
    ['403', () => html(fixture('render-data.html'), { status: 403 })],
    ['500', () => html(fixture('render-data.html'), { status: 500 })],
    ['JSON instead of HTML', () => new Response(fixture('render-data.html'), { headers: { 'content-type': 'application/json' } })],
  ])('an answer that is not the page (%s) → null', async (_label, make) => {
    const f = fakeFetch(async () => make());
    expect(await fetchOwnerProfile(ORIGIN, SEC_A, { fetch: f.fetch })).toBeNull();
  });

  it('a network error → null, never a throw', async () => {
    const f = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await fetchOwnerProfile(ORIGIN, SEC_A, { fetch: f.fetch })).toBeNull();
  });

  it('no answer within the timeout → null (the request is aborted)', async () => {
    vi.useFakeTimers();
    const f = fakeFetch(never);
    const answer = fetchOwnerProfile(ORIGIN, SEC_A, { fetch: f.fetch });
    await vi.advanceTimersByTimeAsync(PAGE_FETCH_TIMEOUT_MS - 1);
    expect(f.calls[0]?.init.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toBeNull();
    expect(f.calls[0]?.init.signal?.aborted).toBe(true);
    expect(PAGE_FETCH_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
  });

  it('a body that never ends is cut by the same timeout', async () => {
    const f = fakeFetch(async (_url, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('<!doctype html><html><body>'));
          init.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/html' } });
    });
    expect(await fetchOwnerProfile(ORIGIN, SEC_A, { fetch: f.fetch, timeoutMs: 30 })).toBeNull();
  });

  it('too large by its Content-Length → null, the body is not read', async () => {
    const page = html(fixture('render-data.html'), { headers: { 'content-type': 'text/html', 'content-length': String(PAGE_FETCH_MAX_BYTES + 1) } });
    const read = vi.spyOn(page.body!, 'getReader');
    const f = fakeFetch(async () => page);
    expect(await fetchOwnerProfile(ORIGIN, SEC_A, { fetch: f.fetch })).toBeNull();
    expect(read).not.toHaveBeenCalled();
  });

  it('too large while reading (no Content-Length) → null, reading stops at the cap', async () => {
    const page = fixture('render-data.html');
    let pulled = 0;
    const chunk = new TextEncoder().encode(page);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk);
      },
    });
    const f = fakeFetch(async () => new Response(body, { headers: { 'content-type': 'text/html' } }));
    const maxBytes = chunk.byteLength * 3;
    expect(await fetchOwnerProfile(ORIGIN, SEC_A, { fetch: f.fetch, maxBytes })).toBeNull();
    expect(pulled).toBeLessThanOrEqual(6);
    // Just under the cap it is read.
    const f2 = fakeFetch(async () => html(page));
    expect(await fetchOwnerProfile(ORIGIN, SEC_A, { fetch: f2.fetch, maxBytes: chunk.byteLength })).not.toBeNull();
  });

  it('the fetched page is parsed inert: not put into the page, its scripts never run', async () => {
    const page = fixture('render-data.html').replace('</body>', '<script>globalThis.__fetchedPageRan = true</script><div id="fetched-marker"></div></body>');
    const f = fakeFetch(async () => html(page));
    document.body.innerHTML = '<p id="page">page</p>';
    expect((await fetchOwnerProfile(ORIGIN, SEC_A, { fetch: f.fetch }))?.uid).toBe('3429711218823623');
    expect((globalThis as { __fetchedPageRan?: boolean }).__fetchedPageRan).toBeUndefined();
    expect(document.getElementById('fetched-marker')).toBeNull();
    expect(document.body.innerHTML).toBe('<p id="page">page</p>');
  });

  it('an invalid sec_uid is never requested', async () => {
    const f = fakeFetch(async () => html(''));
    for (const bad of ['self', '../x', `${SEC_A}/../../api`, `${SEC_A}?a=1`, '']) {
      expect(await fetchOwnerProfile(ORIGIN, bad, { fetch: f.fetch })).toBeNull();
    }
    expect(f.calls).toHaveLength(0);
  });

  it('an aborted signal (the content script stopped) → null, no request or an aborted one', async () => {
    const stopped = new AbortController();
    stopped.abort();
    const f = fakeFetch(never);
    expect(await fetchOwnerProfile(ORIGIN, SEC_A, { fetch: f.fetch, signal: stopped.signal })).toBeNull();
    expect(f.calls).toHaveLength(0);

    const later = new AbortController();
    const answer = fetchOwnerProfile(ORIGIN, SEC_A, { fetch: f.fetch, signal: later.signal });
    later.abort();
    await expect(answer).resolves.toBeNull();
  });
});

describe('createOwnerFetcher', () => {
  it('one request per sec_uid for the page’s lifetime: concurrent and later asks share the first answer', async () => {
    const f = fakeFetch(async (url) => html(url.endsWith(SEC_A) ? fixture('render-data.html') : fixture('pace-f.html')));
    const owner = createOwnerFetcher(ORIGIN, { fetch: f.fetch });
    const [a1, a2] = await Promise.all([owner(SEC_A), owner(SEC_A)]);
    expect(a1?.uid).toBe('3429711218823623');
    expect(a2).toBe(a1);
    expect((await owner(SEC_A))?.uid).toBe('3429711218823623');
    expect((await owner(SEC_B))?.uid).toBe('3429711218823624');
    expect(f.calls.map((c) => c.url)).toEqual([`${ORIGIN}/user/${SEC_A}`, `${ORIGIN}/user/${SEC_B}`]);
  });

  it('a failed answer (captcha) is not asked again either', async () => {
    const f = fakeFetch(async () => html(fixture('captcha.html')));
    const owner = createOwnerFetcher(ORIGIN, { fetch: f.fetch });
    expect(await owner(SEC_A)).toBeNull();
    expect(await owner(SEC_A)).toBeNull();
    expect(f.calls).toHaveLength(1);
  });
});

describe('secUidToFetch', () => {
  const header: DouyinProfile = { uid: null, secUid: SEC_B, nickname: '大漠孤烟', uniqueId: null, source: 'header' };
  const withUid: DouyinProfile = { ...header, uid: '3429711218823624', source: 'render-data' };

  it.each<[string, Parameters<typeof secUidToFetch>, string | null]>([
    ['after an in-app move, the header gave no uid', [{ kind: 'douyin-user', secUid: SEC_B }, header, SEC_A], SEC_B],
    ['after an in-app move, nothing could be read', [{ kind: 'douyin-user', secUid: SEC_B }, null, SEC_A], SEC_B],
    ['a document not loaded on a creator page', [{ kind: 'douyin-user', secUid: SEC_B }, header, null], SEC_B],
    ['the uid is known already', [{ kind: 'douyin-user', secUid: SEC_B }, withUid, SEC_A], null],
    ['the document was loaded for this page (its data was read)', [{ kind: 'douyin-user', secUid: SEC_B }, header, SEC_B], null],
    ['/user/self', [{ kind: 'douyin-self' }, null, null], null],
    ['a share page (another origin)', [{ kind: 'douyin-share', uid: null, secUid: SEC_B }, header, null], null],
  ])('%s', (_label, args, expected) => {
    expect(secUidToFetch(...args)).toBe(expected);
  });
});
