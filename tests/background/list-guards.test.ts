import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { removeAllListeners } from '../../utils/shared/messaging';
import {
  MAX_ADD_BATCH,
  parseNoData,
  parseAddToList,
  parseConfirmEntry,
  parseCreateList,
  parseListRequest,
  parseRemoveFromList,
  parseRenameList,
  parseRunRequest,
} from '../../utils/background/list-guards';
import { listRunItem, listsItem, parseStoredLists } from '../../utils/shared/list-records';
import { extensionPage, send, startBackground, type Sender } from './background-messages';
import { keyFingerprint } from '../../utils/background/api/call-guard';
import { RUN_WAKE_ALARM } from '../../utils/background/run-lifetime';

/**
 * The creator-list messages: their shapes (list-guards.ts) and who may send them (the list page;
 * "Add to list" also the panel and the popup), through the background's own listener.
 */

const ID = '7006229624431689736';
const SEC = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';
const ENTRY = { ref: { kind: 'xingtu', oAuthorId: ID }, source: ID };
const OK_BODY = JSON.stringify({ code: 0, data: { base_resp: { status_code: 0 }, video_content_distribution: [{ name: '美食', cnt: 1, proportion: 1 }] } });
const REFUSED = { ok: false, error: { kind: 'bad-input' } };

describe('list guards: shapes', () => {
  it('accepts the known shapes', () => {
    expect(parseCreateList({ name: ' Spring ' })).toEqual({ name: 'Spring' });
    expect(parseRenameList({ listId: 'abc123', name: 'x' })).toEqual({ listId: 'abc123', name: 'x' });
    expect(parseListRequest({ listId: 'abc_-9' })).toEqual({ listId: 'abc_-9' });
    expect(parseAddToList({ listId: null, entries: [ENTRY] })).toEqual({ listId: null, entries: [ENTRY] });
    expect(parseAddToList({ listId: 'l1', entries: [{ ref: { kind: 'douyin', secUid: SEC, uid: null, nickname: '川味' }, source: 'https://www.douyin.com/user/x' }] })).not.toBeNull();
    expect(parseRemoveFromList({ listId: 'l1', keys: [`x:${ID}`] })).toEqual({ listId: 'l1', keys: [`x:${ID}`] });
    expect(parseRunRequest({ listId: 'l1', platforms: ['SHORT_VIDEO', 'LIVE_STREAMING'] })).not.toBeNull();
    expect(parseConfirmEntry({ listId: 'l1', key: 'n:川味', author: { oAuthorId: ID, nickname: '川味' }, platforms: ['SHORT_VIDEO'] })).not.toBeNull();
    expect(parseConfirmEntry({ listId: 'l1', key: 'n:川味', author: null, platforms: ['SHORT_VIDEO'] })).not.toBeNull();
    expect(parseNoData(undefined)).toBe(true);
  });

  it.each<[string, (data: unknown) => unknown, unknown]>([
    ['an empty name', parseCreateList, { name: '   ' }],
    ['a long name', parseCreateList, { name: 'x'.repeat(61) }],
    ['an extra field', parseCreateList, { name: 'x', token: 'k' }],
    ['a list id with a slash', parseListRequest, { listId: '../apiKey' }],
    ['a list id of another type', parseListRequest, { listId: 7 }],
    ['an id that is not digits', parseAddToList, { listId: null, entries: [{ ref: { kind: 'xingtu', oAuthorId: '7006x' }, source: '' }] }],
    ['a Douyin row with no id', parseAddToList, { listId: null, entries: [{ ref: { kind: 'douyin', secUid: null, uid: null, nickname: 'x' }, source: '' }] }],
    ['an unknown row kind', parseAddToList, { listId: null, entries: [{ ref: { kind: 'weibo', id: '1' }, source: '' }] }],
    ['a long source', parseAddToList, { listId: null, entries: [{ ...ENTRY, source: 'x'.repeat(301) }] }],
    ['too many rows', parseAddToList, { listId: null, entries: Array.from({ length: MAX_ADD_BATCH + 1 }, () => ENTRY) }],
    ['entries not a list', parseAddToList, { listId: null, entries: ENTRY }],
    ['keys not strings', parseRemoveFromList, { listId: 'l1', keys: [1] }],
    ['no platforms', parseRunRequest, { listId: 'l1', platforms: [] }],
    ['a repeated platform', parseRunRequest, { listId: 'l1', platforms: ['SHORT_VIDEO', 'SHORT_VIDEO'] }],
    ['an unknown platform', parseRunRequest, { listId: 'l1', platforms: ['TV'] }],
    ['a javascript: avatar', parseConfirmEntry, { listId: 'l1', key: 'n:x', author: { oAuthorId: ID, avatarUrl: 'javascript:alert(1)' }, platforms: ['SHORT_VIDEO'] }],
    ['null', parseRunRequest, null],
  ])('refuses %s', (_label, parse, data) => {
    expect(parse(data)).toBeNull();
  });

  it('messages without data take nothing', () => {
    expect(parseNoData({ listId: 'l1' })).toBeNull();
    expect(parseNoData('x')).toBeNull();
  });
});

const ext = fakeBrowser.runtime.id;
const page = extensionPage;
const LIST = page('/list.html');
const PANEL = page('/panel.html');
const POPUP = page('/popup.html');
const CONTENT_SCRIPT: Sender = { id: ext, url: 'https://www.douyin.com/user/x', origin: 'https://www.douyin.com', tab: { id: 1 } };
const OTHER_EXTENSION: Sender = { id: 'other', url: 'chrome-extension://other/list.html' };

let fetchSpy: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  fetchSpy = await startBackground(OK_BODY);
});

async function lists() {
  return parseStoredLists(await listsItem.getValue());
}

describe('list messages in the background: senders', () => {
  const LIST_ONLY: [string, unknown][] = [
    ['createList', { name: 'A' }],
    ['renameList', { listId: 'abc', name: 'B' }],
    ['deleteList', { listId: 'abc' }],
    ['selectList', { listId: 'abc' }],
    ['removeFromList', { listId: 'abc', keys: [`x:${ID}`] }],
    ['estimateRun', { listId: 'abc', platforms: ['SHORT_VIDEO'] }],
    ['startRun', { listId: 'abc', platforms: ['SHORT_VIDEO'] }],
    ['pauseRun', undefined],
    ['resumeRun', undefined],
    ['retryFailed', { listId: 'abc', platforms: ['SHORT_VIDEO'] }],
    ['confirmEntry', { listId: 'abc', key: `x:${ID}`, author: null, platforms: ['SHORT_VIDEO'] }],
    ['recentlyViewed', undefined],
  ];

  it.each(LIST_ONLY)('%s is refused from the panel, the popup, a content script and another extension', async (type, data) => {
    for (const sender of [PANEL, POPUP, CONTENT_SCRIPT, OTHER_EXTENSION, page('/options.html')]) {
      expect(await send(type, data, sender)).toEqual(REFUSED);
    }
    expect((await lists()).lists).toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('addToList is answered for the list page, the panel and the popup, and no one else', async () => {
    for (const sender of [CONTENT_SCRIPT, OTHER_EXTENSION, page('/options.html')]) {
      expect(await send('addToList', { listId: null, entries: [ENTRY] }, sender)).toEqual(REFUSED);
    }
    expect((await lists()).lists).toEqual([]);
    expect(await send('addToList', { listId: null, entries: [ENTRY] }, PANEL)).toMatchObject({ ok: true, value: { added: 1 } });
    expect(await send('addToList', { listId: null, entries: [ENTRY] }, POPUP)).toMatchObject({ ok: true, value: { duplicates: 1 } });
    expect(await send('addToList', { listId: null, entries: [ENTRY] }, LIST)).toMatchObject({ ok: true, value: { duplicates: 1 } });
    expect((await lists()).lists).toHaveLength(1);
  });

  it('malformed payloads from the list page are refused with nothing written', async () => {
    for (const [type, data] of [
      ['createList', { name: '' }],
      ['addToList', { listId: null, entries: [{ ref: { kind: 'xingtu', oAuthorId: 'abc' }, source: '' }] }],
      ['startRun', { listId: 'abc', platforms: ['TV'] }],
      ['pauseRun', { now: true }],
      ['recentlyViewed', { all: true }],
    ] as const) {
      expect(await send(type, data, LIST)).toEqual(REFUSED);
    }
    expect(await fakeBrowser.storage.local.get(null)).not.toHaveProperty('creatorLists');
  });
});

describe('list messages in the background: the list page', () => {
  it('creates a list, adds, estimates, runs; the run fills the results', async () => {
    const created = (await send('createList', { name: 'Spring' }, LIST)) as { ok: true; value: { listId: string } };
    expect(created).toMatchObject({ ok: true });
    const { listId } = created.value;
    await send('addToList', { listId, entries: [ENTRY] }, LIST);
    expect(await send('estimateRun', { listId, platforms: ['SHORT_VIDEO'] }, LIST)).toMatchObject({ ok: true, value: { creators: 1, distributionCalls: 1, paidCalls: 1 } });
    expect(await send('startRun', { listId, platforms: ['SHORT_VIDEO'] }, LIST)).toMatchObject({ ok: true, value: { listId, total: 1 } });
    await vi.waitFor(async () => {
      const stored = await fakeBrowser.storage.local.get(`listResults:${listId}`);
      expect(stored[`listResults:${listId}`]).toMatchObject({ [`x:${ID}`]: { status: 'done' } });
    });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    // Now cached: free.
    expect(await send('estimateRun', { listId, platforms: ['SHORT_VIDEO', 'LIVE_STREAMING'] }, LIST)).toMatchObject({
      ok: true,
      value: { alreadyDone: 0, fromCache: 0, distributionCalls: 1 },
    });
    expect(await send('estimateRun', { listId: 'nolist', platforms: ['SHORT_VIDEO'] }, LIST)).toMatchObject({ ok: false });
  });

  it('creators the panel showed are recently viewed on the list page, with their cached answer', async () => {
    expect(await send('getDistribution', { oAuthorId: ID, platform: 'SHORT_VIDEO' }, PANEL)).toMatchObject({ ok: true });
    await vi.waitFor(async () => {
      const answer = (await send('recentlyViewed', undefined, LIST)) as { ok: true; value: { oAuthorId: string; distribution: unknown }[] };
      expect(answer.value).toHaveLength(1);
      expect(answer.value[0]).toMatchObject({ oAuthorId: ID, distribution: { rows: [{ name: '美食' }] } });
    });
  });

  it('deleting a list from the list page removes it', async () => {
    const created = (await send('createList', { name: 'Spring' }, LIST)) as { ok: true; value: { listId: string } };
    expect(await send('deleteList', { listId: created.value.listId }, LIST)).toEqual({ ok: true, value: true });
    expect((await lists()).lists).toEqual([]);
  });
});

describe('list runs in the background: the cool-down alarm', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a run held by a 302 cool-down resumes when the alarm fires after it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // A background whose clocks are the fake one.
    removeAllListeners();
    background.main();
    const start = Date.now();
    // The call guard holds this key for a minute (a 302 the panel got).
    await fakeBrowser.storage.local.set({
      callGuard: { v: 1, keyHash: await keyFingerprint('k'), kind: 'rate-limited', code: 302, since: start, until: start + 60_000 },
    });
    const created = (await send('createList', { name: 'Spring' }, LIST)) as { ok: true; value: { listId: string } };
    await send('addToList', { listId: created.value.listId, entries: [ENTRY] }, LIST);
    await send('startRun', { listId: created.value.listId, platforms: ['SHORT_VIDEO'] }, LIST);
    await vi.waitFor(async () => expect(await listRunItem.getValue()).toMatchObject({ status: 'cooling-down', resumeAt: start + 60_000 }));
    expect(fetchSpy).not.toHaveBeenCalled();
    expect((await fakeBrowser.alarms.get(RUN_WAKE_ALARM))?.scheduledTime).toBe(start + 60_000);

    vi.setSystemTime(start + 60_001);
    await fakeBrowser.alarms.onAlarm.trigger({ name: RUN_WAKE_ALARM, scheduledTime: start + 60_000 });
    await vi.waitFor(async () => expect(await listRunItem.getValue()).toMatchObject({ status: 'done', finished: 1 }));
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });
});
