import { parseJsonKeepingDigits } from '../../shared/json-digits';
import { isDouyinUid, isSecUid } from '../../shared/douyin-page-url';

/** What a Douyin creator page tells about its owner. Ids are strings, never numbers. */
export interface DouyinProfile {
  /** Douyin uid (decimal string, up to 19 digits) = Xingtu's `core_user_id`. */
  uid: string | null;
  /** sec_uid (`MS4wLjABAAAA…`). */
  secUid: string | null;
  nickname: string | null;
  /** The 抖音号: `uniqueId`, or `shortId` when the account has no custom one. */
  uniqueId: string | null;
  source: 'render-data' | 'pace-f' | 'header';
}

/**
 * Who the page should be about, from its URL. `secUid` / `uid`: the ids in the URL (null when
 * the URL has none); `self`: the /user/self page, whose owner is the signed-in viewer.
 */
export interface DouyinExpected {
  secUid: string | null;
  self: boolean;
  uid?: string | null;
}

export type DouyinProfileSource = DouyinProfile['source'];

/** Parse JSON text without losing digits (see utils/shared/json-digits.ts). */
export { parseJsonKeepingDigits };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `obj.a.b.c`, or undefined when any step is not a plain object. */
export function pathIn(value: unknown, path: readonly string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (!isRecord(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** Turns a raw string value into clean text; null for values to ignore. */
export type StringDecoder = (raw: string) => string | null;

const plainString: StringDecoder = (raw) => raw;

/** Text of a string field (trimmed, whitespace collapsed), or null when missing/blank. */
function text(value: unknown, decode: StringDecoder): string | null {
  if (typeof value !== 'string') return null;
  const decoded = decode(value);
  if (decoded === null) return null;
  const clean = decoded.replace(/\s+/g, ' ').trim();
  return clean === '' ? null : clean;
}

/** An id that may be a string or a JSON number (kept as its digits). */
function idText(value: unknown, decode: StringDecoder): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  return text(value, decode);
}

function first(obj: Record<string, unknown>, keys: readonly string[], read: (v: unknown) => string | null): string | null {
  for (const key of keys) {
    const value = read(obj[key]);
    if (value !== null) return value;
  }
  return null;
}

/**
 * A profile from one of the app's user objects (camelCase as in RENDER_DATA, or snake_case as
 * in the streamed data). Null unless it has a nickname and a valid uid or sec_uid.
 * A `shortId` of 0 means "none". Invalid ids are dropped, not guessed.
 */
export function profileFromUserObject(
  value: unknown,
  source: DouyinProfileSource,
  decode: StringDecoder = plainString,
): DouyinProfile | null {
  if (!isRecord(value)) return null;
  const uidRaw = first(value, ['uid'], (v) => idText(v, decode));
  const secRaw = first(value, ['secUid', 'sec_uid'], (v) => text(v, decode));
  const uid = uidRaw !== null && isDouyinUid(uidRaw) ? uidRaw : null;
  const secUid = secRaw !== null && isSecUid(secRaw) ? secRaw : null;
  const nickname = first(value, ['nickname'], (v) => text(v, decode));
  if ((uid === null && secUid === null) || nickname === null) return null;
  let uniqueId = first(value, ['uniqueId', 'unique_id'], (v) => text(v, decode));
  if (uniqueId === null) {
    const shortId = first(value, ['shortId', 'short_id'], (v) => idText(v, decode));
    uniqueId = shortId !== null && shortId !== '0' ? shortId : null;
  }
  return { uid, secUid, nickname, uniqueId, source };
}

/** Both profiles name the same account (same uid or same sec_uid). */
export function sameAccount(a: Pick<DouyinProfile, 'uid' | 'secUid'>, b: Pick<DouyinProfile, 'uid' | 'secUid'>): boolean {
  return (a.uid !== null && a.uid === b.uid) || (a.secUid !== null && a.secUid === b.secUid);
}

/** The profile carries an id that differs from one in the URL: it is about someone else. */
export function contradicts(profile: DouyinProfile, expected: DouyinExpected): boolean {
  const uid = expected.uid ?? null;
  return (
    (expected.secUid !== null && profile.secUid !== null && profile.secUid !== expected.secUid) ||
    (uid !== null && profile.uid !== null && profile.uid !== uid)
  );
}

/** The profile carries an id equal to one in the URL (and none that differs). */
export function confirms(profile: DouyinProfile, expected: DouyinExpected): boolean {
  if (contradicts(profile, expected)) return false;
  const uid = expected.uid ?? null;
  return (expected.secUid !== null && profile.secUid === expected.secUid) || (uid !== null && profile.uid === uid);
}

/** The URL names an account (so data must agree with it). */
export function hasExpectedId(expected: DouyinExpected): boolean {
  return expected.secUid !== null || (expected.uid ?? null) !== null;
}

/** `primary` with its missing fields filled from `other` (only when both are the same account). */
export function mergeProfiles(primary: DouyinProfile, other: DouyinProfile): DouyinProfile {
  if (!sameAccount(primary, other)) return primary;
  return {
    uid: primary.uid ?? other.uid,
    secUid: primary.secUid ?? other.secUid,
    nickname: primary.nickname ?? other.nickname,
    uniqueId: primary.uniqueId ?? other.uniqueId,
    source: primary.source,
  };
}
