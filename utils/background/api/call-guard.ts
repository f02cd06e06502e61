import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import type { Failure, FailureKind, Result } from '../../shared/types';
import { nextShanghaiMidnight } from '../../shared/shanghai-day';

/**
 * The background's circuit breaker: answers that say "calling again will not help for a while"
 * stop further calls with the same key, so a page that is opened again (or many creators in a
 * row) does not spend money or hammer the API:
 *
 * | answer                         | no call until                                              |
 * |--------------------------------|------------------------------------------------------------|
 * | 302 rate limited / HTTP 429    | a cool-down of RATE_LIMIT_COOL_DOWN_MS (after the client's own retries) |
 * | 303 daily quota exceeded       | the next day in Asia/Shanghai (00:00 UTC+8), or another key |
 * | 601 insufficient balance       | another key is saved — or the user presses Refresh          |
 * | 602 the key's spending cap     | another key is saved — or the user presses Refresh          |
 *
 * While blocked, a call answers the same typed failure with `blockedUntil` (a time, or
 * 'key-change'), without a request; the answer that starts a block carries it too. An explicit request (the panel's Refresh, "Check key", a
 * popup search) may try once through a 303, 601 or 602 block — the user may have topped up — but not
 * through the rate-limit cool-down (pressing Refresh repeatedly must not hammer). A successful
 * answer lifts the block. The state is kept in storage.local, so it survives the MV3 service
 * worker being stopped; it holds a hash of the key, never the key.
 */
export interface CallGuard {
  /**
   * Run `call` unless calls with `token` are blocked; then record its outcome. `explicit`: the
   * user asked for this call (see above). Never rejects when `call` does not.
   */
  run<T>(token: string, explicit: boolean, call: () => Promise<Result<T>>): Promise<Result<T>>;
  /** The failure a call with `token` would answer right now without calling, or null. */
  blocked(token: string): Promise<Failure | null>;
  /** Forget any block. */
  clear(): Promise<void>;
}

/** Where the guard keeps its record (injectable for tests). */
export interface GuardStore {
  get(): Promise<unknown>;
  set(value: GuardRecord | null): Promise<void>;
}

export interface CallGuardOptions {
  now?: () => number;
  store?: GuardStore;
  /** Cool-down after a rate-limited answer (default RATE_LIMIT_COOL_DOWN_MS). */
  coolDownMs?: number;
}

export const RATE_LIMIT_COOL_DOWN_MS = 60_000;

export { nextShanghaiMidnight };

/** The kinds that block, and how. */
type BlockingKind = Extract<FailureKind, 'rate-limited' | 'quota-exceeded' | 'insufficient-balance' | 'spending-cap'>;

const BLOCKING_KINDS = ['rate-limited', 'quota-exceeded', 'insufficient-balance', 'spending-cap'] as const satisfies readonly BlockingKind[];
const BLOCKING: ReadonlySet<FailureKind> = new Set<FailureKind>(BLOCKING_KINDS);

function isBlocking(kind: FailureKind): kind is BlockingKind {
  return BLOCKING.has(kind);
}

const RecordSchema = v.strictObject({
  v: v.literal(1),
  keyHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{16,64}$/)),
  kind: v.picklist(BLOCKING_KINDS),
  code: v.optional(v.pipe(v.number(), v.integer())),
  httpStatus: v.optional(v.pipe(v.number(), v.integer())),
  detail: v.optional(v.pipe(v.string(), v.maxLength(500))),
  since: v.pipe(v.number(), v.finite()),
  /** null: until the key changes. */
  until: v.nullable(v.pipe(v.number(), v.finite())),
});

export type GuardRecord = v.InferOutput<typeof RecordSchema>;

const guardItem = storage.defineItem<GuardRecord | null>('local:callGuard', { fallback: null });

const storageStore: GuardStore = {
  get: () => guardItem.getValue(),
  set: (value) => (value === null ? guardItem.removeValue() : guardItem.setValue(value)),
};

/** A short, one-way fingerprint of the key (SHA-256, hex). The key itself is never stored here. */
export async function keyFingerprint(token: string): Promise<string> {
  const bytes = new TextEncoder().encode(`xdl-call-guard:${token.trim()}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The failure a blocked call answers. */
function blockedFailure(record: GuardRecord): Failure {
  const failure: Failure = { kind: record.kind, blockedUntil: record.until ?? 'key-change' };
  if (record.code !== undefined) failure.code = record.code;
  if (record.httpStatus !== undefined) failure.httpStatus = record.httpStatus;
  if (record.detail !== undefined) failure.detail = record.detail;
  return failure;
}

export function createCallGuard(options: CallGuardOptions = {}): CallGuard {
  const now = options.now ?? Date.now;
  const store = options.store ?? storageStore;
  const coolDownMs = options.coolDownMs ?? RATE_LIMIT_COOL_DOWN_MS;

  async function read(): Promise<GuardRecord | null> {
    let raw: unknown;
    try {
      raw = await store.get();
    } catch {
      return null; // unreadable storage: no block (the API will answer again if it still applies)
    }
    if (raw === null || raw === undefined) return null;
    const parsed = v.safeParse(RecordSchema, raw);
    if (parsed.success) return parsed.output;
    await write(null); // a corrupt or foreign record is dropped
    return null;
  }

  /** False when the storage refused: a block that is not stored is not announced. */
  async function write(record: GuardRecord | null): Promise<boolean> {
    try {
      await store.set(record);
      return true;
    } catch {
      return false; // a storage that cannot be written loses the block, never the answer
    }
  }

  /** The record that applies to this key now (an expired one or another key's is removed). */
  async function current(keyHash: string): Promise<GuardRecord | null> {
    const record = await read();
    if (!record) return null;
    const expired = record.until !== null && now() >= record.until;
    // A record from the future means the clock went back: it cannot be trusted.
    if (record.keyHash !== keyHash || expired || record.since > now()) {
      await write(null);
      return null;
    }
    return record;
  }

  function untilFor(kind: BlockingKind, at: number): number | null {
    switch (kind) {
      case 'rate-limited':
        return at + coolDownMs;
      case 'quota-exceeded':
        return nextShanghaiMidnight(at);
      case 'insufficient-balance':
      case 'spending-cap':
        return null;
    }
  }

  /** Store what the outcome means for later calls; returns the block it started, if any. */
  async function record(keyHash: string, result: Result<unknown>, before: GuardRecord | null): Promise<GuardRecord | null> {
    if (result.ok || result.error.kind === 'upstream') {
      // The API served the key: whatever blocked it no longer does.
      if (before) await write(null);
      return null;
    }
    const { kind, code, httpStatus, detail } = result.error;
    if (!isBlocking(kind)) return null;
    const at = now();
    const next: GuardRecord = { v: 1, keyHash, kind, since: at, until: untilFor(kind, at) };
    if (code !== undefined) next.code = code;
    if (httpStatus !== undefined) next.httpStatus = httpStatus;
    if (detail !== undefined) next.detail = detail;
    return (await write(next)) ? next : null;
  }

  return {
    async run(token, explicit, call) {
      let keyHash: string;
      try {
        keyHash = await keyFingerprint(token);
      } catch {
        return call(); // no hashing available: no guard, the call still happens
      }
      const before = await current(keyHash);
      if (before && (before.kind === 'rate-limited' || !explicit)) {
        return { ok: false, error: blockedFailure(before) };
      }
      const result = await call();
      const started = await record(keyHash, result, before);
      // The answer that starts a block says so too: the panel tells why and until when at once.
      if (started && !result.ok) return { ok: false, error: { ...result.error, blockedUntil: started.until ?? 'key-change' } };
      return result;
    },

    async blocked(token) {
      const record = await current(await keyFingerprint(token));
      return record ? blockedFailure(record) : null;
    },

    clear: async () => {
      await write(null);
    },
  };
}

/** A guard that never blocks (tests and callers that do not want one). */
export const NO_GUARD: CallGuard = {
  run: (_token, _explicit, call) => call(),
  blocked: async () => null,
  clear: async () => undefined,
};
