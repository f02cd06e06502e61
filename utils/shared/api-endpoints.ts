import type { Platform } from './platform';

/** The provider's two public hosts (api.md, "Base URLs"). A custom base comes from the settings. */
export const API_BASES = {
  global: 'https://api.justoneapi.com',
  cn: 'http://47.117.133.51:30015',
} as const;

export const DISTRIBUTION_PATH = '/api/douyin-xingtu/gw/api/data_sp/author_video_distribution/v1';

export const SEARCH_PATH = '/api/douyin-xingtu/gw/api/gsearch/search_for_author_square/v1';

/** The account balance (api.md §4): an account endpoint, not a data call. */
export const BALANCE_PATH = '/user/get-balance';

/**
 * Join `path` onto `base`, keeping the base's own path prefix: both `https://host` and
 * `http://127.0.0.1:8080/proxy/` work. Throws a TypeError when `base` is not an absolute URL
 * (the message names the base only; the token is added afterwards).
 */
function endpointUrl(base: string, path: string): URL {
  const url = new URL(base.trim());
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  url.hash = '';
  return url;
}

/** GET URL of "Author Video Distribution (V1)". The token travels in the query string (no header auth). */
export function distributionUrl(base: string, token: string, oAuthorId: string, platform: Platform): string {
  const url = endpointUrl(base, DISTRIBUTION_PATH);
  url.searchParams.set('token', token);
  url.searchParams.set('oAuthorId', oAuthorId);
  url.searchParams.set('platform', platform);
  return url.toString();
}

/**
 * GET URL of "Creator Search" (api.md §2): a nickname search sorted by followers. `page` starts
 * at 1. The keyword is sent as given (callers trim it); URLSearchParams encodes CJK and `&`.
 */
export function searchUrl(base: string, token: string, keyword: string, page = 1): string {
  if (!Number.isSafeInteger(page) || page < 1) throw new RangeError('search page must be a positive integer');
  const url = endpointUrl(base, SEARCH_PATH);
  url.searchParams.set('token', token);
  url.searchParams.set('keyword', keyword);
  url.searchParams.set('page', String(page));
  url.searchParams.set('searchType', 'NICKNAME');
  url.searchParams.set('sort', 'FANS');
  return url.toString();
}

/** GET URL of the account balance (api.md §4); the token in the query string as for every call. */
export function balanceUrl(base: string, token: string): string {
  const url = endpointUrl(base, BALANCE_PATH);
  url.searchParams.set('token', token);
  return url.toString();
}
