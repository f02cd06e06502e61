import {
  confirms,
  hasExpectedId,
  mergeProfiles,
  parseJsonKeepingDigits,
  profileFromUserObject,
  sameAccount,
  type DouyinExpected,
  type DouyinProfile,
  type StringDecoder,
} from './profile';

/*
 * Newer Douyin builds stream their data through inline scripts
 * `self.__pace_f.push([1, "<React Server Components text>"])`. The text is rows such as
 * `3:["$","$L1",null,{…,"user":{"uid":"…","sec_uid":"…","nickname":"…"}}]`, split at arbitrary
 * points across pushes. We do not interpret the RSC protocol: we scan the joined text for JSON
 * objects that have a `nickname` key and a `uid` / `sec_uid` / `secUid` key, and parse just those.
 */

/** The start of a `[1, "…"]` push (also `(self.__pace_f=self.__pace_f||[]).push(…)`). */
const PUSH_START = /__pace_f(?:\s*\|\|\s*\[\s*\])?\s*\)?\s*\.push\(\s*\[\s*1\s*,\s*(?=")/g;

/** Index just past the closing quote of the JSON string literal starting at `start`, or -1. */
function endOfStringLiteral(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
    else if (c === '\n') return -1;
  }
  return -1;
}

/** The `[1, "…"]` payloads of one inline script's text, decoded, in order. */
export function paceFPayloadsFromScript(scriptText: string): string[] {
  const payloads: string[] = [];
  for (const match of scriptText.matchAll(PUSH_START)) {
    const start = match.index + match[0].length;
    const end = endOfStringLiteral(scriptText, start);
    if (end < 0) continue;
    try {
      const value: unknown = JSON.parse(scriptText.slice(start, end));
      if (typeof value === 'string') payloads.push(value);
    } catch {
      // not a JSON string literal (e.g. a JS-only escape): skip it
    }
  }
  return payloads;
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/**
 * The `[1, "…"]` payloads of the inline `<script>`s of an HTML text (scripts with `src` are
 * skipped). Given text without any `<script` tag, it is read as one script's text.
 */
export function extractPaceFPayloads(html: string): string[] {
  if (!/<script\b/i.test(html)) return paceFPayloadsFromScript(html);
  const payloads: string[] = [];
  for (const match of html.matchAll(SCRIPT)) {
    const attributes = match[1] ?? '';
    if (/\ssrc\s*=/i.test(` ${attributes}`)) continue;
    payloads.push(...paceFPayloadsFromScript(match[2] ?? ''));
  }
  return payloads;
}

/** RSC string values: "$undefined" and references ("$L1", "$@2"…) mean no value; "$$x" is "$x". */
const rscString: StringDecoder = (raw) => {
  if (!raw.startsWith('$')) return raw;
  return raw.startsWith('$$') ? raw.slice(1) : null;
};

const KEYS_NAME = 'nickname';
const KEYS_ID = ['uid', 'sec_uid', 'secUid'];
const MAX_NESTING = 3;

interface Frame {
  start: number;
  object: boolean;
  keys: Set<string>;
}

/**
 * Every user-like object in `text` (JSON-ish, possibly with non-JSON around it). A JSON string
 * value that itself holds JSON (escaped quotes) is decoded and scanned too, up to MAX_NESTING
 * levels. A raw newline inside a string means we lost track (RSC text rows): resynchronise.
 */
function scan(text: string, found: DouyinProfile[], depth: number): void {
  let stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      let broken = false;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\n') {
          broken = true;
          break;
        }
        j += text[j] === '\\' ? 2 : 1;
      }
      if (broken || j >= text.length) {
        stack = [];
        i = j + 1;
        continue;
      }
      let k = j + 1;
      while (k < text.length && /\s/.test(text[k] ?? '')) k++;
      const top = stack[stack.length - 1];
      if (text[k] === ':' && top?.object) {
        top.keys.add(text.slice(i + 1, j));
      } else if (depth < MAX_NESTING && /^\s*[{[]/.test(text.slice(i + 1, i + 9))) {
        const literal = text.slice(i, j + 1);
        if (literal.includes(KEYS_NAME)) {
          try {
            const inner: unknown = JSON.parse(literal);
            if (typeof inner === 'string') scan(inner, found, depth + 1);
          } catch {
            // not a decodable literal
          }
        }
      }
      i = j + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push({ start: i, object: c === '{', keys: new Set() });
    } else if (c === '}' || c === ']') {
      const top = stack.pop();
      if (!top || top.object !== (c === '}')) {
        stack = [];
      } else if (top.object && top.keys.has(KEYS_NAME) && KEYS_ID.some((key) => top.keys.has(key))) {
        try {
          const profile = profileFromUserObject(parseJsonKeepingDigits(text.slice(top.start, i + 1)), 'pace-f', rscString);
          if (profile) found.push(profile);
        } catch {
          // not valid JSON (RSC shorthand inside): ignore this object
        }
      }
    }
    i++;
  }
}

/** Undo one level of JSON string escaping over a whole text (`\"` → `"`, `\\` → `\`, `\n`…). */
function unescapeOnce(text: string): string {
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  return text.replace(/\\(u[0-9a-fA-F]{4}|[\s\S])/g, (_, esc: string) =>
    esc.length === 5 ? String.fromCharCode(parseInt(esc.slice(1), 16)) : (simple[esc] ?? esc),
  );
}

/** Runs of text as `encodeURIComponent` writes it (`%XX` escapes and the characters it keeps). */
const URL_ENCODED_RUN = /(?:%[0-9A-Fa-f]{2}|[\w.!~*'()-]){24,}/g;

/**
 * The URL-encoded JSON in the text (some builds push `encodeURIComponent` of the render data
 * instead of raw rows), decoded: only runs that hold an encoded `"nickname"` key.
 */
function urlEncodedParts(text: string): string[] {
  const parts: string[] = [];
  for (const [run] of text.matchAll(URL_ENCODED_RUN)) {
    if (!/%22nickname%22/i.test(run)) continue;
    try {
      parts.push(decodeURIComponent(run));
    } catch {
      // a broken escape: not encoded JSON
    }
  }
  return parts;
}

/** Merge all candidates of the same account as `seed` into it. */
function mergeAll(seed: DouyinProfile, candidates: readonly DouyinProfile[]): DouyinProfile {
  let merged = seed;
  for (const other of candidates) merged = mergeProfiles(merged, other);
  return merged;
}

/**
 * The creator described by the page's `__pace_f` payloads (already decoded strings, in order).
 *
 * The stream holds several user objects (the viewer, recommended accounts, the creator), and
 * unlike RENDER_DATA their role is not known, so:
 * - when the URL names the creator (`expected.secUid` / `expected.uid`), only an object with that
 *   id is returned (other objects of the same account complete its fields);
 * - otherwise (/user/self), a profile is returned only when every user object found is the same
 *   account — several different accounts → null rather than a guess.
 * The payloads may be raw rows or URL-encoded JSON (`encodeURIComponent` of the render data, in
 * camelCase or snake_case); both are read. A profile needs a nickname and a uid or sec_uid.
 * Never throws.
 */
export function readPaceF(chunks: readonly string[], expected: DouyinExpected): DouyinProfile | null {
  const joined = chunks.join('');
  if (joined === '') return null;
  let text = joined;
  const found: DouyinProfile[] = [];
  scan(text, found, 0);
  // Payloads handed over still escaped (`{\"uid\":…}`): read them once more, unescaped.
  for (let level = 0; found.length === 0 && level < 2 && text.includes('\\"'); level++) {
    text = unescapeOnce(text);
    scan(text, found, 0);
  }
  // Payloads that carry URL-encoded JSON (raw rows and encoded ones may come together).
  for (const part of urlEncodedParts(joined)) scan(part, found, 0);
  if (found.length === 0) return null;

  if (hasExpectedId(expected)) {
    const match = found.find((profile) => confirms(profile, expected));
    return match ? mergeAll(match, found) : null;
  }

  const firstFound = found[0];
  if (!firstFound || !found.every((profile) => sameAccount(profile, firstFound))) return null;
  return mergeAll(firstFound, found);
}
