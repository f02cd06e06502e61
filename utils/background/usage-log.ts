import { DAY_MS, shanghaiDayStart } from '../shared/shanghai-day';
import { USAGE_MAX_DAYS, USAGE_MAX_ENTRIES, parseUsageLog, usageLogItem, type UsageEntry } from '../shared/usage';
import { createSerial } from './serial';

/**
 * The background's side of the usage log (utils/shared/usage.ts): every paid request is appended
 * here (ApiClientOptions.onPaidAttempt) and written to storage.local, where the options page
 * reads it. The background is its only writer.
 *
 * Cheap on purpose — the stored log may hold 20,000 entries:
 * - appends are kept in memory at once and written together a moment later: every append made
 *   while a write is waiting or running goes into the next single write (writes are serialised);
 * - counting today's calls (the daily call limit, before every paid call) reads storage once per
 *   worker and then only memory: the entries of the last two days stored before this worker
 *   first wrote, plus those it appended since.
 * Each write drops what is beyond the bounds (boundUsageLog).
 */
export interface UsageLog {
  /** Record one paid request. Never throws; stored within a moment (flush() to wait for it). */
  append(entry: UsageEntry): void;
  /** Paid requests since 00:00 today in Beijing time (UTC+8), those not yet stored included. */
  countToday(): Promise<number>;
  /** When the newest paid request of the last two days was sent, or null when there is none. */
  lastAt(): Promise<number | null>;
  /** Resolves once everything appended so far is stored (or its write failed). */
  flush(): Promise<void>;
}

/** Where the log is kept (injectable for tests). */
export interface UsageLogStore {
  get(): Promise<unknown>;
  set(entries: UsageEntry[]): Promise<void>;
}

export interface UsageLogOptions {
  now?: () => number;
  store?: UsageLogStore;
}

const storedLog: UsageLogStore = {
  get: () => usageLogItem.getValue(),
  set: (entries) => usageLogItem.setValue(entries),
};

/**
 * The log within its bounds, oldest first: entries older than USAGE_MAX_DAYS days before `now`
 * are dropped, then the oldest beyond USAGE_MAX_ENTRIES.
 */
export function boundUsageLog(entries: readonly UsageEntry[], now: number): UsageEntry[] {
  const oldest = now - USAGE_MAX_DAYS * DAY_MS;
  const kept = entries.filter((e) => e.at >= oldest).sort((a, b) => a.at - b.at);
  return kept.length > USAGE_MAX_ENTRIES ? kept.slice(kept.length - USAGE_MAX_ENTRIES) : kept;
}

/** How far back the in-memory part reaches: enough for "today" whatever the time zone. */
const RECENT_MS = 2 * DAY_MS;

export function createUsageLog(options: UsageLogOptions = {}): UsageLog {
  const now = options.now ?? Date.now;
  const store = options.store ?? storedLog;
  const serial = createSerial();
  /** Recent entries stored before this worker's first write (null: not read yet). */
  let before: UsageEntry[] | null = null;
  /** Recent entries appended by this worker, stored or not. */
  let mine: UsageEntry[] = [];
  /** Appended, not yet handed to a write. */
  let pending: UsageEntry[] = [];
  /** The write that will take `pending`, when one is waiting. */
  let queued: Promise<void> | null = null;

  const recent = (entries: UsageEntry[]): UsageEntry[] => {
    const from = now() - RECENT_MS;
    return entries.filter((e) => e.at >= from);
  };

  async function readStored(): Promise<UsageEntry[]> {
    try {
      return parseUsageLog(await store.get());
    } catch {
      return []; // an unreadable log counts as empty; the next write replaces it
    }
  }

  /** One write of everything pending: read, append, bound, store. */
  async function write(): Promise<void> {
    queued = null;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    const stored = await readStored();
    before ??= recent(stored);
    try {
      await store.set(boundUsageLog([...stored, ...batch], now()));
    } catch {
      // A full or failing storage loses these entries from the stored log, never an answer;
      // they still count for today while this worker lives.
    }
  }

  function schedule(): Promise<void> {
    queued ??= serial(write);
    return queued;
  }

  /** The entries counted now: the stored ones (read once) and this worker's. */
  async function known(): Promise<UsageEntry[]> {
    if (before === null) {
      // In the write queue: never between a write's read and its store.
      await serial(async () => {
        before ??= recent(await readStored());
      });
    }
    mine = recent(mine);
    return [...(before ?? []), ...mine];
  }

  return {
    append(entry) {
      mine.push(entry);
      pending.push(entry);
      void schedule();
    },

    async countToday() {
      const from = shanghaiDayStart(now());
      return (await known()).filter((e) => e.at >= from).length;
    },

    async lastAt() {
      return (await known()).reduce<number | null>((newest, e) => (newest === null || e.at > newest ? e.at : newest), null);
    },

    async flush() {
      await (queued ?? serial(async () => undefined));
    },
  };
}
