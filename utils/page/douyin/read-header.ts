import type { DouyinExpected, DouyinProfile } from './profile';

/*
 * DOM fallback: the profile header `[data-e2e="user-info"]`. It shows the nickname and a line
 * `抖音号：<id>`, but no uid or sec_uid (the caller fills sec_uid from the URL).
 *
 * The same component shows other accounts on the same page: the author of a video opened over
 * the profile (`?modal_id=`, often someone else's from the 喜欢 / 收藏 tabs), recommended
 * accounts, comment authors. So a block is the OWNER's only when it can be told:
 *   - a block that links to the URL's sec_uid (`/user/<sec_uid>`, `?sec_uid=`) is the owner's;
 *   - a block that links to another sec_uid is someone else's;
 *   - a block inside a dialog / modal, a comment or a recommendation region is someone else's;
 *   - of the rest (no link at all), the owner's is the one left — when several are left and they
 *     show different accounts, the page cannot tell: null, never the first one.
 *
 * Nickname, first found wins:
 *   1. `[data-e2e="user-info-name"]` inside the header;
 *   2. the first `h1`, then `h2`, then `h3` inside the header (the current markup puts the
 *      nickname in an `h1` made of nested spans).
 * No other guess ("first prominent text" could be a follower count or a badge): without one of
 * these the header gives null.
 * 抖音号: the text nodes of the header are joined with line breaks (so the id does not run into
 * the next label such as `IP属地`), then `抖音号` + `：` or `:` + optional spaces + the id
 * (letters, digits, `_`, `.`, `-`).
 */

const HEADER = '[data-e2e="user-info"]';
const NAME_SELECTORS = ['[data-e2e="user-info-name"]', 'h1', 'h2', 'h3'];
const UNIQUE_ID = /抖音号\s*[：:]\s*([A-Za-z0-9._-]{1,64})/;
/** Regions that show other accounts: a video opened over the profile, comments, recommendations. */
const OTHER_REGION = 'dialog,[role="dialog"],[aria-modal="true"],[data-e2e*="modal"],[data-e2e*="comment"],[data-e2e*="recommend"]';
/** The sec_uid a link points to: `/user/<sec_uid>` or `?sec_uid=<sec_uid>`. */
const LINKED_SEC_UID = /\/user\/([A-Za-z0-9_-]{20,120})(?:[/?#]|$)|[?&]sec_uid=([A-Za-z0-9_-]{20,120})/;

/** Text nodes under `node`, in document order (comments, scripts and styles skipped). */
function textParts(node: Node, out: string[]): string[] {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) {
      out.push(child.nodeValue ?? '');
    } else if (child.nodeType === 1) {
      const tag = (child as Element).tagName.toLowerCase();
      if (tag !== 'script' && tag !== 'style' && tag !== 'template') textParts(child, out);
    }
  }
  return out;
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Every header block under `root` (and `root` itself when it is one), in document order. */
function findHeaders(root: ParentNode): Element[] {
  const all = Array.from(root.querySelectorAll(HEADER));
  return (root as Node).nodeType === 1 && (root as Element).matches(HEADER) ? [root as Element, ...all] : all;
}

/** The sec_uids the block links to (its links, and a link around it). */
function linkedSecUids(block: Element): Set<string> {
  const links = Array.from(block.querySelectorAll('a[href]'));
  const around = block.closest('a[href]');
  if (around) links.push(around);
  const found = new Set<string>();
  for (const link of links) {
    const match = LINKED_SEC_UID.exec(link.getAttribute('href') ?? '');
    const secUid = match?.[1] ?? match?.[2];
    if (secUid) found.add(secUid);
  }
  return found;
}

/** What one block shows: null without a nickname. */
function readBlock(header: Element): DouyinProfile | null {
  let nickname: string | null = null;
  for (const selector of NAME_SELECTORS) {
    const element = header.querySelector(selector);
    const text = element ? clean(textParts(element, []).join('')) : '';
    if (text !== '') {
      nickname = text;
      break;
    }
  }
  if (nickname === null) return null;

  const match = UNIQUE_ID.exec(textParts(header, []).join('\n'));
  return { uid: null, secUid: null, nickname, uniqueId: match?.[1] ?? null, source: 'header' };
}

/**
 * The page owner's header (see above), or null: no header, no nickname, or the page cannot
 * tell which header is the owner's. `expected.secUid` is the URL's sec_uid (null on /user/self).
 */
export function readHeader(root: ParentNode, expected: Pick<DouyinExpected, 'secUid'>): DouyinProfile | null {
  const unlinked: DouyinProfile[] = [];
  for (const block of findHeaders(root)) {
    const linked = linkedSecUids(block);
    const profile = readBlock(block);
    if (!profile) continue;
    if (linked.size > 0) {
      // Tied to an account by its links: the owner's only when that is the URL's account alone.
      if (expected.secUid !== null && linked.size === 1 && linked.has(expected.secUid)) return profile;
    } else if (!block.closest(OTHER_REGION)) {
      unlinked.push(profile);
    }
  }
  const [first] = unlinked;
  if (!first) return null;
  return unlinked.every((p) => p.nickname === first.nickname && p.uniqueId === first.uniqueId) ? first : null;
}
