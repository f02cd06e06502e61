import { storage } from 'wxt/utils/storage';

/**
 * A small record kept in storage.local and mirrored in memory: read (and validated) once, then
 * answered from memory; written through. A storage that cannot be read counts as empty, and one
 * that cannot be written keeps the value in memory for as long as this worker lives — never an
 * exception for the caller.
 */
export interface KeptValue<T> {
  get(): Promise<T | null>;
  set(value: T | null): Promise<void>;
}

/** Where the record lives (null: removed). */
export interface ValueStore<T> {
  get(): Promise<unknown>;
  set(value: T | null): Promise<void>;
}

/** A ValueStore on storage.local under `key` (e.g. 'local:balance'); null removes the record. */
export function localValueStore<T>(key: `local:${string}`): ValueStore<T> {
  const item = storage.defineItem<T | null>(key, { fallback: null });
  return {
    get: () => item.getValue(),
    set: (value) => (value === null ? item.removeValue() : item.setValue(value)),
  };
}

export function keptValue<T>(store: ValueStore<T>, parse: (raw: unknown) => T | null): KeptValue<T> {
  /** undefined: storage not read yet. */
  let current: T | null | undefined;
  return {
    async get() {
      if (current === undefined) current = parse(await store.get().catch(() => null));
      return current;
    },
    async set(value) {
      current = value;
      try {
        await store.set(value);
      } catch {
        // kept in memory for this worker
      }
    },
  };
}
