import { MAX_BADGE_BATCH, badgeKey, badgeRefUrl, type BadgeInfo, type BadgeRef } from '../../shared/badges';
import { listPageOf, type ListPageKind } from '../../shared/list-pages';
import { watchUrl } from '../url-watch';
import { createBadge, type BadgeElement, type BadgeView } from './badge-element';
import { createBar, type Bar } from './badge-bar';
import { sendBadgeMessage } from './badge-messages';
import { badgeText } from './badge-text';
import { BADGE_TAG, badgeTargetOf } from './card-creator';
import { createPeekQueue } from './peek-queue';

/**
 * The badges of a list page (utils/shared/list-pages.ts), loaded as a chunk of its own by the
 * content script only there (utils/page/badge-loader.ts). It follows the page's URL and works
 * while the page is a list page:
 *
 * - one MutationObserver on the document (added nodes, and `href` changes of links), whose
 *   records are only collected; the work runs once the page is idle, in one batch;
 * - each card's creator is read from its link (./card-creator.ts); a link whose creator changed
 *   (a recycled card) loses its badge and gets the new creator's, shown at once when known;
 * - the cached answers are read through one message per group of cards (./peek-queue.ts); a
 *   paid look-up happens only on a trusted click of a badge's own button.
 */

interface Attached {
  ref: BadgeRef;
  key: string;
  nickname: string | null;
  badge: BadgeElement;
}

const POLL_MS = 3_000;
const POLL_FOR_MS = 10 * 60_000;

export function startListBadges(win: Window): () => void {
  const doc = win.document;
  let kind: ListPageKind | null = null;
  /** null: not known yet (until the first answer says whether the setting is on). */
  let enabled: boolean | null = null;
  let observer: MutationObserver | null = null;
  let bar: Bar | null = null;
  let scanScheduled = false;
  let stopped = false;
  const roots = new Set<Node>();
  const attached = new Map<HTMLAnchorElement, Attached>();
  const infos = new Map<string, BadgeInfo>();
  /** A look-up in progress or failed, per creator. */
  const overrides = new Map<string, BadgeView>();

  const idle = (fn: () => void) => {
    if (typeof win.requestIdleCallback === 'function') win.requestIdleCallback(fn, { timeout: 500 });
    else win.setTimeout(fn, 50);
  };

  const viewOf = (key: string): BadgeView => {
    const override = overrides.get(key);
    if (override) return override;
    const info = infos.get(key);
    return info ? { kind: 'info', info } : { kind: 'pending' };
  };

  const renderKey = (key: string) => {
    for (const a of attached.values()) if (a.key === key) a.badge.render(viewOf(key));
  };

  const queue = createPeekQueue({
    schedule: idle,
    send: (refs) => {
      sendBadgeMessage('badgePeek', { refs }).then(
        (answer) => {
          if (stopped || kind === null) return;
          if (!answer.enabled) {
            enabled = false;
            deactivate();
            return;
          }
          enabled = true;
          answer.items.forEach((info, i) => {
            const ref = refs[i];
            if (!ref) return;
            const key = badgeKey(ref);
            infos.set(key, info);
            renderKey(key);
          });
          showBar();
        },
        () => undefined, // the extension was reloaded or removed: the badges stay as they are
      );
    },
  });

  const detach = (anchor: HTMLAnchorElement) => {
    attached.get(anchor)?.badge.host.remove();
    attached.delete(anchor);
  };

  const place = (anchor: HTMLAnchorElement, a: Attached) => {
    if (a.badge.host.previousSibling !== anchor || !a.badge.host.isConnected) anchor.after(a.badge.host);
  };

  const find = (key: string) => [...attached.values()].find((a) => a.key === key);

  const lookUp = (key: string) => {
    const a = find(key);
    if (!a || overrides.get(key)?.kind === 'looking') return;
    overrides.set(key, { kind: 'looking' });
    renderKey(key);
    sendBadgeMessage('badgeLookUp', { ref: a.ref, nickname: a.nickname }).then(
      (answer) => {
        if (answer.ok) {
          overrides.delete(key);
          infos.set(key, answer.info);
        } else overrides.set(key, { kind: 'failed', error: answer.error });
        renderKey(key);
      },
      () => {
        overrides.set(key, { kind: 'failed', error: 'network' });
        renderKey(key);
      },
    );
  };

  /** The creator's own page in a new tab, where the panel shows (or asks about) it. */
  const openPage = (ref: BadgeRef) => {
    win.open(badgeRefUrl(ref), '_blank', 'noopener,noreferrer');
  };

  const open = (key: string) => {
    const a = find(key);
    if (!a) return;
    // A Douyin account waiting for the user ("Confirm"): its profile page, where the panel can
    // be sure of the account and asks. Anything else: the popup's view of the creator (from the
    // cache), or, when the background cannot show it, the creator's page as before.
    if (infos.get(key)?.state === 'confirm') return openPage(a.ref);
    const { ref } = a;
    sendBadgeMessage('badgeOpen', { ref }).then(
      (answer) => {
        if (!answer.ok) openPage(ref);
      },
      () => openPage(ref),
    );
  };

  const addToList = async (key: string): Promise<string> => {
    const a = find(key);
    if (!a) return badgeText('addFailed');
    try {
      const answer = await sendBadgeMessage('badgeAddToList', { ref: a.ref, nickname: a.nickname });
      if (!answer.ok) return badgeText('addFailed');
      const list = answer.value.listName;
      if (answer.value.added > 0) return badgeText('added', { list });
      return badgeText(answer.value.refused > 0 ? 'full' : 'already', { list });
    } catch {
      return badgeText('addFailed');
    }
  };

  const consider = (anchor: HTMLAnchorElement) => {
    const target = badgeTargetOf(anchor, win.location.href, kind === 'douyin-follows');
    const current = attached.get(anchor);
    if (current && target && current.key === target.key) {
      current.nickname = target.nickname;
      place(anchor, current);
      return;
    }
    if (current) detach(anchor);
    if (!target) return;
    // One badge per card: a second link to the same creator close by (avatar and name) gets none.
    const scope = anchor.parentElement?.parentElement;
    if (scope) for (const host of scope.querySelectorAll<HTMLElement>(BADGE_TAG)) if (host.dataset.key === target.key) return;
    const { key } = target;
    const badge = createBadge(doc, key, {
      lookUp: () => lookUp(key),
      open: () => open(key),
      addToList: () => addToList(key),
    });
    const a: Attached = { ...target, badge };
    attached.set(anchor, a);
    place(anchor, a);
    badge.render(viewOf(key));
    if (!infos.has(key)) queue.want(target.ref);
  };

  const scan = () => {
    scanScheduled = false;
    if (stopped || kind === null || enabled === false) return;
    const batch = [...roots];
    roots.clear();
    for (const root of batch) {
      if (!root.isConnected) continue;
      if (root instanceof HTMLAnchorElement) consider(root);
      else if (root instanceof Element) for (const link of root.querySelectorAll('a[href]')) consider(link as HTMLAnchorElement);
    }
    // Cards the site removed take their badges along; a badge the site's re-render dropped comes back.
    for (const [anchor, a] of attached) {
      if (!anchor.isConnected) detach(anchor);
      else place(anchor, a);
    }
  };

  const scheduleScan = () => {
    if (scanScheduled) return;
    scanScheduled = true;
    idle(scan);
  };

  const onMutations = (records: MutationRecord[]) => {
    for (const record of records) {
      if (record.type === 'attributes') roots.add(record.target);
      else {
        for (const node of record.addedNodes) if (node instanceof Element && node.localName !== BADGE_TAG) roots.add(node);
        if (record.removedNodes.length > 0) roots.add(record.target);
      }
    }
    if (roots.size > 0) scheduleScan();
  };

  const visibleCreators = () => {
    const seen = new Set<string>();
    const creators: { ref: BadgeRef; nickname: string | null }[] = [];
    for (const [anchor, a] of attached) {
      if (seen.has(a.key) || creators.length >= MAX_BADGE_BATCH) continue;
      const rect = anchor.getBoundingClientRect();
      if (rect.bottom <= 0 || rect.top >= win.innerHeight || rect.width === 0) continue;
      seen.add(a.key);
      creators.push({ ref: a.ref, nickname: a.nickname });
    }
    return creators;
  };

  /** After a run starts: read the cache again for the creators it covers, until each is answered. */
  const follow = (refs: BadgeRef[]) => {
    const until = Date.now() + POLL_FOR_MS;
    const tick = () => {
      if (stopped || kind === null) return;
      const open = refs.filter((ref) => {
        const key = badgeKey(ref);
        return infos.get(key)?.state === 'uncached';
      });
      if (open.length === 0 || Date.now() > until) return;
      for (const ref of open) {
        queue.forget(badgeKey(ref));
        queue.want(ref);
      }
      win.setTimeout(tick, POLL_MS);
    };
    win.setTimeout(tick, POLL_MS);
  };

  const showBar = () => {
    if (bar || enabled !== true) return;
    let lastRefs: BadgeRef[] = [];
    bar = createBar(doc, {
      estimate: async () => {
        const creators = visibleCreators();
        if (creators.length === 0) return null;
        lastRefs = creators.map((c) => c.ref);
        const answer = await sendBadgeMessage('badgeEstimate', { creators }).catch(() => null);
        return answer?.ok ? answer.value : null;
      },
      run: async (token) => {
        const answer = await sendBadgeMessage('badgeRun', { token }).catch(() => null);
        if (!answer?.ok) return null;
        follow(lastRefs);
        return answer.value.listName;
      },
    });
    doc.body.append(bar.host);
  };

  const activate = () => {
    observer = new MutationObserver(onMutations);
    observer.observe(doc.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['href'] });
    roots.add(doc.documentElement);
    scheduleScan();
  };

  function deactivate() {
    observer?.disconnect();
    observer = null;
    roots.clear();
    for (const anchor of [...attached.keys()]) detach(anchor);
    bar?.host.remove();
    bar = null;
  }

  const check = () => {
    const next = listPageOf(win.location.href);
    if (next === kind) return;
    const was = kind;
    kind = next;
    if (was !== null) deactivate();
    if (next !== null && enabled !== false) activate();
  };

  const stopWatching = watchUrl(win, check);
  check();
  return () => {
    stopped = true;
    stopWatching();
    deactivate();
  };
}
