import type { AccountLinks } from './account-links';
import type { DistributionCache } from './cache';
import type { ListStore } from './list-store';
import type { ListEntry, ListResults, RunEstimate } from '../shared/creator-lists';
import type { DouyinAccount, Resolution } from '../shared/messaging';
import type { Platform } from '../shared/platform';
import type { Settings } from '../shared/settings';
import type { Result } from '../shared/types';
import type { XingtuAuthor } from '../shared/xingtu-author';
import { searchKeyword } from './search-match';

/**
 * What a run of a list would do for each row, before any call, and what that costs. The run
 * (utils/background/list-runner.ts) follows the same plan, so the estimate the page shows is
 * what the run spends (searches can only turn out cheaper: a likely match waits for the user).
 */

/** What the background knows without a call. */
export interface RunKnowledge {
  /** `cachedPair(oAuthorId, platform)` of every fresh distribution in the cache. */
  cached: ReadonlySet<string>;
  /** Entry key → stored Douyin→Xingtu answer (account links); absent when none is stored. */
  links: ReadonlyMap<string, Resolution>;
}

export function cachedPair(oAuthorId: string, platform: Platform): string {
  return `${platform}:${oAuthorId}`;
}

/** One row's part in a run. */
export type RowPlan =
  /** Every asked platform already answered in this list: no call. */
  | { key: string; kind: 'done' }
  /** The Xingtu id is known (given, resolved before, or a stored link): these platforms to fetch. */
  | { key: string; kind: 'fetch'; oAuthorId: string; platforms: Platform[]; knownLink: boolean; author?: { nickname?: string; avatarUrl?: string | null } }
  /** A creator search first; `expectSure`: a uid is known, so a sure match is expected. */
  | { key: string; kind: 'search'; account: DouyinAccount; keyword: string; expectSure: boolean }
  /** Waits for the user to pick (a likely match or namesakes): no call. */
  | { key: string; kind: 'confirm'; match: 'likely' | 'ambiguous'; candidates: XingtuAuthor[] }
  | { key: string; kind: 'not-on-xingtu' }
  /** A Douyin link with no stored answer and no name to search for: no call. */
  | { key: string; kind: 'needs-nickname' };

/** The account the resolver is asked about for a row (nickname rows: the name alone). */
export function accountOf(entry: ListEntry): DouyinAccount | null {
  switch (entry.ref.kind) {
    case 'douyin':
      return { uid: entry.ref.uid, secUid: entry.ref.secUid, nickname: entry.ref.nickname, uniqueId: null };
    case 'nickname':
      return { uid: null, secUid: null, nickname: entry.ref.nickname, uniqueId: null };
    case 'xingtu':
      return null;
  }
}

function fetchPlan(
  key: string,
  oAuthorId: string,
  asked: readonly Platform[],
  results: ListResults,
  knownLink: boolean,
  author?: { nickname?: string; avatarUrl?: string | null },
): RowPlan {
  const answered = results[key]?.oAuthorId === oAuthorId ? results[key]?.platforms : undefined;
  const platforms = asked.filter((p) => answered?.[p]?.ok !== true);
  if (platforms.length === 0) return { key, kind: 'done' };
  return author ? { key, kind: 'fetch', oAuthorId, platforms, knownLink, author } : { key, kind: 'fetch', oAuthorId, platforms, knownLink };
}

/** The plan of one row (see RowPlan); pure. */
export function planRow(entry: ListEntry, results: ListResults, platforms: readonly Platform[], links: RunKnowledge['links']): RowPlan {
  const { key, ref } = entry;
  if (ref.kind === 'xingtu') return fetchPlan(key, ref.oAuthorId, platforms, results, false);
  const result = results[key];
  const link = ref.kind === 'douyin' ? links.get(key) : undefined;
  // A link the user made (here or in the panel) or a search found wins over an older row state.
  if (link?.kind === 'sure') {
    const { nickname, avatarUrl } = link.author;
    return fetchPlan(key, link.author.oAuthorId, platforms, results, true, { nickname, avatarUrl });
  }
  if (result?.oAuthorId !== undefined) return fetchPlan(key, result.oAuthorId, platforms, results, true);
  if (result?.status === 'confirm' && result.match) {
    return { key, kind: 'confirm', match: result.match, candidates: result.candidates ?? [] };
  }
  if (result?.status === 'not-on-xingtu' || link?.kind === 'none') return { key, kind: 'not-on-xingtu' };
  if (link?.kind === 'likely') return { key, kind: 'confirm', match: 'likely', candidates: [link.author] };
  if (link?.kind === 'ambiguous') return { key, kind: 'confirm', match: 'ambiguous', candidates: link.candidates };
  const account = accountOf(entry);
  const keyword = account === null ? null : searchKeyword(account);
  if (account === null || keyword === null) return { key, kind: 'needs-nickname' };
  return { key, kind: 'search', account, keyword, expectSure: account.uid !== null };
}

export function planRun(
  entries: readonly ListEntry[],
  results: ListResults,
  platforms: readonly Platform[],
  links: RunKnowledge['links'],
): RowPlan[] {
  return entries.map((entry) => planRow(entry, results, platforms, links));
}

/**
 * What a run of `entries` on `platforms` costs: distribution calls per creator+platform not in
 * the cache, one search per distinct keyword, and (at most) the distribution calls after a search
 * that is expected to find a sure match. Pure.
 */
export function estimateRun(
  entries: readonly ListEntry[],
  results: ListResults,
  platforms: readonly Platform[],
  knowledge: RunKnowledge,
): RunEstimate {
  const estimate: RunEstimate = {
    creators: entries.length,
    platforms: [...platforms],
    searchCalls: 0,
    distributionCalls: 0,
    paidCalls: 0,
    afterSearchCalls: 0,
    fromCache: 0,
    knownLinks: 0,
    waitingConfirm: 0,
    needsNickname: 0,
    notOnXingtu: 0,
    alreadyDone: 0,
  };
  const keywords = new Set<string>();
  for (const plan of planRun(entries, results, platforms, knowledge.links)) {
    switch (plan.kind) {
      case 'done':
        estimate.alreadyDone += 1;
        break;
      case 'fetch':
        if (plan.knownLink) estimate.knownLinks += 1;
        for (const platform of plan.platforms) {
          if (knowledge.cached.has(cachedPair(plan.oAuthorId, platform))) estimate.fromCache += 1;
          else estimate.distributionCalls += 1;
        }
        break;
      case 'search':
        keywords.add(plan.keyword);
        // A uid makes a sure match the expected outcome; without one a match waits for the user.
        if (plan.expectSure) estimate.afterSearchCalls += platforms.length;
        else estimate.waitingConfirm += 1;
        break;
      case 'confirm':
        estimate.waitingConfirm += 1;
        break;
      case 'not-on-xingtu':
        estimate.notOnXingtu += 1;
        break;
      case 'needs-nickname':
        estimate.needsNickname += 1;
        break;
    }
  }
  estimate.searchCalls = keywords.size;
  estimate.paidCalls = estimate.searchCalls + estimate.distributionCalls + estimate.afterSearchCalls;
  return estimate;
}

/** Where the knowledge comes from (the cache and the account links; reads only, never a call). */
export interface KnowledgeSources {
  /** The stored answer for a Douyin account, or null. */
  link(account: DouyinAccount): Promise<Resolution | null>;
  /** Whether a fresh distribution of this creator on this platform is cached. */
  isCached(oAuthorId: string, platform: Platform): Promise<boolean>;
}

/** Read what the estimate needs: stored links of Douyin rows, then the cache for every known id. */
export async function gatherKnowledge(
  entries: readonly ListEntry[],
  results: ListResults,
  platforms: readonly Platform[],
  sources: KnowledgeSources,
): Promise<RunKnowledge> {
  const links = await readLinks(entries, sources);
  const pairs = new Set<string>();
  const lookups: { oAuthorId: string; platform: Platform }[] = [];
  for (const plan of planRun(entries, results, platforms, links)) {
    if (plan.kind !== 'fetch') continue;
    for (const platform of plan.platforms) {
      const pair = cachedPair(plan.oAuthorId, platform);
      if (pairs.has(pair)) continue;
      pairs.add(pair);
      lookups.push({ oAuthorId: plan.oAuthorId, platform });
    }
  }
  const hits = await Promise.all(lookups.map(({ oAuthorId, platform }) => sources.isCached(oAuthorId, platform).catch(() => false)));
  const cached = new Set(lookups.filter((_, i) => hits[i]).map(({ oAuthorId, platform }) => cachedPair(oAuthorId, platform)));
  return { cached, links };
}

/** Stored Douyin→Xingtu answers of the list's Douyin rows (an unreadable one is none). */
export async function readLinks(entries: readonly ListEntry[], sources: Pick<KnowledgeSources, 'link'>): Promise<Map<string, Resolution>> {
  const douyin = entries.filter((e) => e.ref.kind === 'douyin');
  const found = await Promise.all(
    douyin.map((e) => {
      const account = accountOf(e);
      return account ? sources.link(account).catch(() => null) : Promise.resolve(null);
    }),
  );
  const links = new Map<string, Resolution>();
  douyin.forEach((e, i) => {
    const resolution = found[i];
    if (resolution) links.set(e.key, resolution);
  });
  return links;
}

const HOUR_MS = 3_600_000;

/**
 * The knowledge sources of the background: the distribution cache read with the settings' cache
 * lifetime (as the panel would see it), and the stored account links.
 */
export function storedKnowledge(deps: {
  cache: Pick<DistributionCache, 'get'>;
  links: Pick<AccountLinks, 'get'>;
  loadSettings: () => Promise<Settings>;
}): KnowledgeSources {
  let ttl: Promise<number> | null = null;
  const ttlMs = () => (ttl ??= deps.loadSettings().then((s) => s.cacheTtlHours * HOUR_MS));
  return {
    link: async (account) => (await deps.links.get(account))?.resolution ?? null,
    isCached: async (oAuthorId, platform) => (await deps.cache.get(oAuthorId, platform, ttlMs())) !== null,
  };
}

/** The estimate of a stored list (reads the list, its results, the cache and the links; no call). */
export async function estimateListRun(
  store: Pick<ListStore, 'list' | 'results'>,
  sources: KnowledgeSources,
  listId: string,
  platforms: readonly Platform[],
): Promise<Result<RunEstimate>> {
  const list = await store.list(listId);
  if (!list) return { ok: false, error: { kind: 'bad-input', detail: 'no such list' } };
  const results = await store.results(listId);
  const knowledge = await gatherKnowledge(list.entries, results, platforms, sources);
  return { ok: true, value: estimateRun(list.entries, results, platforms, knowledge) };
}
