import { OPEN_PANEL_COMMAND, openPanelMessage, type OpenPanelMessage } from '../shared/panel-command';

/** The tab a command came with (commands.onCommand's second argument; absent in old browsers). */
export interface CommandTab {
  id?: number;
}

/**
 * The background's side of the shortcut (utils/shared/panel-command.ts): for our command and a
 * tab with an id, one message to the extension's pages naming that tab. No tab, another command:
 * nothing. A tab without our panel has no listener, so the send fails quietly.
 */
export async function onPanelCommand(
  command: string,
  tab: CommandTab | undefined,
  send: (message: OpenPanelMessage) => Promise<unknown>,
  activeTabId: () => Promise<number | undefined>,
): Promise<boolean> {
  if (command !== OPEN_PANEL_COMMAND) return false;
  const tabId = typeof tab?.id === 'number' && tab.id >= 0 ? tab.id : await activeTabId().catch(() => undefined);
  if (tabId === undefined) return false;
  await send(openPanelMessage(tabId)).catch(() => undefined);
  return true;
}
