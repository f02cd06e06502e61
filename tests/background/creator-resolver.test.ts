import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApiClient, type FetchLike } from '../../utils/background/api/client';
import { SEARCH_PATH } from '../../utils/shared/api-endpoints';
import { createAccountLinks, NEGATIVE_TTL_MS, type AccountLinks } from '../../utils/background/account-links';
import { createCreatorResolver, SEARCH_CACHE_MS } from '../../utils/background/creator-resolver';
import type { DouyinAccount, Resolution } from '../../utils/shared/messaging';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/shared/settings';

const T0 = 1_700_000_000_000;
const NICK = '川味小厨娘';
const CREATOR = { id: '7006229624431689736', uid: '3429711218823623', nick: NICK };
/** Same nickname, another Douyin account: listed first and with a 19-digit uid. */
const IMITATION = { id: '7112233445566778899', uid: '1234567890123456789', nick: NICK };
const OTHER = { id: '6998877665544332211', uid: '2837465019283746', nick: `${NICK}（官方）` };

const ACCOUNT: DouyinAccount = {
  uid: CREATOR.uid,
  secUid: 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM',
  nickname: ` ${NICK} `,
  uniqueId: 'chuanwei_xcn',
};
/** The same creator seen without a uid (the page gave only sec_uid and nickname). */
const NO_UID: DouyinAccount = { ...ACCOUNT, uid: null };

type Row = { id: string; uid: string; nick: string };

function searchBody(rows: Row[], hasMore = false): string {
  // Ids and uids as JSON numbers: 19 digits must survive.
  const authors = rows.map(
    (r) => `{"star_id":${r.id},"attribute_datas":{"id":"${r.id}","core_user_id":${r.uid},"nick_name":"${r.nick}","follower":"1000","avatar_uri":"","city":"成都"}}`,
  );
  return `{"code":0,"message":"success","data":{"base_resp":{"status_code":0},"pagination":{"page":1,"has_more":${hasMore}},"authors":[${authors.join(',')}]}}`;
}

function envelope(code: number): string {
  return JSON.stringify({ code, data: null, message: 'no' });
}

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

interface SetupOptions {
  key?: string;
  settings?: Partial<Settings>;
  body?: string;
  links?: AccountLinks;
}

function setup(opts: SetupOptions = {}) {
  let t = T0;
  const now = () => t;
  let body = opts.body ?? searchBody([IMITATION, CREATOR, OTHER]);
  let gate: Promise<void> | null = null;
  const urls: URL[] = [];
  const fetch = vi.fn<FetchLike>(async (input) => {
    urls.push(new URL(input));
    if (gate) await gate;
    return new Response(body);
  });
  const client = createApiClient({ fetch, sleep: async () => undefined });
  const links = opts.links ?? createAccountLinks({ now });
  const settings: Settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  let key = opts.key ?? 'key-1';
  const make = () => createCreatorResolver({ client, links, loadApiKey: async () => key, loadSettings: async () => settings, now });
  return {
    resolver: make(),
    /** A new resolver on the same storage (the background restarted). */
    restart: make,
    fetch,
    urls,
    links,
    advance: (ms: number) => (t += ms),
    setBody: (b: string) => (body = b),
    setKey: (k: string) => (key = k),
    hold: () => {
      const d = deferred();
      gate = d.promise;
      return () => {
        gate = null;
        d.release();
      };
    },
  };
}

const sure = (row: Row, source: 'search' | 'user' = 'search') => ({
  kind: 'sure',
  source,
  author: expect.objectContaining({ oAuthorId: row.id, douyinUid: row.uid }),
});

describe('resolve', () => {
  it('a uid match is sure (never the imitation listed first), stored, and replayed with zero calls', async () => {
    const s = setup();
    const first = await s.resolver.resolve(ACCOUNT);
    expect(first).toEqual({ ok: true, value: sure(CREATOR) });
    expect(s.fetch).toHaveBeenCalledTimes(1);
    expect(s.urls[0]?.pathname).toBe(SEARCH_PATH);
    expect(s.urls[0]?.searchParams.get('keyword')).toBe(NICK); // trimmed
    expect(s.urls[0]?.searchParams.get('token')).toBe('key-1');

    expect(await s.resolver.resolve(ACCOUNT)).toEqual(first);
    // Found again by either key alone, after a restart (the memory cache is gone), years later.
    s.advance(1000 * 24 * 3_600_000);
    const restarted = s.restart();
    expect(await restarted.resolve({ ...ACCOUNT, uid: null })).toEqual(first);
    expect(await restarted.resolve({ ...ACCOUNT, secUid: null })).toEqual(first);
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('finds the imitation account when that is the page (19-digit uid kept exactly)', async () => {
    const s = setup();
    const r = await s.resolver.resolve({ ...ACCOUNT, uid: IMITATION.uid, secUid: null });
    expect(r).toEqual({ ok: true, value: sure(IMITATION) });
  });

  it('no uid, one exact nickname: likely; stored and replayed', async () => {
    const s = setup({ body: searchBody([CREATOR, OTHER]) });
    const r = await s.resolver.resolve(NO_UID);
    expect(r).toEqual({ ok: true, value: { kind: 'likely', author: expect.objectContaining({ oAuthorId: CREATOR.id }) } });
    const again = await s.restart().resolve(NO_UID);
    expect(again).toEqual(r);
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('no uid, several creators with the nickname: ambiguous with every candidate; stored', async () => {
    const s = setup();
    const r = await s.resolver.resolve(NO_UID);
    expect(r.ok && r.value.kind).toBe('ambiguous');
    if (r.ok && r.value.kind === 'ambiguous') {
      expect(r.value.candidates.map((c) => c.oAuthorId).sort()).toEqual([CREATOR.id, IMITATION.id].sort());
    }
    expect(await s.restart().resolve(NO_UID)).toEqual(r);
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('not on Xingtu (only namesakes with other uids): none, stored, searched again after 7 days', async () => {
    const s = setup({ body: searchBody([IMITATION, OTHER]) });
    expect(await s.resolver.resolve(ACCOUNT)).toEqual({ ok: true, value: { kind: 'none' } });
    s.advance(NEGATIVE_TTL_MS - 1);
    expect(await s.restart().resolve(ACCOUNT)).toEqual({ ok: true, value: { kind: 'none' } });
    expect(s.fetch).toHaveBeenCalledTimes(1);
    // A week later the creator has joined Xingtu.
    s.advance(1);
    s.setBody(searchBody([IMITATION, CREATOR]));
    expect(await s.restart().resolve(ACCOUNT)).toEqual({ ok: true, value: sure(CREATOR) });
    expect(s.fetch).toHaveBeenCalledTimes(2);
  });

  it('an empty answer is none', async () => {
    const s = setup({ body: searchBody([]) });
    expect(await s.resolver.resolve(ACCOUNT)).toEqual({ ok: true, value: { kind: 'none' } });
  });

  it('two concurrent resolves make one search; namesake accounts share it too', async () => {
    const s = setup();
    const open = s.hold();
    const a = s.resolver.resolve(ACCOUNT);
    const b = s.resolver.resolve(ACCOUNT);
    const c = s.resolver.resolve({ uid: IMITATION.uid, secUid: null, nickname: NICK, uniqueId: null });
    await vi.waitFor(() => expect(s.fetch).toHaveBeenCalledTimes(1));
    open();
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    expect(ra).toEqual({ ok: true, value: sure(CREATOR) });
    expect(rb).toEqual(ra);
    expect(rc).toEqual({ ok: true, value: sure(IMITATION) });
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('no key: no-key and zero calls', async () => {
    for (const key of ['', '   ']) {
      const s = setup({ key });
      expect(await s.resolver.resolve(ACCOUNT)).toEqual({ ok: false, error: { kind: 'no-key' } });
      expect(s.fetch).not.toHaveBeenCalled();
    }
  });

  it('a stored answer needs no key', async () => {
    const s = setup();
    await s.resolver.resolve(ACCOUNT);
    s.setKey('');
    expect(await s.resolver.resolve(ACCOUNT)).toEqual({ ok: true, value: sure(CREATOR) });
  });

  it.each<[string, unknown]>([
    ['a uid with letters', { ...ACCOUNT, uid: '34297x' }],
    ['a uid as a number', { ...ACCOUNT, uid: 3429711218823623 }],
    ['a malformed secUid', { ...ACCOUNT, secUid: 'short' }],
    ['a nickname of 101 characters', { ...ACCOUNT, nickname: '字'.repeat(101) }],
    ['no nickname (nothing to search for)', { ...ACCOUNT, nickname: null }],
    ['a blank nickname', { ...ACCOUNT, nickname: '   ' }],
    ['an extra field', { ...ACCOUNT, token: 'x' }],
    ['not an object', 'MS4wLjABAAAA'],
  ])('bad input (%s): bad-input and zero calls', async (_label, account) => {
    const s = setup();
    const r = await s.resolver.resolve(account as DouyinAccount);
    expect(!r.ok && r.error.kind).toBe('bad-input');
    expect(s.fetch).not.toHaveBeenCalled();
  });

  it('an account without a nickname still gets its stored answer', async () => {
    const s = setup();
    await s.resolver.resolve(ACCOUNT);
    expect(await s.resolver.resolve({ ...ACCOUNT, nickname: null })).toEqual({ ok: true, value: sure(CREATOR) });
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['quota (303)', envelope(303), 'quota-exceeded'],
    ['invalid token (100)', envelope(100), 'invalid-token'],
    ['an unreadable answer', '<html>', 'bad-response'],
  ])('a failure (%s) is returned and not stored: the next view searches again', async (_label, body, kind) => {
    const s = setup({ body });
    const r = await s.resolver.resolve(ACCOUNT);
    expect(!r.ok && r.error.kind).toBe(kind);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    s.setBody(searchBody([CREATOR]));
    expect(await s.resolver.resolve(ACCOUNT)).toEqual({ ok: true, value: sure(CREATOR) });
    expect(s.fetch).toHaveBeenCalledTimes(2);
  });

  it('uses the endpoint from the settings', async () => {
    const s = setup({ settings: { endpoint: 'custom', customUrl: 'http://127.0.0.1:9/proxy' } });
    await s.resolver.resolve(ACCOUNT);
    expect(s.urls[0]?.href.startsWith(`http://127.0.0.1:9/proxy${SEARCH_PATH}?`)).toBe(true);
  });

  it('a broken storage is a miss and does not lose the answer', async () => {
    const broken: AccountLinks = {
      get: () => Promise.reject(new Error('storage')),
      save: () => Promise.reject(new Error('storage')),
      remove: () => Promise.reject(new Error('storage')),
      clear: () => Promise.reject(new Error('storage')),
    };
    const s = setup({ links: broken });
    expect(await s.resolver.resolve(ACCOUNT)).toEqual({ ok: true, value: sure(CREATOR) });
    expect(await s.resolver.link(ACCOUNT, { oAuthorId: CREATOR.id })).toEqual({
      ok: true,
      value: { kind: 'sure', author: { oAuthorId: CREATOR.id }, source: 'user' },
    });
  });
});

describe('resolve: a nickname match is checked again once the uid is known', () => {
  it('likely (no uid) → the page gives the uid → searched again → sure replaces it under both keys', async () => {
    const s = setup({ body: searchBody([CREATOR, OTHER]) });
    expect(await s.resolver.resolve(NO_UID)).toMatchObject({ ok: true, value: { kind: 'likely' } });
    // A later view (the memory cache is gone) now has the uid.
    s.advance(SEARCH_CACHE_MS);
    const restarted = s.restart();
    expect(await restarted.resolve(ACCOUNT)).toEqual({ ok: true, value: sure(CREATOR) });
    expect(s.fetch).toHaveBeenCalledTimes(2);
    // From now on: no more calls, with or without the uid.
    expect(await restarted.resolve(ACCOUNT)).toEqual({ ok: true, value: sure(CREATOR) });
    expect(await s.restart().resolve(NO_UID)).toEqual({ ok: true, value: sure(CREATOR) });
    expect(s.fetch).toHaveBeenCalledTimes(2);
  });

  it('ambiguous (no uid) → with the uid: sure, the right one of the namesakes', async () => {
    const s = setup();
    expect(await s.resolver.resolve(NO_UID)).toMatchObject({ ok: true, value: { kind: 'ambiguous' } });
    expect(await s.resolver.resolve({ ...NO_UID, uid: IMITATION.uid })).toEqual({ ok: true, value: sure(IMITATION) });
  });

  it('the header first, the uid a moment later: one search in all (the answer is reused from memory)', async () => {
    const s = setup({ body: searchBody([CREATOR, OTHER]) });
    const open = s.hold();
    const first = s.resolver.resolve(NO_UID);
    const second = s.resolver.resolve(ACCOUNT);
    open();
    expect(await first).toMatchObject({ ok: true, value: { kind: 'likely' } });
    expect(await second).toEqual({ ok: true, value: sure(CREATOR) });
    expect(await s.resolver.resolve(ACCOUNT)).toEqual({ ok: true, value: sure(CREATOR) });
    expect(s.fetch).toHaveBeenCalledTimes(1);
    // The late likely answer did not overwrite the sure one.
    expect(await s.restart().resolve(NO_UID)).toEqual({ ok: true, value: sure(CREATOR) });
  });

  it('none with the uid is final: no search on the next views', async () => {
    const s = setup({ body: searchBody([OTHER]) });
    expect(await s.resolver.resolve(NO_UID)).toEqual({ ok: true, value: { kind: 'none' } });
    s.advance(SEARCH_CACHE_MS);
    expect(await s.restart().resolve(ACCOUNT)).toEqual({ ok: true, value: { kind: 'none' } });
    expect(s.fetch).toHaveBeenCalledTimes(2);
    s.advance(SEARCH_CACHE_MS);
    expect(await s.restart().resolve(ACCOUNT)).toEqual({ ok: true, value: { kind: 'none' } });
    expect(s.fetch).toHaveBeenCalledTimes(2);
  });

  it('a failed new search returns the stored answer (not stored over it) and is tried again next time', async () => {
    const s = setup({ body: searchBody([CREATOR, OTHER]) });
    const likely = await s.resolver.resolve(NO_UID);
    s.advance(SEARCH_CACHE_MS);
    s.setBody(envelope(303));
    expect(await s.restart().resolve(ACCOUNT)).toEqual(likely);
    s.setKey('');
    expect(await s.restart().resolve(ACCOUNT)).toEqual(likely);
    s.setKey('key-1');
    s.setBody(searchBody([CREATOR, OTHER]));
    expect(await s.restart().resolve(ACCOUNT)).toEqual({ ok: true, value: sure(CREATOR) });
    expect(s.fetch).toHaveBeenCalledTimes(3);
  });

  it('a user link made without the uid is kept: no search', async () => {
    const s = setup();
    await s.resolver.link(NO_UID, { oAuthorId: CREATOR.id });
    expect(await s.resolver.resolve(ACCOUNT)).toEqual({ ok: true, value: { kind: 'sure', source: 'user', author: { oAuthorId: CREATOR.id } } });
    expect(s.fetch).not.toHaveBeenCalled();
  });
});

describe('link', () => {
  const PASTED = { oAuthorId: '6837402915726381063' };
  const USER: Resolution = { kind: 'sure', author: PASTED, source: 'user' };

  it('stores a user link without any call; resolve then returns it, also after a restart', async () => {
    const s = setup();
    expect(await s.resolver.link(ACCOUNT, PASTED)).toEqual({ ok: true, value: USER });
    expect(await s.resolver.resolve(ACCOUNT)).toEqual({ ok: true, value: USER });
    expect(await s.restart().resolve({ ...ACCOUNT, uid: null })).toEqual({ ok: true, value: USER });
    expect(s.fetch).not.toHaveBeenCalled();
  });

  it('replaces a search answer, and survives later resolves (even after a negative would expire)', async () => {
    const s = setup({ body: searchBody([IMITATION]) });
    expect(await s.resolver.resolve(ACCOUNT)).toEqual({ ok: true, value: { kind: 'none' } });
    await s.resolver.link(ACCOUNT, PASTED);
    s.advance(NEGATIVE_TTL_MS * 10);
    expect(await s.restart().resolve(ACCOUNT)).toEqual({ ok: true, value: USER });
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('confirming a likely match stores the full author as a user link', async () => {
    const s = setup({ body: searchBody([CREATOR]) });
    const likely = await s.resolver.resolve(NO_UID);
    if (!likely.ok || likely.value.kind !== 'likely') throw new Error('expected likely');
    const linked = await s.resolver.link(NO_UID, likely.value.author);
    expect(linked).toEqual({ ok: true, value: { kind: 'sure', author: likely.value.author, source: 'user' } });
    expect(await s.restart().resolve(NO_UID)).toEqual(linked);
  });

  it('a search that ends after the user linked does not replace the link', async () => {
    const s = setup();
    const open = s.hold();
    const pending = s.resolver.resolve(ACCOUNT);
    await vi.waitFor(() => expect(s.fetch).toHaveBeenCalledTimes(1));
    await s.resolver.link(ACCOUNT, PASTED);
    open();
    expect(await pending).toEqual({ ok: true, value: USER });
    expect(await s.restart().resolve(ACCOUNT)).toEqual({ ok: true, value: USER });
  });

  it.each<[string, unknown, unknown]>([
    ['an author id with letters', ACCOUNT, { oAuthorId: '7006x' }],
    ['a short author id', ACCOUNT, { oAuthorId: '123' }],
    ['an extra author field', ACCOUNT, { ...PASTED, html: '<b>' }],
    ['a bad account', { ...ACCOUNT, uid: 'x' }, PASTED],
  ])('bad input (%s): bad-input, nothing stored', async (_label, account, author) => {
    const s = setup();
    const r = await s.resolver.link(account as DouyinAccount, author as typeof PASTED);
    expect(!r.ok && r.error.kind).toBe('bad-input');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});

describe('reject ("No, not this creator")', () => {
  it('stores the user\'s answer without a call; the likely match does not come back, not even with the uid', async () => {
    const s = setup({ body: searchBody([CREATOR]) });
    const likely = await s.resolver.resolve(NO_UID);
    if (!likely.ok || likely.value.kind !== 'likely') throw new Error('expected likely');
    const rejected = { kind: 'none', rejected: likely.value.author.oAuthorId };
    expect(await s.resolver.reject(NO_UID, likely.value.author.oAuthorId)).toEqual({ ok: true, value: rejected });
    expect(s.fetch).toHaveBeenCalledTimes(1);
    s.advance(NEGATIVE_TTL_MS * 10);
    expect(await s.restart().resolve(NO_UID)).toEqual({ ok: true, value: rejected });
    expect(await s.restart().resolve({ ...NO_UID, uid: ACCOUNT.uid })).toEqual({ ok: true, value: rejected });
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('pasting the right creator afterwards replaces it', async () => {
    const s = setup();
    await s.resolver.reject(ACCOUNT, '7112233445566778899');
    const linked = await s.resolver.link(ACCOUNT, { oAuthorId: '6837402915726381063' });
    expect(await s.restart().resolve(ACCOUNT)).toEqual(linked);
  });

  it('bad input: nothing stored', async () => {
    const s = setup();
    const r = await s.resolver.reject(ACCOUNT, '12x');
    expect(!r.ok && r.error.kind).toBe('bad-input');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});

describe('search (popup)', () => {
  it('one call for a trimmed keyword; repeated within 10 minutes from memory; then again', async () => {
    const s = setup();
    const r = await s.resolver.search(`  ${NICK}  `);
    expect(r.ok && r.value.map((a) => a.oAuthorId)).toEqual([IMITATION.id, CREATOR.id, OTHER.id]);
    expect(s.urls[0]?.searchParams.get('keyword')).toBe(NICK);
    expect(await s.resolver.search(NICK)).toEqual(r);
    s.advance(SEARCH_CACHE_MS - 1);
    await s.resolver.search(NICK);
    expect(s.fetch).toHaveBeenCalledTimes(1);
    s.advance(1);
    await s.resolver.search(NICK);
    expect(s.fetch).toHaveBeenCalledTimes(2);
    // Nothing persistent.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('concurrent identical searches make one call', async () => {
    const s = setup();
    const open = s.hold();
    const both = Promise.all([s.resolver.search(NICK), s.resolver.search(` ${NICK}`)]);
    await vi.waitFor(() => expect(s.fetch).toHaveBeenCalledTimes(1));
    open();
    const [a, b] = await both;
    expect(a).toEqual(b);
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('a resolve right after a popup search of the same nickname costs nothing', async () => {
    const s = setup();
    await s.resolver.search(NICK);
    expect(await s.resolver.resolve(ACCOUNT)).toEqual({ ok: true, value: sure(CREATOR) });
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('failures are not kept', async () => {
    const s = setup({ body: envelope(302) });
    const r = await s.resolver.search(NICK);
    expect(!r.ok && r.error.kind).toBe('rate-limited');
    s.setBody(searchBody([CREATOR]));
    expect((await s.resolver.search(NICK)).ok).toBe(true);
  });

  it.each(['', '   ', 'x'.repeat(101)])('keyword %j: bad-input, zero calls', async (keyword) => {
    const s = setup();
    const r = await s.resolver.search(keyword);
    expect(!r.ok && r.error.kind).toBe('bad-input');
    expect(s.fetch).not.toHaveBeenCalled();
  });

  it('no key: no-key, zero calls', async () => {
    const s = setup({ key: '' });
    expect(await s.resolver.search(NICK)).toEqual({ ok: false, error: { kind: 'no-key' } });
    expect(s.fetch).not.toHaveBeenCalled();
  });
});
