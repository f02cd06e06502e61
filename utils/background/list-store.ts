import { storage } from 'wxt/utils/storage';
import {
  MAX_LISTS,
  MAX_LIST_ENTRIES,
  MAX_LIST_NAME_LENGTH,
  entryKey,
  type CreatorList,
  type ListCreatorRef,
  type ListEntry,
  type ListResults,
  type ListRunView,
  type ListsState,
  type NewEntry,
} from '../shared/creator-lists';
import { listResultsKey, listRunItem, listsItem, parseStoredLists, parseStoredResults } from '../shared/list-records';
import type { AddedToList } from '../shared/messaging';
import type { Failure, Result } from '../shared/types';
import { createSerial } from './serial';

/**
 * The one writer of the creator lists (utils/shared/list-records.ts): the lists, each list's
 * results and the run view. Every write goes through one queue, so concurrent messages (an
 * "Add to list" from the panel while the list page adds a paste, a run writing results) never
 * lose an update. Reads go through the same queue and so see every write made before them.
 */
export interface ListStore {
  /** The lists and the current one. */
  state(): Promise<ListsState>;
  /** One list, or null. */
  list(listId: string): Promise<CreatorList | null>;
  /** One list's results ({} when none). */
  results(listId: string): Promise<ListResults>;
  /** A new list, made the current one. Refused beyond MAX_LISTS. */
  create(name: string): Promise<Result<{ listId: string }>>;
  rename(listId: string, name: string): Promise<Result<true>>;
  /** Removes the list and its results; the current list becomes the first left (or none). */
  delete(listId: string): Promise<Result<true>>;
  select(listId: string): Promise<Result<true>>;
  /**
   * Add rows (listId null: the current list, made when there is none). A row whose key the list
   * (or this batch) already has is merged into it and counted; rows beyond MAX_LIST_ENTRIES are
   * refused and counted.
   */
  add(listId: string | null, entries: readonly NewEntry[]): Promise<Result<AddedToList>>;
  /** Remove rows and their results. */
  remove(listId: string, keys: readonly string[]): Promise<Result<true>>;
  /**
   * Change a list's results: `update` gets the current record and returns the next one (or null:
   * no change). Rows of keys the list does not have are dropped. False when the list is gone
   * (then nothing is written).
   */
  updateResults(listId: string, update: (current: ListResults) => ListResults | null): Promise<boolean>;
  /** Write the run view the list page shows (null: none). */
  saveRun(view: ListRunView | null): Promise<void>;
}

export interface ListStoreOptions {
  now?: () => number;
  /** A new list id (default: 12 random base-36 characters). */
  newId?: () => string;
}

/** 12 random base-36 characters: fits ListIdSchema, about 62 bits. */
export function randomListId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

/** A name for a list made by "Add to list" when there is none: the day, e.g. "2025-06-01". */
export function defaultListName(now: number, taken: readonly string[]): string {
  const d = new Date(now);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  if (!taken.includes(day)) return day;
  for (let n = 2; ; n += 1) {
    const name = `${day} (${n})`;
    if (!taken.includes(name)) return name;
  }
}

function failure(detail: string): { ok: false; error: Failure } {
  return { ok: false, error: { kind: 'bad-input', detail } };
}

const NO_LIST = 'no such list';

function cleanName(name: string): string | null {
  const trimmed = name.trim();
  return trimmed.length > 0 && trimmed.length <= MAX_LIST_NAME_LENGTH ? trimmed : null;
}

/** A Douyin row given again may bring what the first lacked (a uid, a name to search for). */
function mergeRef(kept: ListCreatorRef, given: ListCreatorRef): ListCreatorRef {
  if (kept.kind !== 'douyin' || given.kind !== 'douyin') return kept;
  return {
    kind: 'douyin',
    secUid: kept.secUid ?? given.secUid,
    uid: kept.uid ?? given.uid,
    nickname: kept.nickname ?? given.nickname,
  };
}

export function createListStore(options: ListStoreOptions = {}): ListStore {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomListId;
  const serial = createSerial();

  const readLists = async (): Promise<ListsState> => parseStoredLists(await listsItem.getValue());
  const writeLists = (state: ListsState) => listsItem.setValue(state);
  const readResults = async (listId: string): Promise<ListResults> =>
    parseStoredResults(await storage.getItem<unknown>(listResultsKey(listId)));

  function freshId(state: ListsState): string {
    for (;;) {
      const id = newId();
      if (!state.lists.some((l) => l.id === id)) return id;
    }
  }

  /** Adds a list to `state` (made current); null beyond MAX_LISTS. */
  function addList(state: ListsState, name: string): CreatorList | null {
    if (state.lists.length >= MAX_LISTS) return null;
    const list: CreatorList = { id: freshId(state), name, createdAt: now(), entries: [] };
    state.lists.push(list);
    state.currentId = list.id;
    return list;
  }

  return {
    state: () => serial(readLists),

    list: (listId) => serial(async () => (await readLists()).lists.find((l) => l.id === listId) ?? null),

    results: (listId) => serial(() => readResults(listId)),

    create: (name) =>
      serial(async () => {
        const clean = cleanName(name);
        if (clean === null) return failure(`a name of 1–${MAX_LIST_NAME_LENGTH} characters`);
        const state = await readLists();
        const list = addList(state, clean);
        if (!list) return failure(`at most ${MAX_LISTS} lists`);
        await writeLists(state);
        return { ok: true, value: { listId: list.id } };
      }),

    rename: (listId, name) =>
      serial(async () => {
        const clean = cleanName(name);
        if (clean === null) return failure(`a name of 1–${MAX_LIST_NAME_LENGTH} characters`);
        const state = await readLists();
        const list = state.lists.find((l) => l.id === listId);
        if (!list) return failure(NO_LIST);
        list.name = clean;
        await writeLists(state);
        return { ok: true, value: true };
      }),

    delete: (listId) =>
      serial(async () => {
        const state = await readLists();
        if (!state.lists.some((l) => l.id === listId)) return failure(NO_LIST);
        const lists = state.lists.filter((l) => l.id !== listId);
        const currentId = state.currentId === listId ? (lists[0]?.id ?? null) : state.currentId;
        await writeLists({ currentId, lists });
        await storage.removeItem(listResultsKey(listId));
        return { ok: true, value: true };
      }),

    select: (listId) =>
      serial(async () => {
        const state = await readLists();
        if (!state.lists.some((l) => l.id === listId)) return failure(NO_LIST);
        state.currentId = listId;
        await writeLists(state);
        return { ok: true, value: true };
      }),

    add: (listId, entries) =>
      serial(async () => {
        const state = await readLists();
        const current = state.lists.find((l) => l.id === state.currentId);
        let list = listId === null ? current : state.lists.find((l) => l.id === listId);
        if (!list && listId === null) {
          list = addList(state, defaultListName(now(), state.lists.map((l) => l.name))) ?? undefined;
        }
        if (!list) return failure(NO_LIST);
        const byKey = new Map(list.entries.map((e, i) => [e.key, i]));
        const counts = { added: 0, duplicates: 0, refused: 0 };
        const at = now();
        for (const given of entries) {
          const key = entryKey(given.ref);
          const index = byKey.get(key);
          const kept = index === undefined ? undefined : list.entries[index];
          if (index !== undefined && kept) {
            list.entries[index] = { ...kept, ref: mergeRef(kept.ref, given.ref) };
            counts.duplicates += 1;
          } else if (list.entries.length >= MAX_LIST_ENTRIES) {
            counts.refused += 1;
          } else {
            const entry: ListEntry = { key, ref: given.ref, source: given.source, addedAt: at };
            byKey.set(key, list.entries.length);
            list.entries.push(entry);
            counts.added += 1;
          }
        }
        await writeLists(state);
        return { ok: true, value: { listId: list.id, ...counts } };
      }),

    remove: (listId, keys) =>
      serial(async () => {
        const state = await readLists();
        const list = state.lists.find((l) => l.id === listId);
        if (!list) return failure(NO_LIST);
        const gone = new Set(keys);
        list.entries = list.entries.filter((e) => !gone.has(e.key));
        await writeLists(state);
        const results = await readResults(listId);
        if (Object.keys(results).some((key) => gone.has(key))) {
          await storage.setItem(listResultsKey(listId), Object.fromEntries(Object.entries(results).filter(([key]) => !gone.has(key))));
        }
        return { ok: true, value: true };
      }),

    updateResults: (listId, update) =>
      serial(async () => {
        const list = (await readLists()).lists.find((l) => l.id === listId);
        if (!list) return false;
        const next = update(await readResults(listId));
        if (next === null) return true;
        const keys = new Set(list.entries.map((e) => e.key));
        await storage.setItem(listResultsKey(listId), Object.fromEntries(Object.entries(next).filter(([key]) => keys.has(key))));
        return true;
      }),

    saveRun: (view) => serial(() => listRunItem.setValue(view)),
  };
}
