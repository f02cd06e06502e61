import * as v from 'valibot';
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { createLruIndex, localKey } from './lru-index';
import type { Platform } from '../shared/platform';
import type { CategoryRow } from '../shared/types';

export interface CachedDistribution {
  rows: CategoryRow[];
  fetchedAt: number;
}

export interface DistributionCache {
  /**
   * The entry when it is younger than `ttlMs`; null when missing, expired or corrupt. `ttlMs`
   * may still be on its way (read from the settings): the entry is read meanwhile.
   */
  get(oAuthorId: string, platform: Platform, ttlMs: number | Promise<number>): Promise<CachedDistribution | null>;
  /** Store a successful answer (an empty list too); evicts the least recently used past the bound. */
  set(oAuthorId: string, platform: Platform, entry: CachedDistribution): Promise<void>;
  /** Remove every cached distribution. */
  clear(): Promise<void>;
}

export interface DistributionCacheOptions {
  now?: () => number;
  /** Most entries kept; the least recently used go first. */
  maxEntries?: number;
  /** Most bytes of entries kept (as chrome.storage counts them); the least recently used go first. */
  maxBytes?: number;
}

export const DEFAULT_MAX_CACHE_ENTRIES = 300;
/** 2 MB of the 10 MB chrome.storage.local quota (a typical entry is 0.3–2 KB; 500 long category names about 60 KB). */
export const DEFAULT_MAX_CACHE_BYTES = 2 * 1024 * 1024;

/** Storage layout in browser.storage.local: one item per (platform, id), plus an index (utils/background/lru-index.ts). */
const ENTRY_PREFIX = 'dist:';
const INDEX_KEY: StorageItemKey = 'local:distIndex';

function entryName(oAuthorId: string, platform: Platform): string {
  return `${ENTRY_PREFIX}${platform}:${oAuthorId}`;
}

const RowSchema = v.object({
  name: v.string(),
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  share: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
});

const EntrySchema = v.object({
  rows: v.array(RowSchema),
  fetchedAt: v.pipe(v.number(), v.finite()),
});

/**
 * The distribution cache. Repeat views of a creator cost nothing while the entry is fresh.
 * Bounded by entries and bytes (least recently used evicted first), so storage never fills.
 * Records read back are validated: a corrupt one (or one of an older shape) is a miss and is
 * removed. Only complete answers are written, in one storage item each: a service worker
 * stopped mid-request leaves nothing behind.
 */
export function createDistributionCache(options: DistributionCacheOptions = {}): DistributionCache {
  const now = options.now ?? Date.now;
  const lru = createLruIndex({
    prefix: ENTRY_PREFIX,
    indexKey: INDEX_KEY,
    maxEntries: options.maxEntries ?? DEFAULT_MAX_CACHE_ENTRIES,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_CACHE_BYTES,
    now,
    // A lost index is rebuilt with lastUsed = fetchedAt (a corrupt entry goes first).
    lastUsedOf: (value) => {
      const entry = v.safeParse(EntrySchema, value);
      return entry.success ? entry.output.fetchedAt : 0;
    },
  });

  return {
    async get(oAuthorId, platform, ttlMs) {
      const name = entryName(oAuthorId, platform);
      const [raw, ttl] = await Promise.all([storage.getItem<unknown>(localKey(name)), ttlMs]);
      if (raw === null || raw === undefined) return null;
      const parsed = v.safeParse(EntrySchema, raw);
      if (!parsed.success) {
        await lru.drop([name]);
        return null;
      }
      const age = now() - parsed.output.fetchedAt;
      // A negative age means the clock went back: the age is unknown, so the entry is not trusted.
      if (age < 0 || age >= ttl) return null;
      // Recency is bookkeeping: the answer does not wait for it. The index applies its changes
      // in order, so a later write or eviction sees this use.
      lru.touch([name]).catch(() => undefined);
      return { rows: parsed.output.rows, fetchedAt: parsed.output.fetchedAt };
    },

    async set(oAuthorId, platform, entry) {
      const record: CachedDistribution = {
        rows: entry.rows.map((r) => ({ name: r.name, count: r.count, share: r.share })),
        fetchedAt: entry.fetchedAt,
      };
      await lru.put({ [entryName(oAuthorId, platform)]: record });
    },

    clear: () => lru.clear(),
  };
}
