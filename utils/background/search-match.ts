import type { XingtuAuthor } from '../shared/xingtu-author';

/** What the page tells about the Douyin account being looked for. */
export interface MatchProfile {
  uid: string | null;
  nickname: string | null;
}

/**
 * - `sure`: the author's `core_user_id` is the account's Douyin uid.
 * - `likely`: no uid known, and exactly one author has exactly the nickname (a weaker guess —
 *   show it as such).
 * - `ambiguous`: several authors fit equally (same nickname without a uid, or — unexpectedly —
 *   several Xingtu ids for the same uid); the user must choose.
 * - `none`: no author fits. When the uid is known, a nickname alone never matches (imitation
 *   accounts copy names). Many accounts are not on Xingtu: a normal outcome.
 */
export type MatchResult =
  | { kind: 'sure'; author: XingtuAuthor }
  | { kind: 'likely'; author: XingtuAuthor }
  | { kind: 'ambiguous'; candidates: XingtuAuthor[] }
  | { kind: 'none' };

/** Nickname comparison key: trimmed, inner whitespace collapsed, case-folded (Latin). */
export function nicknameKey(nickname: string): string {
  return nickname.replace(/\s+/g, ' ').trim().toLowerCase();
}

function uniqueById(authors: readonly XingtuAuthor[]): XingtuAuthor[] {
  const seen = new Set<string>();
  const unique: XingtuAuthor[] = [];
  for (const author of authors) {
    if (seen.has(author.oAuthorId)) continue;
    seen.add(author.oAuthorId);
    unique.push(author);
  }
  return unique;
}

function decide(found: XingtuAuthor[], kind: 'sure' | 'likely'): MatchResult {
  const [only] = found;
  if (!only) return { kind: 'none' };
  return found.length === 1 ? { kind, author: only } : { kind: 'ambiguous', candidates: found };
}

/** The Xingtu author of a Douyin account among search results. Never by position. */
export function matchCreator(profile: MatchProfile, authors: readonly XingtuAuthor[]): MatchResult {
  const uid = profile.uid?.trim() || null;
  if (uid !== null) {
    return decide(uniqueById(authors.filter((author) => author.douyinUid === uid)), 'sure');
  }
  const name = profile.nickname === null ? '' : nicknameKey(profile.nickname);
  if (name === '') return { kind: 'none' };
  return decide(uniqueById(authors.filter((author) => nicknameKey(author.nickname) === name)), 'likely');
}

/** The text to search for: the nickname, trimmed; null when there is none. */
export function searchKeyword(profile: Pick<MatchProfile, 'nickname'>): string | null {
  const keyword = profile.nickname?.trim() ?? '';
  return keyword === '' ? null : keyword;
}
