import { describe, expect, it, vi } from 'vitest';
import { onPanelCommand } from '../../utils/background/panel-command';
import { isOpenPanelMessage, openPanelMessage } from '../../utils/shared/panel-command';

describe('the open-panel shortcut', () => {
  it('sends one message naming the command’s tab', async () => {
    const send = vi.fn(async () => undefined);
    const active = vi.fn(async () => 99);
    expect(await onPanelCommand('open-panel', { id: 7 }, send, active)).toBe(true);
    expect(send).toHaveBeenCalledWith({ type: 'xdp-open-panel', tabId: 7 });
    expect(active).not.toHaveBeenCalled();
  });

  it('falls back to the active tab, and does nothing for other commands or without a tab', async () => {
    const send = vi.fn(async () => undefined);
    expect(await onPanelCommand('open-panel', undefined, send, async () => 3)).toBe(true);
    expect(send).toHaveBeenLastCalledWith({ type: 'xdp-open-panel', tabId: 3 });
    expect(await onPanelCommand('_execute_action', { id: 7 }, send, async () => 3)).toBe(false);
    expect(await onPanelCommand('open-panel', { id: -1 }, send, async () => undefined)).toBe(false);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('a tab without a panel (no listener) is not an error', async () => {
    const send = vi.fn(async () => Promise.reject(new Error('Receiving end does not exist')));
    await expect(onPanelCommand('open-panel', { id: 7 }, send, async () => 7)).resolves.toBe(true);
  });

  it('a panel acts only on a message naming its own tab', () => {
    expect(isOpenPanelMessage(openPanelMessage(7), 7)).toBe(true);
    expect(isOpenPanelMessage(openPanelMessage(7), 8)).toBe(false);
    expect(isOpenPanelMessage(openPanelMessage(7), undefined)).toBe(false);
    expect(isOpenPanelMessage({ type: 'xdp-open-panel', tabId: '7' }, 7)).toBe(false);
    expect(isOpenPanelMessage(null, 7)).toBe(false);
  });
});
