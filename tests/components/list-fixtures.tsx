import { vi } from 'vitest';
import { render } from '@testing-library/preact';
import { storage } from 'wxt/utils/storage';
import { ListApp } from '../../components/list/ListApp';
import { entryKey, type CreatorList, type EntryResult, type ListCreatorRef, type ListResults, type ListRunView, type ListsState, type RunEstimate } from '../../utils/shared/creator-lists';
import { listResultsKey } from '../../utils/shared/list-records';
import type { CategoryRow } from '../../utils/shared/types';
import type { RecentCreator } from '../../utils/shared/messaging';
import type { ListBridge } from '../../utils/views/list-bridge';
import { storageListSource } from '../../utils/views/list-source';
import type { TextClipboard } from '../../components/list/ExportActions';

/** Shared by the list page's component tests: fixture lists, a fake bridge, stored records. */

export const LIST_ID = 'list1';
export const FETCHED = Date.UTC(2025, 2, 1, 6, 5);

export const IDS = {
  alpha: '7006229624431689736',
  bravo: '6912345678901234567',
  charlie: '7100000000000000001',
  delta: '7100000000000000002',
  echo: '7100000000000000003',
  foxtrot: '7100000000000000004',
} as const;
export const SEC_UID = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';

const xingtu = (oAuthorId: string): ListCreatorRef => ({ kind: 'xingtu', oAuthorId });
const entry = (ref: ListCreatorRef, source: string, addedAt = 1) => ({ key: entryKey(ref), ref, source, addedAt });

export const DOUYIN_REF: ListCreatorRef = { kind: 'douyin', secUid: SEC_UID, uid: null, nickname: '川味小厨娘' };

export const LIST: CreatorList = {
  id: LIST_ID,
  name: '618 美食',
  createdAt: 1,
  entries: [
    ...Object.values(IDS).map((id) => entry(xingtu(id), `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${id}`)),
    entry(DOUYIN_REF, `https://www.douyin.com/user/${SEC_UID}`),
  ],
};

const done = (nickname: string, oAuthorId: string, rows: CategoryRow[]): EntryResult => ({
  status: 'done',
  oAuthorId,
  nickname,
  platforms: { SHORT_VIDEO: { ok: true, rows, fetchedAt: FETCHED, fromCache: false } },
  updatedAt: 2,
});

export const CANDIDATES = [
  { oAuthorId: '7200000000000000001', douyinUid: null, nickname: '川味小厨娘', followers: 3862000, avatarUrl: null, city: '成都' },
  { oAuthorId: '7200000000000000002', douyinUid: null, nickname: '川味小厨娘', followers: 12, avatarUrl: null, city: null },
];

/** Focus 美食 + 探店: Alpha 80 %, Charlie 65 %, Bravo 20 %, Delta 0 %. */
export const RESULTS: ListResults = {
  [entryKey(xingtu(IDS.alpha))]: done('Alpha', IDS.alpha, [
    { name: '美食', count: 50, share: 0.5 },
    { name: '探店', count: 30, share: 0.3 },
    { name: '旅行', count: 20, share: 0.2 },
  ]),
  [entryKey(xingtu(IDS.bravo))]: done('Bravo', IDS.bravo, [
    { name: '游戏', count: 80, share: 0.8 },
    { name: '美食', count: 10, share: 0.1 },
    { name: '探店', count: 10, share: 0.1 },
  ]),
  [entryKey(xingtu(IDS.charlie))]: done('Charlie', IDS.charlie, [
    { name: '探店', count: 60, share: 0.6 },
    { name: '旅行', count: 35, share: 0.35 },
    { name: '美食', count: 5, share: 0.05 },
  ]),
  [entryKey(xingtu(IDS.delta))]: done('Delta', IDS.delta, [{ name: '游戏', count: 9, share: 1 }]),
  [entryKey(xingtu(IDS.echo))]: {
    status: 'failed',
    oAuthorId: IDS.echo,
    platforms: { SHORT_VIDEO: { ok: false, error: { kind: 'server-error', code: 500 } } },
    updatedAt: 2,
  },
  [entryKey(DOUYIN_REF)]: { status: 'confirm', match: 'ambiguous', candidates: CANDIDATES, platforms: {}, updatedAt: 2 },
};

export const ESTIMATE: RunEstimate = {
  creators: 7,
  platforms: ['SHORT_VIDEO'],
  searchCalls: 1,
  distributionCalls: 2,
  paidCalls: 3,
  afterSearchCalls: 0,
  fromCache: 4,
  knownLinks: 0,
  waitingConfirm: 0,
  needsNickname: 0,
  notOnXingtu: 0,
  alreadyDone: 0,
};

export function runView(over: Partial<ListRunView> = {}): ListRunView {
  return {
    runId: 'run1',
    listId: LIST_ID,
    platforms: ['SHORT_VIDEO'],
    status: 'running',
    total: 7,
    finished: 3,
    paidCalls: 2,
    fromCache: 1,
    startedAt: 1,
    updatedAt: 2,
    ...over,
  };
}

const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });

/** A bridge whose answers succeed; each method is a spy. */
export function fakeListBridge(estimate: RunEstimate = ESTIMATE) {
  const bridge = {
    createList: vi.fn(() => ok({ listId: 'list2' })),
    renameList: vi.fn(() => ok(true as const)),
    deleteList: vi.fn(() => ok(true as const)),
    selectList: vi.fn(() => ok(true as const)),
    addToList: vi.fn((req: Parameters<ListBridge['addToList']>[0]) =>
      ok({ listId: req.listId ?? LIST_ID, added: req.entries.length, duplicates: 0, refused: 0 }),
    ),
    removeFromList: vi.fn(() => ok(true as const)),
    estimateRun: vi.fn(() => ok(estimate)),
    startRun: vi.fn(() => ok(runView())),
    pauseRun: vi.fn(() => ok(runView({ status: 'paused' }))),
    resumeRun: vi.fn(() => ok(runView())),
    retryFailed: vi.fn(() => ok(runView())),
    confirmEntry: vi.fn(() => ok(true as const)),
    recentlyViewed: vi.fn(() => ok<RecentCreator[]>([])),
    allowOneCall: vi.fn(() => ok(true as const)),
  } satisfies ListBridge;
  return bridge;
}

/** Store what the background would have written (the page reads and watches these). */
export async function seed(lists: ListsState, results: ListResults = {}, run: ListRunView | null = null): Promise<void> {
  await storage.setItem('local:creatorLists', lists);
  for (const list of lists.lists) await storage.setItem(listResultsKey(list.id), results);
  if (run) await storage.setItem('local:listRun', run);
}

export function fakeClipboard(): TextClipboard & { texts: string[] } {
  const texts: string[] = [];
  return {
    texts,
    writeText: vi.fn(async (text: string) => {
      texts.push(text);
    }),
  };
}

/** The list page over fake storage (wxt's fake browser) and `bridge`. */
export function renderListApp(bridge: ListBridge = fakeListBridge(), clipboard: TextClipboard | null = fakeClipboard()) {
  const openOptions = vi.fn();
  const view = render(
    <ListApp bridge={bridge} source={storageListSource} clipboard={clipboard} openOptions={openOptions} now={() => FETCHED} />,
  );
  return { ...view, bridge, openOptions };
}
