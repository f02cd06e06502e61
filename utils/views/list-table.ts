import type { CreatorList, EntryResult, EntryStatus, ListEntry, ListResults } from '../shared/creator-lists';
import type { Platform } from '../shared/platform';
import type { CategoryRow } from '../shared/types';

/**
 * The list page's table: one row per creator of a list for one platform, built from the list and
 * what the background found, and sorted, filtered and compared without touching storage. Pure and
 * linear (sorting is n log n on precomputed keys), so 500 rows stay far below a frame's budget.
 */

export interface TableRow {
  key: string;
  entry: ListEntry;
  result: EntryResult | null;
  /** The nickname, else what the user gave: the id, the nickname, the sec_uid (or uid). */
  name: string;
  oAuthorId: string | null;
  /** Videos on the platform (sum of the categories); null until fetched. */
  totalVideos: number | null;
  /** The three largest categories. */
  top: { name: string; share: number }[];
  fetchedAt: number | null;
  status: EntryStatus;
  /** Combined share (0..1) of the focus categories; null without data or without focus. */
  focusShare: number | null;
  /** The platform's categories when fetched (largest first); null before. */
  rows: CategoryRow[] | null;
}

function givenName(entry: ListEntry): string {
  const { ref } = entry;
  switch (ref.kind) {
    case 'xingtu':
      return ref.oAuthorId;
    case 'nickname':
      return ref.nickname;
    case 'douyin':
      return ref.nickname ?? ref.secUid ?? ref.uid ?? entry.source;
  }
}

function buildRow(entry: ListEntry, result: EntryResult | null, platform: Platform, focus: ReadonlySet<string>): TableRow {
  const outcome = result?.platforms[platform];
  const rows = outcome?.ok === true ? [...outcome.rows].sort((a, b) => b.count - a.count || b.share - a.share) : null;
  let focusShare: number | null = null;
  if (rows !== null && focus.size > 0) {
    focusShare = rows.reduce((sum, row) => (focus.has(row.name) ? sum + row.share : sum), 0);
  }
  return {
    key: entry.key,
    entry,
    result,
    name: result?.nickname ?? givenName(entry),
    oAuthorId: result?.oAuthorId ?? (entry.ref.kind === 'xingtu' ? entry.ref.oAuthorId : null),
    totalVideos: rows === null ? null : rows.reduce((sum, row) => sum + row.count, 0),
    top: (rows ?? []).slice(0, 3).map((row) => ({ name: row.name, share: row.share })),
    fetchedAt: outcome?.ok === true ? outcome.fetchedAt : null,
    status: result?.status ?? 'new',
    focusShare,
    rows,
  };
}

/** The table for one platform, in the list's order. */
export function buildTableRows(list: CreatorList, results: ListResults, platform: Platform, focus: readonly string[]): TableRow[] {
  const focusSet = new Set(focus);
  return list.entries.map((entry) => buildRow(entry, results[entry.key] ?? null, platform, focusSet));
}

// ---- sorting ---------------------------------------------------------------------------------

export type SortKey = 'name' | 'oAuthorId' | 'totalVideos' | 'top' | 'fetchedAt' | 'status' | 'focusShare';
export type SortDir = 'asc' | 'desc';

/** Status order, ascending: what needs the user first, finished rows last. */
const STATUS_ORDER: readonly EntryStatus[] = [
  'confirm',
  'needs-nickname',
  'failed',
  'interrupted',
  'running',
  'queued',
  'new',
  'not-on-xingtu',
  'done',
];

type SortValue = string | number | null;

/** Ids are digit strings longer than a double holds: compare them by length, then digit by digit. */
function idValue(id: string | null): string | null {
  if (id === null) return null;
  const digits = id.replace(/^0+(?=\d)/, '');
  return `${String(digits.length).padStart(3, '0')}${digits}`;
}

function sortValue(row: TableRow, key: SortKey): SortValue {
  switch (key) {
    case 'name':
      return row.name;
    case 'oAuthorId':
      return idValue(row.oAuthorId);
    case 'totalVideos':
      return row.totalVideos;
    case 'top':
      return row.top[0]?.name ?? null;
    case 'fetchedAt':
      return row.fetchedAt;
    case 'status':
      return STATUS_ORDER.indexOf(row.status);
    case 'focusShare':
      return row.focusShare;
  }
}

/**
 * Rows sorted by a column. Stable (equal rows keep their order in both directions); rows without a
 * value (not fetched yet) go last in both directions. Names and categories sort as the language
 * does (pinyin order in Chinese); "top" sorts by the largest category, then by its share.
 */
export function sortRows(rows: readonly TableRow[], key: SortKey, dir: SortDir, lang: 'zh' | 'en'): TableRow[] {
  const collator = new Intl.Collator(lang === 'zh' ? 'zh-CN' : 'en', { numeric: true, sensitivity: 'base' });
  const sign = dir === 'asc' ? 1 : -1;
  const decorated = rows.map((row, index) => ({ row, index, value: sortValue(row, key), share: row.top[0]?.share ?? 0 }));
  const textual = key === 'name' || key === 'top';
  decorated.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value === b.value) return a.index - b.index;
      return a.value === null ? 1 : -1;
    }
    let order: number;
    if (textual) order = collator.compare(String(a.value), String(b.value));
    else if (typeof a.value === 'number' && typeof b.value === 'number') order = a.value - b.value;
    else order = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    // Same largest category: the larger share of it first when descending, smaller when ascending.
    if (order === 0 && key === 'top') order = a.share - b.share;
    return order !== 0 ? order * sign : a.index - b.index;
  });
  return decorated.map((d) => d.row);
}

// ---- filtering -------------------------------------------------------------------------------

const haystacks = new WeakMap<TableRow, string>();

function haystack(row: TableRow): string {
  let text = haystacks.get(row);
  if (text === undefined) {
    const { ref } = row.entry;
    const parts = [row.name, row.oAuthorId ?? '', row.entry.source, ...(row.rows ?? []).map((r) => r.name)];
    if (ref.kind === 'douyin') parts.push(ref.secUid ?? '', ref.uid ?? '', ref.nickname ?? '');
    if (ref.kind === 'nickname') parts.push(ref.nickname);
    text = parts.join('\n').toLowerCase();
    haystacks.set(row, text);
  }
  return text;
}

/**
 * Rows matching the filter box: each word of the query (case-insensitive) appears in the name, the
 * Xingtu id, the sec_uid, a category or what the user gave. An empty query keeps every row.
 */
export function filterRows(rows: readonly TableRow[], query: string): TableRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const text = haystack(row);
    return words.every((word) => text.includes(word));
  });
}

// ---- focus categories and compare ------------------------------------------------------------

interface CategoryTotal {
  name: string;
  creators: number;
  share: number;
}

function categoryTotals(rows: readonly TableRow[]): CategoryTotal[] {
  const totals = new Map<string, CategoryTotal>();
  for (const row of rows) {
    const seen = new Set<string>();
    for (const category of row.rows ?? []) {
      const total = totals.get(category.name) ?? { name: category.name, creators: 0, share: 0 };
      if (!seen.has(category.name)) total.creators += 1;
      seen.add(category.name);
      total.share += category.share;
      totals.set(category.name, total);
    }
  }
  return [...totals.values()];
}

const byName = (a: CategoryTotal, b: CategoryTotal): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The categories of the fetched rows, for the focus picker: most creators first, then the larger total share. */
export function listCategories(rows: readonly TableRow[]): { name: string; creators: number }[] {
  return categoryTotals(rows)
    .sort((a, b) => b.creators - a.creators || b.share - a.share || byName(a, b))
    .map(({ name, creators }) => ({ name, creators }));
}

export interface CompareData {
  /** Every category of the compared creators, largest total share first. */
  categories: string[];
  /** One per compared row, in the order given; shares and counts aligned to `categories` (0 where absent). */
  creators: { key: string; name: string; shares: number[]; counts: number[] }[];
}

/** The compare view: the union of the rows' categories, and each creator's shares and counts of them. */
export function compareData(rows: readonly TableRow[]): CompareData {
  const categories = categoryTotals(rows)
    .sort((a, b) => b.share - a.share || b.creators - a.creators || byName(a, b))
    .map((total) => total.name);
  const column = new Map(categories.map((name, index) => [name, index]));
  const creators = rows.map((row) => {
    const shares = categories.map(() => 0);
    const counts = categories.map(() => 0);
    for (const category of row.rows ?? []) {
      const index = column.get(category.name);
      if (index === undefined) continue;
      shares[index] = (shares[index] ?? 0) + category.share;
      counts[index] = (counts[index] ?? 0) + category.count;
    }
    return { key: row.key, name: row.name, shares, counts };
  });
  return { categories, creators };
}
