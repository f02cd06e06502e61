import { isPageCreator, type PageCreator } from './creator';
import { isPlacement, type Placement } from './panel-place';

/**
 * The channel between a page's content script and the extension pages that show what the tab
 * shows: the panel iframe in the same tab and the toolbar popup. They open it with
 * `browser.tabs.connect(tabId, { frameId: 0, name })`, so a web page can neither open nor forge
 * it (unlike window.postMessage). The content script answers each trusted connection with the
 * creator, and again whenever it changes.
 *
 * panel.html is web-accessible, so a page can load it in an iframe of its own, and that panel
 * would connect like ours. So a panel is trusted only once it proves it is in the content
 * script's own iframe:
 *   1. the panel asks for the token: at once through `{type:'xdp-panel-ready'}` posted to its
 *      parent window (the content script answers only when the message comes from its own
 *      iframe's window), and again with `{type:'hello'}` once its port is open;
 *   2. the content script posts a per-tab random token to its own iframe's window, addressed to
 *      the extension's origin (`postMessage(…, 'chrome-extension://…')`): no page window can
 *      receive it, even when the page navigates that iframe elsewhere;
 *   3. the panel sends `{type:'hello', token}` over its port; a port that shows the token is
 *      trusted; any other panel gets nothing (no creator, so no call).
 * The token message also names the creator, so the panel can look it up in the cache (free)
 * while step 3 runs (utils/views/early-peek.ts). Only the port's creator is shown: the page can post
 * into the panel as its parent too, so the window message proves nothing.
 * The popup is not web-accessible (no page can frame it): it is trusted by its URL.
 */
export const PAGE_PORT_NAME = 'xdp-page';
export const PANEL_PAGE_PATH = '/panel.html';
export const POPUP_PAGE_PATH = '/popup.html';
/** Extension pages allowed to connect. */
export const PORT_PAGES = [PANEL_PAGE_PATH, POPUP_PAGE_PATH] as const;
export type PortPage = (typeof PORT_PAGES)[number];

/** Content script → panel. */
export interface CreatorMessage {
  type: 'creator';
  creator: PageCreator | null;
}

/** Panel → content script: how much room the panel needs. */
export interface LayoutMessage {
  type: 'layout';
  collapsed: boolean;
  width: number;
  height: number;
}

/** Panel → content script: "here I am" (no token: please send me the token). */
export interface HelloMessage {
  type: 'hello';
  token?: string;
}

/** Content script → its own panel iframe, through window.postMessage (see above). */
export interface FrameTokenMessage {
  type: 'xdp-frame-token';
  token: string;
  /** The creator the tab shows now: a hint for a cache lookup, never shown (see above). */
  creator?: PageCreator | null;
}

/** Panel → its parent window: "send me the token" (see above; it carries nothing). */
export interface PanelReadyMessage {
  type: 'xdp-panel-ready';
}
export const PANEL_READY: PanelReadyMessage = Object.freeze({ type: 'xdp-panel-ready' });

/** 128 random bits as 32 lowercase hex digits. */
export const FRAME_TOKEN = /^[0-9a-f]{32}$/;

export function newFrameToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const size = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;

export function isLayoutMessage(value: unknown): value is LayoutMessage {
  return (
    isRecord(value) &&
    value.type === 'layout' &&
    typeof value.collapsed === 'boolean' &&
    size(value.width, 2000) &&
    size(value.height, 4000)
  );
}

export function isCreatorMessage(value: unknown): value is CreatorMessage {
  return isRecord(value) && value.type === 'creator' && (value.creator === null || isPageCreator(value.creator));
}

export function isHelloMessage(value: unknown): value is HelloMessage {
  return isRecord(value) && value.type === 'hello' && (value.token === undefined || (typeof value.token === 'string' && FRAME_TOKEN.test(value.token)));
}

export function isFrameTokenMessage(value: unknown): value is FrameTokenMessage {
  return (
    isRecord(value) &&
    value.type === 'xdp-frame-token' &&
    typeof value.token === 'string' &&
    FRAME_TOKEN.test(value.token) &&
    (value.creator === undefined || value.creator === null || isPageCreator(value.creator))
  );
}

export function isPanelReadyMessage(value: unknown): value is PanelReadyMessage {
  return isRecord(value) && value.type === 'xdp-panel-ready';
}

/** Who opened a port (runtime.Port['sender']). */
export interface PortSender {
  id?: string;
  url?: string;
}

/**
 * Which of our pages opened a port, or null for anything else (another extension, a content
 * script, a page). `origins` are this extension's page origins: in Chrome the real
 * `chrome-extension://<id>` and, with `use_dynamic_url`, the dynamic origin that
 * `runtime.getURL` gives content scripts; in Firefox `moz-extension://<uuid>`.
 */
export function portPageOf(sender: PortSender | undefined, extensionId: string, origins: readonly string[]): PortPage | null {
  if (!sender || sender.id !== extensionId || typeof sender.url !== 'string') return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  // Built from the parts: URL.origin is 'null' for schemes a runtime does not treat as special.
  if (url.host === '' || !origins.includes(`${url.protocol}//${url.host}`)) return null;
  return PORT_PAGES.find((path) => url.pathname === path) ?? null;
}

/** `scheme://host` of an extension URL (see portPageOf). */
export function extensionOriginOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * Panel → content script: about the frame itself, from the user's hands in the panel (trusted
 * ports only, like `layout`):
 * - `place`: the placement stored for this site (utils/views/panel-state.ts), once at start;
 * - `drag`: the pointer on the title bar, in the panel's own CSS pixels (the content script adds
 *   the frame's offset): `start` on press, `move`, `end` on release. While a drag lasts the content
 *   script also covers the page with a see-through layer and follows the pointer there, so a
 *   pointer that leaves the moving frame still drags it;
 * - `move`: the move handle got an arrow key: by (dx, dy) CSS pixels, `done` for each key;
 *   after a drag or a done move the content script answers `frame` with `moved`, and the panel
 *   stores the placement;
 * - `dock`: to the other side;
 * - `focus-page`: Escape: give focus back to where it was on the page;
 * - `focus-frame`: the keyboard shortcut: focus the panel's iframe.
 */
export type FrameRequest =
  | { type: 'place'; placement: Placement }
  | { type: 'drag'; x: number; y: number; phase: 'start' | 'move' | 'end' }
  | { type: 'move'; dx: number; dy: number; done: boolean }
  | { type: 'dock' }
  | { type: 'focus-page' }
  | { type: 'focus-frame' };

/**
 * Content script → panel: what the panel should know about where it is shown. Sent when the
 * panel is trusted (before the creator), when a navigation finds the page's theme changed, and
 * after a move or dock (`moved`: store the placement for this site).
 */
export interface FrameMessage {
  type: 'frame';
  /** The viewport is small (utils/shared/panel-place.ts): start folded unless the user chose (read at the first draw). */
  compact: boolean;
  /** The page's own background is dark (Douyin's dark theme). */
  theme: 'dark' | 'light';
  placement: Placement;
  moved: boolean;
}

const delta = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 4000;

export function isFrameRequest(value: unknown): value is FrameRequest {
  if (!isRecord(value)) return false;
  const { type } = value;
  if (type === 'place') return isPlacement(value.placement);
  if (type === 'move') return delta(value.dx) && delta(value.dy) && typeof value.done === 'boolean';
  if (type === 'drag') return delta(value.x) && delta(value.y) && ['start', 'move', 'end'].includes(value.phase as string);
  return type === 'dock' || type === 'focus-page' || type === 'focus-frame';
}
