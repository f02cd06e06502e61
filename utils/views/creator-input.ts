import { isOAuthorId, xingtuAuthorIdFromUrl } from '../shared/page-detect';
import { douyinPageFromUrl, type DouyinPage } from '../shared/douyin-page-url';

export type CreatorInput =
  | { kind: 'xingtu'; oAuthorId: string }
  | { kind: 'douyin-url'; page: DouyinPage }
  | { kind: 'nickname'; nickname: string }
  | { kind: 'invalid'; reason: 'empty' | 'unrecognised' | 'too-long' };

const LINK = /(?:https?:\/\/)?(?:[a-z0-9-]+\.)*(?:xingtu\.cn|toutiao\.com|douyin\.com|iesdouyin\.com)\/[^\s"'<>，。]*/i;
const ANY_URL = /^(?:https?:\/\/|www\.)\S+$/i;
export const MAX_NICKNAME_LENGTH = 100;

/**
 * What the user typed in the popup's "Creator" field: a Xingtu author id, a Xingtu creator link,
 * a Douyin creator link (often pasted inside share text), or else a nickname to search for.
 * A link to any other page is refused rather than searched as a name.
 */
export function parseCreatorInput(raw: string): CreatorInput {
  const text = raw.trim();
  if (text === '') return { kind: 'invalid', reason: 'empty' };
  if (isOAuthorId(text)) return { kind: 'xingtu', oAuthorId: text };
  const match = LINK.exec(text);
  if (match) {
    const link = /^https?:/i.test(match[0]) ? match[0] : `https://${match[0]}`;
    const id = xingtuAuthorIdFromUrl(link);
    if (id) return { kind: 'xingtu', oAuthorId: id };
    const page = douyinPageFromUrl(link);
    if (page) return { kind: 'douyin-url', page };
    return { kind: 'invalid', reason: 'unrecognised' };
  }
  if (ANY_URL.test(text)) return { kind: 'invalid', reason: 'unrecognised' };
  if (text.length > MAX_NICKNAME_LENGTH) return { kind: 'invalid', reason: 'too-long' };
  return { kind: 'nickname', nickname: text };
}
