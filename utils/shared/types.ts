import type { Platform } from './platform';

/** One row of a creator's content distribution, normalised for display. */
export interface CategoryRow {
  /** Category label as the API sent it (usually Chinese, e.g. 美食). Plain text, never markup. */
  name: string;
  /** Number of videos in this category (non-negative integer). */
  count: number;
  /** Share 0..1: the API's `proportion`, or count / total when that is missing or not a number. */
  share: number;
}

export interface Distribution {
  oAuthorId: string;
  platform: Platform;
  /** Ordered by count, largest first. Empty = the creator has nothing on this platform. */
  rows: CategoryRow[];
  /** When the API answered (ms since epoch). */
  fetchedAt: number;
  /** True when this answer came from the cache and no call was made. */
  fromCache: boolean;
}

/** Why a request failed. Every business code of api.md has its own kind. */
export type FailureKind =
  | 'no-key' // no API key saved yet
  | 'invalid-token' // code 100
  | 'collection-failed' // code 301
  | 'rate-limited' // code 302
  | 'quota-exceeded' // code 303
  | 'invalid-params' // code 400
  | 'server-error' // code 500
  | 'permission-denied' // code 600
  | 'insufficient-balance' // code 601
  | 'spending-cap' // code 602: the key's spending cap is reached (stop calling with that key, like 601)
  | 'daily-cap' // no call: the user's own daily call limit is reached (settings); blockedUntil = next 00:00 UTC+8
  | 'undocumented-code' // 101, 202, 300, 404, 503 (listed without a description)
  | 'unknown-code' // any other non-zero code
  | 'upstream' // code 0 but data.base_resp.status_code != 0
  | 'http' // HTTP error without a readable envelope
  | 'network' // fetch failed (offline, DNS, connection closed, CORS)
  | 'timeout' // no answer within the timeout
  | 'bad-response' // an answer whose shape cannot be read
  | 'bad-input'; // the request itself was malformed (e.g. not an oAuthorId)

export interface Failure {
  kind: FailureKind;
  /** Business `code` from the envelope, when there was one. */
  code?: number;
  /** HTTP status, when not 200. */
  httpStatus?: number;
  /** Server's message / status_message, shortened; plain text. Never contains the API key. */
  detail?: string;
  /** The creator id the request was for (shown for 400). */
  oAuthorId?: string;
  /**
   * Set when no call was made because an earlier answer blocks calls with this key (see
   * utils/background/api/call-guard.ts): until this time (ms since epoch; 302 cool-down, 303 next day in
   * Asia/Shanghai), or 'key-change' (601: until another key is saved or the user presses Refresh).
   */
  blockedUntil?: number | 'key-change';
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };
