import { DEFAULT_USAGE_VIA, type ApiClient, type FoundAuthors } from './api/client';
import { NO_GUARD, type CallGuard } from './api/call-guard';
import { NO_CAP, type DailyCap } from './daily-cap';
import { answeredWithUid, type AccountLink, type AccountLinks } from './account-links';
import { createInFlight } from './inflight';
import { MAX_NICKNAME_LENGTH, parseDouyinAccount, parseLinkRequest, parseRejectRequest } from './message-guards';
import type { DouyinAccount, LinkedAuthor, Resolution } from '../shared/messaging';
import type { XingtuAuthor } from '../shared/xingtu-author';
import { matchCreator, searchKeyword } from './search-match';
import { resolveBaseUrl, type Settings } from '../shared/settings';
import type { Failure, Result } from '../shared/types';
import type { UsageVia } from '../shared/usage';

export interface CreatorResolverDeps {
  client: Pick<ApiClient, 'searchAuthors'>;
  links: AccountLinks;
  /** The saved key ('' when none). */
  loadApiKey: () => Promise<string>;
  loadSettings: () => Promise<Settings>;
  /** Clock of the in-memory search cache (the links have their own). */
  now?: () => number;
  /** Stops calls after 302/303/601/602 (utils/background/api/call-guard.ts); default: none. */
  guard?: CallGuard;
  /** The user's daily call limit (utils/background/daily-cap.ts); default: none. */
  cap?: DailyCap;
}

/** Who asked, for the usage log: the view (default DEFAULT_USAGE_VIA, utils/background/api/client.ts). */
export interface ResolverContext {
  via?: UsageVia;
}

export interface CreatorResolver {
  /**
   * The Xingtu creator of a Douyin account. Checks, each before any paid call: the account
   * ('bad-input'), a stored answer (returned, no call), a nickname to search for ('bad-input'),
   * the key ('no-key'); then one search by nickname (shared with identical searches in flight
   * and with those of the last SEARCH_CACHE_MS), matched on uid = core_user_id. The answer
   * (sure / likely / ambiguous / none) is stored; failures are not, so the next view retries.
   * A stored answer made without the uid (a nickname match) is searched again once the account
   * comes with its uid; the new answer replaces it (a failed search returns the stored one).
   * The search goes through the call guard and the daily call limit ('daily-cap' without a call).
   * Never rejects.
   */
  resolve(account: DouyinAccount, context?: ResolverContext): Promise<Result<Resolution>>;
  /**
   * The user links the account to a creator (confirm, pick, paste): stored as
   * `{kind:'sure', source:'user'}`, replacing any answer; no call. Never rejects.
   */
  link(account: DouyinAccount, author: LinkedAuthor): Promise<Result<Resolution>>;
  /**
   * The user says the likely match `oAuthorId` is not this account: stored as the user's own
   * `{kind:'none', rejected}` (a later search does not bring the match back); no call. Never rejects.
   */
  reject(account: DouyinAccount, oAuthorId: string): Promise<Result<Resolution>>;
  /**
   * Creators by nickname for the popup: one call (through the guard and the daily call limit),
   * shared in flight, kept in memory briefly. Never rejects.
   */
  search(keyword: string, context?: ResolverContext): Promise<Result<XingtuAuthor[]>>;
}

/** How long a search answer is reused from memory (the popup's lookups, repeated resolves). */
export const SEARCH_CACHE_MS = 10 * 60_000;
/** Most search answers kept in memory. */
export const SEARCH_CACHE_ENTRIES = 50;

function failure(error: Failure): { ok: false; error: Failure } {
  return { ok: false, error };
}

function badInput(detail: string): { ok: false; error: Failure } {
  return failure({ kind: 'bad-input', detail });
}

const ACCOUNT_RULES = `account: uid decimal digits, secUid as in the URL, nickname up to ${MAX_NICKNAME_LENGTH} characters, nothing else`;

export function createCreatorResolver(deps: CreatorResolverDeps): CreatorResolver {
  const { client, links, loadApiKey, loadSettings } = deps;
  const now = deps.now ?? Date.now;
  const guard = deps.guard ?? NO_GUARD;
  const cap = deps.cap ?? NO_CAP;
  const inFlight = createInFlight<Result<FoundAuthors>>();
  /** keyword → answer; Map order = insertion order, the oldest goes first. */
  const recent = new Map<string, { at: number; authors: XingtuAuthor[] }>();

  function remembered(keyword: string): XingtuAuthor[] | null {
    const hit = recent.get(keyword);
    if (!hit) return null;
    const age = now() - hit.at;
    if (age < 0 || age >= SEARCH_CACHE_MS) {
      recent.delete(keyword);
      return null;
    }
    return hit.authors;
  }

  function remember(keyword: string, authors: XingtuAuthor[]): void {
    recent.delete(keyword);
    recent.set(keyword, { at: now(), authors });
    for (const oldest of recent.keys()) {
      if (recent.size <= SEARCH_CACHE_ENTRIES) break;
      recent.delete(oldest);
    }
  }

  /**
   * One search by nickname: from memory, or joined to one in flight, or one call (through the
   * call guard; `explicit` when the user asked, see call-guard.ts). Never rejects.
   */
  async function searchOnce(keyword: string, explicit: boolean, via: UsageVia): Promise<Result<XingtuAuthor[]>> {
    const token = (await loadApiKey()).trim();
    if (token === '') return failure({ kind: 'no-key' });
    const known = remembered(keyword);
    if (known) return { ok: true, value: known };
    const result = await inFlight.run(keyword, async () => {
      const settings = await loadSettings();
      const call = { base: resolveBaseUrl(settings), token, keyword, timeoutMs: settings.timeoutSeconds * 1000, via };
      const answer = await guard.run(token, explicit, () => cap.run(() => client.searchAuthors(call)));
      if (answer.ok) remember(keyword, answer.value.authors);
      return answer;
    });
    return result.ok ? { ok: true, value: result.value.authors } : result;
  }

  /** Store an answer; what is stored may differ (a user link wins). A broken storage loses nothing. */
  async function store(account: DouyinAccount, resolution: Resolution): Promise<Resolution> {
    try {
      const kept = await links.save(account, resolution);
      return kept?.resolution ?? resolution;
    } catch {
      return resolution;
    }
  }

  async function lookup(account: DouyinAccount): Promise<AccountLink | null> {
    try {
      return await links.get(account);
    } catch {
      return null; // an unreadable store is a miss
    }
  }

  async function resolve(account: DouyinAccount, via: UsageVia): Promise<Result<Resolution>> {
    if (!parseDouyinAccount(account)) return badInput(ACCOUNT_RULES);
    const stored = await lookup(account);
    // A nickname match stays until the page gives the uid: then a search by uid may make it sure.
    if (stored && (account.uid === null || answeredWithUid(stored))) return { ok: true, value: stored.resolution };
    const keyword = searchKeyword(account);
    if (keyword === null) return stored ? { ok: true, value: stored.resolution } : badInput('a nickname is needed to search');
    const found = await searchOnce(keyword, false, via);
    if (!found.ok) return stored ? { ok: true, value: stored.resolution } : found;
    const match = matchCreator({ uid: account.uid, nickname: account.nickname }, found.value);
    const resolution: Resolution = match.kind === 'sure' ? { kind: 'sure', author: match.author, source: 'search' } : match;
    return { ok: true, value: await store(account, resolution) };
  }

  async function link(account: DouyinAccount, author: LinkedAuthor): Promise<Result<Resolution>> {
    if (!parseDouyinAccount(account)) return badInput(ACCOUNT_RULES);
    const request = parseLinkRequest({ account, author });
    if (!request) return badInput('author: a Xingtu id (oAuthorId) and the known fields only');
    const resolution: Resolution = { kind: 'sure', author: request.author, source: 'user' };
    // An account without uid or secUid cannot be remembered, and a failing storage cannot keep it:
    // the link still applies to the view that asked for it.
    await store(request.account, resolution);
    return { ok: true, value: resolution };
  }

  async function reject(account: DouyinAccount, oAuthorId: string): Promise<Result<Resolution>> {
    const request = parseRejectRequest({ account, oAuthorId });
    if (!request) return badInput('account and a Xingtu id (oAuthorId)');
    const resolution: Resolution = { kind: 'none', rejected: request.oAuthorId };
    return { ok: true, value: await store(request.account, resolution) };
  }

  async function search(keyword: string, via: UsageVia): Promise<Result<XingtuAuthor[]>> {
    if (typeof keyword !== 'string') return badInput('keyword must be text');
    const trimmed = keyword.trim();
    if (trimmed === '' || trimmed.length > MAX_NICKNAME_LENGTH) {
      return badInput(`keyword must be 1–${MAX_NICKNAME_LENGTH} characters`);
    }
    return searchOnce(trimmed, true, via);
  }

  // Nothing above should throw; if it does, the caller still gets an answer.
  const never = (): { ok: false; error: Failure } => failure({ kind: 'bad-response' });

  return {
    resolve: (account, context) => resolve(account, context?.via ?? DEFAULT_USAGE_VIA).catch(never),
    link: (account, author) => link(account, author).catch(never),
    reject: (account, oAuthorId) => reject(account, oAuthorId).catch(never),
    search: (keyword, context) => search(keyword, context?.via ?? DEFAULT_USAGE_VIA).catch(never),
  };
}
