import type { BadgeInfo } from '../../shared/badges';
import type { FailureKind } from '../../shared/types';
import { BADGE_TAG } from './card-creator';
import { badgeText, shareText, type BadgeTextKey } from './badge-text';

/**
 * One badge: a host element after the card's link with a closed shadow root of its own (the
 * page cannot read or reach into it; its styles cannot leak in or out), text only (textContent,
 * never markup). Its buttons act only on a trusted event: a click or key press of the user, never
 * a page script's `click()` or dispatched event (see `onTrusted`).
 */

export type BadgeView =
  | { kind: 'pending' }
  | { kind: 'info'; info: BadgeInfo }
  | { kind: 'looking' }
  | { kind: 'failed'; error: FailureKind };

export interface BadgeActions {
  /** The paid look-up (one call; or a search and a call). */
  lookUp(): void;
  /** Show the creator in the extension's own view (the toolbar popup; "Confirm": the creator's page). */
  open(): void;
  /** Add to the current creator list; resolves with the line to show. */
  addToList(): Promise<string>;
}

export interface BadgeElement {
  readonly host: HTMLElement;
  render(view: BadgeView): void;
}

/** A listener that runs only for events the user made (`isTrusted`); the page's synthetic events do nothing. */
export function onTrusted(handler: (event: Event) => void): (event: Event) => void {
  return (event) => {
    if (event.isTrusted) handler(event);
  };
}

const STYLE = `
:host { all: initial; display: inline-block; position: relative; margin-left: 6px; vertical-align: middle;
  font: 12px/1.4 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1d2129; }
button, .note { font: inherit; border: 1px solid #c9cdd4; border-radius: 12px; background: #fff;
  color: #1d2129; padding: 0 8px; line-height: 22px; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid #165dff; outline-offset: 1px; }
[aria-disabled=true], .note { cursor: default; color: #4e5969; background: #f2f3f5; }
.note { display: inline-block; }
.main.cached { background: #e8f3ff; border-color: #94bfff; color: #0e42d2; }
.main.failed { border-color: #f53f3f; color: #cb272d; }
.card { position: absolute; z-index: 2147483000; top: calc(100% + 4px); left: 0; min-width: 200px; max-width: 280px;
  background: #fff; border: 1px solid #e5e6eb; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.12); padding: 8px 10px; }
.card[hidden] { display: none; }
.title { font-weight: 600; margin-bottom: 4px; }
ol { margin: 0 0 4px; padding-left: 18px; }
.meta { color: #4e5969; margin-bottom: 6px; }
.actions { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
.status { color: #4e5969; }
`;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function fetchedText(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return badgeText('fetched', { time: `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}` });
}

export function createBadge(doc: Document, key: string, actions: BadgeActions): BadgeElement {
  const host = doc.createElement(BADGE_TAG);
  host.dataset.key = key;
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = el(doc, 'style');
  style.textContent = STYLE;
  const box = el(doc, 'span');
  shadow.append(style, box);
  let view: BadgeView = { kind: 'pending' };
  let card: HTMLElement | null = null;
  let main: HTMLButtonElement | null = null;

  const showCard = (show: boolean) => {
    if (!card || !main) return;
    card.hidden = !show;
    main.setAttribute('aria-expanded', String(show));
  };

  const button = (text: string, onClick: () => void, className = '') => {
    const b = el(doc, 'button', className, text);
    b.type = 'button';
    b.addEventListener('click', onTrusted(onClick));
    return b;
  };

  const cachedCard = (info: Extract<BadgeInfo, { state: 'cached' }>): HTMLElement => {
    const c = el(doc, 'div', 'card');
    c.id = 'card';
    c.setAttribute('role', 'group');
    c.setAttribute('aria-label', badgeText('cardTitle'));
    c.hidden = true;
    const list = el(doc, 'ol');
    for (const row of info.top) list.append(el(doc, 'li', '', shareText(row.name, row.share)));
    const meta = el(doc, 'div', 'meta', `${badgeText('categories', { n: info.total })} · ${fetchedText(info.fetchedAt)}`);
    const status = el(doc, 'span', 'status');
    status.setAttribute('role', 'status');
    // Busy is aria-disabled, not disabled: a disabled button would drop the keyboard focus (and close the card).
    const add = button(badgeText('addToList'), () => {
      if (add.hasAttribute('aria-disabled')) return;
      add.setAttribute('aria-disabled', 'true');
      status.textContent = badgeText('adding');
      void actions.addToList().then((line) => {
        status.textContent = line;
        add.removeAttribute('aria-disabled');
      });
    });
    const actionsRow = el(doc, 'div', 'actions');
    actionsRow.append(button(badgeText('open'), actions.open), add, status);
    c.append(el(doc, 'div', 'title', badgeText('cardTitle')));
    if (info.top.length > 0) c.append(list);
    c.append(meta, actionsRow);
    return c;
  };

  const build = () => {
    if (view.kind === 'pending') return;
    if (view.kind === 'looking') {
      // Focusable while busy (aria-disabled): the focus stays on the badge until the answer shows.
      const b = button(badgeText('looking'), () => undefined, 'main');
      b.setAttribute('aria-disabled', 'true');
      box.append(b);
      return;
    }
    if (view.kind === 'failed') {
      const reason = `error.${view.error}` as BadgeTextKey;
      const known = ['error.no-key', 'error.daily-cap', 'error.bad-input'].includes(reason);
      const b = button(known ? `${badgeText(reason)} · ${badgeText('retry')}` : badgeText('retry'), actions.lookUp, 'main failed');
      b.title = badgeText('lookUpTitle');
      box.append(b);
      return;
    }
    const { info } = view;
    switch (info.state) {
      case 'uncached': {
        const b = button(badgeText(info.search ? 'lookUpSearch' : 'lookUp'), actions.lookUp, 'main');
        b.title = badgeText(info.search ? 'lookUpSearchTitle' : 'lookUpTitle');
        box.append(b);
        return;
      }
      case 'not-on-xingtu':
        box.append(el(doc, 'span', 'note', badgeText('notOnXingtu')));
        box.lastElementChild?.setAttribute('tabindex', '-1'); // can keep the focus a look-up had
        return;
      case 'confirm': {
        const b = button(badgeText('confirm'), actions.open, 'main');
        b.title = badgeText('confirmTitle');
        box.append(b);
        return;
      }
      case 'cached': {
        const top = info.top[0];
        const m = button(top ? shareText(top.name, top.share) : badgeText('noVideos'), () => showCard(card?.hidden ?? false), 'main cached');
        m.setAttribute('aria-expanded', 'false');
        m.setAttribute('aria-controls', 'card');
        card = cachedCard(info);
        main = m;
        box.append(m, card);
      }
    }
  };

  /**
   * A new view replaces the old one; when the badge had the keyboard focus (its button, or the
   * card's), the new view's first control gets it: the focus is not lost to the page, and a
   * screen reader reads the new name (the look-up's answer, or its failure). That focus does not
   * open the card (`quiet`): Enter does.
   */
  let quiet = false;
  const draw = () => {
    const refocus = shadow.activeElement !== null;
    box.replaceChildren();
    card = null;
    main = null;
    build();
    quiet = refocus;
    if (refocus) box.querySelector<HTMLElement>('button, .note')?.focus();
    quiet = false;
  };

  // The card opens on hover and on focus, and closes when both leave (or on Escape).
  let hovered = false;
  host.addEventListener('mouseenter', () => {
    hovered = true;
    showCard(true);
  });
  host.addEventListener('mouseleave', () => {
    hovered = false;
    if (!shadow.activeElement) showCard(false);
  });
  // (Listened to inside the shadow root, where the targets are not retargeted to the host.)
  shadow.addEventListener('focusin', () => {
    if (!quiet) showCard(true);
  });
  shadow.addEventListener('focusout', (event) => {
    const next = (event as FocusEvent).relatedTarget;
    if (!hovered && !(next instanceof Node && shadow.contains(next))) showCard(false);
  });
  shadow.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape' && card && !card.hidden) {
      // Focus first: a focus moving to the button would open the card again.
      main?.focus();
      showCard(false);
    }
  });

  return {
    host,
    render(next) {
      view = next;
      draw();
    },
  };
}
