import { PANEL_READY, isCreatorMessage, isFrameTokenMessage, type HelloMessage } from '../shared/panel-port';
import type { PageCreator } from '../shared/creator';

/** The part of a runtime.Port the panel uses. */
export interface PanelPort {
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
}

/** The part of the panel's window the handshake uses. */
export interface PanelWindow {
  readonly parent: unknown;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  /** Posts to the parent window (the creator page). */
  postToParent(message: unknown): void;
}

export interface PanelHandshakeDeps {
  window: PanelWindow;
  /** This tab's id (browser.tabs.getCurrent); undefined outside a tab. */
  tabId(): Promise<number | undefined>;
  /** Open the port to the tab's content script (browser.tabs.connect, top frame). */
  connect(tabId: number): PanelPort;
  /**
   * A creator named beside a token. Unproven (the page can post the same shape): good for a free
   * cache lookup, never for showing or a paid call.
   */
  onHint(creator: PageCreator | null): void;
  /** The content script's creator over the trusted port: first when trusted, then each change. */
  onCreator(creator: PageCreator | null): void;
}

/** Tokens kept until the port opens: ours plus a few a page may have posted. */
export const MAX_EARLY_TOKENS = 8;

/**
 * The panel's side of the proof that it is the content script's own iframe (the protocol is in
 * utils/shared/panel-port.ts). Its first step costs no round trip of its own: the panel asks for the
 * token (`xdp-panel-ready` to its parent) while it looks up its tab, so the token is usually
 * there when the port opens and one `hello` with it is the whole proof. Resolves to the open
 * port (for layout messages), or null outside a tab.
 *
 * What the page can do here: post tokens and hints. A wrong token is one the content script
 * ignores; a hint is a free cache lookup. Once a creator arrived over the port (trusted),
 * nothing from the window is forwarded any more.
 */
export async function startPanelHandshake(deps: PanelHandshakeDeps): Promise<PanelPort | null> {
  const { window: win } = deps;
  let trusted = false;
  let port: PanelPort | null = null;
  const pendingTokens = new Set<string>();

  const hello = (token?: string) => {
    const message: HelloMessage = token === undefined ? { type: 'hello' } : { type: 'hello', token };
    port?.postMessage(message);
  };

  win.addEventListener('message', (event) => {
    if (trusted || event.source !== win.parent || !isFrameTokenMessage(event.data)) return;
    if (event.data.creator !== undefined) deps.onHint(event.data.creator);
    if (port) hello(event.data.token);
    else if (pendingTokens.size < MAX_EARLY_TOKENS) pendingTokens.add(event.data.token);
  });
  win.postToParent(PANEL_READY);

  const tabId = await deps.tabId();
  if (tabId === undefined) return null;
  port = deps.connect(tabId);
  // Listen before saying anything: the content script answers at once.
  port.onMessage.addListener((message) => {
    if (!isCreatorMessage(message)) return;
    trusted = true;
    deps.onCreator(message.creator);
  });
  // No token yet: a bare hello makes the content script send it (again).
  if (pendingTokens.size === 0) hello();
  pendingTokens.forEach((token) => hello(token));
  pendingTokens.clear();
  return port;
}
