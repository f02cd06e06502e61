import { describe, expect, it } from 'vitest';
import { entryKey, type CreatorList, type EntryResult, type EntryStatus, type ListCreatorRef, type ListEntry, type ListResults } from '../../utils/shared/creator-lists';
import type { CategoryRow } from '../../utils/shared/types';
import { buildTableRows, compareData, filterRows, listCategories, sortRows, type SortKey, type TableRow } from '../../utils/views/list-table';

const SEC = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';

function entry(ref: ListCreatorRef, source: string): ListEntry {
  return { key: entryKey(ref), ref, source, addedAt: 1 };
}

function cats(...pairs: [string, number][]): CategoryRow[] {
  const total = pairs.reduce((sum, [, count]) => sum + count, 0);
  return pairs.map(([name, count]) => ({ name, count, share: total === 0 ? 0 : count / total }));
}

function done(rows: CategoryRow[], extra: Partial<EntryResult> = {}, fetchedAt = 1_000): EntryResult {
  return { status: 'done', platforms: { SHORT_VIDEO: { ok: true, rows, fetchedAt, fromCache: false } }, updatedAt: fetchedAt, ...extra };
}

const A = entry({ kind: 'xingtu', oAuthorId: '7006229624431689736' }, '7006229624431689736');
const B = entry({ kind: 'douyin', secUid: SEC, uid: null, nickname: '阿强' }, `https://www.douyin.com/user/${SEC}`);
const C = entry({ kind: 'nickname', nickname: '川味小厨娘' }, '川味小厨娘');
const D = entry({ kind: 'douyin', secUid: null, uid: '93847561234', nickname: null }, 'https://www.iesdouyin.com/share/user/93847561234');

const list: CreatorList = { id: 'l1', name: '618', createdAt: 0, entries: [A, B, C, D] };
const results: ListResults = {
  [A.key]: done(cats(['美食', 6], ['探店', 3], ['旅行', 1]), { oAuthorId: '7006229624431689736', nickname: '美食阿甲' }, 5_000),
  [B.key]: done(cats(['探店', 2], ['美食', 1], ['生活', 1], ['萌宠', 4]), { oAuthorId: '6912345678901234567' }, 3_000),
  [C.key]: { status: 'confirm', platforms: {}, match: 'ambiguous', candidates: [], updatedAt: 1 },
};

describe('buildTableRows', () => {
  const rows = buildTableRows(list, results, 'SHORT_VIDEO', ['美食', '探店']);

  it('one row per creator in list order, names falling back to what the user gave', () => {
    expect(rows.map((r) => [r.key, r.name, r.oAuthorId, r.status])).toEqual([
      [A.key, '美食阿甲', '7006229624431689736', 'done'],
      [B.key, '阿强', '6912345678901234567', 'done'],
      [C.key, '川味小厨娘', null, 'confirm'],
      [D.key, '93847561234', null, 'new'],
    ]);
    const bare = buildTableRows({ ...list, entries: [A, entry({ kind: 'douyin', secUid: SEC, uid: null, nickname: null }, 'x')] }, {}, 'SHORT_VIDEO', []);
    expect(bare.map((r) => [r.name, r.oAuthorId])).toEqual([
      ['7006229624431689736', '7006229624431689736'],
      [SEC, null],
    ]);
  });

  it('totals, the top three largest first, the fetch time and the focus share', () => {
    const [a, b, c] = rows;
    expect(a).toMatchObject({ totalVideos: 10, fetchedAt: 5_000, top: [{ name: '美食', share: 0.6 }, { name: '探店', share: 0.3 }, { name: '旅行', share: 0.1 }] });
    expect(a?.focusShare).toBeCloseTo(0.9);
    expect(b?.top.map((t) => t.name)).toEqual(['萌宠', '探店', '美食']);
    expect(b?.focusShare).toBeCloseTo(0.375);
    expect(c).toMatchObject({ totalVideos: null, top: [], fetchedAt: null, focusShare: null, rows: null, result: results[C.key] });
  });

  it('no focus share without focus categories or on a platform not fetched', () => {
    expect(buildTableRows(list, results, 'SHORT_VIDEO', []).map((r) => r.focusShare)).toEqual([null, null, null, null]);
    expect(buildTableRows(list, results, 'LIVE_STREAMING', ['美食']).map((r) => r.rows)).toEqual([null, null, null, null]);
  });

  it('a creator with nothing on the platform has 0 videos and a 0 focus share', () => {
    const empty = buildTableRows({ ...list, entries: [A] }, { [A.key]: done([]) }, 'SHORT_VIDEO', ['美食']);
    expect(empty[0]).toMatchObject({ totalVideos: 0, focusShare: 0, top: [], rows: [] });
  });

  it('a failed platform has no data', () => {
    const failed: ListResults = {
      [A.key]: { status: 'failed', platforms: { SHORT_VIDEO: { ok: false, error: { kind: 'network' } } }, updatedAt: 1 },
    };
    expect(buildTableRows({ ...list, entries: [A] }, failed, 'SHORT_VIDEO', ['美食'])[0]).toMatchObject({ status: 'failed', rows: null, focusShare: null });
  });
});

describe('sortRows', () => {
  const rows = buildTableRows(list, results, 'SHORT_VIDEO', ['美食', '探店']);
  const names = (sorted: TableRow[]): string[] => sorted.map((r) => r.name);

  it('by focus share, best fits first, rows without data last in both directions', () => {
    expect(names(sortRows(rows, 'focusShare', 'desc', 'zh'))).toEqual(['美食阿甲', '阿强', '川味小厨娘', '93847561234']);
    expect(names(sortRows(rows, 'focusShare', 'asc', 'zh'))).toEqual(['阿强', '美食阿甲', '川味小厨娘', '93847561234']);
  });

  it('by name in the language: pinyin order in Chinese', () => {
    expect(names(sortRows(rows, 'name', 'asc', 'zh'))).toEqual(['93847561234', '阿强', '川味小厨娘', '美食阿甲']);
    expect(names(sortRows(rows, 'name', 'desc', 'zh'))).toEqual(['美食阿甲', '川味小厨娘', '阿强', '93847561234']);
  });

  it('by id as a number (longer than a double holds), by videos, by time, by status, by top category', () => {
    const ids = buildTableRows(
      {
        ...list,
        entries: ['7006229624431689737', '7006229624431689736', '99999999', '10000000000000000000'].map((id) => entry({ kind: 'xingtu', oAuthorId: id }, id)),
      },
      {},
      'SHORT_VIDEO',
      [],
    );
    expect(sortRows(ids, 'oAuthorId', 'asc', 'en').map((r) => r.oAuthorId)).toEqual(['99999999', '7006229624431689736', '7006229624431689737', '10000000000000000000']);
    expect(names(sortRows(rows, 'totalVideos', 'desc', 'zh'))).toEqual(['美食阿甲', '阿强', '川味小厨娘', '93847561234']);
    expect(names(sortRows(rows, 'fetchedAt', 'asc', 'zh'))).toEqual(['阿强', '美食阿甲', '川味小厨娘', '93847561234']);
    expect(names(sortRows(rows, 'status', 'asc', 'zh'))).toEqual(['川味小厨娘', '93847561234', '美食阿甲', '阿强']);
    // 美食 (mei) before 萌宠 (meng).
    expect(names(sortRows(rows, 'top', 'asc', 'zh'))).toEqual(['美食阿甲', '阿强', '川味小厨娘', '93847561234']);
    expect(names(sortRows(rows, 'top', 'desc', 'zh'))).toEqual(['阿强', '美食阿甲', '川味小厨娘', '93847561234']);
  });

  it('is stable and does not change its input', () => {
    const same = buildTableRows({ ...list, entries: [A, C, D] }, {}, 'SHORT_VIDEO', []);
    const before = [...same];
    for (const dir of ['asc', 'desc'] as const) {
      expect(sortRows(same, 'status', dir, 'en')).toEqual(same);
      expect(sortRows(same, 'totalVideos', dir, 'en')).toEqual(same);
    }
    expect(same).toEqual(before);
  });
});

describe('filterRows', () => {
  const rows = buildTableRows(list, results, 'SHORT_VIDEO', []);
  const keys = (query: string): string[] => filterRows(rows, query).map((r) => r.key);

  it('matches name, id, categories, source and sec_uid, case-insensitively', () => {
    expect(keys('')).toEqual([A.key, B.key, C.key, D.key]);
    expect(keys('  ')).toHaveLength(4);
    expect(keys('阿强')).toEqual([B.key]);
    expect(keys('69123')).toEqual([B.key]);
    expect(keys('旅行')).toEqual([A.key]);
    expect(keys('萌宠')).toEqual([B.key]);
    expect(keys('iesdouyin')).toEqual([D.key]);
    expect(keys(SEC.toLowerCase().slice(0, 20))).toEqual([B.key]);
    expect(keys('探店')).toEqual([A.key, B.key]);
    expect(keys('探店 萌宠')).toEqual([B.key]);
    expect(keys('nobody')).toEqual([]);
  });
});

describe('listCategories and compareData', () => {
  const rows = buildTableRows(list, results, 'SHORT_VIDEO', []);

  it('categories for the focus picker, most creators first', () => {
    expect(listCategories(rows)).toEqual([
      { name: '美食', creators: 2 },
      { name: '探店', creators: 2 },
      { name: '萌宠', creators: 1 },
      { name: '生活', creators: 1 },
      { name: '旅行', creators: 1 },
    ]);
    expect(listCategories([])).toEqual([]);
  });

  it('the union of categories by total share, each creator aligned with zeros where absent', () => {
    const data = compareData(rows.slice(0, 3));
    expect(data.categories).toEqual(['美食', '探店', '萌宠', '生活', '旅行']);
    expect(data.creators.map((c) => [c.key, c.name, c.counts])).toEqual([
      [A.key, '美食阿甲', [6, 3, 0, 0, 1]],
      [B.key, '阿强', [1, 2, 4, 1, 0]],
      [C.key, '川味小厨娘', [0, 0, 0, 0, 0]],
    ]);
    expect(data.creators[1]?.shares).toEqual([0.125, 0.25, 0.5, 0.125, 0]);
  });
});

describe('500 rows', () => {
  const CATEGORIES = ['美食', '探店', '旅行', '萌宠', '生活', '美妆', '穿搭', '母婴', '汽车', '数码'];
  const STATUSES: EntryStatus[] = ['done', 'failed', 'confirm', 'new', 'not-on-xingtu'];
  // A small deterministic generator, so the test is the same on every run.
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const entries: ListEntry[] = [];
  const big: ListResults = {};
  for (let i = 0; i < 500; i += 1) {
    const id = `70062296244316${String(i).padStart(5, '0')}`;
    const e = entry({ kind: 'xingtu', oAuthorId: id }, id);
    entries.push(e);
    const status = STATUSES[i % STATUSES.length] ?? 'done';
    if (status !== 'done') {
      big[e.key] = { status, platforms: {}, updatedAt: i };
      continue;
    }
    const pairs: [string, number][] = CATEGORIES.filter(() => next() < 0.5).map((name) => [name, 1 + Math.floor(next() * 50)]);
    big[e.key] = done(cats(...pairs), { nickname: `达人${i}` }, 1_000 + Math.floor(next() * 1e6));
  }
  const rows = buildTableRows({ id: 'big', name: 'big', createdAt: 0, entries }, big, 'SHORT_VIDEO', ['美食', '探店']);

  it('sorts every column in both directions: ordered, nulls last, nothing lost', () => {
    const keys: SortKey[] = ['name', 'oAuthorId', 'totalVideos', 'top', 'fetchedAt', 'status', 'focusShare'];
    for (const key of keys) {
      for (const dir of ['asc', 'desc'] as const) {
        const sorted = sortRows(rows, key, dir, 'zh');
        expect(new Set(sorted.map((r) => r.key)).size).toBe(500);
        if (key === 'focusShare' || key === 'totalVideos' || key === 'fetchedAt') {
          const values = sorted.map((r) => r[key]);
          const firstNull = values.indexOf(null);
          expect(firstNull).toBe(100);
          expect(values.slice(firstNull).every((x) => x === null)).toBe(true);
          const numbers = values.slice(0, firstNull) as number[];
          for (let i = 1; i < numbers.length; i += 1) {
            const [prev, cur] = [numbers[i - 1] ?? 0, numbers[i] ?? 0];
            expect(dir === 'asc' ? prev <= cur : prev >= cur).toBe(true);
          }
        }
      }
    }
    // Same largest category: ordered by its share, in the direction asked.
    const byTop = sortRows(rows, 'top', 'desc', 'zh').filter((r) => r.top.length > 0);
    for (let i = 1; i < byTop.length; i += 1) {
      const [prev, cur] = [byTop[i - 1]?.top[0], byTop[i]?.top[0]];
      if (prev?.name === cur?.name) expect((prev?.share ?? 0) >= (cur?.share ?? 0)).toBe(true);
    }
    const byId = sortRows(rows, 'oAuthorId', 'desc', 'en');
    expect(byId[0]?.oAuthorId).toBe('7006229624431600499');
    expect(byId[499]?.oAuthorId).toBe('7006229624431600000');
  });

  it('filters by a category and by an id fragment', () => {
    const food = filterRows(rows, '美食');
    expect(food.length).toBeGreaterThan(0);
    expect(food.every((r) => (r.rows ?? []).some((c) => c.name === '美食'))).toBe(true);
    expect(food.length).toBe(rows.filter((r) => (r.rows ?? []).some((c) => c.name === '美食')).length);
    expect(filterRows(rows, '600123').map((r) => r.oAuthorId)).toEqual(['7006229624431600123']);
  });

  it('the focus share is the sum of the focus categories, and compare aligns every category', () => {
    for (const row of rows) {
      if (row.rows === null) continue;
      const expected = row.rows.filter((c) => c.name === '美食' || c.name === '探店').reduce((s, c) => s + c.share, 0);
      expect(row.focusShare).toBeCloseTo(expected, 10);
    }
    const data = compareData(rows.slice(0, 6));
    for (const creator of data.creators) expect(creator.shares).toHaveLength(data.categories.length);
    expect(listCategories(rows).reduce((s, c) => s + c.creators, 0)).toBe(rows.reduce((s, r) => s + (r.rows?.length ?? 0), 0));
  });
});
