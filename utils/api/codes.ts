import type { Failure, FailureKind } from '../types';

/** Business codes listed in the OpenAPI enum without any description (api.md). */
const UNDOCUMENTED_CODES: ReadonlySet<number> = new Set([101, 202, 300, 404, 503, 602]);

const DOCUMENTED: ReadonlyMap<number, FailureKind> = new Map<number, FailureKind>([
  [100, 'invalid-token'],
  [301, 'collection-failed'],
  [302, 'rate-limited'],
  [303, 'quota-exceeded'],
  [400, 'invalid-params'],
  [500, 'server-error'],
  [600, 'permission-denied'],
  [601, 'insufficient-balance'],
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
 * Whether calling again could succeed. Every successful call costs the user money, so only
 * transient failures are retried:
 * - 301 collection failed, 302 rate limited (with longer delays), 500 server error;
 * - HTTP 500/502/503/504 without a readable envelope.
 * Never retried: 100 (bad key), 303 (quota), 400 (bad params), 600/601 (access/balance) — the
 * next call fails the same way; undocumented/unknown codes (we cannot tell); bad responses; and
 * timeouts: a call that timed out may have been answered and billed on the provider's side (it
 * collects data live, slow answers are normal), so a blind retry could charge the user twice.
 */
export function isRetryable(failure: Failure): boolean {
  switch (failure.kind) {
    case 'collection-failed':
    case 'rate-limited':
    case 'server-error':
      return true;
    case 'http':
      return failure.httpStatus !== undefined && RETRYABLE_HTTP.has(failure.httpStatus);
    default:
      return false;
  }
}
