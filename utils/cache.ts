import * as v from 'valibot';
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import type { Platform } from './platform';
import type { CategoryRow } from './types';

export interface CachedDistribution {
  rows: CategoryRow[];
  fetchedAt: number;
}

export interface DistributionCache {
  /** The entry when it is younger than `ttlMs`; null when missing, expired or corrupt. */
  get(oAuthorId: string, platform: Platform, ttlMs: number): Promise<CachedDistribution | null>;
  /** Store a successful answer (an empty list too); evicts the least recently used past the bound. */
  set(oAuthorId: string, platform: Platform, entry: CachedDistribution): Promise<void>;
  /** Remove every cached distribution. */
  clear(): Promise<void>;
}

export interface DistributionCacheOptions {
  now?: () => number;
  /** Most entries kept; the least recently used go first. */
  maxEntries?: number;
}

export const DEFAULT_MAX_CACHE_ENTRIES = 300;

/** Storage layout in browser.storage.local: one item per (platform, id), plus an index. */
const ENTRY_PREFIX = 'dist:';
const INDEX_KEY: StorageItemKey = 'local:distIndex';

function entryName(oAuthorId: string, platform: Platform): string {
  return `${ENTRY_PREFIX}${platform}:${oAuthorId}`;
}

function storageKey(name: string): StorageItemKey {
  return `local:${name}`;
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

/** Entry name → when it was last written or read (ms). */
const IndexSchema = v.record(v.string(), v.pipe(v.number(), v.finite()));
type CacheIndex = Record<string, number>;

/**
 * The distribution cache. Repeat views of a creator cost nothing while the entry is fresh.
 * Records read back are validated: a corrupt one is a miss and is removed.
 */
export function createDistributionCache(options: DistributionCacheOptions = {}): DistributionCache {
  const now = options.now ?? Date.now;
  const maxEntries = Math.max(1, Math.floor(options.maxEntries ?? DEFAULT_MAX_CACHE_ENTRIES));

  // Index updates are read-modify-write: run them one after another so none is lost.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<R>(task: () => Promise<R>): Promise<R> {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  /** The index; a corrupt one is rebuilt from the entries present (their lastUsed = fetchedAt). */
  async function readIndex(): Promise<CacheIndex> {
    const raw: unknown = await storage.getItem(INDEX_KEY);
    const parsed = v.safeParse(IndexSchema, raw);
    if (raw !== null && parsed.success) return { ...parsed.output };
    const all = await storage.snapshot('local');
    const index: CacheIndex = {};
    for (const [name, value] of Object.entries(all)) {
      if (!name.startsWith(ENTRY_PREFIX) || name.endsWith('$')) continue;
      const entry = v.safeParse(EntrySchema, value);
      index[name] = entry.success ? entry.output.fetchedAt : 0;
    }
    return index;
  }

  async function touch(name: string): Promise<void> {
    await serial(async () => {
      const index = await readIndex();
      index[name] = now();
      await storage.setItem(INDEX_KEY, index);
    });
  }

  async function drop(name: string): Promise<void> {
    await serial(async () => {
      const index = await readIndex();
      delete index[name];
      await Promise.all([storage.removeItem(storageKey(name)), storage.setItem(INDEX_KEY, index)]);
    });
  }

  return {
    async get(oAuthorId, platform, ttlMs) {
      const name = entryName(oAuthorId, platform);
      const raw: unknown = await storage.getItem(storageKey(name));
      if (raw === null || raw === undefined) return null;
      const parsed = v.safeParse(EntrySchema, raw);
      if (!parsed.success) {
        await drop(name);
        return null;
      }
      const age = now() - parsed.output.fetchedAt;
      // A negative age means the clock went back: the age is unknown, so the entry is not trusted.
      if (age < 0 || age >= ttlMs) return null;
      await touch(name);
      return { rows: parsed.output.rows, fetchedAt: parsed.output.fetchedAt };
    },

    async set(oAuthorId, platform, entry) {
      const name = entryName(oAuthorId, platform);
      const record: CachedDistribution = {
        rows: entry.rows.map((r) => ({ name: r.name, count: r.count, share: r.share })),
        fetchedAt: entry.fetchedAt,
      };
      await serial(async () => {
        const index = await readIndex();
        index[name] = now();
        const names = Object.keys(index).sort((a, b) => (index[a] ?? 0) - (index[b] ?? 0));
        const evicted = names.slice(0, Math.max(0, names.length - maxEntries)).filter((n) => n !== name);
        for (const n of evicted) delete index[n];
        await storage.setItem(storageKey(name), record);
        if (evicted.length > 0) await storage.removeItems(evicted.map(storageKey));
        await storage.setItem(INDEX_KEY, index);
      });
    },

    async clear() {
      await serial(async () => {
        const all = await storage.snapshot('local');
        const names = Object.keys(all).filter((n) => n.startsWith(ENTRY_PREFIX));
        await storage.removeItems([...names.map(storageKey), INDEX_KEY]);
      });
    },
  };
}
