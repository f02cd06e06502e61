import { isPageCreator, type PageCreator } from './creator';

/**
 * The channel between a page's content script and the extension pages that show what the tab
 * shows: the panel iframe in the same tab and the toolbar popup. They open it with
 * `browser.tabs.connect(tabId, { frameId: 0, name })`, so a web page can neither open nor forge
 * it (unlike window.postMessage). The content script answers each connection with the creator,
 * and again whenever it changes.
 */
export const PAGE_PORT_NAME = 'xdp-page';
export const PANEL_PAGE_PATH = '/panel.html';
/** Extension pages allowed to connect. */
export const PORT_PAGES = [PANEL_PAGE_PATH, '/popup.html'] as const;

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
