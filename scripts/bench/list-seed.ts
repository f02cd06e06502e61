/**
 * The creator lists the benchmark's list-page section (scripts/bench/lists.ts) writes into the
 * extension's storage.local, in the shapes the background writes (utils/shared/list-records.ts,
 * utils/background/list-store.ts and list-runner.ts): a list of creators whose results are in,
 * for the table timings, and a list of creators not run yet, for the run. Deterministic (a seeded
 * generator), so every bench run sorts and filters the same rows.
 */
import type { CreatorList, EntryResult, ListResults, ListsState } from '../../utils/shared/creator-lists';
import type { CategoryRow } from '../../utils/shared/types';
import { xingtuCreatorUrl } from '../../utils/shared/xingtu-link';

/** storage.local keys of the records (the storage items' keys without WXT's `local:` area). */
export const LISTS_STORAGE_KEY = 'creatorLists';
export const resultsStorageKey = (listId: string): string => `listResults:${listId}`;

/** Categories the seeded creators publish in (the focus and filter timings use two of them). */
export const SEED_CATEGORIES = [
  '美食', '探店', '生活', '旅行', '音乐', '舞蹈', '美妆', '时尚', '穿搭', '萌宠', '搞笑', '剧情',
  '情感', '摄影', '户外', '随拍', '母婴', '健身', '数码', '汽车', '教育', '游戏', '家居', '三农',
] as const;

/** The focus category the bench ticks, and the word it types into the filter box (a category about a third of the rows have). */
export const SEED_FOCUS_CATEGORY = '美食';
export const SEED_FILTER_WORD = '探店';

const NAME_CHARS = '小大阿老川味厨娘吉他哲背包远方桃子化妆间王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';

/** mulberry32: a small seeded generator (0 ≤ x < 1). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct 19-digit Xingtu ids (strings: they do not fit a double), from `base`. */
export function seedIds(count: number, base = 7_500_000_000_000_000_000n): string[] {
  return Array.from({ length: count }, (_, i) => (base + BigInt(i) * 7_919n).toString());
}

/** A creator's short-video categories: 4–12 of SEED_CATEGORIES, largest first, shares summing to 1. */
function categories(random: () => number): CategoryRow[] {
  const pool = [...SEED_CATEGORIES];
  for (let i = pool.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const picked = pool.slice(0, 4 + Math.floor(random() * 9));
  const counts = picked.map(() => 1 + Math.floor(random() * 200));
  const total = counts.reduce((s, c) => s + c, 0);
  return picked.map((name, i) => ({ name, count: counts[i]!, share: counts[i]! / total })).sort((a, b) => b.count - a.count);
}

function nickname(random: () => number, index: number): string {
  const length = 2 + Math.floor(random() * 4);
  const chars = Array.from({ length }, () => NAME_CHARS[Math.floor(random() * NAME_CHARS.length)]!).join('');
  // Some names carry Latin letters or digits, as real ones do.
  return index % 7 === 0 ? `${chars}Vlog` : index % 11 === 0 ? `${chars}${index}` : chars;
}

/** A list of `ids` (Xingtu rows, as "Add" stores them). */
export function seedList(listId: string, name: string, ids: readonly string[], now: number): CreatorList {
  return {
    id: listId,
    name,
    createdAt: now - 86_400_000,
    entries: ids.map((id, i) => ({ key: `x:${id}`, ref: { kind: 'xingtu', oAuthorId: id }, source: xingtuCreatorUrl(id), addedAt: now - 3_600_000 + i })),
  };
}

/** Every row of `list` done for short video, as a finished run leaves them. */
export function seedResults(list: CreatorList, now: number, seed = 11): ListResults {
  const random = generator(seed);
  const results: ListResults = {};
  list.entries.forEach((entry, i) => {
    if (entry.ref.kind !== 'xingtu') return;
    const fetchedAt = now - Math.floor(random() * 7 * 86_400_000);
    const result: EntryResult = {
      status: 'done',
      oAuthorId: entry.ref.oAuthorId,
      nickname: nickname(random, i),
      platforms: { SHORT_VIDEO: { ok: true, rows: categories(random), fetchedAt, fromCache: false } },
      updatedAt: fetchedAt,
    };
    results[entry.key] = result;
  });
  return results;
}

/** The lists record: `lists`, `currentId` the one the page shows. */
export function seedState(lists: readonly CreatorList[], currentId: string): ListsState {
  return { currentId, lists: [...lists] };
}
