import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { API_BASES } from './api-endpoints';
import { DEFAULT_RUN_CONCURRENCY, isRunConcurrency } from './creator-lists';

export type EndpointChoice = 'global' | 'cn' | 'custom';
export const ENDPOINT_CHOICES: readonly EndpointChoice[] = ['global', 'cn', 'custom'];

/** Everything the user sets except the key (the key has its own storage item). */
export interface Settings {
  endpoint: EndpointChoice;
  /** The user's own base URL; used only when `endpoint` is 'custom'. */
  customUrl: string;
  /** How long a fetched distribution is shown without a new (paid) call. */
  cacheTtlHours: number;
  /**
   * How long one API request may take before the background gives up (each attempt). Read for
   * every call. Records saved before this setting existed load with the default.
   */
  timeoutSeconds: number;
  /**
   * Most requests a creator-list run keeps in flight at once (MIN_RUN_CONCURRENCY..MAX_RUN_CONCURRENCY,
   * utils/shared/creator-lists.ts). Records saved before this setting existed load with the default.
   */
  runConcurrency: number;
  /**
   * Most paid calls a day (Beijing time, UTC+8): when today's calls reach it, no paid call is
   * made until the next day or until the user allows one. null: no limit (the default).
   * Records saved before this setting existed load with null.
   */
  dailyCallLimit: number | null;
  /**
   * What one call costs the user (yuan), as the user enters it — the provider does not publish
   * it. Used only to show the usage as money; null: only counts (the default).
   */
  pricePerCall: number | null;
  /**
   * "Badges on list pages" (列表页标记): the content mix beside each creator on Xingtu's market
   * and search pages and Douyin's user lists (utils/page/badges/). On by default; records saved
   * before this setting existed load with true.
   */
  listBadges: boolean;
}

/** The options form: the key plus the settings. */
export interface SettingsInput extends Settings {
  apiKey: string;
}

export type SettingsField =
  | 'apiKey'
  | 'customUrl'
  | 'cacheTtlHours'
  | 'timeoutSeconds'
  | 'runConcurrency'
  | 'dailyCallLimit'
  | 'pricePerCall';
export type SettingsErrorReason = 'empty' | 'whitespace' | 'not-http-url' | 'out-of-range';
export interface SettingsError {
  field: SettingsField;
  reason: SettingsErrorReason;
}
export type SettingsValidation = { ok: true; value: SettingsInput } | { ok: false; errors: SettingsError[] };

export const MIN_CACHE_TTL_HOURS = 1;
export const MAX_CACHE_TTL_HOURS = 720;

/** The provider asks for at least 60 s (it collects data live); 5 s is for tests and impatient users. */
export const DEFAULT_TIMEOUT_SECONDS = 60;
export const MIN_TIMEOUT_SECONDS = 5;
export const MAX_TIMEOUT_SECONDS = 120;

/** The daily call limit, when set: a whole number of calls in this range. */
export const MIN_DAILY_CALL_LIMIT = 1;
export const MAX_DAILY_CALL_LIMIT = 100_000;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  endpoint: 'global',
  customUrl: '',
  cacheTtlHours: 24,
  timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
  runConcurrency: DEFAULT_RUN_CONCURRENCY,
  dailyCallLimit: null,
  pricePerCall: null,
  listBadges: true,
});

/** Raw stored settings; read them through loadSettings(), which validates. */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: { ...DEFAULT_SETTINGS },
  version: 1,
});

/** An absolute http: or https: URL (a test server at http://127.0.0.1:<port> included). */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isValidTtl(hours: number): boolean {
  return Number.isInteger(hours) && hours >= MIN_CACHE_TTL_HOURS && hours <= MAX_CACHE_TTL_HOURS;
}

function isValidTimeout(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= MIN_TIMEOUT_SECONDS && seconds <= MAX_TIMEOUT_SECONDS;
}

/** No limit (null), or a whole number of calls in MIN_DAILY_CALL_LIMIT..MAX_DAILY_CALL_LIMIT. */
export function isValidDailyCallLimit(limit: number | null): boolean {
  return limit === null || (Number.isInteger(limit) && limit >= MIN_DAILY_CALL_LIMIT && limit <= MAX_DAILY_CALL_LIMIT);
}

/** No price (null), or a finite amount ≥ 0 (e.g. 0.05). */
export function isValidPricePerCall(price: number | null): boolean {
  return price === null || (Number.isFinite(price) && price >= 0);
}

/**
 * Check the options form. The key is trimmed and must be non-empty without whitespace inside
 * (reason 'whitespace'); the custom URL is checked only when the custom endpoint is chosen (it is
 * kept, trimmed, otherwise); the cache lifetime is a whole number of hours in 1..720; the
 * request timeout a whole number of seconds in 5..120; the parallel requests of a list run a
 * whole number in 1..4; the daily call limit null or a whole number in 1..100000; the price per
 * call null or a number ≥ 0.
 */
export function validateSettingsInput(input: SettingsInput): SettingsValidation {
  const errors: SettingsError[] = [];
  const apiKey = input.apiKey.trim();
  if (apiKey === '') errors.push({ field: 'apiKey', reason: 'empty' });
  else if (/\s/.test(apiKey)) errors.push({ field: 'apiKey', reason: 'whitespace' });

  const endpoint: EndpointChoice = ENDPOINT_CHOICES.includes(input.endpoint) ? input.endpoint : 'global';
  const customUrl = input.customUrl.trim();
  if (endpoint === 'custom') {
    if (customUrl === '') errors.push({ field: 'customUrl', reason: 'empty' });
    else if (!isHttpUrl(customUrl)) errors.push({ field: 'customUrl', reason: 'not-http-url' });
  }

  const cacheTtlHours = input.cacheTtlHours;
  if (!isValidTtl(cacheTtlHours)) errors.push({ field: 'cacheTtlHours', reason: 'out-of-range' });

  const timeoutSeconds = input.timeoutSeconds;
  if (!isValidTimeout(timeoutSeconds)) errors.push({ field: 'timeoutSeconds', reason: 'out-of-range' });

  const runConcurrency = input.runConcurrency;
  if (!isRunConcurrency(runConcurrency)) errors.push({ field: 'runConcurrency', reason: 'out-of-range' });

  const { dailyCallLimit, pricePerCall } = input;
  if (!isValidDailyCallLimit(dailyCallLimit)) errors.push({ field: 'dailyCallLimit', reason: 'out-of-range' });
  if (!isValidPricePerCall(pricePerCall)) errors.push({ field: 'pricePerCall', reason: 'out-of-range' });

  return errors.length > 0
    ? { ok: false, errors }
    : {
        ok: true,
        value: {
          apiKey,
          endpoint,
          customUrl,
          cacheTtlHours,
          timeoutSeconds,
          runConcurrency,
          dailyCallLimit,
          pricePerCall,
          listBadges: input.listBadges !== false,
        },
      };
}

/** The base URL calls go to. */
export function resolveBaseUrl(settings: Settings): string {
  switch (settings.endpoint) {
    case 'cn':
      return API_BASES.cn;
    case 'custom':
      return settings.customUrl.trim();
    default:
      return API_BASES.global;
  }
}

const TimeoutSchema = v.pipe(v.number(), v.check(isValidTimeout));
const RunConcurrencySchema = v.pipe(v.number(), v.check((n: number) => isRunConcurrency(n)));
const DailyCallLimitSchema = v.nullable(v.pipe(v.number(), v.check((n: number) => isValidDailyCallLimit(n))));
const PricePerCallSchema = v.nullable(v.pipe(v.number(), v.check((n: number) => isValidPricePerCall(n))));

const StoredSettingsSchema = v.object({
  endpoint: v.picklist(ENDPOINT_CHOICES),
  customUrl: v.string(),
  cacheTtlHours: v.pipe(v.number(), v.check(isValidTtl)),
  // Added after the first release: a record without it (or with an unusable one) keeps its
  // other fields and gets the default timeout.
  timeoutSeconds: v.fallback(v.optional(TimeoutSchema, DEFAULT_TIMEOUT_SECONDS), DEFAULT_TIMEOUT_SECONDS),
  // Added with creator lists: likewise, a record without it gets the default.
  runConcurrency: v.fallback(v.optional(RunConcurrencySchema, DEFAULT_RUN_CONCURRENCY), DEFAULT_RUN_CONCURRENCY),
  // Added with the usage log: a record without them (or with unusable ones) has no limit and no price.
  dailyCallLimit: v.fallback(v.optional(DailyCallLimitSchema, null), null),
  pricePerCall: v.fallback(v.optional(PricePerCallSchema, null), null),
  // Added with the list page badges: on unless the user turned them off.
  listBadges: v.fallback(v.optional(v.boolean(), true), true),
});

/** What saveSettings accepts: every field, those added later included. */
const SettingsToSaveSchema = v.object({
  ...StoredSettingsSchema.entries,
  timeoutSeconds: TimeoutSchema,
  runConcurrency: RunConcurrencySchema,
  dailyCallLimit: DailyCallLimitSchema,
  pricePerCall: PricePerCallSchema,
  listBadges: v.boolean(),
});

/**
 * Validate what storage holds. A record that does not match (wrong types, unknown endpoint,
 * TTL out of range, custom endpoint without a usable URL — e.g. written by a future or broken
 * version) gives the defaults, so the key is never sent to an endpoint the user did not choose.
 * A missing or unusable `timeoutSeconds`, `runConcurrency`, `dailyCallLimit`, `pricePerCall` or `listBadges`
 * alone (older records have none) is that field's default.
 */
export function parseStoredSettings(raw: unknown): Settings {
  const parsed = v.safeParse(StoredSettingsSchema, raw);
  if (!parsed.success) return { ...DEFAULT_SETTINGS };
  const { endpoint, customUrl, cacheTtlHours, timeoutSeconds, runConcurrency, dailyCallLimit, pricePerCall, listBadges } = parsed.output;
  if (endpoint === 'custom' && !isHttpUrl(customUrl.trim())) return { ...DEFAULT_SETTINGS };
  return { endpoint, customUrl, cacheTtlHours, timeoutSeconds, runConcurrency, dailyCallLimit, pricePerCall, listBadges };
}

export async function loadSettings(): Promise<Settings> {
  const raw: unknown = await settingsItem.getValue();
  return parseStoredSettings(raw);
}

/** Store the settings (without the key: write that through apiKeyItem, utils/key/api-key.ts). Refuses invalid settings. */
export async function saveSettings(settings: Settings): Promise<void> {
  const parsed = v.safeParse(SettingsToSaveSchema, settings);
  if (!parsed.success || (settings.endpoint === 'custom' && !isHttpUrl(settings.customUrl.trim()))) {
    throw new Error('saveSettings: invalid settings');
  }
  await settingsItem.setValue({
    endpoint: settings.endpoint,
    customUrl: settings.customUrl.trim(),
    cacheTtlHours: settings.cacheTtlHours,
    timeoutSeconds: settings.timeoutSeconds,
    runConcurrency: settings.runConcurrency,
    dailyCallLimit: settings.dailyCallLimit,
    pricePerCall: settings.pricePerCall,
    listBadges: settings.listBadges,
  });
}
