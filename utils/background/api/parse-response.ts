import { parseJsonKeepingDigits } from '../../shared/json-digits';
import * as v from 'valibot';
import { normalizeRows, type RawCategory } from '../../shared/distribution';
import { parseSearchResponse, type SearchError, type SearchPage } from './parse-search';
import type { CategoryRow, Failure, Result } from '../../shared/types';
import { failureKindForCode, RATE_LIMIT_HTTP_STATUS } from './codes';

/** Longest `detail` kept from a server message (the panel shows it as plain text). */
export const MAX_DETAIL_LENGTH = 200;

/**
 * Parse an answer without losing digits (19-digit ids stay exact strings) and tolerating bare
 * NaN/Infinity (read as null). Throws a SyntaxError on invalid JSON.
 */
export function parseJsonLossless(text: string): unknown {
  return parseJsonKeepingDigits(text, { nonFiniteAsNull: true });
}

/** Collapse whitespace, drop control characters, cut to MAX_DETAIL_LENGTH. Empty → undefined. */
export function shortenDetail(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (clean === '') return undefined;
  const chars = Array.from(clean); // never cut a surrogate pair in half
  return chars.length <= MAX_DETAIL_LENGTH ? clean : `${chars.slice(0, MAX_DETAIL_LENGTH - 1).join('')}…`;
}

const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A JSON number, or a string holding one ("12", " 0.5 ") — converted. */
const Numberish = v.union([
  v.number(),
  v.pipe(v.string(), v.trim(), v.regex(NUMERIC_TEXT), v.transform(Number)),
]);

/** An integer code, tolerating the integer written as a string. */
const Code = v.pipe(Numberish, v.integer());

/** The envelope every endpoint answers with (api.md): `code` decides. */
export const EnvelopeSchema = v.looseObject({
  code: Code,
  message: v.optional(v.unknown()),
  data: v.optional(v.unknown()),
});

const BaseRespSchema = v.looseObject({
  status_code: v.optional(v.nullable(Code)),
  status_message: v.optional(v.unknown()),
});

const DistributionDataSchema = v.looseObject({
  base_resp: v.optional(v.nullable(v.unknown())),
  // Checked after base_resp: an upstream refusal often comes without the list.
  video_content_distribution: v.optional(v.unknown()),
});

/**
 * One category of the list. `name` must be text (a number is turned into text); a row without a
 * usable name (missing, null, object, blank) is skipped — a nameless slice would mean nothing to
 * the reader. `cnt`: number or numeric string; anything else, negative or not finite counts 0.
 * `proportion`: number or numeric string is kept, anything else is dropped and normalizeRows
 * falls back to count / total (it also rejects values outside 0..1).
 */
const CategorySchema = v.pipe(
  v.looseObject({
    name: v.union([
      v.pipe(v.string(), v.trim(), v.nonEmpty()),
      v.pipe(v.number(), v.finite(), v.transform(String)),
    ]),
    cnt: v.optional(v.unknown()),
    proportion: v.optional(v.unknown()),
  }),
  v.transform((raw): RawCategory => {
    const cnt = v.safeParse(Numberish, raw.cnt);
    const proportion = v.safeParse(Numberish, raw.proportion);
    const count = cnt.success && Number.isFinite(cnt.output) && cnt.output > 0 ? cnt.output : 0;
    return proportion.success ? { name: raw.name, cnt: count, proportion: proportion.output } : { name: raw.name, cnt: count };
  }),
);

function isHttpOk(status: number): boolean {
  return status >= 200 && status < 300;
}

function fail(failure: Failure): { ok: false; error: Failure } {
  return { ok: false, error: failure };
}

/**
 * An answer without a readable envelope: 'bad-response' for a 2xx status, 'rate-limited' for
 * HTTP 429 (codes.ts RATE_LIMIT_HTTP_STATUS), else 'http'.
 */
export function unreadableFailure(httpStatus: number): Failure {
  if (isHttpOk(httpStatus)) return httpStatus === 200 ? { kind: 'bad-response' } : { kind: 'bad-response', httpStatus };
  if (httpStatus === RATE_LIMIT_HTTP_STATUS) return { kind: 'rate-limited', httpStatus };
  return { kind: 'http', httpStatus };
}

/**
 * Read one answer of the distribution endpoint. The envelope's `code` decides, never the HTTP
 * status alone: HTTP 401 + code 100 is an invalid token. Without a readable envelope a non-2xx
 * status gives 'http' (429: 'rate-limited'), a 2xx status 'bad-response'. `httpStatus` is recorded whenever it is not 200.
 */
export function parseDistributionResponse(httpStatus: number, bodyText: string): Result<CategoryRow[]> {
  const status = httpStatus === 200 ? {} : { httpStatus };
  const unreadable = (): { ok: false; error: Failure } => fail(unreadableFailure(httpStatus));

  let json: unknown;
  try {
    json = parseJsonLossless(bodyText);
  } catch {
    return unreadable();
  }
  const envelope = v.safeParse(EnvelopeSchema, json);
  if (!envelope.success) return unreadable();
  const { code, message, data } = envelope.output;

  if (code !== 0) {
    const detail = shortenDetail(message);
    return fail({ kind: failureKindForCode(code), code, ...status, ...(detail ? { detail } : {}) });
  }

  const parsed = v.safeParse(DistributionDataSchema, data);
  if (!parsed.success) return fail({ kind: 'bad-response', code, ...status });

  // base_resp is Xingtu's own status; missing or unreadable is taken as "no complaint".
  const baseResp = v.safeParse(BaseRespSchema, parsed.output.base_resp);
  if (baseResp.success) {
    const statusCode = baseResp.output.status_code;
    if (statusCode !== undefined && statusCode !== null && statusCode !== 0) {
      const detail = shortenDetail(baseResp.output.status_message);
      return fail({ kind: 'upstream', code: statusCode, ...status, ...(detail ? { detail } : {}) });
    }
  }

  const list = parsed.output.video_content_distribution;
  if (!Array.isArray(list)) return fail({ kind: 'bad-response', code, ...status });
  const raw: RawCategory[] = [];
  for (const item of list) {
    const row = v.safeParse(CategorySchema, item);
    if (row.success) raw.push(row.output);
  }
  // A non-empty list of which no row could be read is a shape we do not understand, not
  // "this creator has no videos".
  if (list.length > 0 && raw.length === 0) return fail({ kind: 'bad-response', code, ...status });
  return { ok: true, value: normalizeRows(raw) };
}

/**
 * A Creator Search error as the Failure every caller knows: an envelope code → its kind
 * (failureKindForCode: 100 'invalid-token', 301 'collection-failed', …); Xingtu's refusal →
 * 'upstream'; an HTTP error without an envelope → 'http'; anything unreadable → 'bad-response'.
 * `httpStatus` is recorded whenever it is not 200, as for the distribution.
 */
export function searchFailure(error: SearchError, httpStatus: number): Failure {
  const status = httpStatus === 200 ? {} : { httpStatus };
  switch (error.kind) {
    case 'envelope':
    case 'upstream': {
      const detail = shortenDetail(error.message);
      const kind = error.kind === 'envelope' ? failureKindForCode(error.code) : 'upstream';
      return { kind, code: error.code, ...status, ...(detail ? { detail } : {}) };
    }
    case 'http':
      return unreadableFailure(error.status);
    default:
      return { kind: 'bad-response', ...status };
  }
}

/** Read one answer of the Creator Search endpoint (see parseSearchResponse) as a Result. */
export function parseSearchAnswer(httpStatus: number, bodyText: string): Result<SearchPage> {
  const parsed = parseSearchResponse(httpStatus, bodyText);
  return parsed.ok ? parsed : fail(searchFailure(parsed.error, httpStatus));
}
