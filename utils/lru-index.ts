import * as v from 'valibot';
import { storage, type StorageItemKey } from 'wxt/utils/storage';

/**
 * A bounded set of records in browser.storage.local: one item per record, named
 * `<prefix>…`, plus one index item `name → last used (ms)`. Writing past `maxEntries` removes
 * the least recently used records. Used by the distribution cache (utils/cache.ts) and the
 * account links (utils/account-links.ts); each owns its prefix, its index and its record schema.
 */
export interface LruIndexOptions {
  /** Every record's storage name starts with this (names are without the `local:` area). */
  prefix: string;
  /** The index item, e.g. 'local:distIndex'. */
  indexKey: StorageItemKey;
  /** Most records kept (at least 1). */
  maxEntries: number;
  now: () => number;
  /**
   * When the index is lost or corrupt it is rebuilt from the records present: this gives a
   * record's last-used time from its stored value (default 0: evicted first).
   */
  lastUsedOf?: (value: unknown) => number;
}

/** Changes made inside one transaction (nothing else touches the index meanwhile). */
export interface LruTransaction {
  /** Store records (name → value), mark them used now, evict the least recently used past the bound. */
  put(records: Readonly<Record<string, unknown>>): Promise<void>;
  /** Remove records and their index entries. */
  drop(names: readonly string[]): Promise<void>;
  /** Mark records used now. */
  touch(names: readonly string[]): Promise<void>;
}

export interface LruIndex extends LruTransaction {
  /**
   * Run `task` with no other change of this index in between (a read-decide-write stays
   * consistent). Do not call the index's own methods inside `task` — use `tx` (they would wait
   * for `task`, which waits for them).
   */
  transaction<R>(task: (tx: LruTransaction) => Promise<R>): Promise<R>;
  /** Remove every record with the prefix, and the index. Nothing else. */
  clear(): Promise<void>;
}

const IndexSchema = v.record(v.string(), v.pipe(v.number(), v.finite()));
type Index = Record<string, number>;

export function localKey(name: string): StorageItemKey {
  return `local:${name}`;
}

export function createLruIndex(options: LruIndexOptions): LruIndex {
  const { prefix, indexKey, now } = options;
  const maxEntries = Math.max(1, Math.floor(options.maxEntries));
  const lastUsedOf = options.lastUsedOf ?? (() => 0);

  // Index updates are read-modify-write: run them one after another so none is lost.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<R>(task: () => Promise<R>): Promise<R> {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  /** The index; a corrupt or missing one is rebuilt from the records present. */
  async function readIndex(): Promise<Index> {
    const raw: unknown = await storage.getItem(indexKey);
    const parsed = v.safeParse(IndexSchema, raw);
    if (raw !== null && parsed.success) return { ...parsed.output };
    const all = await storage.snapshot('local');
    const index: Index = {};
    for (const [name, value] of Object.entries(all)) {
      // `name$` items are wxt's metadata, not records.
      if (!name.startsWith(prefix) || name.endsWith('$')) continue;
      const time = lastUsedOf(value);
      index[name] = Number.isFinite(time) ? time : 0;
    }
    return index;
  }

  const tx: LruTransaction = {
    async put(records) {
      const names = Object.keys(records);
      if (names.length === 0) return;
      const index = await readIndex();
      const time = now();
      for (const name of names) index[name] = time;
      const written = new Set(names);
      const byAge = Object.keys(index).sort((a, b) => (index[a] ?? 0) - (index[b] ?? 0));
      const evicted = byAge.slice(0, Math.max(0, byAge.length - maxEntries)).filter((n) => !written.has(n));
      for (const name of evicted) delete index[name];
      await storage.setItems(names.map((name) => ({ key: localKey(name), value: records[name] })));
      if (evicted.length > 0) await storage.removeItems(evicted.map(localKey));
      await storage.setItem(indexKey, index);
    },

    async drop(names) {
      if (names.length === 0) return;
      const index = await readIndex();
      for (const name of names) delete index[name];
      await Promise.all([storage.removeItems(names.map(localKey)), storage.setItem(indexKey, index)]);
    },

    async touch(names) {
      if (names.length === 0) return;
      const index = await readIndex();
      const time = now();
      for (const name of names) index[name] = time;
      await storage.setItem(indexKey, index);
    },
  };

  return {
    transaction: (task) => serial(() => task(tx)),
    put: (records) => serial(() => tx.put(records)),
    drop: (names) => serial(() => tx.drop(names)),
    touch: (names) => serial(() => tx.touch(names)),
    clear: () =>
      serial(async () => {
        const all = await storage.snapshot('local');
        const names = Object.keys(all).filter((n) => n.startsWith(prefix));
        await storage.removeItems([...names.map(localKey), indexKey]);
      }),
  };
}
