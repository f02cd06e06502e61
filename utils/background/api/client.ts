import type { Platform } from '../../shared/platform';
import type { XingtuAuthor } from '../../shared/xingtu-author';
import type { CategoryRow, Failure, Result } from '../../shared/types';
import { attemptsFor } from './codes';
import { DEFAULT_BACKOFF_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS, RATE_LIMIT_BACKOFF_FACTOR } from '../../shared/api-limits';
import { balanceUrl, distributionUrl, searchUrl } from '../../shared/api-endpoints';
import { USAGE_KEYWORD_MAX, type UsageEntry, type UsageVia } from '../../shared/usage';
import { parseDistributionResponse, parseSearchAnswer, shortenDetail } from './parse-response';
import { parseBalanceResponse, type BalanceAnswer } from './parse-balance';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Defaults to globalThis.fetch (looked up at call time). */
  fetch?: FetchLike;
  /** Wait between attempts; injectable so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Per attempt, covering the answer's body too. The provider asks for at least 60 s. A call may
   * give its own (`timeoutMs` of the call: the user's setting, read for each call).
   */
  timeoutMs?: number;
  /** Attempts in all for a retryable failure (1 = never retry). */
  maxAttempts?: number;
  /** Delay before the 2nd, 3rd… attempt; the last value repeats. Rate limiting doubles it. */
  backoffMs?: readonly number[];
  /** Clock for `fetchedAt` and the time of each request. */
  now?: () => number;
  /**
   * Told of every request sent to a paid data endpoint (distribution, search) — each attempt,
   * retries included — once it is answered or has failed, with the answer's business code
   * (null when there was none: network error, timeout, HTTP error without an envelope). Never
   * given the key. Not told of balance requests (not data calls), nor of requests never sent.
   */
  onPaidAttempt?: (entry: UsageEntry) => void;
}

/** Which view a paid call is logged for when its caller does not say (see UsageEntry.via). */
export const DEFAULT_USAGE_VIA: UsageVia = 'panel';

export interface DistributionCall {
  /** Base URL of the API (global, cn, or the user's own proxy). */
  base: string;
  token: string;
  oAuthorId: string;
  platform: Platform;
  /** This call's timeout per attempt (default: the client's). */
  timeoutMs?: number;
  /** Which view asked, for the usage log (default DEFAULT_USAGE_VIA). */
  via?: UsageVia;
}

export interface FetchedDistribution {
  rows: CategoryRow[];
  fetchedAt: number;
}

export interface SearchCall {
  base: string;
  token: string;
  /** Nickname to search for; blank is refused without a call. */
  keyword: string;
  /** Result page, from 1 (default 1). */
  page?: number;
  /** This call's timeout per attempt (default: the client's). */
  timeoutMs?: number;
  /** Which view asked, for the usage log (default DEFAULT_USAGE_VIA). */
  via?: UsageVia;
}

/** The account balance request (api.md §4): one attempt, not a data call, not logged as usage. */
export interface BalanceCall {
  base: string;
  token: string;
  timeoutMs?: number;
}

export interface FoundAuthors {
  /** In the answer's order (never pick one by position: see utils/background/search-match.ts). */
  authors: XingtuAuthor[];
  hasMore: boolean;
}

export interface ApiClient {
  /** One distribution, retrying transient failures (see isRetryable). Never rejects. */
  getDistribution(call: DistributionCall): Promise<Result<FetchedDistribution>>;
  /**
   * Check a key with exactly one distribution call (no retry) for a known creator. The key is
   * valid when the call succeeds, or fails for a reason that is not the key (400 params,
   * upstream refusal); code 100 gives 'invalid-token'; any other failure is passed on. A paid
   * call: logged as usage from `via` (default 'options').
   */
  checkKey(call: { base: string; token: string; timeoutMs?: number; via?: UsageVia }): Promise<Result<{ valid: true }>>;
  /** One page of Creator Search by nickname, retrying transient failures like getDistribution. Never rejects. */
  searchAuthors(call: SearchCall): Promise<Result<FoundAuthors>>;
  /**
   * The account balance with exactly one request (parse-balance.ts parseBalanceResponse): the
   * balance, 'not-supported' (404, HTML, an unknown shape), or a failure ('invalid-token' for
   * code 100; network, timeout, 5xx, 301/302/500 otherwise). Never rejects.
   */
  getBalance(call: BalanceCall): Promise<Result<BalanceAnswer>>;
}

/** A creator known to exist (the provider's own example id), used to check a key. */
export const CHECK_KEY_AUTHOR_ID = '7006229624431689736';

export { DEFAULT_BACKOFF_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS, RATE_LIMIT_BACKOFF_FACTOR };

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Remove every trace of the key from text that leaves the client (a server or a fetch error may
 * echo the request URL): the key as is, URL-encoded, form-encoded, and any `token=` parameter.
 */
export function scrubToken(text: string, token: string): string {
  let out = text;
  const key = token.trim();
  if (key !== '') {
    const forms = new Set([key, encodeURIComponent(key), new URLSearchParams({ t: key }).toString().slice(2)]);
    for (const form of forms) out = out.split(form).join('***');
    // A message already cut to length ('…') may end in the first part of the key: drop it.
    if (out.endsWith('…')) {
      const head = out.slice(0, -1);
      let cut = 0;
      for (const form of forms) {
        for (let n = Math.min(form.length - 1, head.length); n > cut; n--) {
          if (head.endsWith(form.slice(0, n))) {
            cut = n;
            break;
          }
        }
      }
      if (cut > 0) out = `${head.slice(0, -cut)}***…`;
    }
  }
  return out.replace(/(token=)[^&\s"'<>]*/gi, '$1***');
}

function scrubFailure(failure: Failure, token: string): Failure {
  if (failure.detail === undefined) return failure;
  const detail = shortenDetail(scrubToken(failure.detail, token));
  const { detail: _dropped, ...rest } = failure;
  return detail === undefined ? rest : { ...rest, detail };
}

class TimeoutError extends Error {}

/** One kind of request: its URL (may throw on a bad base) and how to read its answer. */
interface ApiRequest<T> {
  url(): string;
  read(httpStatus: number, body: string): Result<T>;
  /** A paid data request: what the usage log records of each attempt (besides time and code). */
  paid?: Omit<UsageEntry, 'at' | 'code'>;
}

/** The business code of an answer: 0 for a success or Xingtu's own refusal (code 0), null without an envelope. */
function businessCode(result: Result<unknown>): number | null {
  if (result.ok || result.error.kind === 'upstream') return 0;
  return result.error.code ?? null;
}

/** At most USAGE_KEYWORD_MAX UTF-16 units, never half a surrogate pair. */
function usageKeyword(keyword: string): string {
  let out = '';
  for (const char of keyword.trim()) {
    if (out.length + char.length > USAGE_KEYWORD_MAX) break;
    out += char;
  }
  return out;
}

function errorText(error: unknown): string | undefined {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : undefined;
}

/** Why an exchange got no answer: the timeout, or the network (with the error's text). */
function exchangeFailure(error: unknown): Failure {
  if (error instanceof TimeoutError) return { kind: 'timeout' };
  const detail = shortenDetail(errorText(error));
  return detail ? { kind: 'network', detail } : { kind: 'network' };
}

/** A reader that throws has met a shape it does not know: 'bad-response'. */
function readAnswer<T>(request: ApiRequest<T>, httpStatus: number, body: string): Result<T> {
  try {
    return request.read(httpStatus, body);
  } catch {
    return { ok: false, error: { kind: 'bad-response' } };
  }
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const sleep = options.sleep ?? defaultSleep;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
  const backoffMs = options.backoffMs && options.backoffMs.length > 0 ? options.backoffMs : DEFAULT_BACKOFF_MS;
  const now = options.now ?? Date.now;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  /** One HTTP exchange with a timeout over the whole of it (headers and body). */
  async function exchange(url: string, timeoutMs: number): Promise<{ status: number; body: string }> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new TimeoutError());
        controller.abort();
      }, timeoutMs);
    });
    try {
      return await Promise.race([
        (async () => {
          const response = await doFetch(url, {
            method: 'GET',
            headers: { Accept: 'application/json' },
            credentials: 'omit',
            cache: 'no-store',
            signal: controller.signal,
          });
          return { status: response.status, body: await response.text() };
        })(),
        timedOut,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Tell onPaidAttempt of a paid request that was sent; a failing listener changes nothing. */
  function report(request: ApiRequest<unknown>, at: number, result: Result<unknown>): void {
    if (!request.paid || !options.onPaidAttempt) return;
    try {
      options.onPaidAttempt({ ...request.paid, at, code: businessCode(result) });
    } catch {
      // the log is bookkeeping: the answer still goes back
    }
  }

  async function attempt<T>(request: ApiRequest<T>, timeoutMs: number): Promise<Result<T>> {
    let url: string;
    try {
      url = request.url();
    } catch {
      return { ok: false, error: { kind: 'bad-input', detail: 'invalid API base URL' } };
    }
    const sentAt = now();
    let result: Result<T>;
    try {
      const answer = await exchange(url, timeoutMs);
      result = readAnswer(request, answer.status, answer.body);
    } catch (error) {
      result = { ok: false, error: exchangeFailure(error) };
    }
    report(request, sentAt, result);
    return result;
  }

  /** Never rejects, and nothing it returns carries the token. */
  async function safeAttempt<T>(request: ApiRequest<T>, token: string, timeoutMs: number): Promise<Result<T>> {
    try {
      const result = await attempt(request, timeoutMs);
      return result.ok ? result : { ok: false, error: scrubFailure(result.error, token) };
    } catch {
      return { ok: false, error: { kind: 'bad-response' } };
    }
  }

  function delayBefore(retry: number, failure: Failure): number {
    const base = backoffMs[Math.min(retry, backoffMs.length - 1)] ?? 0;
    return failure.kind === 'rate-limited' ? base * RATE_LIMIT_BACKOFF_FACTOR : base;
  }

  /** A usable per-call timeout, else the client's. */
  function timeoutOf(callTimeoutMs: number | undefined): number {
    return callTimeoutMs !== undefined && Number.isFinite(callTimeoutMs) && callTimeoutMs > 0 ? callTimeoutMs : timeoutMs;
  }

  /**
   * Every call goes through here: attempts, retrying transient failures with growing delays, at
   * most `attempts` in all and never more than the failure allows (codes.ts attemptsFor).
   */
  async function send<T>(request: ApiRequest<T>, token: string, callTimeoutMs?: number, attempts = maxAttempts): Promise<Result<T>> {
    const perAttempt = timeoutOf(callTimeoutMs);
    let result = await safeAttempt(request, token, perAttempt);
    for (let n = 1; !result.ok && n < attemptsFor(result.error, attempts); n++) {
      await sleep(delayBefore(n - 1, result.error));
      result = await safeAttempt(request, token, perAttempt);
    }
    return result;
  }

  function distributionRequest(call: DistributionCall): ApiRequest<FetchedDistribution> {
    return {
      url: () => distributionUrl(call.base, call.token, call.oAuthorId, call.platform),
      paid: {
        endpoint: 'distribution',
        oAuthorId: call.oAuthorId,
        keyword: null,
        platform: call.platform,
        via: call.via ?? DEFAULT_USAGE_VIA,
      },
      read(httpStatus, body) {
        const parsed = parseDistributionResponse(httpStatus, body);
        return parsed.ok ? { ok: true, value: { rows: parsed.value, fetchedAt: now() } } : parsed;
      },
    };
  }

  return {
    async getDistribution(call) {
      const result = await send(distributionRequest(call), call.token, call.timeoutMs);
      return result.ok ? result : { ok: false, error: { ...result.error, oAuthorId: call.oAuthorId } };
    },

    async searchAuthors({ base, token, keyword, page = 1, timeoutMs: callTimeoutMs, via = DEFAULT_USAGE_VIA }) {
      if (keyword.trim() === '') return { ok: false, error: { kind: 'bad-input', detail: 'empty search keyword' } };
      if (!Number.isSafeInteger(page) || page < 1) return { ok: false, error: { kind: 'bad-input', detail: 'invalid search page' } };
      return send<FoundAuthors>(
        {
          url: () => searchUrl(base, token, keyword, page),
          read: (httpStatus, body) => parseSearchAnswer(httpStatus, body),
          paid: { endpoint: 'search', oAuthorId: null, keyword: usageKeyword(keyword), platform: null, via },
        },
        token,
        callTimeoutMs,
      );
    },

    async checkKey({ base, token, timeoutMs: callTimeoutMs, via = 'options' }) {
      const check = { base, token, oAuthorId: CHECK_KEY_AUTHOR_ID, platform: 'SHORT_VIDEO', via } as const;
      const result = await send(distributionRequest(check), token, callTimeoutMs, 1);
      if (result.ok) return { ok: true, value: { valid: true } };
      const { kind } = result.error;
      if (kind === 'invalid-params' || kind === 'upstream') return { ok: true, value: { valid: true } };
      return result;
    },

    getBalance({ base, token, timeoutMs: callTimeoutMs }) {
      const request: ApiRequest<BalanceAnswer> = { url: () => balanceUrl(base, token), read: parseBalanceResponse };
      return send(request, token, callTimeoutMs, 1);
    },
  };
}
