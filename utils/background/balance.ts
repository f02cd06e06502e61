import * as v from 'valibot';
import type { ApiClient } from './api/client';
import { keyFingerprint } from './api/call-guard';
import { createInFlight } from './inflight';
import { keptValue, localValueStore, type ValueStore } from './kept-value';
import type { UsageLog } from './usage-log';
import { resolveBaseUrl, type Settings } from '../shared/settings';
import type { BalanceInfo } from '../shared/usage';
import type { Failure, Result } from '../shared/types';

/**
 * The account balance (api.md §4) for the options page and the popup — never for a content page.
 * The balance endpoint is an account endpoint, not a data call: it is not billed, not logged as
 * usage, and not held back by the call guard or the daily call limit.
 *
 * An answer (a balance, or "the endpoint does not answer this") is kept in memory and in
 * storage.local for BALANCE_MAX_AGE_MS, for this key (a hash of it, never the key) and this base
 * URL. It is fetched again when asked to (`refresh`), when it is older, and when a paid call was
 * made since it was fetched (the usage log says so) — only when asked for, never by itself.
 */
export interface BalanceService {
  /**
   * The balance: `{state:'known'}`, or `{state:'unknown'}` because there is no key, the endpoint
   * does not support it (404, HTML, an unknown shape), or the request failed (network, timeout,
   * 5xx). A wrong key (code 100) is the failure 'invalid-token'. Never rejects.
   */
  get(req?: { refresh?: boolean }): Promise<Result<BalanceInfo>>;
  /**
   * One request now (the key check): the balance, or 'not-supported', or 'no-key' — or the
   * failure itself ('invalid-token', 'network', 'timeout', 'http', …). Kept like get's. Never rejects.
   */
  fetchNow(): Promise<Result<BalanceInfo>>;
}

/** How long a fetched balance is shown without asking again (unless a paid call was made). */
export const BALANCE_MAX_AGE_MS = 10 * 60_000;
/** The balance request gives up sooner than a data call (the user's timeout, at most this). */
export const BALANCE_TIMEOUT_MS = 15_000;

/** Where the last answer is kept (injectable for tests). */
export type BalanceStore = ValueStore<BalanceRecord>;

const KeptInfoSchema = v.variant('state', [
  v.strictObject({
    state: v.literal('known'),
    amount: v.pipe(v.string(), v.maxLength(40)),
    currency: v.pipe(v.string(), v.maxLength(8)),
    fetchedAt: v.number(),
  }),
  v.strictObject({ state: v.literal('unknown'), reason: v.literal('not-supported'), fetchedAt: v.number() }),
]);

/** What is kept: a balance, or "not supported" (a failure or no key is never kept). */
type KeptInfo = v.InferOutput<typeof KeptInfoSchema>;

const RecordSchema = v.strictObject({
  v: v.literal(1),
  keyHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{16,64}$/)),
  base: v.pipe(v.string(), v.maxLength(2048)),
  info: KeptInfoSchema,
});
export type BalanceRecord = v.InferOutput<typeof RecordSchema>;

const storedBalance: BalanceStore = localValueStore<BalanceRecord>('local:balance');

export interface BalanceServiceDeps {
  client: Pick<ApiClient, 'getBalance'>;
  loadApiKey: () => Promise<string>;
  loadSettings: () => Promise<Settings>;
  usage: Pick<UsageLog, 'lastAt'>;
  now?: () => number;
  store?: BalanceStore;
}

export function createBalanceService(deps: BalanceServiceDeps): BalanceService {
  const { client, loadApiKey, loadSettings, usage } = deps;
  const now = deps.now ?? Date.now;
  const kept = keptValue(deps.store ?? storedBalance, (raw) => {
    const parsed = v.safeParse(RecordSchema, raw);
    return parsed.success ? parsed.output : null;
  });
  const inFlight = createInFlight<Result<BalanceInfo>>();

  /** The kept answer when it still applies to this key and base, and nothing was paid for since. */
  async function fresh(keyHash: string, base: string): Promise<BalanceInfo | null> {
    const record = await kept.get();
    if (!record || record.keyHash !== keyHash || record.base !== base) return null;
    const age = now() - record.info.fetchedAt;
    if (age < 0 || age >= BALANCE_MAX_AGE_MS) return null;
    const lastPaid = await usage.lastAt().catch(() => null);
    return lastPaid !== null && lastPaid >= record.info.fetchedAt ? null : record.info;
  }

  async function request(token: string, keyHash: string, base: string, settings: Settings): Promise<Result<BalanceInfo>> {
    const timeoutMs = Math.min(settings.timeoutSeconds * 1000, BALANCE_TIMEOUT_MS);
    const answer = await client.getBalance({ base, token, timeoutMs });
    const fetchedAt = now();
    if (!answer.ok) return answer;
    const info: KeptInfo =
      answer.value.state === 'known'
        ? { state: 'known', amount: answer.value.amount, currency: answer.value.currency, fetchedAt }
        : { state: 'unknown', reason: 'not-supported', fetchedAt };
    await kept.set({ v: 1, keyHash, base, info });
    return { ok: true, value: info };
  }

  /** One request for this key and base at a time (the options page and the popup may ask together). */
  async function load(refresh: boolean): Promise<Result<BalanceInfo>> {
    const [key, settings] = await Promise.all([loadApiKey(), loadSettings()]);
    const token = key.trim();
    if (token === '') return { ok: true, value: { state: 'unknown', reason: 'no-key', fetchedAt: now() } };
    const base = resolveBaseUrl(settings);
    const keyHash = await keyFingerprint(token);
    if (!refresh) {
      const hit = await fresh(keyHash, base);
      if (hit) return { ok: true, value: hit };
    }
    return inFlight.run(`${keyHash} ${base}`, () => request(token, keyHash, base, settings));
  }

  const never = (): { ok: false; error: Failure } => ({ ok: false, error: { kind: 'bad-response' } });

  return {
    async get(req = {}) {
      const result = await load(req.refresh === true).catch(never);
      if (result.ok || result.error.kind === 'invalid-token') return result;
      return { ok: true, value: { state: 'unknown', reason: 'failed', fetchedAt: now() } };
    },
    fetchNow: () => load(true).catch(never),
  };
}
