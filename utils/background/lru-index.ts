import * as v from 'valibot';
import { storage, type StorageItemKey } from 'wxt/utils/storage';

/**
 * A bounded set of records in browser.storage.local: one item per record, named
 * `<prefix>…`, plus one index item that knows each record's last use and size. Writing past
 * `maxEntries` records or `maxBytes` bytes removes the least recently used records. Used by the
 * distribution cache (utils/background/cache.ts) and the account links (utils/background/account-links.ts); each owns
 * its prefix, its index and its record schema.
 *
 * Index item (version 2):  { version: 2, entries: { <name>: [lastUsed ms, bytes] } }
 * Version 1 (before the byte budget) was `{ <name>: lastUsed ms }`: it is migrated on first use
 * (sizes measured from the records present, last uses kept). A missing or corrupt index is
 * rebuilt from the records present.
 *
 * Sizes are counted as Chrome counts its quota: the UTF-8 length of the name plus that of the
 * JSON of the value. The index item itself is not counted (about 40 bytes per record).
 *
 * The MV3 service worker can be stopped between any two writes, so writes go in an order that
 * never leaves a record the index does not know (it could never be evicted):
 *   1. remove evicted records, 2. write the index, 3. write the new records.
 * Stopped after 1 or 2, the index names records that are missing: reads miss, and they are
 * evicted in time. A record is one storage item, written whole or not at all.
 */
export interface LruIndexOptions {
  /** Every record's storage name starts with this (names are without the `local:` area). */
  prefix: string;
  /** The index item, e.g. 'local:distIndex'. */
  indexKey: StorageItemKey;
  /** Most records kept (at least 1). */
  maxEntries: number;
  /** Most bytes of records kept (default: no limit). A record larger than this is not stored. */
  maxBytes?: number;
  now: () => number;
  /**
   * When the index is lost or corrupt it is rebuilt from the records present: this gives a
   * record's last-used time from its stored value (default 0: evicted first).
   */
  lastUsedOf?: (value: unknown) => number;
}

/** Changes made inside one transaction (nothing else touches the index meanwhile). */
export interface LruTransaction {
  /**
   * Store records (name → value), mark them used now, evict the least recently used past the
   * bounds. A record larger than `maxBytes` is not stored (an older value under its name is removed).
   */
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
  /** Records and bytes the index counts now (for tests and diagnostics). */
  usage(): Promise<{ entries: number; bytes: number }>;
}

export const INDEX_VERSION = 2;

const Time = v.pipe(v.number(), v.finite());
const Size = v.pipe(v.number(), v.finite(), v.minValue(0));
const IndexV2Schema = v.object({
  version: v.literal(INDEX_VERSION),
  entries: v.record(v.string(), v.tuple([Time, Size])),
});
const IndexV1Schema = v.record(v.string(), Time);

/** name → [last used, bytes] */
type Entries = Record<string, [number, number]>;

export function localKey(name: string): StorageItemKey {
  return `local:${name}`;
}

const encoder = new TextEncoder();

/** Bytes a record takes in chrome.storage.local: UTF-8 of its name and of its JSON. */
export function recordBytes(name: string, value: unknown): number {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return encoder.encode(name).length + encoder.encode(json ?? '').length;
}

export function createLruIndex(options: LruIndexOptions): LruIndex {
  const { prefix, indexKey, now } = options;
  const maxEntries = Math.max(1, Math.floor(options.maxEntries));
  const maxBytes = options.maxBytes !== undefined && options.maxBytes > 0 ? options.maxBytes : Number.POSITIVE_INFINITY;
  const lastUsedOf = options.lastUsedOf ?? (() => 0);

  // Index updates are read-modify-write: run them one after another so none is lost.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<R>(task: () => Promise<R>): Promise<R> {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  /** Index from the records present; `times` (an old index) gives last uses where it knows them. */
  async function rebuild(times: Readonly<Record<string, number>> = {}): Promise<Entries> {
    const all = await storage.snapshot('local');
    const entries: Entries = {};
    for (const [name, value] of Object.entries(all)) {
      // `name$` items are wxt's metadata, not records.
      if (!name.startsWith(prefix) || name.endsWith('$')) continue;
      const time = times[name] ?? lastUsedOf(value);
      entries[name] = [Number.isFinite(time) ? time : 0, recordBytes(name, value)];
    }
    return entries;
  }

  /** The index; an older one is migrated, a corrupt or missing one rebuilt from the records present. */
  async function readIndex(): Promise<Entries> {
    const raw: unknown = await storage.getItem(indexKey);
    const current = v.safeParse(IndexV2Schema, raw);
    if (current.success) return { ...current.output.entries };
    const v1 = raw !== null && typeof raw === 'object' && !('version' in raw) ? v.safeParse(IndexV1Schema, raw) : null;
    return rebuild(v1?.success ? v1.output : {});
  }

  async function writeIndex(entries: Entries): Promise<void> {
    await storage.setItem(indexKey, { version: INDEX_VERSION, entries });
  }

  const totalBytes = (entries: Entries) => Object.values(entries).reduce((sum, [, bytes]) => sum + bytes, 0);

  const tx: LruTransaction = {
    async put(records) {
      const names = Object.keys(records);
      if (names.length === 0) return;
      const entries = await readIndex();
      const time = now();
      const removed: string[] = [];
      const written: string[] = [];
      for (const name of names) {
        const bytes = recordBytes(name, records[name]);
        if (bytes > maxBytes) {
          // Too large to keep at all; an older value under the name is out of date now.
          if (name in entries) removed.push(name);
          delete entries[name];
        } else {
          entries[name] = [time, bytes];
          written.push(name);
        }
      }
      // Least recently used first; the records just written go last (in the order given).
      const fresh = new Set(written);
      const order = [
        ...Object.keys(entries)
          .filter((n) => !fresh.has(n))
          .sort((a, b) => (entries[a]?.[0] ?? 0) - (entries[b]?.[0] ?? 0)),
        ...written,
      ];
      let count = order.length;
      let bytes = totalBytes(entries);
      for (const name of order) {
        if (count <= maxEntries && bytes <= maxBytes) break;
        bytes -= entries[name]?.[1] ?? 0;
        count--;
        delete entries[name];
        removed.push(name);
      }
      const kept = written.filter((n) => n in entries);
      if (removed.length > 0) await storage.removeItems(removed.map(localKey));
      await writeIndex(entries);
      if (kept.length > 0) await storage.setItems(kept.map((name) => ({ key: localKey(name), value: records[name] })));
    },

    async drop(names) {
      if (names.length === 0) return;
      const entries = await readIndex();
      for (const name of names) delete entries[name];
      await storage.removeItems(names.map(localKey));
      await writeIndex(entries);
    },

    async touch(names) {
      if (names.length === 0) return;
      const entries = await readIndex();
      const time = now();
      const unknown = names.filter((n) => !(n in entries));
      // A record the index lost (e.g. written by an older version) is measured and indexed again.
      const found = unknown.length > 0 ? await storage.getItems(unknown.map(localKey)) : [];
      found.forEach((item, i) => {
        const name = unknown[i];
        if (name !== undefined && item.value !== null && item.value !== undefined) entries[name] = [time, recordBytes(name, item.value)];
      });
      for (const name of names) {
        const entry = entries[name];
        if (entry) entry[0] = time;
      }
      await writeIndex(entries);
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
    usage: () =>
      serial(async () => {
        const entries = await readIndex();
        return { entries: Object.keys(entries).length, bytes: totalBytes(entries) };
      }),
  };
}
