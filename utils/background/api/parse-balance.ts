import * as v from 'valibot';
import type { Failure, Result } from '../../shared/types';
import { failureKindForCode, isRetryable } from './codes';
import { EnvelopeSchema, parseJsonLossless, shortenDetail, unreadableFailure } from './parse-response';

/**
 * The account balance endpoint's answer (api.md §4): `{code: 0, data: {balance: "123.4500",
 * currency: "CNY"}}`. A user's own proxy may not forward this path, so everything that is not
 * clearly a balance or clearly a failure of the provider is "not supported" — never a broken key.
 */
export type BalanceAnswer = { state: 'known'; amount: string; currency: string } | { state: 'not-supported' };

/** A decimal as the provider writes it: digits, an optional fraction, an optional minus (an overdrawn account). */
const DECIMAL = /^-?\d{1,18}(\.\d{1,12})?$/;
/** A currency code such as CNY. */
const CURRENCY = /^[A-Za-z]{3}$/;
/** The provider's accounts are in yuan. */
export const DEFAULT_CURRENCY = 'CNY';

const NOT_SUPPORTED: { ok: true; value: BalanceAnswer } = { ok: true, value: { state: 'not-supported' } };

/** A balance sent as a decimal string (kept as written, trimmed) or a JSON number (written out as a decimal). */
function decimalText(raw: unknown): string | null {
  if (typeof raw === 'string') {
    const text = raw.trim();
    return DECIMAL.test(text) ? text : null;
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return null;
  const text = String(raw);
  if (DECIMAL.test(text)) return text;
  // Exponent notation (1e-7, 1e+21): a fixed number of decimals, when that is still a decimal.
  const fixed = raw.toFixed(6);
  return DECIMAL.test(fixed) ? fixed : null;
}

const BalanceDataSchema = v.looseObject({
  balance: v.unknown(),
  currency: v.optional(v.nullable(v.unknown())),
});

function readBalance(data: unknown): Result<BalanceAnswer> {
  const parsed = v.safeParse(BalanceDataSchema, data);
  if (!parsed.success) return NOT_SUPPORTED;
  const amount = decimalText(parsed.output.balance);
  if (amount === null) return NOT_SUPPORTED;
  const { currency } = parsed.output;
  if (currency === undefined || currency === null || currency === '') {
    return { ok: true, value: { state: 'known', amount, currency: DEFAULT_CURRENCY } };
  }
  if (typeof currency !== 'string' || !CURRENCY.test(currency.trim())) return NOT_SUPPORTED;
  return { ok: true, value: { state: 'known', amount, currency: currency.trim().toUpperCase() } };
}

/**
 * Read one answer of the balance endpoint:
 * - code 0 with `data.balance` a decimal string or a number → the balance, kept as a decimal
 *   string ("123.4500" stays so);
 * - code 100 → 'invalid-token' (the key is wrong here too);
 * - a failure worth trying again later — HTTP 5xx or 429 without an envelope, codes 301, 302,
 *   500 — → that failure (the balance is unknown for now);
 * - anything else (HTTP 404, an HTML page, not JSON, another code, code 0 without a readable
 *   balance) → 'not-supported': the endpoint does not answer it (e.g. a proxy that does not
 *   forward the path).
 */
export function parseBalanceResponse(httpStatus: number, bodyText: string): Result<BalanceAnswer> {
  const status = httpStatus === 200 ? {} : { httpStatus };
  let json: unknown;
  try {
    json = parseJsonLossless(bodyText);
  } catch {
    json = undefined;
  }
  const envelope = v.safeParse(EnvelopeSchema, json);
  if (!envelope.success) {
    const failure = unreadableFailure(httpStatus);
    return isRetryable(failure) ? { ok: false, error: failure } : NOT_SUPPORTED;
  }
  const { code, message, data } = envelope.output;
  if (code === 0) return readBalance(data);
  const detail = shortenDetail(message);
  const failure: Failure = { kind: failureKindForCode(code), code, ...status, ...(detail ? { detail } : {}) };
  return failure.kind === 'invalid-token' || isRetryable(failure) ? { ok: false, error: failure } : NOT_SUPPORTED;
}
