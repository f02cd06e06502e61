import type { DouyinProfile } from './profile';

/*
 * DOM fallback: the profile header `[data-e2e="user-info"]`. It shows the nickname and a line
 * `抖音号：<id>`, but no uid or sec_uid (the caller fills sec_uid from the URL).
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

function findHeader(root: ParentNode): Element | null {
  if ((root as Node).nodeType === 1 && (root as Element).matches(HEADER)) return root as Element;
  return root.querySelector(HEADER);
}

export function readHeader(root: ParentNode): DouyinProfile | null {
  const header = findHeader(root);
  if (!header) return null;

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
