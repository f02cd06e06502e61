/**
 * Creator avatars, loaded by the background and handed to the views as `data:` URLs, so that no
 * view (the panel sits inside a Douyin or Xingtu page) loads an image from a third-party server:
 *
 * - the request carries no cookies (`credentials: 'omit'`) and no referrer, so the image host
 *   learns neither the page nor the user's session; it is an ordinary CORS request (no host
 *   permission covers image hosts), so the background reads only what any web page could;
 * - the answer must say it is an image, be at most MAX_AVATAR_BYTES, and its first bytes must be
 *   those of PNG, JPEG, GIF, WebP, AVIF or SVG: the `data:` URL's type is the sniffed one, never
 *   the server's word (an `<img>` runs no script, an SVG inside it neither);
 * - answers (and failures, for FAILURE_TTL_MS) are kept in memory, at most MAX_AVATARS, and one
 *   request per URL is shared while in flight.
 * See docs/security.md "Creator avatars".
 */

export const MAX_AVATAR_BYTES = 96 * 1024;
export const MAX_AVATARS = 100;
export const AVATAR_TIMEOUT_MS = 10_000;
/** A failed avatar is not asked again for this long. */
export const FAILURE_TTL_MS = 10 * 60_000;

export interface AvatarStore {
  /** The avatar as a `data:` URL, or null (not an image, too big, refused, unreachable). */
  get(url: string): Promise<string | null>;
}

type Sniffed = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/avif' | 'image/svg+xml';

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** The image type the bytes are, or null. */
export function sniffImage(bytes: Uint8Array): Sniffed | null {
  if (bytes[0] === 0x89 && ascii(bytes, 1, 4) === 'PNG') return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(bytes, 8, 12))) return 'image/avif';
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).replace(/^\uFEFF?\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*/, '');
  if (/^<svg[\s>]/.test(head)) return 'image/svg+xml';
  return null;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The body, or null once it is larger than `max` bytes. */
async function readCapped(response: Response, max: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > max) return null;
  const reader = response.body?.getReader();
  if (!reader) return null;
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.byteLength;
  }
  return all;
}

/** Fetch one avatar as a `data:` URL (null when it is not an acceptable image). */
export async function fetchAvatar(url: string, fetchImpl: typeof fetch = fetch): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username || parsed.password) return null;
  try {
    const response = await fetchImpl(parsed.href, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      mode: 'cors',
      signal: AbortSignal.timeout(AVATAR_TIMEOUT_MS),
    });
    if (!response.ok || !/^image\//i.test(response.headers.get('content-type') ?? '')) return null;
    const bytes = await readCapped(response, MAX_AVATAR_BYTES);
    const type = bytes && bytes.length > 0 ? sniffImage(bytes) : null;
    return bytes && type ? `data:${type};base64,${base64(bytes)}` : null;
  } catch {
    return null;
  }
}

export function createAvatarStore(deps: { fetch?: typeof fetch; now?: () => number } = {}): AvatarStore {
  const now = deps.now ?? Date.now;
  const kept = new Map<string, { value: string | null; at: number }>();
  const pending = new Map<string, Promise<string | null>>();
  return {
    get(url) {
      const hit = kept.get(url);
      if (hit && (hit.value !== null || now() - hit.at < FAILURE_TTL_MS)) {
        kept.delete(url); // most recently used last
        kept.set(url, hit);
        return Promise.resolve(hit.value);
      }
      let ask = pending.get(url);
      if (!ask) {
        ask = fetchAvatar(url, deps.fetch).then((value) => {
          pending.delete(url);
          kept.delete(url);
          kept.set(url, { value, at: now() });
          for (const oldest of kept.keys()) {
            if (kept.size <= MAX_AVATARS) break;
            kept.delete(oldest);
          }
          return value;
        });
        pending.set(url, ask);
      }
      return ask;
    },
  };
}
