import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { createAccountLinks } from '../../utils/background/account-links';
import { createRecentViews } from '../../utils/background/recent-views';
import { INDEX_VERSION } from '../../utils/background/lru-index';
import { removeAllListeners } from '../../utils/shared/messaging';
import { loadNotice } from '../../utils/shared/notice';
import { DEFAULT_SETTINGS, loadSettings } from '../../utils/shared/settings';
import { parseStoredLists, parseStoredResults, parseStoredRun } from '../../utils/shared/list-records';
import { parseUsageLog } from '../../utils/shared/usage';
import { loadApiKey } from '../../utils/key/api-key';

/**
 * Version 1.0.0 reads every storage layout an earlier build wrote (what the git history shows
 * each feature added to storage.local; docs/architecture.md lists the keys):
 *
 * | layout | from | added |
 * |---|---|---|
 * | 0.1.0 | 2ebc140…4c3d54e, the previous release | apiKey; settings {endpoint, customUrl, cacheTtlHours}; dist:* + distIndex v1; link:* + linkIndex v1; panelCollapsed |
 * | faults and races | ab58417, 957fc3a (2026-11-26) | settings.timeoutSeconds; indexes v2 (with sizes) |
 * | creator lists | f3248e5 (2026-12-03) | settings.runConcurrency; creatorLists, listResults:<id>, listRun, recentViews, usageLog; links with uidKnown (38d1a6f) |
 * | money | 4be03df (2026-12-03) | settings.dailyCallLimit, pricePerCall; balance; dailyCapAllowance |
 *
 * For each: the new background starts on it, and the key, the settings, the cached answer (served
 * without a call), the account link, the lists with their results and run, the recent views and
 * the usage log all read back as they were, with no reset notice.
 * tests/background/storage-upgrade.test.ts covers the 0.1.0 indexes' migration in more detail;
 * e2e/races-upgrade.spec.ts does it in a real Chromium profile.
 */

const KEY = 'my-paid-key-0123';
const ID = '7006229624431689736';
const UID = '3429711218823623';
const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
const DIST = `dist:SHORT_VIDEO:${ID}`;
const ENTRY = { rows: [{ name: '美食', count: 3, share: 0.75 }, { name: '探店', count: 1, share: 0.25 }], fetchedAt: NOW - HOUR };
const LINK_KEY = `link:uid:${UID}`;
const LINK_V1 = { resolution: { kind: 'sure', author: { oAuthorId: ID }, source: 'user' }, source: 'user', savedAt: NOW - 24 * HOUR };
const LINK_UID_KNOWN = { ...LINK_V1, uidKnown: true };
const LIST_ID = 'campaign_1';
const LISTS = {
  currentId: LIST_ID,
  lists: [
    {
      id: LIST_ID,
      name: '618 美食',
      createdAt: NOW - 48 * HOUR,
      entries: [
        { key: `x:${ID}`, ref: { kind: 'xingtu', oAuthorId: ID }, source: ID, addedAt: NOW - 48 * HOUR },
        { key: 'n:小明', ref: { kind: 'nickname', nickname: '小明' }, source: '小明', addedAt: NOW - 48 * HOUR },
      ],
    },
  ],
};
const RESULTS = {
  [`x:${ID}`]: {
    status: 'done',
    oAuthorId: ID,
    nickname: '美食小当家',
    platforms: { SHORT_VIDEO: { ok: true, rows: ENTRY.rows, fetchedAt: ENTRY.fetchedAt, fromCache: false } },
    updatedAt: NOW - 2 * HOUR,
  },
  'n:小明': { status: 'not-on-xingtu', platforms: {}, updatedAt: NOW - 2 * HOUR },
};
const RUN = {
  runId: 'run-1',
  listId: LIST_ID,
  platforms: ['SHORT_VIDEO'],
  status: 'done',
  total: 2,
  finished: 2,
  paidCalls: 2,
  fromCache: 0,
  startedAt: NOW - 3 * HOUR,
  updatedAt: NOW - 2 * HOUR,
};
const RECENT = [{ oAuthorId: ID, platform: 'SHORT_VIDEO', nickname: '美食小当家', viewedAt: NOW - HOUR }];
const USAGE = [
  { at: NOW - 3 * HOUR, endpoint: 'search', oAuthorId: null, keyword: '小明', platform: null, code: 0, via: 'list' },
  { at: NOW - 2 * HOUR, endpoint: 'distribution', oAuthorId: ID, keyword: null, platform: 'SHORT_VIDEO', code: 0, via: 'list' },
];

const bytes = (name: string, value: unknown): number => name.length + JSON.stringify(value).length;
const indexV1 = (name: string, at: number): Record<string, number> => ({ [name]: at });
const indexV2 = (name: string, value: unknown, at: number): unknown => ({ version: 2, entries: { [name]: [at, bytes(name, value)] } });

interface Layout {
  name: string;
  stored: Record<string, unknown>;
  settings: Partial<typeof DEFAULT_SETTINGS>;
  link: unknown;
  hasLists: boolean;
}

const SETTINGS_010 = { endpoint: 'custom', customUrl: 'http://127.0.0.1:8787', cacheTtlHours: 48 } as const;
const SETTINGS_FAULTS = { ...SETTINGS_010, timeoutSeconds: 30 };
const SETTINGS_LISTS = { ...SETTINGS_FAULTS, runConcurrency: 3 };
const SETTINGS_MONEY = { ...SETTINGS_LISTS, dailyCallLimit: 200, pricePerCall: 0.05 };

const LAYOUTS: readonly Layout[] = [
  {
    name: '0.1.0 (the previous release)',
    stored: {
      apiKey: KEY,
      settings: SETTINGS_010,
      [DIST]: ENTRY,
      distIndex: indexV1(DIST, NOW - HOUR),
      [LINK_KEY]: LINK_V1,
      linkIndex: indexV1(LINK_KEY, NOW - 24 * HOUR),
      panelCollapsed: true,
    },
    settings: SETTINGS_010,
    link: LINK_V1,
    hasLists: false,
  },
  {
    name: 'faults and races (timeout setting, indexes v2)',
    stored: {
      apiKey: KEY,
      apiKey$: { v: 1 },
      settings: SETTINGS_FAULTS,
      settings$: { v: 1 },
      [DIST]: ENTRY,
      distIndex: indexV2(DIST, ENTRY, NOW - HOUR),
      [LINK_KEY]: LINK_V1,
      linkIndex: indexV2(LINK_KEY, LINK_V1, NOW - 24 * HOUR),
      panelCollapsed: false,
    },
    settings: SETTINGS_FAULTS,
    link: LINK_V1,
    hasLists: false,
  },
  {
    name: 'creator lists (parallel requests, lists, recent views, usage log)',
    stored: {
      apiKey: KEY,
      settings: SETTINGS_LISTS,
      [DIST]: ENTRY,
      distIndex: indexV2(DIST, ENTRY, NOW - HOUR),
      [LINK_KEY]: LINK_UID_KNOWN,
      linkIndex: indexV2(LINK_KEY, LINK_UID_KNOWN, NOW - 24 * HOUR),
      creatorLists: LISTS,
      [`listResults:${LIST_ID}`]: RESULTS,
      listRun: RUN,
      recentViews: RECENT,
      usageLog: USAGE,
      panelCollapsed: true,
    },
    settings: SETTINGS_LISTS,
    link: LINK_UID_KNOWN,
    hasLists: true,
  },
  {
    name: 'money (daily limit, price per call, balance)',
    stored: {
      apiKey: KEY,
      settings: SETTINGS_MONEY,
      [DIST]: ENTRY,
      distIndex: indexV2(DIST, ENTRY, NOW - HOUR),
      [LINK_KEY]: LINK_UID_KNOWN,
      linkIndex: indexV2(LINK_KEY, LINK_UID_KNOWN, NOW - 24 * HOUR),
      creatorLists: LISTS,
      [`listResults:${LIST_ID}`]: RESULTS,
      listRun: RUN,
      recentViews: RECENT,
      usageLog: USAGE,
      panelCollapsed: true,
    },
    settings: SETTINGS_MONEY,
    link: LINK_UID_KNOWN,
    hasLists: true,
  },
];

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});

function ask(type: string, data: unknown, page: string): Promise<unknown> {
  return new Promise((resolve) => {
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
    void trigger({ id: 1, type, data, timestamp: NOW }, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(page) }, (a: { res?: unknown }) => resolve(a.res));
  });
}

describe('1.0.0 reads every earlier storage layout', () => {
  it.each(LAYOUTS.map((l) => [l.name, l] as const))('%s: key, settings, cache, links, lists, views and usage survive', async (_name, layout) => {
    await fakeBrowser.storage.local.set(structuredClone(layout.stored));
    removeAllListeners();
    background.main();
    const fetch = vi.spyOn(globalThis, 'fetch');

    expect(await loadApiKey()).toBe(KEY);
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, ...layout.settings });

    expect(await ask('getDistribution', { oAuthorId: ID, platform: 'SHORT_VIDEO' }, '/panel.html')).toEqual({
      ok: true,
      value: { oAuthorId: ID, platform: 'SHORT_VIDEO', rows: ENTRY.rows, fetchedAt: ENTRY.fetchedAt, fromCache: true },
    });
    expect(await createAccountLinks({ now: () => NOW }).get({ uid: UID, secUid: null })).toEqual(layout.link);

    const all = await fakeBrowser.storage.local.get(null);
    expect(all.distIndex).toMatchObject({ version: INDEX_VERSION });
    expect(all.linkIndex).toMatchObject({ version: INDEX_VERSION });
    if ('panelCollapsed' in layout.stored) expect(all.panelCollapsed).toBe(layout.stored.panelCollapsed);

    if (layout.hasLists) {
      expect(parseStoredLists(all.creatorLists)).toEqual(LISTS);
      expect(parseStoredResults(all[`listResults:${LIST_ID}`])).toEqual(RESULTS);
      expect(parseStoredRun(all.listRun)).toEqual(RUN);
      expect(parseUsageLog(all.usageLog)).toEqual(USAGE);
      const recent = await createRecentViews({ service: { peek: () => Promise.resolve(null) }, now: () => NOW }).list();
      expect(recent.map((r) => [r.oAuthorId, r.nickname])).toEqual([[ID, '美食小当家']]);
    }
    // Nothing the earlier build stored was dropped.
    for (const name of Object.keys(layout.stored)) expect(Object.keys(all), name).toContain(name);
    expect(fetch).not.toHaveBeenCalled();
    expect(await loadNotice()).toBeNull();
  });

  it('every storage key docs/architecture.md lists is in the newest layout, or is a passing state', () => {
    const doc = readFileSync(path.join(__dirname, '../../docs/architecture.md'), 'utf8');
    const table = doc.slice(doc.indexOf('### Storage'), doc.indexOf('\n## ', doc.indexOf('### Storage')));
    const keys = [...table.matchAll(/^\| (.+?) \|/gm)].flatMap((m) => [...(m[1] ?? '').matchAll(/`([^`]+)`/g)].map((k) => (k[1] ?? '').replace(/:.*$/, '')));
    expect(keys.length).toBeGreaterThan(10);
    // Kept across an update too, but short-lived and re-made when missing: a pause, a notice,
    // a run queue (only while a run is going), the last balance, a one-call allowance.
    const passing = new Set(['callGuard', 'notice', 'listRunQueue', 'balance', 'dailyCapAllowance']);
    // New in 1.0.0, so no earlier build stored them: the panel's place per site.
    const added = new Set(['panelPlacement']);
    const newest = Object.keys(LAYOUTS.at(-1)?.stored ?? {}).map((k) => k.replace(/:.*$/, ''));
    expect(keys.filter((k) => !passing.has(k) && !added.has(k) && !newest.includes(k))).toEqual([]);
  });
});
