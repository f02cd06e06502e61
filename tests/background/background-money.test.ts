import { beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { removeAllListeners } from '../../utils/shared/messaging';
import { apiKeyItem } from '../../utils/key/api-key';
import { DEFAULT_SETTINGS, saveSettings } from '../../utils/shared/settings';
import { usageLogItem } from '../../utils/shared/usage';
import { BALANCE_PATH, SEARCH_PATH } from '../../utils/shared/api-endpoints';
import { extensionPage, send, type Sender } from './background-messages';
import { envelope, okBalance, okDistribution, okSearch } from './money-setup';

/**
 * The money messages of the background: getBalance (options page and popup only), allowOneCall
 * (panel, popup, list page), their payloads checked; and the usage log as the views' messages
 * fill it — which view asked comes from the sender's page, never from the message.
 */

const ID = '7006229624431689736';
const KEY = 'sk-bg-key-42';
const ACCOUNT = { uid: '3429711218823623', secUid: null, nickname: '川味小厨娘', uniqueId: null };
const REFUSED = { ok: false, error: { kind: 'bad-input' } };
const ext = fakeBrowser.runtime.id;

const FOREIGN: [string, Sender][] = [
  ['another extension', { id: 'another-extension', url: 'chrome-extension://another-extension/options.html' }],
  ['our content script on a Douyin page', { id: ext, url: 'https://www.douyin.com/user/MS4wLjABAAAA', origin: 'https://www.douyin.com' }],
  ['a web page', { url: 'https://www.xingtu.cn/', origin: 'https://www.xingtu.cn' }],
  ['nobody', {}],
];

let balanceBody = okBalance('123.4500');
let fetchSpy: MockInstance<typeof fetch>;

beforeEach(async () => {
  balanceBody = okBalance('123.4500');
  removeAllListeners();
  background.main();
  await apiKeyItem.setValue(KEY);
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const path = new URL(String(input)).pathname;
    if (path === BALANCE_PATH) return new Response(balanceBody);
    if (path === SEARCH_PATH) return new Response(okSearch());
    return new Response(okDistribution());
  });
});

const requests = (path?: string) =>
  fetchSpy.mock.calls.map(([input]) => new URL(String(input)).pathname).filter((p: string) => path === undefined || p === path);

async function storedLog() {
  // The log is written a moment after the answer.
  await new Promise((resolve) => setTimeout(resolve, 10));
  return usageLogItem.getValue();
}

describe('getBalance', () => {
  it.each(['/options.html', '/popup.html'])('is answered for %s', async (path) => {
    expect(await send('getBalance', {}, extensionPage(path))).toMatchObject({
      ok: true,
      value: { state: 'known', amount: '123.4500', currency: 'CNY' },
    });
  });

  it('never for the in-page panel, the list page or a content script: no request', async () => {
    for (const path of ['/panel.html', '/list.html']) expect(await send('getBalance', {}, extensionPage(path))).toEqual(REFUSED);
    for (const [, sender] of FOREIGN) expect(await send('getBalance', {}, sender)).toEqual(REFUSED);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each([
    ['refresh not a boolean', { refresh: 'yes' }],
    ['an unknown field', { refresh: true, token: 'x' }],
    ['a list', [true]],
    ['text', 'refresh'],
  ])('refuses %s', async (_label, data) => {
    expect(await send('getBalance', data, extensionPage('/options.html'))).toEqual(REFUSED);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('no data is a plain ask; the answer is kept; refresh asks again', async () => {
    const options = extensionPage('/options.html');
    await send('getBalance', undefined, options);
    await send('getBalance', {}, extensionPage('/popup.html'));
    expect(requests(BALANCE_PATH)).toHaveLength(1);
    balanceBody = okBalance('1.00');
    expect(await send('getBalance', { refresh: true }, options)).toMatchObject({ ok: true, value: { amount: '1.00' } });
    expect(requests(BALANCE_PATH)).toHaveLength(2);
  });

  it('a proxy without the path: unknown, not an error', async () => {
    fetchSpy.mockImplementation(async () => new Response('<html>404</html>', { status: 404 }));
    expect(await send('getBalance', {}, extensionPage('/popup.html'))).toMatchObject({ ok: true, value: { state: 'unknown', reason: 'not-supported' } });
  });
});

describe('allowOneCall', () => {
  it.each(['/panel.html', '/popup.html', '/list.html'])('is answered for %s', async (path) => {
    expect(await send('allowOneCall', undefined, extensionPage(path))).toEqual({ ok: true, value: true });
  });

  it('not for the options page nor strangers; nothing stored', async () => {
    expect(await send('allowOneCall', undefined, extensionPage('/options.html'))).toEqual(REFUSED);
    for (const [, sender] of FOREIGN) expect(await send('allowOneCall', undefined, sender)).toEqual(REFUSED);
    expect(await send('allowOneCall', { calls: 5 }, extensionPage('/panel.html'))).toEqual(REFUSED);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).not.toContain('dailyCapAllowance');
  });

  it('lets the panel make one call past the daily limit', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, dailyCallLimit: 1 });
    const panel = extensionPage('/panel.html');
    expect(await send('getDistribution', { oAuthorId: ID, platform: 'SHORT_VIDEO' }, panel)).toMatchObject({ ok: true });
    expect(await send('getDistribution', { oAuthorId: ID, platform: 'LIVE_STREAMING' }, panel)).toMatchObject({
      ok: false,
      error: { kind: 'daily-cap', blockedUntil: expect.any(Number) },
    });
    expect(await send('allowOneCall', undefined, panel)).toEqual({ ok: true, value: true });
    expect(await send('getDistribution', { oAuthorId: ID, platform: 'LIVE_STREAMING' }, panel)).toMatchObject({ ok: true });
    expect(await send('getDistribution', { oAuthorId: ID, platform: 'PICTURE_TEXT' }, panel)).toMatchObject({ ok: false, error: { kind: 'daily-cap' } });
    expect(requests()).toHaveLength(2);
  });
});

describe('checkApiKey through the background', () => {
  it('answers with the balance and makes no data call', async () => {
    expect(await send('checkApiKey', undefined, extensionPage('/options.html'))).toMatchObject({
      ok: true,
      value: { valid: true, balance: { state: 'known', amount: '123.4500' } },
    });
    expect(requests()).toEqual([BALANCE_PATH]);
    expect(await storedLog()).toEqual([]);
  });

  it('code 100 on the balance: invalid-token', async () => {
    balanceBody = envelope(100, 'invalid token');
    expect(await send('checkApiKey', undefined, extensionPage('/options.html'))).toMatchObject({ ok: false, error: { kind: 'invalid-token' } });
    expect(requests()).toEqual([BALANCE_PATH]);
  });
});

describe('the usage log as the views fill it', () => {
  it('via is the sender\'s page; the list page\'s runs are "list"; the options page\'s fallback check "options"', async () => {
    await send('getDistribution', { oAuthorId: ID, platform: 'SHORT_VIDEO' }, extensionPage('/panel.html'));
    await send('getDistribution', { oAuthorId: ID, platform: 'LIVE_STREAMING' }, extensionPage('/popup.html'));
    await send('searchCreators', { keyword: '川味小厨娘' }, extensionPage('/popup.html'));
    await send('resolveDouyin', { ...ACCOUNT, nickname: '另一个' }, extensionPage('/panel.html'));
    balanceBody = '<html>no such path</html>';
    await send('checkApiKey', undefined, extensionPage('/options.html'));
    const log = await storedLog();
    expect(log.map((e) => [e.endpoint, e.via, e.platform ?? e.keyword])).toEqual([
      ['distribution', 'panel', 'SHORT_VIDEO'],
      ['distribution', 'popup', 'LIVE_STREAMING'],
      ['search', 'popup', '川味小厨娘'],
      ['search', 'panel', '另一个'],
      ['distribution', 'options', 'SHORT_VIDEO'],
    ]);
  });

  it('a view cannot claim another view: via in the message is refused', async () => {
    expect(await send('getDistribution', { oAuthorId: ID, platform: 'SHORT_VIDEO', via: 'list' }, extensionPage('/panel.html'))).toEqual(REFUSED);
  });

  it('never holds the key', async () => {
    await send('getDistribution', { oAuthorId: ID, platform: 'SHORT_VIDEO' }, extensionPage('/panel.html'));
    await send('searchCreators', { keyword: '川味小厨娘' }, extensionPage('/popup.html'));
    await storedLog();
    const raw = JSON.stringify((await fakeBrowser.storage.local.get('usageLog')).usageLog);
    expect(raw).toContain(ID);
    expect(raw).not.toContain(KEY);
  });
});
