import type { UsageEntry } from '../shared/usage';
import { beijingIso, csvDocument, neutraliseCell, textId } from './list-export';
import { beijingDay } from './usage-summary';

/**
 * "Export CSV" of the usage log: one row per paid request, oldest first, in the same spreadsheet
 * conventions as a list's export (utils/views/list-export.ts): byte-order mark, quoting, ids as
 * text, formulas neutralised. Times are Beijing time with their offset.
 */

export const USAGE_CSV_COLUMNS = ['time', 'endpoint', 'xingtu_id', 'keyword', 'platform', 'code', 'via'] as const;

function row(entry: UsageEntry): string[] {
  return [
    beijingIso(entry.at),
    entry.endpoint,
    entry.oAuthorId === null ? '' : textId(entry.oAuthorId),
    entry.keyword === null ? '' : neutraliseCell(entry.keyword),
    entry.platform ?? '',
    entry.code === null ? '' : String(entry.code),
    entry.via,
  ];
}

/** The log as a CSV file (the header, then each entry in the order given). */
export function usageToCsv(entries: readonly UsageEntry[]): string {
  return csvDocument([[...USAGE_CSV_COLUMNS], ...entries.map(row)]);
}

/** 用量-2026-12-03.csv (the Beijing day of `now`). */
export function usageCsvFileName(now: number): string {
  return `用量-${beijingDay(now)}.csv`;
}
