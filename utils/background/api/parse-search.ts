import { parseJsonKeepingDigits } from '../../shared/json-digits';
import { isDouyinUid } from '../../shared/douyin-page-url';
import { isOAuthorId } from '../../shared/page-detect';
import type { XingtuAuthor } from '../../shared/xingtu-author';

export interface SearchPage {
  authors: XingtuAuthor[];
  /** `pagination.has_more`; false when missing. */
  hasMore: boolean;
}

/**
 * Why a search answer is not usable. Mapping to user-facing failures is left to the caller.
 * - `envelope`: the API's `code` is not 0 (any HTTP status); `message` is the envelope's.
 * - `upstream`: `code` is 0 but `data.base_resp.status_code` is not (Xingtu refused).
 * - `http`: an HTTP error status without a readable envelope.
 * - `bad-response`: a 2xx answer whose shape cannot be read (not JSON, no `code`, no `data`,
 *   an author list that is not a list).
 * `message` is the server's text, trimmed (null when absent); plain text, not shortened.
 */
export type SearchError =
  | { kind: 'envelope'; code: number; message: string | null }
  | { kind: 'upstream'; code: number; message: string | null }
  | { kind: 'http'; status: number }
  | { kind: 'bad-response' };

export type SearchResult = { ok: true; value: SearchPage } | { ok: false; error: SearchError };

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON.parse that keeps every digit: unsafe numbers (19-digit ids) stay strings. */
function parseLossless(text: string): unknown {
  return parseJsonKeepingDigits(text);
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A number, or a string holding one; anything else → null. */
function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || !NUMERIC.test(value.trim())) return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

function toInteger(value: unknown): number | null {
  const n = toNumber(value);
  return n !== null && Number.isInteger(n) ? n : null;
}

/** An id as its decimal digits (a JSON number that survived parsing, or a string). */
function toIdText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  return typeof value === 'string' ? value.trim() : null;
}

function toText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

function toAvatarUrl(value: unknown): string | null {
  const text = toText(value);
  if (text === null) return null;
  try {
    const url = new URL(text.startsWith('//') ? `https:${text}` : text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === 'true' || value === '1';
}

/** `attribute_datas`: an object, or (tolerated) a JSON string holding one. */
function attributesOf(author: Json): Json {
  const raw = author.attribute_datas;
  if (isRecord(raw)) return raw;
  if (typeof raw === 'string') {
    try {
      const parsed = parseLossless(raw);
      if (isRecord(parsed)) return parsed;
    } catch {
      // not JSON
    }
  }
  return {};
}

/** A field from `attribute_datas`, else from the author itself. */
function field(attributes: Json, author: Json, key: string): unknown {
  return attributes[key] ?? author[key];
}

function readAuthor(value: unknown): XingtuAuthor | null {
  if (!isRecord(value)) return null;
  const attributes = attributesOf(value);
  const id = [attributes.id, value.star_id, value.id].map(toIdText).find((text) => text !== null && isOAuthorId(text));
  if (id === undefined || id === null) return null;
  const uid = toIdText(field(attributes, value, 'core_user_id'));
  const followers = toNumber(field(attributes, value, 'follower'));
  return {
    oAuthorId: id,
    douyinUid: uid !== null && isDouyinUid(uid) ? uid : null,
    nickname: toText(field(attributes, value, 'nick_name')) ?? toText(field(attributes, value, 'nickname')) ?? '',
    followers: followers !== null && followers >= 0 ? followers : null,
    avatarUrl: toAvatarUrl(field(attributes, value, 'avatar_uri')),
    city: toText(field(attributes, value, 'city')),
  };
}

const LIST_KEYS = ['authors', 'list', 'author_list', 'items', 'data'];

function looksLikeAuthor(value: unknown): boolean {
  return isRecord(value) && ('attribute_datas' in value || 'star_id' in value);
}

/**
 * The author list: `authors` (or another known key) of `data` or of `data.data`, else any list
 * of author-like objects there. `[]` when the answer is recognisably a search answer without a
 * list (base_resp / pagination only, or `authors: null`); undefined when no list can be found.
 */
function findAuthorList(containers: readonly Json[]): unknown[] | undefined {
  for (const container of containers) {
    for (const key of LIST_KEYS) {
      const value = container[key];
      if (Array.isArray(value)) return value;
    }
  }
  for (const container of containers) {
    for (const value of Object.values(container)) {
      if (Array.isArray(value) && value.some(looksLikeAuthor)) return value;
    }
  }
  for (const container of containers) {
    const authors = container.authors;
    if (authors !== undefined && authors !== null) return undefined; // present but not a list
  }
  for (const container of containers) {
    if ('authors' in container || 'base_resp' in container || 'pagination' in container) return [];
  }
  return undefined;
}

function fail(error: SearchError): SearchResult {
  return { ok: false, error };
}

/**
 * Read a Creator Search answer (`search_for_author_square`). Never throws. Business success is
 * decided by the envelope's `code`, not by the HTTP status; a non-2xx answer without an envelope
 * is an `http` error. Authors without a valid id are skipped; duplicates (same oAuthorId) are
 * kept once. The order of the answer is kept (callers must not pick by position).
 */
export function parseSearchResponse(httpStatus: number, bodyText: string): SearchResult {
  const httpOk = httpStatus >= 200 && httpStatus < 300;
  const unreadable = (): SearchResult => fail(httpOk ? { kind: 'bad-response' } : { kind: 'http', status: httpStatus });

  let body: unknown;
  try {
    body = parseLossless(bodyText);
  } catch {
    return unreadable();
  }
  if (!isRecord(body)) return unreadable();
  const code = toInteger(body.code);
  if (code === null) return unreadable();
  if (code !== 0) return fail({ kind: 'envelope', code, message: toText(body.message) });

  const data = body.data;
  if (!isRecord(data)) return fail({ kind: 'bad-response' });
  const containers = isRecord(data.data) ? [data, data.data] : [data];

  for (const container of containers) {
    const baseResp = container.base_resp;
    if (!isRecord(baseResp)) continue;
    const status = toInteger(baseResp.status_code);
    if (status !== null && status !== 0) {
      return fail({ kind: 'upstream', code: status, message: toText(baseResp.status_message) });
    }
  }

  const list = findAuthorList(containers);
  if (list === undefined) return fail({ kind: 'bad-response' });
  if (list.length > 0 && !list.some(isRecord)) return fail({ kind: 'bad-response' });

  const authors: XingtuAuthor[] = [];
  const seen = new Set<string>();
  for (const item of list) {
    const author = readAuthor(item);
    if (author && !seen.has(author.oAuthorId)) {
      seen.add(author.oAuthorId);
      authors.push(author);
    }
  }

  const pagination = containers.map((c) => c.pagination).find(isRecord);
  return { ok: true, value: { authors, hasMore: toBoolean(pagination?.has_more) } };
}
