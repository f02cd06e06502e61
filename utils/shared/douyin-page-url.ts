import { toUrl } from './url';
/**
 * Douyin page detection from a URL alone (no DOM). Pure and cheap: the content script may run
 * it on every SPA navigation.
 *
 * Recognised:
 * - `https://www.douyin.com/user/<sec_uid>` (any query such as `?modal_id=…`, any hash)
 * - `https://www.douyin.com/user/self` — the signed-in visitor's own page
 * - `https://www.iesdouyin.com/share/user/<uid>?sec_uid=<sec_uid>` — share pages; the path
 *   segment may also be a sec_uid (newer share links)
 * `douyin.com` / `iesdouyin.com` without `www.` are accepted too; http and https only.
 * Everything else (feed, /video/<id>, /search, other hosts, look-alike hosts) → null.
 */

export type DouyinPage =
  | { kind: 'douyin-user'; secUid: string }
  | { kind: 'douyin-self' }
  | { kind: 'douyin-share'; uid: string | null; secUid: string | null };

/** A sec_uid: URL-safe base64 such as `MS4wLjABAAAA…` (real ones are ~55–80 chars). */
export const SEC_UID = /^[A-Za-z0-9_-]{20,120}$/;

/** A Douyin uid: a decimal string (up to 19 digits — keep it a string). "0" is not a uid. */
export const DOUYIN_UID = /^(?!0+$)\d{1,24}$/;

export function isSecUid(value: string): boolean {
  return SEC_UID.test(value);
}

export function isDouyinUid(value: string): boolean {
  return DOUYIN_UID.test(value);
}

const DOUYIN_HOSTS = new Set(['www.douyin.com', 'douyin.com']);
const SHARE_HOSTS = new Set(['www.iesdouyin.com', 'iesdouyin.com']);

export function douyinPageFromUrl(input: string | URL): DouyinPage | null {
  const url = toUrl(input);
  if (!url || !/^https?:$/.test(url.protocol)) return null;
  // Empty segments are dropped so a trailing slash is tolerated; any extra segment is not.
  const parts = url.pathname.split('/').filter(Boolean);

  if (DOUYIN_HOSTS.has(url.hostname)) {
    if (parts.length !== 2 || parts[0] !== 'user') return null;
    const segment = parts[1] ?? '';
    if (segment === 'self') return { kind: 'douyin-self' };
    return isSecUid(segment) ? { kind: 'douyin-user', secUid: segment } : null;
  }

  if (SHARE_HOSTS.has(url.hostname)) {
    if (parts.length !== 3 || parts[0] !== 'share' || parts[1] !== 'user') return null;
    const segment = parts[2] ?? '';
    const query = url.searchParams.get('sec_uid');
    const uid = isDouyinUid(segment) ? segment : null;
    let secUid = query !== null && isSecUid(query) ? query : null;
    if (secUid === null && uid === null && isSecUid(segment)) secUid = segment;
    return uid === null && secUid === null ? null : { kind: 'douyin-share', uid, secUid };
  }

  return null;
}
