import type { Failure, FailureKind } from '../../shared/types';

/** Business codes listed in the OpenAPI enum without any description (api.md). */
const UNDOCUMENTED_CODES: ReadonlySet<number> = new Set([101, 202, 300, 404, 503]);

const DOCUMENTED: ReadonlyMap<number, FailureKind> = new Map<number, FailureKind>([
  [100, 'invalid-token'],
  [301, 'collection-failed'],
  [302, 'rate-limited'],
  [303, 'quota-exceeded'],
  [400, 'invalid-params'],
  [500, 'server-error'],
  [600, 'permission-denied'],
  [601, 'insufficient-balance'],
  [602, 'spending-cap'],
]);

/** The failure kind of a non-zero business `code` of the envelope. */
export function failureKindForCode(code: number): FailureKind {
  const kind = DOCUMENTED.get(code);
  if (kind) return kind;
  return UNDOCUMENTED_CODES.has(code) ? 'undocumented-code' : 'unknown-code';
}

/** HTTP statuses worth another try when the answer had no readable envelope (gateway hiccups). */
const RETRYABLE_HTTP: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/**
 * HTTP 429 without a readable envelope is rate limiting too: it gets the 302 treatment
 * (longer back-off, then the call guard's cool-down) instead of being shown as a bare HTTP error.
 */
export const RATE_LIMIT_HTTP_STATUS = 429;

/**
 * A network failure (connection refused or closed without an answer, DNS, CORS) is tried once
 * more after the first delay, never more: it is usually a blip, and a request that got no
 * answer at all was most likely not served (so not billed). A second failure is reported.
 */
export const NETWORK_MAX_ATTEMPTS = 2;

/**
 * Whether calling again could succeed. Every successful call costs the user money, so only
 * transient failures are retried, a bounded number of times with growing delays (client.ts):
 * - 301 collection failed, 302 rate limited / HTTP 429 (with longer delays), 500 server error;
 * - HTTP 500/502/503/504 without a readable envelope;
 * - a network error (at most NETWORK_MAX_ATTEMPTS attempts in all).
 * Never retried: 100 (bad key), 303 (quota), 400 (bad params), 600/601/602 (access/balance/cap) — the
 * next call fails the same way; undocumented/unknown codes (we cannot tell); bad responses; and
 * timeouts: a call that timed out may have been answered and billed on the provider's side (it
 * collects data live, slow answers are normal), so a blind retry could charge the user twice.
 */
export function isRetryable(failure: Failure): boolean {
  switch (failure.kind) {
    case 'collection-failed':
    case 'rate-limited':
    case 'server-error':
    case 'network':
      return true;
    case 'http':
      return failure.httpStatus !== undefined && RETRYABLE_HTTP.has(failure.httpStatus);
    default:
      return false;
  }
}

/** Attempts in all allowed for this failure, given the client's general limit. */
export function attemptsFor(failure: Failure, maxAttempts: number): number {
  if (!isRetryable(failure)) return 1;
  return failure.kind === 'network' ? Math.min(maxAttempts, NETWORK_MAX_ATTEMPTS) : maxAttempts;
}
