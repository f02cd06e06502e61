import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { SEARCH_PATH } from '../../utils/shared/api-endpoints';
import { removeAllListeners } from '../../utils/shared/messaging';
import { apiKeyItem } from '../../utils/key/api-key';

const UID = '3429711218823623';
const ACCOUNT = { uid: UID, secUid: 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM', nickname: '川味小厨娘', uniqueId: null };
const AUTHOR_ID = '7006229624431689736';
const BODY = JSON.stringify({
  code: 0,
  data: {
    base_resp: { status_code: 0 },
    pagination: { page: 1, has_more: false },
    authors: [{ star_id: AUTHOR_ID, attribute_datas: { id: AUTHOR_ID, core_user_id: UID, nick_name: '川味小厨娘', follower: '10' } }],
  },
});
const REFUSED = { ok: false, error: { kind: 'bad-input' } };

/** Deliver a message to the background's listener as a given sender, and return its answer. */
function send(
  type: string,
  data: unknown,
  sender: { id?: string; url?: string } = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/panel.html') },
): Promise<unknown> {
  return new Promise((resolve) => {
    const message = { id: 1, type, data, timestamp: Date.now() };
    // The real event passes sendResponse as a third argument; the fake's typing knows only two.
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
    void trigger(message, sender, (answer: { res?: unknown; err?: unknown }) => resolve(answer.res ?? answer.err));
  });
}

function spyFetch() {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(BODY));
}

beforeEach(() => {
  removeAllListeners();
  background.main();
});

describe('background: Douyin messages', () => {
  it('resolveDouyin searches once, then answers from storage', async () => {
    await apiKeyItem.setValue('k');
    const fetch = spyFetch();
    const sure = { ok: true, value: { kind: 'sure', source: 'search', author: expect.objectContaining({ oAuthorId: AUTHOR_ID }) } };
    expect(await send('resolveDouyin', ACCOUNT)).toEqual(sure);
    expect(await send('resolveDouyin', ACCOUNT)).toEqual(sure);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(new URL(String(fetch.mock.calls[0]?.[0])).pathname).toBe(SEARCH_PATH);
  });

  it('linkDouyin stores a user link without a call; searchCreators searches', async () => {
    await apiKeyItem.setValue('k');
    const fetch = spyFetch();
    const user = { ok: true, value: { kind: 'sure', source: 'user', author: { oAuthorId: AUTHOR_ID } } };
    expect(await send('linkDouyin', { account: ACCOUNT, author: { oAuthorId: AUTHOR_ID } })).toEqual(user);
    expect(await send('resolveDouyin', ACCOUNT)).toEqual(user);
    expect(fetch).not.toHaveBeenCalled();
    const found = await send('searchCreators', { keyword: '川味小厨娘' });
    expect(found).toEqual({ ok: true, value: [expect.objectContaining({ oAuthorId: AUTHOR_ID, douyinUid: UID })] });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it.each<[string, unknown]>([
    ['resolveDouyin', { ...ACCOUNT, token: 'k' }],
    ['resolveDouyin', { ...ACCOUNT, uid: 3429711218823623 }],
    ['resolveDouyin', null],
    ['linkDouyin', { account: ACCOUNT, author: { oAuthorId: AUTHOR_ID, extra: 1 } }],
    ['linkDouyin', { account: ACCOUNT, author: { oAuthorId: 'x' } }],
    ['linkDouyin', ACCOUNT],
    ['searchCreators', { keyword: '川味', page: 2 }],
    ['searchCreators', { keyword: '' }],
    ['searchCreators', '川味'],
  ])('%s refuses data of another shape, without a call', async (type, data) => {
    await apiKeyItem.setValue('k');
    const fetch = spyFetch();
    expect(await send(type, data)).toEqual(REFUSED);
    expect(fetch).not.toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(null)).not.toHaveProperty(`link:uid:${UID}`);
  });

  it.each<[string, unknown]>([
    ['resolveDouyin', ACCOUNT],
    ['linkDouyin', { account: ACCOUNT, author: { oAuthorId: AUTHOR_ID } }],
    ['searchCreators', { keyword: '川味小厨娘' }],
  ])('%s refuses another sender', async (type, data) => {
    await apiKeyItem.setValue('k');
    const fetch = spyFetch();
    expect(await send(type, data, { id: 'another-extension' })).toEqual(REFUSED);
    expect(await send(type, data, {})).toEqual(REFUSED);
    expect(fetch).not.toHaveBeenCalled();
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).filter((k) => k.startsWith('link:'))).toEqual([]);
  });

  it('no key: no-key, no call', async () => {
    const fetch = spyFetch();
    expect(await send('resolveDouyin', ACCOUNT)).toEqual({ ok: false, error: { kind: 'no-key' } });
    expect(await send('searchCreators', { keyword: '川味' })).toEqual({ ok: false, error: { kind: 'no-key' } });
    expect(fetch).not.toHaveBeenCalled();
  });
});
