import { XINGTU_HOSTS } from './page-detect';
import { toUrl } from './url';

/**
 * List pages: pages that show many creators at once, where the badges of
 * utils/page/badges/ mark each creator's content mix. Judged from the URL alone (no DOM), cheap
 * enough for the content script to run on every navigation (the reference notes on the pages:
 * the market URL is known; the search forms are the sites' usual ones and may change).
 *
 * - Xingtu creator market (达人广场): `/ad/creator/market` (and any path under it);
 *   its search results: the market with a `keyword` query, or `/ad/creator/search…`.
 * - Douyin user search: `/search/<keyword>` (the user tab is `?type=user`; user cards also
 *   show in the general tab, so every search page counts).
 * - Douyin follower / following lists: a creator page with `showTab=fans_tab|follow_tab|…`
 *   (the lists open over the profile; the badges then stay inside dialogs, see scopeOf).
 */
export type ListPageKind = 'xingtu-market' | 'xingtu-search' | 'douyin-search' | 'douyin-follows';

const DOUYIN_HOSTS: ReadonlySet<string> = new Set(['www.douyin.com', 'douyin.com']);
const FOLLOW_TABS = /^(fans|follow|following|follower)s?(_tab)?$/;

export function listPageOf(input: string | URL): ListPageKind | null {
  const url = toUrl(input);
  if (!url || !/^https?:$/.test(url.protocol)) return null;
  const parts = url.pathname.split('/').filter(Boolean);
  if (XINGTU_HOSTS.has(url.hostname)) {
    if (parts[0] !== 'ad' || parts[1] !== 'creator') return null;
    if (parts[2] === 'search') return 'xingtu-search';
    if (parts[2] !== 'market') return null;
    return url.searchParams.get('keyword') ? 'xingtu-search' : 'xingtu-market';
  }
  if (DOUYIN_HOSTS.has(url.hostname)) {
    if (parts[0] === 'search' && parts.length >= 2) return 'douyin-search';
    if (parts[0] === 'user' && parts.length === 2 && FOLLOW_TABS.test(url.searchParams.get('showTab') ?? '')) return 'douyin-follows';
  }
  return null;
}
