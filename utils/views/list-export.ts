import type { CreatorList, EntryResult, ListEntry, ListResults } from '../shared/creator-lists';
import type { Platform } from '../shared/platform';
import type { TableRow } from './list-table';

/**
 * A list back into a spreadsheet: "Export CSV" writes a file Excel, WPS and Feishu open with
 * Chinese intact (UTF-8 with a byte-order mark) and ids intact (as text, never 7.00623E+18), one
 * row per creator, platform and category; "Copy" puts the visible table on the clipboard as
 * tab-separated text. Text a spreadsheet would run as a formula is neutralised in both.
 */

export const CSV_COLUMNS = ['xingtu_id', 'nickname', 'platform', 'category', 'videos', 'share', 'fetched_at', 'source_link'] as const;

const FORMULA_START = /^[=+\-@\t\r\n]/;

/** A cell a spreadsheet would run as a formula (= + - @ tab CR at the start) gets a leading apostrophe. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * An id kept as text by spreadsheets: `="7006229624431689736"` (Excel would otherwise round it to
 * 15 digits). Only for values that are all digits; anything else is neutralised text.
 */
export function textId(id: string): string {
  return /^\d{1,40}$/.test(id) ? `="${id}"` : neutraliseCell(id);
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 2026-12-03T14:05:09+08:00: the time in Beijing, which is where the users and Xingtu are. */
export function beijingIso(ms: number): string {
  return `${new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

function shareText(share: number): string {
  return Number.isFinite(share) ? Math.min(1, Math.max(0, share)).toFixed(4) : '';
}

function nicknameOf(entry: ListEntry, result: EntryResult | undefined): string {
  if (result?.nickname !== undefined) return result.nickname;
  const { ref } = entry;
  if (ref.kind === 'nickname') return ref.nickname;
  return ref.kind === 'douyin' ? (ref.nickname ?? '') : '';
}

function csvLines(entry: ListEntry, result: EntryResult | undefined, platform: Platform): string[][] {
  const id = result?.oAuthorId ?? (entry.ref.kind === 'xingtu' ? entry.ref.oAuthorId : '');
  const base = (category: string, videos: string, share: string, fetchedAt: string): string[] => [
    id === '' ? '' : textId(id),
    neutraliseCell(nicknameOf(entry, result)),
    platform,
    neutraliseCell(category),
    videos,
    share,
    fetchedAt,
    neutraliseCell(entry.source),
  ];
  const outcome = result?.platforms[platform];
  if (outcome?.ok !== true) return [base('', '', '', '')];
  const fetchedAt = beijingIso(outcome.fetchedAt);
  // Nothing on this platform is an answer too: one row with 0 videos, so the creator is not lost.
  if (outcome.rows.length === 0) return [base('', '0', '', fetchedAt)];
  return outcome.rows.map((row) => base(row.name, String(row.count), shareText(row.share), fetchedAt));
}

/**
 * The CSV file of a list: UTF-8 byte-order mark, CRLF line ends, a header of CSV_COLUMNS, then per
 * creator (in list order) and platform one row per category. A creator without data for a platform
 * (not fetched, failed, not on Xingtu) still gets one row, with an empty category.
 */
export function listToCsv(list: CreatorList, results: ListResults, platforms: readonly Platform[]): string {
  const lines: string[][] = [[...CSV_COLUMNS]];
  for (const entry of list.entries) {
    for (const platform of platforms) lines.push(...csvLines(entry, results[entry.key], platform));
  }
  return csvDocument(lines);
}

/**
 * Rows of cells as a CSV file spreadsheets open with Chinese intact: UTF-8 byte-order mark, RFC
 * 4180 quoting, CRLF line ends. The cells must already be neutralised (neutraliseCell, textId).
 */
export function csvDocument(lines: readonly (readonly string[])[]): string {
  return `\uFEFF${lines.map((cells) => cells.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** A cell of pasted text: no tab or line break inside, long digit strings as text ids, no formula. */
function tsvCell(text: string): string {
  const flat = text.replace(/[\t\r\n]+/g, ' ');
  return /^\d{12,40}$/.test(flat) ? textId(flat) : neutraliseCell(flat);
}

/**
 * The visible table as tab-separated text for the clipboard (pasted into a sheet it fills the
 * cells): the header, then `cells(row)` per row. Tabs and line breaks inside a cell become spaces;
 * cells of 12 or more digits (ids) are pasted as `="…"` so they keep every digit.
 */
export function rowsToTsv(rows: readonly TableRow[], header: readonly string[], cells: (row: TableRow) => string[]): string {
  const lines = [header, ...rows.map(cells)];
  return `${lines.map((line) => line.map(tsvCell).join('\t')).join('\n')}\n`;
}

/** 达人清单-<name>-2026-12-03.csv: letters, digits, - and _ only (the date in Beijing). */
export function csvFileName(list: CreatorList, now: number): string {
  const name = list.name
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '');
  const date = beijingIso(now).slice(0, 10);
  return name === '' ? `达人清单-${date}.csv` : `达人清单-${name}-${date}.csv`;
}
