import { describe, expect, it } from 'vitest';
import {
  cachedPair,
  estimateRun,
  gatherKnowledge,
  planRun,
  storedKnowledge,
  type RunKnowledge,
} from '../../utils/background/list-estimate';
import { createDistributionCache } from '../../utils/background/cache';
import { createAccountLinks } from '../../utils/background/account-links';
import { entryKey, type ListCreatorRef, type ListEntry, type ListResults } from '../../utils/shared/creator-lists';
import { PLATFORMS, type Platform } from '../../utils/shared/platform';
import { DEFAULT_SETTINGS } from '../../utils/shared/settings';
import type { Resolution } from '../../utils/shared/messaging';
import type { XingtuAuthor } from '../../utils/shared/xingtu-author';

const SV: Platform[] = ['SHORT_VIDEO'];
const id = (n: number) => `7000000000${String(n).padStart(9, '0')}`;
const sec = (n: number) => `MS4wLjABAAAA${String(n).padStart(20, 'x')}`;
const uid = (n: number) => `34297112188${String(n).padStart(5, '0')}`;

function entry(ref: ListCreatorRef): ListEntry {
  return { key: entryKey(ref), ref, source: 's', addedAt: 1 };
}
const xingtu = (n: number) => entry({ kind: 'xingtu', oAuthorId: id(n) });
const douyin = (n: number, nickname: string | null, withUid = true) =>
  entry({ kind: 'douyin', secUid: sec(n), uid: withUid ? uid(n) : null, nickname });
const nickname = (name: string) => entry({ kind: 'nickname', nickname: name });

const author = (n: number): XingtuAuthor => ({ oAuthorId: id(n), douyinUid: uid(n), nickname: `c${n}`, followers: null, avatarUrl: null, city: null });
const NONE: RunKnowledge = { cached: new Set(), links: new Map() };

function knowledge(cached: [number, Platform][] = [], links: [ListEntry, Resolution][] = []): RunKnowledge {
  return { cached: new Set(cached.map(([n, p]) => cachedPair(id(n), p))), links: new Map(links.map(([e, r]) => [e.key, r])) };
}

const done = (n: number, platforms: Platform[]): ListResults[string] => ({
  status: 'done',
  oAuthorId: id(n),
  platforms: Object.fromEntries(platforms.map((p) => [p, { ok: true, rows: [], fetchedAt: 1, fromCache: false }])),
  updatedAt: 1,
});

describe('estimateRun', () => {
  it('Xingtu ids: one distribution call per creator and platform not in the cache', () => {
    const entries = [xingtu(1), xingtu(2), xingtu(3)];
    const e = estimateRun(entries, {}, SV, knowledge([[2, 'SHORT_VIDEO']]));
    expect(e).toMatchObject({ creators: 3, distributionCalls: 2, fromCache: 1, searchCalls: 0, afterSearchCalls: 0, paidCalls: 2 });
    expect(e.platforms).toEqual(SV);
  });

  it('all four platforms: 4 calls per creator', () => {
    const e = estimateRun([xingtu(1), xingtu(2)], {}, [...PLATFORMS], NONE);
    expect(e).toMatchObject({ distributionCalls: 8, paidCalls: 8 });
    const cachedOne = estimateRun([xingtu(1), xingtu(2)], {}, [...PLATFORMS], knowledge([[1, 'LIVE_STREAMING']]));
    expect(cachedOne).toMatchObject({ distributionCalls: 7, fromCache: 1, paidCalls: 7 });
  });

  it('rows done for every asked platform cost nothing; a row done for short video still needs the others', () => {
    const entries = [xingtu(1), xingtu(2)];
    const results: ListResults = { [entries[0]!.key]: done(1, SV), [entries[1]!.key]: done(2, [...PLATFORMS]) };
    expect(estimateRun(entries, results, SV, NONE)).toMatchObject({ alreadyDone: 2, paidCalls: 0 });
    expect(estimateRun(entries, results, [...PLATFORMS], NONE)).toMatchObject({ alreadyDone: 1, distributionCalls: 3, paidCalls: 3 });
  });

  it('Douyin rows: a stored sure link is like a Xingtu id (known link, free)', () => {
    const d = douyin(1, '川味');
    const e = estimateRun([d], {}, SV, knowledge([], [[d, { kind: 'sure', author: { oAuthorId: id(1) }, source: 'search' }]]));
    expect(e).toMatchObject({ knownLinks: 1, searchCalls: 0, distributionCalls: 1, paidCalls: 1 });
    const cached = estimateRun([d], {}, SV, knowledge([[1, 'SHORT_VIDEO']], [[d, { kind: 'sure', author: { oAuthorId: id(1) }, source: 'user' }]]));
    expect(cached).toMatchObject({ knownLinks: 1, fromCache: 1, paidCalls: 0 });
  });

  it('Douyin rows: stored "none" → not on Xingtu; stored likely/ambiguous → waiting for confirmation; no call', () => {
    const [a, b, c] = [douyin(1, 'a'), douyin(2, 'b'), douyin(3, 'c')];
    const k = knowledge([], [
      [a, { kind: 'none' }],
      [b, { kind: 'likely', author: author(2) }],
      [c, { kind: 'ambiguous', candidates: [author(3), author(4)] }],
    ]);
    expect(estimateRun([a, b, c], {}, SV, k)).toMatchObject({ notOnXingtu: 1, waitingConfirm: 2, paidCalls: 0, searchCalls: 0 });
  });

  it('Douyin rows without a stored link: one search; with a uid the distribution calls after it are counted (at most)', () => {
    const e = estimateRun([douyin(1, '川味小厨娘')], {}, [...PLATFORMS], NONE);
    expect(e).toMatchObject({ searchCalls: 1, afterSearchCalls: 4, distributionCalls: 0, paidCalls: 5, waitingConfirm: 0 });
  });

  it('a Douyin row with no uid: a search, then the user confirms (nothing after it counted)', () => {
    const e = estimateRun([douyin(1, '川味', false)], {}, SV, NONE);
    expect(e).toMatchObject({ searchCalls: 1, afterSearchCalls: 0, waitingConfirm: 1, paidCalls: 1 });
  });

  it('a Douyin row with neither a stored link nor a nickname needs one (no call)', () => {
    expect(estimateRun([douyin(1, null)], {}, SV, NONE)).toMatchObject({ needsNickname: 1, paidCalls: 0 });
  });

  it('nickname rows: one search, then waiting for confirmation; no distribution counted', () => {
    const e = estimateRun([nickname('川味小厨娘')], {}, [...PLATFORMS], NONE);
    expect(e).toMatchObject({ searchCalls: 1, waitingConfirm: 1, distributionCalls: 0, afterSearchCalls: 0, paidCalls: 1 });
  });

  it('equal search keywords count once', () => {
    const entries = [nickname('川味小厨娘'), douyin(1, '川味小厨娘'), douyin(2, ' 川味小厨娘 ', false), nickname('Other')];
    const e = estimateRun(entries, {}, SV, NONE);
    expect(e.searchCalls).toBe(2);
    expect(e.afterSearchCalls).toBe(1);
    expect(e.paidCalls).toBe(3);
  });

  it('rows settled before (confirm, not on Xingtu, resolved) follow their result', () => {
    const [n1, n2, n3] = [nickname('a'), nickname('b'), nickname('c')];
    const results: ListResults = {
      [n1.key]: { status: 'confirm', match: 'likely', candidates: [author(1)], platforms: {}, updatedAt: 1 },
      [n2.key]: { status: 'not-on-xingtu', platforms: {}, updatedAt: 1 },
      [n3.key]: { status: 'failed', oAuthorId: id(3), platforms: { SHORT_VIDEO: { ok: false, error: { kind: 'server-error' } } }, updatedAt: 1 },
    };
    expect(estimateRun([n1, n2, n3], results, SV, NONE)).toMatchObject({ waitingConfirm: 1, notOnXingtu: 1, knownLinks: 1, distributionCalls: 1, searchCalls: 0, paidCalls: 1 });
  });

  it('counts every kind in one mixed list', () => {
    const entries = [xingtu(1), xingtu(2), douyin(3, 'x'), douyin(4, null), nickname('y')];
    const e = estimateRun(entries, { [entries[1]!.key]: done(2, SV) }, SV, knowledge([[1, 'SHORT_VIDEO']]));
    expect(e).toEqual({
      creators: 5,
      platforms: SV,
      searchCalls: 2,
      distributionCalls: 0,
      paidCalls: 3,
      afterSearchCalls: 1,
      fromCache: 1,
      knownLinks: 0,
      waitingConfirm: 1,
      needsNickname: 1,
      notOnXingtu: 0,
      alreadyDone: 1,
    });
  });
});

describe('planRun', () => {
  it('asks the resolver about Douyin rows with their ids and name, and about nicknames by name alone', () => {
    const plans = planRun([douyin(1, ' 川味 '), nickname('川味')], {}, SV, new Map());
    expect(plans).toEqual([
      { key: douyin(1, null).key, kind: 'search', account: { uid: uid(1), secUid: sec(1), nickname: ' 川味 ', uniqueId: null }, keyword: '川味', expectSure: true },
      { key: 'n:川味', kind: 'search', account: { uid: null, secUid: null, nickname: '川味', uniqueId: null }, keyword: '川味', expectSure: false },
    ]);
  });

  it('fetches only the platforms not yet answered for the same creator', () => {
    const x = xingtu(1);
    const results: ListResults = { [x.key]: done(1, ['SHORT_VIDEO']) };
    expect(planRun([x], results, [...PLATFORMS], new Map())).toEqual([
      { key: x.key, kind: 'fetch', oAuthorId: id(1), platforms: ['LIVE_STREAMING', 'PICTURE_TEXT', 'SHORT_DRAMA'], knownLink: false },
    ]);
  });
});

describe('gatherKnowledge (the cache and the links; no call)', () => {
  it('reads the stored links and the fresh cache entries with the settings lifetime', async () => {
    const now = Date.UTC(2025, 0, 1);
    const cache = createDistributionCache({ now: () => now });
    const links = createAccountLinks({ now: () => now });
    const hour = 3_600_000;
    await cache.set(id(1), 'SHORT_VIDEO', { rows: [], fetchedAt: now - hour });
    await cache.set(id(2), 'SHORT_VIDEO', { rows: [], fetchedAt: now - 3 * hour }); // older than 2 h
    const d = douyin(3, 'x');
    await links.save({ uid: uid(3), secUid: sec(3) }, { kind: 'sure', author: { oAuthorId: id(3) }, source: 'search' });
    await cache.set(id(3), 'SHORT_VIDEO', { rows: [], fetchedAt: now });
    const entries = [xingtu(1), xingtu(2), d, douyin(4, 'y')];
    const sources = storedKnowledge({ cache, links, loadSettings: async () => ({ ...DEFAULT_SETTINGS, cacheTtlHours: 2 }) });
    const k = await gatherKnowledge(entries, {}, SV, sources);
    expect([...k.cached].sort()).toEqual([cachedPair(id(1), 'SHORT_VIDEO'), cachedPair(id(3), 'SHORT_VIDEO')]);
    expect([...k.links.keys()]).toEqual([d.key]);
    expect(estimateRun(entries, {}, SV, k)).toMatchObject({ fromCache: 2, distributionCalls: 1, knownLinks: 1, searchCalls: 1, afterSearchCalls: 1, paidCalls: 3 });
  });

  it('an unreadable source is a miss, never an error', async () => {
    const k = await gatherKnowledge([xingtu(1), douyin(2, 'x')], {}, SV, {
      link: () => Promise.reject(new Error('broken')),
      isCached: () => Promise.reject(new Error('broken')),
    });
    expect(k.cached.size).toBe(0);
    expect(k.links.size).toBe(0);
  });
});
