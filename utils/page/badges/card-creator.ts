import { badgeKey, MAX_BADGE_NICKNAME, type BadgeRef } from '../../shared/badges';
import { douyinPageFromUrl } from '../../shared/douyin-page-url';
import { xingtuAuthorIdFromUrl } from '../../shared/page-detect';

/**
 * Which creator a card on a list page is: read from the card's link, never from its text (a
 * nickname can be anyone's). Pure, so the rules are tested without a page.
 */

/** The tag of a badge's host element (inserted after the card's link). */
export const BADGE_TAG = 'xdp-list-badge';

/** The creator a link points to: a Xingtu creator page, or a Douyin /user/<sec_uid> (or share) page. */
export function creatorOfHref(href: string, base: string): BadgeRef | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  const oAuthorId = xingtuAuthorIdFromUrl(url);
  if (oAuthorId) return { kind: 'xingtu', oAuthorId };
  const page = douyinPageFromUrl(url);
  if (page?.kind === 'douyin-user') return { kind: 'douyin', secUid: page.secUid };
  if (page?.kind === 'douyin-share' && page.secUid) return { kind: 'douyin', secUid: page.secUid };
  return null;
}

/** The link's own text, for a Douyin look-up's search (bounded; null when it has none). */
export function nicknameOf(text: string | null): string | null {
  const name = (text ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_BADGE_NICKNAME);
  return name === '' ? null : name;
}

/** What the controller needs of a link (an HTMLAnchorElement satisfies it). */
export interface LinkLike {
  readonly href: string;
  readonly textContent: string | null;
  closest(selector: string): unknown;
}

/**
 * The creator a link should carry a badge for, or null: a creator link with text of its own (an
 * avatar-only link beside the name link of the same card gets none), not inside another link,
 * and — on follower lists, which open over a creator page — inside a dialog.
 */
export function badgeTargetOf(link: LinkLike, base: string, dialogsOnly: boolean): { ref: BadgeRef; key: string; nickname: string | null } | null {
  const ref = creatorOfHref(link.href, base);
  if (!ref) return null;
  const nickname = nicknameOf(link.textContent);
  if (nickname === null) return null;
  if (dialogsOnly && !link.closest('[role="dialog"], [aria-modal="true"]')) return null;
  return { ref, key: badgeKey(ref), nickname };
}
