import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { O_AUTHOR_ID } from './page-detect';
import { PLATFORMS, type Platform } from './platform';

/**
 * The local log of paid calls (用量): one entry per request the background sent to a data
 * endpoint (each retry attempt is a request). Written by the background only; the options page
 * reads it for the Usage section and its CSV export. Never holds the key.
 */

/** Which paid endpoint. */
export type UsageEndpoint = 'distribution' | 'search';
/** Which view asked (the list page's runs are 'list'). */
export type UsageVia = 'panel' | 'popup' | 'list' | 'options' | 'badge';

export interface UsageEntry {
  /** When the request was sent (ms since epoch). */
  at: number;
  endpoint: UsageEndpoint;
  /** The creator (distribution calls). */
  oAuthorId: string | null;
  /** The search keyword (search calls), shortened. */
  keyword: string | null;
  platform: Platform | null;
  /** The answer's business code; null when there was none (network error, timeout, HTTP without an envelope). */
  code: number | null;
  via: UsageVia;
}

/** Bounds: entries older than this many days, or beyond this many entries, are dropped (oldest first). */
export const USAGE_MAX_DAYS = 90;
export const USAGE_MAX_ENTRIES = 20_000;
export const USAGE_KEYWORD_MAX = 100;

export const usageLogItem = storage.defineItem<UsageEntry[]>('local:usageLog', { fallback: [], version: 1 });

const EntrySchema = v.object({
  at: v.number(),
  endpoint: v.picklist(['distribution', 'search']),
  oAuthorId: v.nullable(v.pipe(v.string(), v.regex(O_AUTHOR_ID))),
  keyword: v.nullable(v.pipe(v.string(), v.maxLength(USAGE_KEYWORD_MAX))),
  platform: v.nullable(v.picklist(PLATFORMS)),
  code: v.nullable(v.number()),
  via: v.picklist(['panel', 'popup', 'list', 'options', 'badge']),
});

/** The stored log, validated entry by entry (an unreadable entry is left out), oldest first. */
export function parseUsageLog(raw: unknown): UsageEntry[] {
  if (!Array.isArray(raw)) return [];
  const out: UsageEntry[] = [];
  for (const item of raw) {
    const parsed = v.safeParse(EntrySchema, item);
    if (parsed.success) out.push(parsed.output);
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The account balance as the provider reported it, or why it is not known. */
export type BalanceInfo =
  | { state: 'known'; /** decimal string as sent, e.g. "123.4500" */ amount: string; currency: string; fetchedAt: number }
  | { state: 'unknown'; reason: 'no-key' | 'not-supported' | 'failed'; fetchedAt: number };
