import type { FrameTokenMessage, LayoutMessage } from '../shared/panel-port';
import type { PageCreator } from '../shared/creator';

/** The element the panel lives in on a creator page; its open shadow root holds the iframe. */
export const PANEL_HOST_TAG = 'xingtu-distribution-panel';

const HOST_STYLE = `
:host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483646; display: block; }
:host([hidden]) { display: none !important; }
iframe { display: block; border: 0; background: transparent;
  color-scheme: normal; width: 360px; height: 48px; border-radius: 12px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, .18); }
/* Until the panel has measured itself the iframe stays see-through (not hidden: Chrome would
   throttle a hidden frame's rendering, and the panel could never measure itself). */
iframe:not([data-ready]) { box-shadow: none; }
iframe[data-collapsed] { border-radius: 18px; }
`;

export interface PanelHost {
  host: HTMLElement;
  iframe: HTMLIFrameElement;
  setVisible(visible: boolean): void;
  applyLayout(layout: LayoutMessage): void;
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

/** Create the panel's host element with an open shadow root and the panel iframe (loading `panelUrl`) inside. */
export function mountPanelHost(panelUrl: string): PanelHost {
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

  return {
    host,
    iframe,
    setVisible(visible) {
      host.hidden = !visible;
    },
    applyLayout({ collapsed, width, height }) {
      const maxH = Math.max(120, window.innerHeight - 32);
      iframe.style.width = `${Math.min(Math.ceil(width), window.innerWidth - 32)}px`;
      iframe.style.height = `${Math.min(Math.ceil(height), maxH)}px`;
      iframe.toggleAttribute('data-collapsed', collapsed);
      iframe.setAttribute('data-ready', '');
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
      host.remove();
    },
  };
}
