import { isSecUid, type DouyinPage } from '../../shared/douyin-page-url';
import type { DouyinProfile } from './profile';
import { readServerData } from './read-profile';

/*
 * After an in-app move, the document's server data (RENDER_DATA, __pace_f) is still about the
 * page first loaded, and the header shows no uid: the match could only be by nickname. The
 * profile page's own server-rendered HTML has the uid. So the content script asks for it, as the
 * page would on a reload: a same-origin GET of https://www.douyin.com/user/<sec_uid>, with the
 * page's cookies (credentials 'same-origin') and nothing else. The answer is parsed with
 * DOMParser into an inert document (never inserted into the page; its scripts never run, nothing
 * it links to is loaded) and read with the same readers as the page. It counts only when the
 * data's own sec_uid is the one asked for and it has a uid.
 *
 * `cache: 'no-store'`: the sec_uid → uid answer never changes, so freshness is not the point;
 * the point is to leave no second copy of a personal page (it carries the signed-in viewer) in
 * the HTTP cache, and not to be answered by a cached risk-control page.
 *
 * Bounded: PAGE_FETCH_TIMEOUT_MS for the whole answer, PAGE_FETCH_MAX_BYTES of body (reading
 * stops there), one request per sec_uid per page lifetime (createOwnerFetcher). A captcha or
 * risk-control page, an error, a redirect elsewhere, a timeout: null ("no uid"), never a throw.
 */

export const PAGE_FETCH_TIMEOUT_MS = 8_000;
/** Profile pages are about 0.3–1.5 MB of HTML. */
export const PAGE_FETCH_MAX_BYTES = 3 * 1024 * 1024;

export interface OwnerFetchOptions {
  /** Default: the global fetch (the content script's, same-origin with the page). */
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
  /** Stops every request (the content script is shut down). */
  signal?: AbortSignal;
  /** HTML → an inert Document. Default: DOMParser. */
  parse?: (html: string) => Document;
}

/** The body as text, or null once it is larger than `maxBytes` (then the rest is not read). */
async function readCapped(response: Response, maxBytes: number): Promise<string | null> {
  if (Number(response.headers.get('content-length')) > maxBytes) return null;
  const reader = response.body?.getReader();
  if (!reader) return null;
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * The owner of `<origin>/user/<secUid>` from that page's server data: a profile with a uid and
 * the same sec_uid, or null. One request; never rejects.
 */
export async function fetchOwnerProfile(origin: string, secUid: string, options: OwnerFetchOptions = {}): Promise<DouyinProfile | null> {
  if (!isSecUid(secUid)) return null;
  const controller = new AbortController();
  const stop = () => controller.abort();
  const timer = setTimeout(stop, options.timeoutMs ?? PAGE_FETCH_TIMEOUT_MS);
  options.signal?.addEventListener('abort', stop);
  try {
    if (options.signal?.aborted) return null;
    const response = await (options.fetch ?? fetch)(`${origin}/user/${secUid}`, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'text/html' },
      signal: controller.signal,
    });
    if (!response.ok || !/^text\/html/i.test(response.headers.get('content-type') ?? 'text/html')) return null;
    const html = await readCapped(response, options.maxBytes ?? PAGE_FETCH_MAX_BYTES);
    if (html === null) return null;
    const doc = (options.parse ?? ((h) => new DOMParser().parseFromString(h, 'text/html')))(html);
    const owner = readServerData(doc, { secUid, self: false, uid: null });
    return owner && owner.uid !== null && owner.secUid === secUid ? owner : null;
  } catch {
    return null; // network error, abort, timeout, unreadable body
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
  }
}

/** Fetches the owner of a sec_uid at most once; later asks get the first answer. */
export type OwnerFetcher = (secUid: string) => Promise<DouyinProfile | null>;

export function createOwnerFetcher(origin: string, options: OwnerFetchOptions = {}): OwnerFetcher {
  const asked = new Map<string, Promise<DouyinProfile | null>>();
  return (secUid) => {
    let answer = asked.get(secUid);
    if (!answer) {
      answer = fetchOwnerProfile(origin, secUid, options);
      asked.set(secUid, answer);
    }
    return answer;
  };
}

/**
 * The sec_uid whose profile page to fetch after the page was read, or null: only a
 * /user/<sec_uid> page (not /user/self, not a share page), only when the reading gave no uid,
 * and not the page the document was loaded for (its server data was read already).
 */
export function secUidToFetch(page: DouyinPage, read: DouyinProfile | null, loadedSecUid: string | null): string | null {
  if (page.kind !== 'douyin-user' || read?.uid || page.secUid === loadedSecUid) return null;
  return page.secUid;
}
