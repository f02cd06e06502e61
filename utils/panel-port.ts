import { isPageCreator, type PageCreator } from './creator';

/**
 * The channel between a page's content script and the panel iframe (an extension page) in the
 * same tab. The panel opens it with `browser.tabs.connect(tabId, { frameId: 0, name })`, so a web
 * page can neither open nor forge it (unlike window.postMessage).
 */
export const PANEL_PORT_NAME = 'xdp-panel';
export const PANEL_PAGE_PATH = '/panel.html';

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
