import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { deliver, extensionPage, send, startBackground, type Sender } from './background-messages';

/**
 * The background answers only this extension's pages, and only messages of the known shapes:
 * every handler, every kind of foreign sender, no API call and no storage change when refused.
 */

const ID = '7006229624431689736';
const ACCOUNT = { uid: '3429711218823623', secUid: 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM', nickname: '川味小厨娘', uniqueId: null };
const REFUSED = { ok: false, error: { kind: 'bad-input' } };
const OK_BODY = JSON.stringify({ code: 0, data: { base_resp: { status_code: 0 }, video_content_distribution: [{ name: '美食', cnt: 1, proportion: 1 }] } });

const ext = fakeBrowser.runtime.id;
const page = extensionPage;

/** Senders that must never be answered. */
const FOREIGN: [string, Sender][] = [
  ['another extension', { id: 'another-extension', url: 'chrome-extension://another-extension/popup.html' }],
  ['another extension naming our page', { id: 'another-extension', url: fakeBrowser.runtime.getURL('/panel.html') }],
  ['our content script on a Xingtu page', { id: ext, url: `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`, tab: { id: 3 } }],
  ['our content script on a Douyin page', { id: ext, url: 'https://www.douyin.com/user/MS4wLjABAAAA', origin: 'https://www.douyin.com' }],
  ['a web page (no id)', { url: 'https://www.xingtu.cn/', origin: 'https://www.xingtu.cn' }],
  ['our id without a URL', { id: ext }],
  ['nobody', {}],
];

const VALID: [string, unknown, Sender][] = [
  ['getDistribution', { oAuthorId: ID, platform: 'SHORT_VIDEO' }, page('/panel.html')],
  ['checkApiKey', undefined, page('/options.html')],
  ['resolveDouyin', ACCOUNT, page('/panel.html')],
  ['linkDouyin', { account: ACCOUNT, author: { oAuthorId: ID } }, page('/panel.html')],
  ['rejectDouyin', { account: ACCOUNT, oAuthorId: ID }, page('/popup.html')],
  ['searchCreators', { keyword: '川味小厨娘' }, page('/popup.html')],
];

let fetchSpy: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  fetchSpy = await startBackground(OK_BODY);
  runtime.openOptionsPage = vi.fn(() => Promise.resolve());
});

/** The fake browser has no openOptionsPage: the tests give it one. */
const runtime = fakeBrowser.runtime as unknown as { openOptionsPage: () => Promise<void> };

async function storedNames(): Promise<string[]> {
  return Object.keys(await fakeBrowser.storage.local.get(null)).sort();
}

describe('background: senders', () => {
  it.each(VALID)('%s is answered for its own page', async (type, data, sender) => {
    const answer = await send(type, data, sender);
    expect(answer).toMatchObject({ ok: true });
  });

  for (const [type, data] of VALID) {
    it.each(FOREIGN)(`${type} refuses %s: no call, nothing stored`, async (_label, sender) => {
      const before = await storedNames();
      expect(await send(type, data, sender)).toEqual(REFUSED);
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(await storedNames()).toEqual(before);
    });
  }

  it('the views may not check the key (a paid call); the options page may not fetch creators', async () => {
    expect(await send('checkApiKey', undefined, page('/panel.html'))).toEqual(REFUSED);
    expect(await send('checkApiKey', undefined, page('/popup.html'))).toEqual(REFUSED);
    expect(await send('getDistribution', { oAuthorId: ID, platform: 'SHORT_VIDEO' }, page('/options.html'))).toEqual(REFUSED);
    expect(await send('searchCreators', { keyword: 'x' }, page('/options.html'))).toEqual(REFUSED);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('hasApiKey answers a boolean, and false to strangers', async () => {
    expect(await send('hasApiKey', undefined, page('/options.html'))).toBe(true);
    expect(await send('hasApiKey', undefined, page('/panel.html'))).toBe(true);
    for (const [, sender] of FOREIGN) expect(await send('hasApiKey', undefined, sender)).toBe(false);
  });

  it('openOptions opens the settings only for the views', async () => {
    const open = vi.fn(() => Promise.resolve());
    runtime.openOptionsPage = open;
    await send('openOptions', undefined, page('/panel.html'));
    expect(open).toHaveBeenCalledTimes(1);
    for (const [, sender] of FOREIGN) await send('openOptions', undefined, sender);
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe('background: shapes', () => {
  it.each<[string, unknown]>([
    ['getDistribution', { oAuthorId: ID, platform: 'SHORT_VIDEO', token: 'stolen' }],
    ['getDistribution', { oAuthorId: Number(ID), platform: 'SHORT_VIDEO' }],
    ['getDistribution', { oAuthorId: `${ID}<img src=x>`, platform: 'SHORT_VIDEO' }],
    ['getDistribution', { oAuthorId: ID, platform: 'TV' }],
    ['getDistribution', { oAuthorId: ID }],
    ['getDistribution', { oAuthorId: ID, platform: 'SHORT_VIDEO', refresh: 1 }],
    ['getDistribution', [ID, 'SHORT_VIDEO']],
    ['getDistribution', ID],
    ['getDistribution', null],
    ['getDistribution', undefined],
    ['resolveDouyin', { ...ACCOUNT, secUid: 'javascript:alert(1)' }],
    ['linkDouyin', { account: ACCOUNT, author: { oAuthorId: ID, avatarUrl: 'javascript:alert(1)' } }],
    ['searchCreators', { keyword: 'x'.repeat(101) }],
  ])('%s refuses %j without a call', async (type, data) => {
    const sender = type === 'searchCreators' ? page('/popup.html') : page('/panel.html');
    expect(await send(type, data, sender)).toEqual(REFUSED);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each<[string, unknown]>([
    ['no type', { id: 1, data: {}, timestamp: 1 }],
    ['no timestamp', { id: 1, type: 'getDistribution', data: { oAuthorId: ID, platform: 'SHORT_VIDEO' } }],
    ['an unknown type', { id: 1, type: 'getApiKey', data: null, timestamp: 1 }],
    ['a string', 'getDistribution'],
    ['null', null],
  ])('a message with %s gets no answer and causes nothing', async (_label, message) => {
    expect(await deliver(message, page('/panel.html'))).toBeUndefined();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('a prototype name as type (the messaging library looks types up in a plain object) causes no call and no write', async () => {
    const before = await storedNames();
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const answer = await send(type, { oAuthorId: ID, platform: 'SHORT_VIDEO' }, page('/panel.html'));
      expect(JSON.stringify(answer ?? null)).not.toContain('"ok":true');
    }
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(await storedNames()).toEqual(before);
  });
});

describe('background: avatars and known names (never a paid call)', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const AVATAR = 'https://p3-pc.douyinpic.com/aweme/100x100/a.jpeg';

  it('getAvatar: a checked data: URL for the panel, popup and list page; nothing for anyone else', async () => {
    fetchSpy.mockImplementation(async () => new Response(PNG, { headers: { 'content-type': 'image/png' } }));
    expect(await send('getAvatar', { url: AVATAR }, page('/list.html'))).toMatch(/^data:image\/png;base64,/);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [, init] = fetchSpy.mock.calls[0] as [string, RequestInit];
    expect(init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
    fetchSpy.mockClear();
    const other = `${AVATAR}?2`;
    for (const [, sender] of [...FOREIGN, ['options', page('/options.html')] as [string, Sender]]) {
      expect(await send('getAvatar', { url: other }, sender)).toBeFalsy();
    }
    expect(await send('getAvatar', { url: 'javascript:alert(1)' }, page('/panel.html'))).toBeFalsy();
    expect(await send('getAvatar', { url: other, extra: 1 }, page('/panel.html'))).toBeFalsy();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('knownAuthor: the name and avatar a link brought, for the panel and popup only', async () => {
    await send('linkDouyin', { account: ACCOUNT, author: { oAuthorId: ID, nickname: '川味小厨娘', avatarUrl: AVATAR } }, page('/panel.html'));
    expect(await send('knownAuthor', { oAuthorId: ID }, page('/popup.html'))).toEqual({ nickname: '川味小厨娘', avatarUrl: AVATAR });
    expect(await send('knownAuthor', { oAuthorId: '6912345678901234567' }, page('/panel.html'))).toBeFalsy();
    for (const [, sender] of FOREIGN) expect(await send('knownAuthor', { oAuthorId: ID }, sender)).toBeFalsy();
    expect(await send('knownAuthor', { oAuthorId: ID }, page('/list.html'))).toBeFalsy();
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
