/**
 * The keyboard shortcut that opens and focuses the in-page panel (manifest `commands`, default
 * Alt+Shift+D; the user can change it at chrome://extensions/shortcuts).
 *
 * The path is narrow: the background hears the command for the active tab and sends one runtime
 * message naming that tab (utils/background/panel-command.ts). Runtime messages reach this
 * extension's pages only, never a web page; each panel acts only when the tab is its own and the
 * sender is this extension without a tab (the background, not a content script), then asks its
 * content script over the trusted port to focus its frame (`focus-frame`,
 * utils/shared/panel-port.ts). A panel a page framed itself has no trusted port, so it can do
 * nothing with it. The content script itself still never listens to runtime messages.
 */
export const OPEN_PANEL_COMMAND = 'open-panel';

export interface OpenPanelMessage {
  type: 'xdp-open-panel';
  tabId: number;
}

export function openPanelMessage(tabId: number): OpenPanelMessage {
  return { type: 'xdp-open-panel', tabId };
}

/** Whether `value` asks the panel of tab `tabId` to open (false without a tab id). */
export function isOpenPanelMessage(value: unknown, tabId: number | undefined): value is OpenPanelMessage {
  if (typeof value !== 'object' || value === null || tabId === undefined) return false;
  const v = value as Record<string, unknown>;
  return v.type === 'xdp-open-panel' && v.tabId === tabId;
}
