import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { accountLinkNames, answeredWithUid, createAccountLinks, DEFAULT_MAX_LINK_BYTES, DEFAULT_MAX_LINKED_ACCOUNTS, NEGATIVE_TTL_MS } from '../../utils/background/account-links';
import { recordBytes } from '../../utils/background/lru-index';
import type { Resolution } from '../../utils/shared/messaging';
import type { XingtuAuthor } from '../../utils/shared/xingtu-author';

/** The records an LRU index item lists (utils/background/lru-index.ts: `{ version: 2, entries }`). */
function indexEntries(index: unknown): Record<string, unknown> {
  return (index as { entries?: Record<string, unknown> } | undefined)?.entries ?? {};
}

const UID = '3429711218823623';
const BIG_UID = '1234567890123456789';
const SEC = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';
const ACCOUNT = { uid: UID, secUid: SEC };
const DAY = 24 * 3_600_000;
const T0 = 1_700_000_000_000;

const AUTHOR: XingtuAuthor = {
  oAuthorId: '7006229624431689736',
  douyinUid: UID,
  nickname: '川味小厨娘',
  followers: 3_862_000,
  avatarUrl: 'https://p3-pc.douyinpic.com/aweme/100x100/a.jpeg',
  city: '成都',
};
const IMITATION: XingtuAuthor = { ...AUTHOR, oAuthorId: '7112233445566778899', douyinUid: '4102938475610293', followers: 15 };
const SURE: Resolution = { kind: 'sure', author: AUTHOR, source: 'search' };
const USER: Resolution = { kind: 'sure', author: { oAuthorId: '6837402915726381063' }, source: 'user' };
const NONE: Resolution = { kind: 'none' };

function clock(start = T0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const stored = (): Promise<Record<string, unknown>> => fakeBrowser.storage.local.get(null);

describe('account links', () => {
  it('stores under uid and secUid, with source and savedAt, and reads back from either', async () => {
    const c = clock();
    const links = createAccountLinks({ now: c.now });
    expect(await links.get(ACCOUNT)).toBeNull();
    expect(await links.save(ACCOUNT, SURE)).toEqual({ resolution: SURE, source: 'search', savedAt: T0, uidKnown: true });
    const all = await stored();
    expect(all[`link:uid:${UID}`]).toEqual({ resolution: SURE, source: 'search', savedAt: T0, uidKnown: true });
    expect(all[`link:sec:${SEC}`]).toEqual({ resolution: SURE, source: 'search', savedAt: T0, uidKnown: true });
    expect(Object.keys(indexEntries(all.linkIndex)).sort()).toEqual([`link:sec:${SEC}`, `link:uid:${UID}`]);
    // Another instance (a restarted background) finds it by either key alone.
    const again = createAccountLinks({ now: c.now });
    expect((await again.get({ uid: UID, secUid: null }))?.resolution).toEqual(SURE);
    expect((await again.get({ uid: null, secUid: SEC }))?.resolution).toEqual(SURE);
  });

  it('keeps 19-digit ids as strings', async () => {
    const links = createAccountLinks();
    const author = { ...AUTHOR, douyinUid: BIG_UID };
    await links.save({ uid: BIG_UID, secUid: null }, { kind: 'likely', author });
    expect(await links.get({ uid: BIG_UID, secUid: null })).toMatchObject({ resolution: { kind: 'likely', author: { douyinUid: BIG_UID } } });
  });

  it('stores likely, ambiguous and none', async () => {
    const links = createAccountLinks();
    const answers: Resolution[] = [{ kind: 'likely', author: AUTHOR }, { kind: 'ambiguous', candidates: [AUTHOR, IMITATION] }, NONE];
    for (const [i, resolution] of answers.entries()) {
      const account = { uid: `${i + 1}00`, secUid: null };
      await links.save(account, resolution);
      expect(await links.get(account)).toEqual({ resolution, source: 'search', savedAt: expect.any(Number), uidKnown: true });
    }
  });

  it('an answer for an account without a uid is marked as such (a nickname match)', async () => {
    const links = createAccountLinks();
    const likely: Resolution = { kind: 'likely', author: AUTHOR };
    const saved = await links.save({ uid: null, secUid: SEC }, likely);
    expect(saved).toEqual({ resolution: likely, source: 'search', savedAt: expect.any(Number) });
    expect((await stored())[`link:sec:${SEC}`]).not.toHaveProperty('uidKnown');
    expect(saved && answeredWithUid(saved)).toBe(false);
    // Looked up with the uid, the uid key gets a copy: still a nickname match.
    const copied = await links.get(ACCOUNT);
    expect(copied && answeredWithUid(copied)).toBe(false);
    expect((await stored())[`link:uid:${UID}`]).toEqual({ resolution: likely, source: 'search', savedAt: expect.any(Number) });
  });

  it.each<[string, Resolution, { uid: string | null }, boolean]>([
    ['a sure search answer', SURE, { uid: null }, true],
    ['a user link', USER, { uid: null }, true],
    ['none, with the uid', NONE, { uid: UID }, true],
    ['none, without it', NONE, { uid: null }, false],
    ['ambiguous, with the uid', { kind: 'ambiguous', candidates: [AUTHOR, IMITATION] }, { uid: UID }, true],
    ['ambiguous, without it', { kind: 'ambiguous', candidates: [AUTHOR, IMITATION] }, { uid: null }, false],
  ])('answeredWithUid: %s → %s', async (_label, resolution, { uid }, expected) => {
    const saved = await createAccountLinks().save({ uid, secUid: SEC }, resolution);
    expect(saved && answeredWithUid(saved)).toBe(expected);
  });

  it('a record without uidKnown (older versions) reads back as a nickname match unless sure', async () => {
    await fakeBrowser.storage.local.set({ [`link:sec:${SEC}`]: { resolution: NONE, source: 'search', savedAt: Date.now() } });
    const link = await createAccountLinks().get({ uid: null, secUid: SEC });
    expect(link).toEqual({ resolution: NONE, source: 'search', savedAt: expect.any(Number) });
    expect(link && answeredWithUid(link)).toBe(false);
  });

  it('a nickname-only answer never replaces one made with the uid; one made with the uid replaces a nickname match', async () => {
    const links = createAccountLinks();
    const likely: Resolution = { kind: 'likely', author: AUTHOR };
    await links.save({ uid: null, secUid: SEC }, likely);
    // The uid became known: the answer by uid replaces the nickname match under both keys.
    expect((await links.save(ACCOUNT, SURE))?.resolution).toEqual(SURE);
    expect((await stored())[`link:sec:${SEC}`]).toMatchObject({ resolution: SURE, uidKnown: true });
    // A late nickname-only answer (a search started before the uid was known) keeps the sure one.
    expect((await links.save({ uid: null, secUid: SEC }, likely))?.resolution).toEqual(SURE);
    expect((await stored())[`link:sec:${SEC}`]).toMatchObject({ resolution: SURE });
    // Also for 'none' made with the uid.
    await links.clear();
    await links.save(ACCOUNT, NONE);
    expect((await links.save({ uid: null, secUid: SEC }, likely))?.resolution).toEqual(NONE);
  });

  it('looks up uid first, then secUid', async () => {
    const links = createAccountLinks();
    await links.save({ uid: null, secUid: SEC }, NONE);
    await links.save({ uid: UID, secUid: null }, SURE);
    expect((await links.get(ACCOUNT))?.resolution).toEqual(SURE);
    // The account's keys now agree.
    expect((await stored())[`link:sec:${SEC}`]).toMatchObject({ resolution: SURE });
  });

  it('a key that lost its record gets it back from the other', async () => {
    const links = createAccountLinks();
    await links.save({ uid: null, secUid: SEC }, SURE);
    expect((await links.get(ACCOUNT))?.resolution).toEqual(SURE);
    expect((await stored())[`link:uid:${UID}`]).toMatchObject({ resolution: SURE, source: 'search' });
  });

  it("'none' expires after 7 days; other answers do not", async () => {
    const c = clock();
    const links = createAccountLinks({ now: c.now });
    await links.save({ uid: '1', secUid: null }, NONE);
    await links.save({ uid: '2', secUid: null }, SURE);
    await links.save({ uid: '3', secUid: null }, { kind: 'likely', author: AUTHOR });
    c.advance(NEGATIVE_TTL_MS - 1);
    expect(await links.get({ uid: '1', secUid: null })).not.toBeNull();
    c.advance(1);
    expect(await links.get({ uid: '1', secUid: null })).toBeNull();
    expect((await stored())['link:uid:1']).toBeUndefined(); // an expired answer is removed
    c.advance(365 * DAY);
    expect(await links.get({ uid: '2', secUid: null })).not.toBeNull();
    expect(await links.get({ uid: '3', secUid: null })).not.toBeNull();
    expect(NEGATIVE_TTL_MS).toBe(7 * DAY);
  });

  it('"not this creator" is the user\'s answer: it never expires, and a search answer does not replace it', async () => {
    const c = clock();
    const links = createAccountLinks({ now: c.now });
    const rejected: Resolution = { kind: 'none', rejected: AUTHOR.oAuthorId };
    await links.save({ uid: null, secUid: SEC }, { kind: 'likely', author: AUTHOR });
    expect(await links.save({ uid: null, secUid: SEC }, rejected)).toMatchObject({ resolution: rejected, source: 'user' });
    expect((await links.save({ uid: null, secUid: SEC }, { kind: 'likely', author: AUTHOR }))?.resolution).toEqual(rejected);
    c.advance(NEGATIVE_TTL_MS * 10);
    const later = await createAccountLinks({ now: c.now }).get({ uid: null, secUid: SEC });
    expect(later?.resolution).toEqual(rejected);
    expect(later && answeredWithUid(later)).toBe(true); // no search again once the uid shows up
    // a stored record that claims the user made a plain search answer is refused
    await fakeBrowser.storage.local.set({ [`link:sec:${SEC}`]: { resolution: NONE, source: 'user', savedAt: c.now() } });
    expect(await links.get({ uid: null, secUid: SEC })).toBeNull();
  });

  it("a 'none' from the future (clock went back) is not trusted", async () => {
    const c = clock();
    await createAccountLinks({ now: c.now }).save(ACCOUNT, NONE);
    c.advance(-DAY);
    expect(await createAccountLinks({ now: c.now }).get(ACCOUNT)).toBeNull();
  });

  it('a user link replaces a search result; a search result never replaces a user link', async () => {
    const links = createAccountLinks();
    await links.save(ACCOUNT, SURE);
    expect(await links.save(ACCOUNT, USER)).toMatchObject({ resolution: USER, source: 'user' });
    expect((await links.get(ACCOUNT))?.resolution).toEqual(USER);
    // A late search answer: the user link is kept and returned.
    expect((await links.save(ACCOUNT, NONE))?.resolution).toEqual(USER);
    expect((await links.save(ACCOUNT, SURE))?.resolution).toEqual(USER);
    const all = await stored();
    expect(all[`link:uid:${UID}`]).toMatchObject({ resolution: USER, source: 'user' });
    expect(all[`link:sec:${SEC}`]).toMatchObject({ resolution: USER, source: 'user' });
    // A newer user link replaces the older one.
    const other: Resolution = { kind: 'sure', author: { oAuthorId: AUTHOR.oAuthorId }, source: 'user' };
    await links.save(ACCOUNT, other);
    expect((await links.get(ACCOUNT))?.resolution).toEqual(other);
  });

  it('a user link under one key wins over a search result under the other, both ways', async () => {
    const links = createAccountLinks();
    await links.save({ uid: UID, secUid: null }, SURE);
    await links.save({ uid: null, secUid: SEC }, USER);
    expect((await links.get(ACCOUNT))?.resolution).toEqual(USER);
    expect((await stored())[`link:uid:${UID}`]).toMatchObject({ source: 'user' });

    await links.clear();
    await links.save({ uid: null, secUid: SEC }, USER);
    // A search for the full account does not write its answer under the uid either.
    expect((await links.save(ACCOUNT, NONE))?.resolution).toEqual(USER);
    expect((await stored())[`link:uid:${UID}`]).toMatchObject({ source: 'user' });
  });

  it.each([
    ['a string', 'hello'],
    ['no source', { resolution: NONE, savedAt: T0 }],
    ['savedAt a string', { resolution: NONE, source: 'search', savedAt: String(T0) }],
    ['an unknown kind', { resolution: { kind: 'maybe' }, source: 'search', savedAt: T0 }],
    ['an id that is a number', { resolution: { kind: 'sure', author: { oAuthorId: 7006229624431690000 }, source: 'search' }, source: 'search', savedAt: T0 }],
    ['a javascript: avatar', { resolution: { kind: 'likely', author: { ...AUTHOR, avatarUrl: 'javascript:alert(1)' } }, source: 'search', savedAt: T0 }],
    ['a user source on a search answer', { resolution: NONE, source: 'user', savedAt: T0 }],
    ['sources that disagree', { resolution: SURE, source: 'user', savedAt: T0 }],
    ['an extra field', { resolution: NONE, source: 'search', savedAt: T0, html: '<b>' }],
    ['uidKnown that is not true', { resolution: NONE, source: 'search', savedAt: T0, uidKnown: 'yes' }],
    ['no candidates', { resolution: { kind: 'ambiguous', candidates: [] }, source: 'search', savedAt: T0 }],
  ])('a corrupt record (%s) is a miss and is removed', async (_label, record) => {
    const c = clock();
    const links = createAccountLinks({ now: c.now });
    await links.save({ uid: UID, secUid: null }, SURE);
    await fakeBrowser.storage.local.set({ [`link:uid:${UID}`]: record });
    expect(await links.get({ uid: UID, secUid: null })).toBeNull();
    const all = await stored();
    expect(all[`link:uid:${UID}`]).toBeUndefined();
    expect(indexEntries(all.linkIndex)).toEqual({});
  });

  it('a corrupt record under one key is replaced by the good one under the other', async () => {
    const links = createAccountLinks();
    await links.save(ACCOUNT, SURE);
    await fakeBrowser.storage.local.set({ [`link:uid:${UID}`]: { resolution: 'garbage' } });
    expect((await links.get(ACCOUNT))?.resolution).toEqual(SURE);
    expect((await stored())[`link:uid:${UID}`]).toMatchObject({ resolution: SURE });
  });

  it('ignores ids in a wrong format: nothing is stored, nothing is found', async () => {
    const links = createAccountLinks();
    const bad = { uid: '12ab', secUid: 'not/a/secuid' };
    expect(accountLinkNames(bad)).toEqual([]);
    expect(await links.save(bad, SURE)).toBeNull();
    expect(await links.get(bad)).toBeNull();
    expect(await stored()).toEqual({});
    expect(accountLinkNames({ uid: '0', secUid: SEC })).toEqual([`link:sec:${SEC}`]);
  });

  it('refuses to store an invalid resolution', async () => {
    const links = createAccountLinks();
    const bad = { kind: 'likely', author: { ...AUTHOR, oAuthorId: 'abc' } } as unknown as Resolution;
    await expect(links.save(ACCOUNT, bad)).rejects.toThrow(TypeError);
    expect(await stored()).toEqual({});
  });

  it('stays bounded: the least recently used accounts go first', async () => {
    const c = clock();
    const links = createAccountLinks({ now: c.now, maxAccounts: 2 });
    const account = (n: number) => ({ uid: `${n}1`, secUid: `MS4wLjABAAAA${String(n).padStart(20, 'x')}` });
    await links.save(account(1), NONE);
    c.advance(1);
    await links.save(account(2), NONE);
    c.advance(1);
    expect(await links.get(account(1))).not.toBeNull(); // 1 is now more recent than 2
    c.advance(1);
    await links.save(account(3), NONE);
    expect(await links.get(account(2))).toBeNull();
    expect(await links.get(account(1))).not.toBeNull();
    expect(await links.get(account(3))).not.toBeNull();
    expect(Object.keys(await stored()).filter((k) => k.startsWith('link:'))).toHaveLength(4);
  });

  it('stays bounded under many accounts (default 2,000)', async () => {
    expect(DEFAULT_MAX_LINKED_ACCOUNTS).toBe(2_000);
    const c = clock();
    const links = createAccountLinks({ now: c.now, maxAccounts: 50 });
    for (let i = 1; i <= 60; i++) {
      await links.save({ uid: String(i), secUid: `MS4wLjABAAAA${String(i).padStart(20, '0')}` }, NONE);
      c.advance(1);
    }
    const names = Object.keys(await stored()).filter((k) => k.startsWith('link:'));
    expect(names).toHaveLength(100);
    expect(names).not.toContain('link:uid:10');
    expect(names).toContain('link:uid:11');
  });

  it('remove forgets both keys; clear removes every link and nothing else', async () => {
    const links = createAccountLinks();
    await fakeBrowser.storage.local.set({ apiKey: 'k' });
    await links.save(ACCOUNT, SURE);
    await links.remove({ uid: UID, secUid: SEC });
    expect(await links.get(ACCOUNT)).toBeNull();
    await links.save(ACCOUNT, SURE);
    await links.save({ uid: '5', secUid: null }, NONE);
    await links.clear();
    expect(await stored()).toEqual({ apiKey: 'k' });
  });

  it('concurrent saves of different accounts lose nothing', async () => {
    const links = createAccountLinks();
    await Promise.all(['1', '2', '3', '4'].map((uid) => links.save({ uid, secUid: null }, NONE)));
    expect(Object.keys(indexEntries((await stored()).linkIndex)).sort()).toEqual(['link:uid:1', 'link:uid:2', 'link:uid:3', 'link:uid:4']);
  });
});

describe('account links: bytes', () => {
  it('stay within their byte budget (default 2 MB), least recently used first', async () => {
    expect(DEFAULT_MAX_LINK_BYTES).toBe(2 * 1024 * 1024);
    const c = clock();
    const links = createAccountLinks({ now: c.now, maxAccounts: 1000, maxBytes: 4_000 });
    const ambiguous: Resolution = { kind: 'ambiguous', candidates: [AUTHOR, IMITATION] };
    for (let i = 1; i <= 20; i++) {
      await links.save({ uid: `${1_000_000_000_000_000 + i}`, secUid: null }, ambiguous);
      c.advance(1);
    }
    const records = Object.entries(await stored()).filter(([k]) => k.startsWith('link:'));
    const bytes = records.reduce((sum, [k, v]) => sum + recordBytes(k, v), 0);
    expect(bytes).toBeLessThanOrEqual(4_000);
    expect(records.length).toBeGreaterThan(3);
    expect(await links.get({ uid: '1000000000000020', secUid: null })).not.toBeNull();
    expect(await links.get({ uid: '1000000000000001', secUid: null })).toBeNull();
  });
});
