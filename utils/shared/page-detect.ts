import { douyinPageFromUrl, type DouyinPage } from './douyin-page-url';
import { toUrl } from './url';

/**
 * Page detection: tiny pure predicates over a URL, no DOM. The content script runs these on
 * every navigation of every matched page, so they must stay cheap.
 */

export const XINGTU_HOSTS: ReadonlySet<string> = new Set(['www.xingtu.cn', 'xingtu.cn', 'star.toutiao.com']);

/** A Xingtu author id: a long decimal string (about 16–20 digits; kept as a string). */
export const O_AUTHOR_ID = /^\d{8,24}$/;

export function isOAuthorId(value: string): boolean {
  return O_AUTHOR_ID.test(value);
}

/**
 * The Xingtu author id of a Xingtu creator page, or null.
 * - /ad/creator/author-homepage/<tab>/<id>      (current)
 * - /ad/creator/author/douyin/<id>/<n>          (older)
 * - /ad/author/douyin/<id>                      (legacy, star.toutiao.com)
 */
export function xingtuAuthorIdFromUrl(input: string | URL): string | null {
  const url = toUrl(input);
  if (!url || !XINGTU_HOSTS.has(url.hostname) || !/^https?:$/.test(url.protocol)) return null;
  const parts = url.pathname.split('/').filter(Boolean);
  let id: string | undefined;
  if (parts[0] === 'ad' && parts[1] === 'creator' && parts[2] === 'author-homepage' && parts.length >= 5) {
    id = parts[4];
  } else if (parts[0] === 'ad' && parts[1] === 'creator' && parts[2] === 'author' && parts.length >= 5) {
    id = parts[4];
  } else if (parts[0] === 'ad' && parts[1] === 'author' && parts.length >= 4) {
    id = parts[3];
  }
  return id !== undefined && isOAuthorId(id) ? id : null;
}

/** Which creator page a URL is: a Xingtu id, or a Douyin page whose owner must be read. */
export type CreatorPage = { site: 'xingtu'; oAuthorId: string } | { site: 'douyin'; page: DouyinPage };

/** The creator page a URL shows, judged from the URL alone; null for every other page. */
export function detectCreatorPage(input: string | URL): CreatorPage | null {
  const oAuthorId = xingtuAuthorIdFromUrl(input);
  if (oAuthorId) return { site: 'xingtu', oAuthorId };
  const page = douyinPageFromUrl(input);
  return page ? { site: 'douyin', page } : null;
}

/** Same creator page (a `?modal_id=` video overlay or another tab of the same creator is). */
export function sameCreatorPage(a: CreatorPage | null, b: CreatorPage | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
