import { isOAuthorId, xingtuAuthorIdFromUrl } from './page-detect';

export type CreatorInput =
  | { kind: 'xingtu'; oAuthorId: string }
  | { kind: 'invalid'; reason: 'empty' | 'unrecognised' };

/** What the user typed in the popup's "Creator" field: an oAuthorId or a Xingtu creator link. */
export function parseCreatorInput(raw: string): CreatorInput {
  const text = raw.trim();
  if (text === '') return { kind: 'invalid', reason: 'empty' };
  if (isOAuthorId(text)) return { kind: 'xingtu', oAuthorId: text };
  // Links are often pasted without the scheme, or inside share text.
  const match = /(?:https?:\/\/)?(?:www\.xingtu\.cn|xingtu\.cn|star\.toutiao\.com)\/[^\s"'<>]*/i.exec(text);
  if (match) {
    const link = /^https?:/i.test(match[0]) ? match[0] : `https://${match[0]}`;
    const id = xingtuAuthorIdFromUrl(link);
    if (id) return { kind: 'xingtu', oAuthorId: id };
  }
  return { kind: 'invalid', reason: 'unrecognised' };
}
