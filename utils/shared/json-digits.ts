/**
 * JSON.parse that keeps every digit of long integers: an integer literal beyond JavaScript's
 * exact range (2^53, e.g. a 19-digit Douyin uid or Xingtu id sent as a JSON number) becomes a
 * string with its exact digits; every other number stays a number. A leading byte-order mark is
 * ignored. Throws a SyntaxError on invalid JSON, like JSON.parse. Small on purpose: it runs in
 * the content script too.
 *
 * `nonFiniteAsNull`: the bare words `NaN`, `Infinity`, `-Infinity` (not JSON, but Python's
 * json.dumps emits them) are read as `null`, so one such value does not make a whole answer
 * unreadable.
 */
export function parseJsonKeepingDigits(text: string, options: { nonFiniteAsNull?: boolean } = {}): unknown {
  return JSON.parse(rewriteJsonText(text.replace(/^\uFEFF/, ''), options.nonFiniteAsNull ?? false));
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NON_FINITE = /-?Infinity|NaN/y;

/**
 * The same JSON text with unsafe integer literals (outside strings) wrapped in quotes, and —
 * when asked — bare NaN/Infinity written as null. Strings are never touched.
 */
export function rewriteJsonText(text: string, nonFiniteAsNull = false): string {
  let out = '';
  let last = 0;
  let i = 0;
  const replace = (length: number, by: string) => {
    out += text.slice(last, i) + by;
    last = i + length;
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skip the string, honouring escapes.
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      i++;
      continue;
    }
    if (nonFiniteAsNull && (c === 78 /* N */ || c === 73 /* I */ || c === 45) /* - */) {
      NON_FINITE.lastIndex = i;
      const word = NON_FINITE.exec(text)?.[0];
      if (word) {
        replace(word.length, 'null');
        i += word.length;
        continue;
      }
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      NUMBER.lastIndex = i;
      const token = NUMBER.exec(text)?.[0] ?? text[i] ?? '';
      if (/^-?\d{16,}$/.test(token) && !Number.isSafeInteger(Number(token))) replace(token.length, `"${token}"`);
      i += Math.max(token.length, 1);
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}
