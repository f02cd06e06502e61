import { isOAuthorId } from './page-detect';
import { isDouyinUid, isSecUid } from './douyin-page-url';

/** A Douyin account as its page showed it. Ids are strings (uids exceed 2^53). */
export interface DouyinAccount {
  uid: string | null;
  secUid: string | null;
  nickname: string | null;
  /** 抖音号 */
  uniqueId: string | null;
}

/** What a tab shows, as the content script tells the panel and the popup. */
export type PageCreator =
  /** A Xingtu creator page: the id is in the URL. */
  | { kind: 'xingtu'; oAuthorId: string }
  /** A Douyin creator page that has been read. */
  | { kind: 'douyin'; account: DouyinAccount }
  /** A Douyin creator page whose data has not appeared yet. */
  | { kind: 'douyin-reading' }
  /** A Douyin creator page that never said who it is (captcha, risk control, changed markup). */
  | { kind: 'douyin-unreadable' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const optional = (v: unknown, test: (s: string) => boolean) => v === null || (typeof v === 'string' && test(v));
const text = (max: number) => (s: string) => s.length > 0 && s.length <= max;

export function isDouyinAccount(value: unknown): value is DouyinAccount {
  return (
    isRecord(value) &&
    optional(value.uid, isDouyinUid) &&
    optional(value.secUid, isSecUid) &&
    optional(value.nickname, text(100)) &&
    optional(value.uniqueId, text(64)) &&
    (value.uid !== null || value.secUid !== null || value.nickname !== null)
  );
}

/** Guard for creators that cross a context boundary (port or message). */
export function isPageCreator(value: unknown): value is PageCreator {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'xingtu':
      return typeof value.oAuthorId === 'string' && isOAuthorId(value.oAuthorId);
    case 'douyin':
      return isDouyinAccount(value.account);
    case 'douyin-reading':
    case 'douyin-unreadable':
      return true;
    default:
      return false;
  }
}
