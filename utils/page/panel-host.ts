import type { FrameMessage, FrameRequest, FrameTokenMessage, LayoutMessage } from '../shared/panel-port';
import type { PageCreator } from '../shared/creator';
import {
  DEFAULT_PLACEMENT,
  EDGE,
  clampPlacement,
  dockOther,
  isCompactViewport,
  movePlacement,
  panelMaxHeight,
  type Placement,
  type Size,
} from '../shared/panel-place';
import { readPageTheme, type PageTheme } from './page-theme';

/** The element the panel lives in on a creator page; its open shadow root holds the iframe. */
export const PANEL_HOST_TAG = 'xingtu-distribution-panel';

// Kept terse: this text ships in the content script on every Douyin/Xingtu page.
// - The iframe's colour scheme matches the panel document's (components/panel.css: light dark, or
//   dark on a dark page), else Chrome paints an opaque backdrop behind the panel's rounded corners.
// - Until the panel has measured itself the iframe stays see-through (not hidden: Chrome would
//   throttle a hidden frame's rendering, and the panel could never measure itself).
// - The div is the see-through layer that follows the pointer during a drag.
const HOST_STYLE =
  ':host{all:initial;position:fixed;right:16px;bottom:16px;z-index:2147483646;display:block}' +
  ':host([hidden]){display:none!important}' +
  'iframe{display:block;border:0;background:transparent;color-scheme:light dark;width:360px;height:48px;border-radius:12px;box-shadow:0 6px 24px #0000002e}' +
  'iframe:not([data-ready]){box-shadow:none}iframe[data-collapsed]{border-radius:18px}iframe[data-dark]{color-scheme:dark}' +
  'div{position:fixed;inset:0;cursor:move}';

export interface PanelHost {
  host: HTMLElement;
  iframe: HTMLIFrameElement;
  setVisible(visible: boolean): void;
  applyLayout(layout: LayoutMessage): void;
  /** Carry out what the (trusted) panel asked about its frame: placement, move, dock, focus. */
  request(request: FrameRequest): void;
  /** What the panel should know about its frame (see FrameMessage); `moved` after a move or dock. */
  frameState(moved: boolean): FrameMessage;
  /** Read the page's theme again (each navigation); the panel hears of a change. */
  readTheme(): void;
  /**
   * Give the token (and the creator shown now) to the document in our own iframe, addressed to
   * the extension's origins only: a page that navigated the iframe elsewhere, or made iframes
   * of its own, gets nothing.
   */
  sendToken(token: string, origins: readonly string[], creator: PageCreator | null): void;
  /** Whether a window message came from the document in our own iframe. */
  isFromFrame(event: MessageEvent): boolean;
  /** False once the page removed the host from the document. */
  isAttached(): boolean;
  remove(): void;
}

/**
 * Create the panel's host element with an open shadow root and the panel iframe (loading
 * `panelUrl`) inside. `onFrame` gets what the panel should hear when the page's theme changed or
 * after a move.
 *
 * Where it sits is the panel's placement (utils/shared/panel-place.ts), clamped into the
 * viewport on every layout and resize, so the title bar stays reachable at any zoom. Its height
 * is capped at panelMaxHeight. The element that had focus on the page before the panel took it
 * is remembered, for Escape.
 */
export function mountPanelHost(panelUrl: string, onFrame: (message: FrameMessage) => void): PanelHost {
  const host = document.createElement(PANEL_HOST_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = HOST_STYLE;
  const iframe = document.createElement('iframe');
  iframe.src = panelUrl;
  iframe.title = '星图达人内容分布 · Xingtu content distribution';
  iframe.setAttribute('allowtransparency', 'true');
  shadow.append(style, iframe);
  document.documentElement.append(host);

  let wanted: Placement = DEFAULT_PLACEMENT;
  let shown: Placement = wanted;
  let last: LayoutMessage | null = null;
  let theme: PageTheme = 'light';
  let lastFocus: Element | null = null;
  // A drag: the pointer's last position on the page, and the see-through layer that follows it.
  let dragAt: [number, number] | null = null;
  const layer = document.createElement('div');
  // The viewport without the page's scrollbars (what `position: fixed` offsets are measured in).
  const root = document.documentElement;
  const viewport = (): Size => ({ width: root.clientWidth, height: root.clientHeight });
  const size = (): Size => ({ width: iframe.offsetWidth, height: iframe.offsetHeight });
  const place = (next: Placement) => {
    shown = clampPlacement(next, size(), viewport());
    const other = shown.side === 'right' ? 'left' : 'right';
    host.style.cssText = `${shown.side}:${shown.x}px!important;${other}:auto!important;bottom:${shown.bottom}px!important`;
  };
  const setTheme = (next: PageTheme) => {
    theme = next;
    iframe.toggleAttribute('data-dark', next === 'dark');
  };
  const frameState = (moved: boolean): FrameMessage => ({ type: 'frame', compact: isCompactViewport(viewport()), theme, placement: shown, moved });
  const layout = (message: LayoutMessage) => {
    last = message;
    const room = viewport();
    iframe.style.width = `${Math.min(Math.ceil(message.width), room.width - 2 * EDGE)}px`;
    const height = Math.ceil(message.height);
    iframe.style.height = `${message.collapsed ? Math.min(height, room.height) : Math.min(height, panelMaxHeight(room.height))}px`;
    iframe.toggleAttribute('data-collapsed', message.collapsed);
    iframe.setAttribute('data-ready', '');
    place(wanted);
  };
  // A resize or a zoom: clamp again (the title bar stays reachable).
  const onResize = () => (last ? layout(last) : place(wanted));
  // Where focus was on the page before the panel (its host) took it: Escape gives it back.
  const onFocusIn = (event: FocusEvent) => {
    if (event.target !== host) lastFocus = event.target as Element;
  };
  const dragTo = (x: number, y: number) => {
    if (!dragAt) return;
    wanted = movePlacement(shown, x - dragAt[0], y - dragAt[1], size(), viewport());
    dragAt = [x, y];
    place(wanted);
  };
  const dragEnd = () => {
    if (!dragAt) return;
    dragAt = null;
    layer.remove();
    onFrame(frameState(true));
  };
  layer.onpointermove = (event) => dragTo(event.clientX, event.clientY);
  layer.onpointerup = dragEnd;
  window.addEventListener('resize', onResize);
  document.addEventListener('focusin', onFocusIn, true);
  setTheme(readPageTheme(document, window));

  return {
    host,
    iframe,
    setVisible(visible) {
      host.hidden = !visible;
    },
    applyLayout: layout,
    frameState,
    readTheme() {
      const now = readPageTheme(document, window);
      if (now === theme) return;
      setTheme(now);
      onFrame(frameState(false));
    },
    request(request) {
      if (request.type === 'focus-frame') return iframe.focus();
      if (request.type === 'focus-page') {
        (lastFocus?.isConnected ? (lastFocus as HTMLElement) : null)?.focus?.({ preventScroll: true });
        // Nothing to go back to (or it cannot take focus): the page's body.
        if (document.activeElement === host) iframe.blur();
        return;
      }
      if (request.type === 'drag') {
        // The panel's coordinates on the page: its frame's offset plus the point in the frame.
        const frame = iframe.getBoundingClientRect();
        const x = frame.left + request.x;
        const y = frame.top + request.y;
        if (request.phase === 'start') {
          dragAt = [x, y];
          shadow.append(layer);
        } else dragTo(x, y);
        if (request.phase === 'end') dragEnd();
        return;
      }
      wanted =
        request.type === 'place' ? request.placement : request.type === 'dock' ? dockOther(shown) : movePlacement(shown, request.dx, request.dy, size(), viewport());
      place(wanted);
      // A move or dock the user made: the panel stores where it ended.
      if (request.type === 'dock' || (request.type === 'move' && request.done)) onFrame(frameState(true));
    },
    sendToken(token, origins, creator) {
      const message: FrameTokenMessage = { type: 'xdp-frame-token', token, creator };
      // contentWindow is read in the content script's world: page scripts cannot redefine it.
      const target = iframe.contentWindow;
      if (!target) return;
      for (const origin of origins) target.postMessage(message, origin);
    },
    isFromFrame(event) {
      // Both read in the content script's world: a page cannot fake the source of a message.
      const own = iframe.contentWindow;
      return own !== null && event.source === own;
    },
    isAttached() {
      return host.isConnected && iframe.parentNode === shadow;
    },
    remove() {
      window.removeEventListener('resize', onResize);
      document.removeEventListener('focusin', onFocusIn, true);
      host.remove();
    },
  };
}
