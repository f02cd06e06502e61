import { describe, expect, it, vi } from 'vitest';
import { MAX_EARLY_TOKENS, startPanelHandshake, type PanelPort, type PanelWindow } from '../../utils/views/panel-handshake';
import { PANEL_READY, newFrameToken } from '../../utils/shared/panel-port';
import type { PageCreator } from '../../utils/shared/creator';

const ID = '7006229624431689736';
const EVIL = '6666666666666666666';
const CREATOR: PageCreator = { kind: 'xingtu', oAuthorId: ID };

/** The panel's window: its parent (the creator page) and any other window that may post. */
function fakeWindow() {
  const parent = { name: 'parent' };
  const listeners: ((event: MessageEvent<unknown>) => void)[] = [];
  const posted: unknown[] = [];
  const win: PanelWindow = {
    parent,
    addEventListener: (_type, listener) => listeners.push(listener),
    postToParent: (message) => posted.push(message),
  };
  const deliver = (data: unknown, source: unknown = parent) =>
    listeners.forEach((l) => l({ data, source } as unknown as MessageEvent<unknown>));
  return { win, posted, deliver, parent };
}

/** A port to the content script: records what the panel says; `answer` plays the content script. */
function fakePort() {
  const sent: unknown[] = [];
  const listeners: ((message: unknown) => void)[] = [];
  const port: PanelPort = {
    postMessage: (message) => sent.push(message),
    onMessage: { addListener: (l) => listeners.push(l) },
  };
  return { port, sent, answer: (message: unknown) => listeners.forEach((l) => l(message)) };
}

/** A tab lookup the test resolves when it wants (the token may come before or after it). */
function deferredTab(id: number | undefined) {
  let resolve: (id: number | undefined) => void = () => undefined;
  const promise = new Promise<number | undefined>((r) => (resolve = r));
  return { tabId: () => promise, open: () => resolve(id) };
}

/** `tab: null`: not in a tab (tabs.getCurrent answers nothing). */
function setup({ tab: tabIdValue = 7 as number | null } = {}) {
  const w = fakeWindow();
  const p = fakePort();
  const tab = deferredTab(tabIdValue ?? undefined);
  const connect = vi.fn((_tabId: number) => p.port);
  const onHint = vi.fn();
  const onCreator = vi.fn();
  const done = startPanelHandshake({ window: w.win, tabId: tab.tabId, connect, onHint, onCreator });
  return { ...w, ...p, tab, connect, onHint, onCreator, done };
}

describe('startPanelHandshake', () => {
  it('asks its parent for the token at once, before the tab is known', () => {
    const s = setup();
    expect(s.posted).toEqual([PANEL_READY]);
    expect(s.connect).not.toHaveBeenCalled();
  });

  it('a token that came before the port opened is the first thing said on it: one hello is the whole proof', async () => {
    const s = setup();
    const token = newFrameToken();
    s.deliver({ type: 'xdp-frame-token', token, creator: CREATOR });
    expect(s.onHint).toHaveBeenCalledWith(CREATOR); // the cache lookup starts now
    s.tab.open();
    expect(await s.done).toBe(s.port);
    expect(s.connect).toHaveBeenCalledWith(7);
    expect(s.sent).toEqual([{ type: 'hello', token }]);
    s.answer({ type: 'creator', creator: CREATOR });
    expect(s.onCreator).toHaveBeenCalledWith(CREATOR);
  });

  it('no token yet when the port opens: a bare hello, then the token as soon as it comes', async () => {
    const s = setup();
    s.tab.open();
    await s.done;
    expect(s.sent).toEqual([{ type: 'hello' }]);
    const token = newFrameToken();
    s.deliver({ type: 'xdp-frame-token', token });
    expect(s.sent).toEqual([{ type: 'hello' }, { type: 'hello', token }]);
    expect(s.onHint).not.toHaveBeenCalled(); // no creator named
  });

  it('only window messages from the parent count, and only well-formed tokens', async () => {
    const s = setup();
    s.deliver({ type: 'xdp-frame-token', token: newFrameToken(), creator: { kind: 'xingtu', oAuthorId: EVIL } }, { name: 'other' });
    s.deliver({ type: 'xdp-frame-token', token: 'not-a-token', creator: { kind: 'xingtu', oAuthorId: EVIL } });
    s.deliver({ type: 'creator', creator: { kind: 'xingtu', oAuthorId: EVIL } }); // a creator never comes by window
    s.tab.open();
    await s.done;
    expect(s.onHint).not.toHaveBeenCalled();
    expect(s.onCreator).not.toHaveBeenCalled();
    expect(s.sent).toEqual([{ type: 'hello' }]);
  });

  it('a page posting tokens first costs a few wrong hellos; ours still gets through', async () => {
    const s = setup();
    const fakes = Array.from({ length: MAX_EARLY_TOKENS + 5 }, () => newFrameToken());
    fakes.forEach((token) => s.deliver({ type: 'xdp-frame-token', token }));
    const ours = newFrameToken();
    s.deliver({ type: 'xdp-frame-token', token: ours });
    s.tab.open();
    await s.done;
    // At most MAX_EARLY_TOKENS were kept; ours came after them, and the bare-hello path recovers it.
    expect(s.sent).toHaveLength(MAX_EARLY_TOKENS);
    s.deliver({ type: 'xdp-frame-token', token: ours }); // the content script answers a wrong hello with the token
    expect(s.sent.at(-1)).toEqual({ type: 'hello', token: ours });
  });

  it('once trusted, window messages are not forwarded any more', async () => {
    const s = setup();
    s.tab.open();
    await s.done;
    s.answer({ type: 'creator', creator: CREATOR });
    const before = s.sent.length;
    s.deliver({ type: 'xdp-frame-token', token: newFrameToken(), creator: { kind: 'xingtu', oAuthorId: EVIL } });
    expect(s.sent).toHaveLength(before);
    expect(s.onHint).not.toHaveBeenCalled();
    s.answer({ type: 'creator', creator: null }); // later changes come by the port
    expect(s.onCreator).toHaveBeenLastCalledWith(null);
    s.answer({ type: 'creator', creator: { kind: 'xingtu', oAuthorId: '<b>' } }); // malformed: ignored
    expect(s.onCreator).toHaveBeenCalledTimes(2);
  });

  it('outside a tab there is no port and nothing is said', async () => {
    const s = setup({ tab: null });
    s.tab.open();
    expect(await s.done).toBeNull();
    expect(s.connect).not.toHaveBeenCalled();
  });
});
