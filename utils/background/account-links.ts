import * as v from 'valibot';
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { isDouyinUid, isSecUid } from '../shared/douyin-page-url';
import { createLruIndex, localKey, type LruTransaction } from './lru-index';
import { ResolutionSchema } from './message-guards';
import type { DouyinAccount, Resolution } from '../shared/messaging';

/**
 * Which Xingtu creator a Douyin account is — or that it is not on Xingtu — remembered in
 * browser.storage.local, so that a creator costs at most one search, ever.
 *
 * Storage layout (names without the `local:` area):
 *   link:uid:<uid>        → LinkRecord   (the account's Douyin uid, when known)
 *   link:sec:<secUid>     → LinkRecord   (its sec_uid, when known; same record as under uid)
 *   linkIndex             → { version: 2, entries: { <name>: [lastUsed ms, bytes] } }   (utils/background/lru-index.ts)
 * LinkRecord = { resolution: Resolution, source: 'search' | 'user', savedAt: ms, uidKnown?: true }.
 *
 * Rules:
 * - a record is written under every key of the account that is known;
 * - lookup: a user link wins over a search result; otherwise the uid record before the secUid one;
 *   the account's keys are then made to agree (a key that lost its record gets it back);
 * - 'none' (not on Xingtu) expires NEGATIVE_TTL_MS after it was saved; other answers never expire,
 *   nor does the user's own "not this creator" (`{kind:'none', rejected}`, source 'user');
 * - a search result never replaces a user link (under either key); a user link replaces anything;
 * - `uidKnown`: the answer was made knowing the account's uid (a sure search answer always was).
 *   An answer made without it (a nickname match, while the page showed no uid) never replaces one
 *   made with it; the resolver searches again once the uid is known (see answeredWithUid);
 * - records read back are validated: a corrupt one is a miss and is removed;
 * - bounded: about `maxAccounts` accounts (2 records each at most) and `maxBytes`; least
 *   recently used go first.
 */

export type LinkSource = 'search' | 'user';

export interface AccountLink {
  /** What to answer for this account. */
  resolution: Resolution;
  /** 'user': the user confirmed, picked or pasted it; 'search': the result of a search. */
  source: LinkSource;
  /** When it was saved (ms since epoch). */
  savedAt: number;
  /** Saved for an account whose uid was known (absent: it was not, or an older record). */
  uidKnown?: true;
}

/** The keys of an account; ids in a wrong format are ignored. */
export type AccountKeys = Pick<DouyinAccount, 'uid' | 'secUid'>;

export interface AccountLinks {
  /** The stored answer for the account, or null (none stored, expired, corrupt, or no usable key). */
  get(account: AccountKeys): Promise<AccountLink | null>;
  /**
   * Store an answer under every key of the account. The source is 'user' for a
   * `{kind:'sure', source:'user'}` answer, else 'search'; `uidKnown` when the account has a uid.
   * A search answer does not replace a user link, and one for an account without a uid does not
   * replace an answer made with the uid: then the stored one is kept and returned. Returns what is
   * stored now for the account (null when the account has no usable key). Rejects on an invalid
   * resolution.
   */
  save(account: AccountKeys, resolution: Resolution): Promise<AccountLink | null>;
  /** Forget the account (both keys). */
  remove(account: AccountKeys): Promise<void>;
  /** Forget every account. Nothing else is touched. */
  clear(): Promise<void>;
}

export interface AccountLinksOptions {
  now?: () => number;
  /** Most accounts kept (each has one or two records); the least recently used go first. */
  maxAccounts?: number;
  /** Most bytes of records kept (as chrome.storage counts them); the least recently used go first. */
  maxBytes?: number;
}

export const LINK_PREFIX = 'link:';
const INDEX_KEY: StorageItemKey = 'local:linkIndex';
export const DEFAULT_MAX_LINKED_ACCOUNTS = 2000;
/** 2 MB of the 10 MB chrome.storage.local quota (a record is about 0.2–2.5 KB). */
export const DEFAULT_MAX_LINK_BYTES = 2 * 1024 * 1024;
/** A "not on Xingtu" answer is trusted this long; then the next view searches again. */
export const NEGATIVE_TTL_MS = 7 * 24 * 3_600_000;

const RecordSchema = v.pipe(
  v.strictObject({
    resolution: ResolutionSchema,
    source: v.picklist(['search', 'user']),
    savedAt: v.pipe(v.number(), v.finite()),
    uidKnown: v.optional(v.literal(true)),
  }),
  // A user link is a sure one or a rejected match, and a sure answer says where it came from.
  v.check((r) => r.source === sourceOf(r.resolution)),
);

/** Who made an answer: the user (a link, or "not this creator"), or a search. */
export function sourceOf(resolution: Resolution): LinkSource {
  if (resolution.kind === 'sure') return resolution.source;
  return resolution.kind === 'none' && resolution.rejected !== undefined ? 'user' : 'search';
}

/** The storage names of an account, uid first. */
export function accountLinkNames(account: AccountKeys): string[] {
  const names: string[] = [];
  if (typeof account.uid === 'string' && isDouyinUid(account.uid)) names.push(`${LINK_PREFIX}uid:${account.uid}`);
  if (typeof account.secUid === 'string' && isSecUid(account.secUid)) names.push(`${LINK_PREFIX}sec:${account.secUid}`);
  return names;
}

/**
 * The answer was made knowing the uid: a sure one (by uid, or the user's own), or any answer
 * saved for an account with a uid. Otherwise it is a nickname match, to check again by uid.
 */
export function answeredWithUid(link: AccountLink): boolean {
  return link.resolution.kind === 'sure' || link.source === 'user' || link.uidKnown === true;
}

function sameRecord(a: AccountLink, b: AccountLink): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function createAccountLinks(options: AccountLinksOptions = {}): AccountLinks {
  const now = options.now ?? Date.now;
  const maxAccounts = Math.max(1, Math.floor(options.maxAccounts ?? DEFAULT_MAX_LINKED_ACCOUNTS));
  const lru = createLruIndex({
    prefix: LINK_PREFIX,
    indexKey: INDEX_KEY,
    maxEntries: 2 * maxAccounts,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_LINK_BYTES,
    now,
    lastUsedOf: (value) => {
      const record = v.safeParse(RecordSchema, value);
      return record.success ? record.output.savedAt : 0;
    },
  });

  function expired(record: AccountLink): boolean {
    if (record.resolution.kind !== 'none' || record.source === 'user') return false;
    const age = now() - record.savedAt;
    // A negative age means the clock went back: the age is unknown, so the answer is not trusted.
    return age < 0 || age >= NEGATIVE_TTL_MS;
  }

  /** The account's records (null where missing); corrupt and expired ones are listed to be removed. */
  async function readRecords(names: readonly string[]): Promise<{ records: (AccountLink | null)[]; stale: string[] }> {
    const items = await storage.getItems(names.map(localKey));
    const stale: string[] = [];
    const records = names.map((name, i): AccountLink | null => {
      const raw: unknown = items[i]?.value;
      if (raw === null || raw === undefined) return null;
      const parsed = v.safeParse(RecordSchema, raw);
      if (!parsed.success || expired(parsed.output)) {
        stale.push(name);
        return null;
      }
      return parsed.output;
    });
    return { records, stale };
  }

  /** A user link first, then the first (uid before secUid) record. */
  function choose(records: readonly (AccountLink | null)[]): AccountLink | null {
    return records.find((r) => r?.source === 'user') ?? records.find((r) => r !== null) ?? null;
  }

  /** Make every key of the account hold `record`; remove stale records; mark all used. */
  async function settle(tx: LruTransaction, names: readonly string[], records: readonly (AccountLink | null)[], stale: readonly string[], record: AccountLink | null) {
    if (record === null) {
      await tx.drop(stale);
      return;
    }
    const differing = names.filter((_, i) => {
      const current = records[i];
      return current === null || current === undefined || !sameRecord(current, record);
    });
    await tx.put(Object.fromEntries(differing.map((name) => [name, record])));
    await tx.touch(names.filter((name) => !differing.includes(name)));
  }

  return {
    async get(account) {
      const names = accountLinkNames(account);
      if (names.length === 0) return null;
      return lru.transaction(async (tx) => {
        const { records, stale } = await readRecords(names);
        const chosen = choose(records);
        await settle(tx, names, records, stale, chosen);
        return chosen;
      });
    },

    async save(account, resolution) {
      const source = sourceOf(resolution);
      const uidKnown = typeof account.uid === 'string' && isDouyinUid(account.uid);
      const parsed = v.safeParse(RecordSchema, { resolution, source, savedAt: now(), ...(uidKnown ? { uidKnown } : {}) });
      if (!parsed.success) throw new TypeError('account links: not a valid resolution');
      const record = parsed.output;
      const names = accountLinkNames(account);
      if (names.length === 0) return null;
      return lru.transaction(async (tx) => {
        const { records, stale } = await readRecords(names);
        const stronger =
          source === 'user'
            ? undefined
            : (records.find((r) => r?.source === 'user') ?? (uidKnown ? undefined : records.find((r) => r !== null && answeredWithUid(r))));
        const kept = stronger ?? record;
        await settle(tx, names, records, stale, kept);
        return kept;
      });
    },

    async remove(account) {
      await lru.drop(accountLinkNames(account));
    },

    clear: () => lru.clear(),
  };
}
