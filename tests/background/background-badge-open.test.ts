import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { extensionPage, send, startBackground, type Sender } from './background-messages';

/**
 * "Open" on a list page badge's card (utils/background/popup-open.ts), through the background's
 * real listeners: only our content script on a list page may ask; only the popup may take the
 * creator, once; where the toolbar popup is refused, a popup window names the creator.
 */

const ID = '7006229624431689736';
const SEC = 'MS4wLjABAAAAwfAmWC_m6MtiDQyFpy_kId3e11ZmKo7ADtTCl60QZ2v';
const ext = fakeBrowser.runtime.id;
const MARKET_SCRIPT: Sender = { id: ext, url: 'https://www.xingtu.cn/ad/creator/market', origin: 'https://www.xingtu.cn', tab: { id: 3, windowId: 7 }, frameId: 0 };
const REFUSED = { ok: false, error: { kind: 'bad-input' } };

const scope = fakeBrowser as unknown as { action?: { openPopup: (options?: { windowId?: number }) => Promise<void> } };
let openPopup: ReturnType<typeof vi.fn<(options?: { windowId?: number }) => Promise<void>>>;
let createWindow: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  fakeBrowser.reset();
  await startBackground('{}');
  openPopup = vi.fn(async () => undefined);
  scope.action = { openPopup };
  createWindow = vi.spyOn(fakeBrowser.windows, 'create').mockImplementation(async () => ({}) as never);
});

afterEach(() => {
  delete scope.action;
  vi.restoreAllMocks();
});

describe('badgeOpen and takeOpenedCreator', () => {
  it('opens the toolbar popup of the card’s window; the popup takes the creator once', async () => {
    expect(await send('badgeOpen', { ref: { kind: 'xingtu', oAuthorId: ID } }, MARKET_SCRIPT)).toEqual({ ok: true, value: 'popup' });
    expect(openPopup).toHaveBeenCalledWith({ windowId: 7 });
    expect(createWindow).not.toHaveBeenCalled();
    // Nobody else may take it (nor use it up).
    expect(await send('takeOpenedCreator', undefined, extensionPage('/panel.html'))).toBeFalsy();
    expect(await send('takeOpenedCreator', undefined, MARKET_SCRIPT)).toBeFalsy();
    expect(await send('takeOpenedCreator', undefined, extensionPage('/popup.html'))).toBe(ID);
    expect(await send('takeOpenedCreator', undefined, extensionPage('/popup.html'))).toBeFalsy();
  });

  it('where the toolbar popup is refused: a popup window naming the creator, and nothing left to take', async () => {
    openPopup.mockRejectedValue(new Error('openPopup is only available to policy installed extensions'));
    expect(await send('badgeOpen', { ref: { kind: 'xingtu', oAuthorId: ID } }, MARKET_SCRIPT)).toEqual({ ok: true, value: 'window' });
    expect(createWindow).toHaveBeenCalledTimes(1);
    expect(createWindow.mock.calls[0]![0]).toMatchObject({ type: 'popup', url: fakeBrowser.runtime.getURL(`/popup.html?creator=${ID}` as '/popup.html') });
    expect(await send('takeOpenedCreator', undefined, extensionPage('/popup.html'))).toBeFalsy();
  });

  it('a Douyin account opens the Xingtu creator it is surely linked to; without a link, nothing opens', async () => {
    const ref = { kind: 'douyin', secUid: SEC };
    expect(await send('badgeOpen', { ref }, MARKET_SCRIPT)).toEqual(REFUSED);
    expect(openPopup).not.toHaveBeenCalled();
    const account = { uid: null, secUid: SEC, nickname: '川味小厨娘', uniqueId: null };
    expect(await send('linkDouyin', { account, author: { oAuthorId: ID } }, extensionPage('/panel.html'))).toMatchObject({ ok: true });
    expect(await send('badgeOpen', { ref }, MARKET_SCRIPT)).toEqual({ ok: true, value: 'popup' });
    expect(await send('takeOpenedCreator', undefined, extensionPage('/popup.html'))).toBe(ID);
  });

  it.each<[string, Sender]>([
    ['an extension page', extensionPage('/popup.html')],
    ['our script on a creator page', { ...MARKET_SCRIPT, url: `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}` }],
    ['our script in a subframe', { ...MARKET_SCRIPT, frameId: 2 }],
    ['another extension', { ...MARKET_SCRIPT, id: 'another-extension' }],
  ])('refuses %s: nothing opens', async (_label, sender) => {
    expect(await send('badgeOpen', { ref: { kind: 'xingtu', oAuthorId: ID } }, sender)).toEqual(REFUSED);
    expect(openPopup).not.toHaveBeenCalled();
    expect(createWindow).not.toHaveBeenCalled();
  });

  it.each<[string, unknown]>([
    ['a bad id', { ref: { kind: 'xingtu', oAuthorId: '12<b>' } }],
    ['an extra field (a URL to open)', { ref: { kind: 'xingtu', oAuthorId: ID }, url: 'https://evil.test' }],
    ['no ref', {}],
  ])('refuses %s', async (_label, data) => {
    expect(await send('badgeOpen', data, MARKET_SCRIPT)).toEqual(REFUSED);
    expect(openPopup).not.toHaveBeenCalled();
  });
});
