/**
 * The client's limits, in a module of their own so the views can size their wait on the
 * background (utils/views/view-bridge.ts) without bundling the client.
 */

/** Per attempt when no timeout is given (the settings' default is the same 60 s). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Attempts in all for a retryable failure (a network error gets at most 2: codes.ts). */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** 1 s, then 2 s (rate limiting: twice as long); the last value repeats. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [1000, 2000];
/** Rate limiting (302 / HTTP 429) waits this many times longer than other retryable failures. */
export const RATE_LIMIT_BACKOFF_FACTOR = 2;
