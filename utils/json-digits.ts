/**
 * JSON.parse that keeps every digit of long integers: an integer literal beyond JavaScript's
 * exact range (2^53, e.g. a 19-digit Douyin uid or Xingtu id sent as a JSON number) becomes a
 * string with its exact digits; every other number stays a number. Throws a SyntaxError on
 * invalid JSON, like JSON.parse. Small on purpose: it runs in the content script too.
 */
export function parseJsonKeepingDigits(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The same JSON text with unsafe integer literals (outside strings) wrapped in quotes. */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skip the string, honouring escapes.
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      i++;
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      NUMBER.lastIndex = i;
      const token = NUMBER.exec(text)?.[0] ?? text[i] ?? '';
      if (/^-?\d{16,}$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(last, i)}"${token}"`;
        last = i + token.length;
      }
      i += Math.max(token.length, 1);
    } else {
      i++;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}
