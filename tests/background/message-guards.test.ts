import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  OPTIONS_PAGES,
  VIEW_PAGES,
  isFromExtensionPage,
  isFromThisExtension,
  parseDistributionRequest,
  type MessageSenderInfo,
} from '../../utils/background/message-guards';
import {
  FRAME_TOKEN,
  isCreatorMessage,
  isFrameTokenMessage,
  isPanelReadyMessage,
  PANEL_READY,
  isHelloMessage,
  isLayoutMessage,
  newFrameToken,
  portPageOf,
} from '../../utils/shared/panel-port';
import { isPageCreator } from '../../utils/shared/creator';

const ID = '7006229624431689736';

describe('parseDistributionRequest', () => {
  it('accepts the known shape', () => {
    expect(parseDistributionRequest({ oAuthorId: ID, platform: 'LIVE_STREAMING' })).toEqual({ oAuthorId: ID, platform: 'LIVE_STREAMING' });
    expect(parseDistributionRequest({ oAuthorId: ID, platform: 'SHORT_VIDEO', refresh: true })).toEqual({
      oAuthorId: ID,
      platform: 'SHORT_VIDEO',
      refresh: true,
    });
  });
  it.each([
    ['number id', { oAuthorId: Number(ID), platform: 'SHORT_VIDEO' }],
    ['non-digit id', { oAuthorId: '7006x', platform: 'SHORT_VIDEO' }],
    ['unknown platform', { oAuthorId: ID, platform: 'TV' }],
    ['extra field (a key smuggled in)', { oAuthorId: ID, platform: 'SHORT_VIDEO', token: 'abc' }],
    ['refresh not boolean', { oAuthorId: ID, platform: 'SHORT_VIDEO', refresh: 'yes' }],
    ['null', null],
    ['string', 'getDistribution'],
  ])('refuses %s', (_label, data) => {
    expect(parseDistributionRequest(data)).toBeNull();
  });
});

describe('isFromThisExtension / isFromExtensionPage', () => {
  const page = (path: string) => fakeBrowser.runtime.getURL(path);
  const own = fakeBrowser.runtime.getURL('/').replace(/\/$/, '');

  it('accepts only this extension id with a URL of this extension', () => {
    expect(isFromThisExtension({ id: fakeBrowser.runtime.id, url: page('/panel.html') })).toBe(true);
    expect(isFromThisExtension({ id: fakeBrowser.runtime.id, url: page('/options.html'), origin: own })).toBe(true);
  });

  it.each<[string, MessageSenderInfo | undefined]>([
    ['another extension', { id: 'some-other-extension', url: 'chrome-extension://some-other-extension/panel.html' }],
    ['another extension using our page path', { id: 'some-other-extension', url: page('/panel.html') }],
    ['our content script (the page URL)', { id: fakeBrowser.runtime.id, url: 'https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/7006229624431689736' }],
    ['our id, no URL', { id: fakeBrowser.runtime.id }],
    ['our id, unparsable URL', { id: fakeBrowser.runtime.id, url: 'not a url' }],
    ['our URL, origin of a page', { id: fakeBrowser.runtime.id, url: page('/panel.html'), origin: 'https://www.xingtu.cn' }],
    ['a look-alike origin', { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}.evil.example/panel.html` }],
    ['a web page', { url: 'https://www.xingtu.cn/' }],
    ['nobody', {}],
    ['undefined', undefined],
  ])('refuses %s', (_label, sender) => {
    expect(isFromThisExtension(sender)).toBe(false);
    expect(isFromExtensionPage(sender, [...VIEW_PAGES, ...OPTIONS_PAGES])).toBe(false);
  });

  it('isFromExtensionPage checks the page', () => {
    const sender = (path: string) => ({ id: fakeBrowser.runtime.id, url: page(path) });
    expect(isFromExtensionPage(sender('/panel.html'), VIEW_PAGES)).toBe(true);
    expect(isFromExtensionPage(sender('/popup.html?tab=3'), VIEW_PAGES)).toBe(true);
    expect(isFromExtensionPage(sender('/options.html'), VIEW_PAGES)).toBe(false);
    expect(isFromExtensionPage(sender('/options.html'), OPTIONS_PAGES)).toBe(true);
    expect(isFromExtensionPage(sender('/panel.html'), OPTIONS_PAGES)).toBe(false);
    expect(isFromExtensionPage(sender('/background.js'), VIEW_PAGES)).toBe(false);
  });
});

describe('panel port messages', () => {
  it('validates creator messages', () => {
    expect(isCreatorMessage({ type: 'creator', creator: null })).toBe(true);
    expect(isCreatorMessage({ type: 'creator', creator: { kind: 'xingtu', oAuthorId: ID } })).toBe(true);
    expect(isCreatorMessage({ type: 'creator', creator: { kind: 'xingtu', oAuthorId: '<img>' } })).toBe(false);
    expect(isCreatorMessage({ type: 'creator' })).toBe(false);
    expect(isCreatorMessage({ type: 'layout', creator: null })).toBe(false);
  });
  it('validates layout messages', () => {
    expect(isLayoutMessage({ type: 'layout', collapsed: false, width: 360, height: 420 })).toBe(true);
    expect(isLayoutMessage({ type: 'layout', collapsed: 'no', width: 360, height: 420 })).toBe(false);
    expect(isLayoutMessage({ type: 'layout', collapsed: false, width: Number.NaN, height: 420 })).toBe(false);
    expect(isLayoutMessage({ type: 'layout', collapsed: false, width: 360, height: 1e9 })).toBe(false);
  });
  it('isPageCreator', () => {
    expect(isPageCreator({ kind: 'xingtu', oAuthorId: ID })).toBe(true);
    expect(isPageCreator({ kind: 'douyin', oAuthorId: ID })).toBe(false);
    expect(isPageCreator(ID)).toBe(false);
  });
  it('hello and frame-token messages carry only a well-formed token', () => {
    const token = newFrameToken();
    expect(isHelloMessage({ type: 'hello' })).toBe(true);
    expect(isHelloMessage({ type: 'hello', token })).toBe(true);
    expect(isHelloMessage({ type: 'hello', token: 'x' })).toBe(false);
    expect(isHelloMessage({ type: 'hello', token: 42 })).toBe(false);
    expect(isFrameTokenMessage({ type: 'xdp-frame-token', token })).toBe(true);
    expect(isFrameTokenMessage({ type: 'xdp-frame-token', token: token.toUpperCase() })).toBe(false);
    expect(isFrameTokenMessage({ type: 'xdp-frame-token' })).toBe(false);
    expect(isFrameTokenMessage({ type: 'creator', creator: { kind: 'xingtu', oAuthorId: ID } })).toBe(false);
    expect(isFrameTokenMessage('xdp-frame-token')).toBe(false);
  });
  it('a frame-token message may name a well-formed creator (a cache hint), nothing else', () => {
    const token = newFrameToken();
    expect(isFrameTokenMessage({ type: 'xdp-frame-token', token, creator: { kind: 'xingtu', oAuthorId: ID } })).toBe(true);
    expect(isFrameTokenMessage({ type: 'xdp-frame-token', token, creator: null })).toBe(true);
    expect(isFrameTokenMessage({ type: 'xdp-frame-token', token, creator: { kind: 'xingtu', oAuthorId: '<b>1</b>' } })).toBe(false);
    expect(isFrameTokenMessage({ type: 'xdp-frame-token', token, creator: 'xingtu' })).toBe(false);
  });
  it('the panel-ready message is recognised by its type', () => {
    expect(isPanelReadyMessage(PANEL_READY)).toBe(true);
    expect(isPanelReadyMessage({ type: 'xdp-panel-ready', token: 'x' })).toBe(true); // carries nothing we read
    expect(isPanelReadyMessage({ type: 'hello' })).toBe(false);
    expect(isPanelReadyMessage('xdp-panel-ready')).toBe(false);
    expect(isPanelReadyMessage(null)).toBe(false);
  });
});

describe('frame tokens', () => {
  it('are 128 random bits, different every time', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newFrameToken()));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(FRAME_TOKEN);
  });
});

describe('portPageOf: who may connect to the content script', () => {
  const ID_ = 'abcdefghijklmnopabcdefghijklmnop';
  const origins = [`chrome-extension://${ID_}`, 'chrome-extension://5338-dynamic-uuid'];

  it('names our panel and popup, from the real or the dynamic origin', () => {
    expect(portPageOf({ id: ID_, url: `chrome-extension://${ID_}/panel.html` }, ID_, origins)).toBe('/panel.html');
    expect(portPageOf({ id: ID_, url: 'chrome-extension://5338-dynamic-uuid/panel.html?x=1#y' }, ID_, origins)).toBe('/panel.html');
    expect(portPageOf({ id: ID_, url: `chrome-extension://${ID_}/popup.html?tab=4` }, ID_, origins)).toBe('/popup.html');
  });

  it.each<[string, { id?: string; url?: string } | undefined]>([
    ['the options page', { id: ID_, url: `chrome-extension://${ID_}/options.html` }],
    ['another extension', { id: 'other', url: 'chrome-extension://other/panel.html' }],
    ['another extension claiming our id in the URL only', { id: 'other', url: `chrome-extension://${ID_}/panel.html` }],
    ['a content script of ours (page URL)', { id: ID_, url: 'https://www.xingtu.cn/panel.html' }],
    ['no URL', { id: ID_ }],
    ['a bad URL', { id: ID_, url: '::' }],
    ['no sender', undefined],
  ])('refuses %s', (_label, sender) => {
    expect(portPageOf(sender, ID_, origins)).toBeNull();
  });
});
