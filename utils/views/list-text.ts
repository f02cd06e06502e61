import type { EntryStatus, ListRunView, RunEstimate } from '../shared/creator-lists';
import { formatShare } from '../shared/distribution';
import { DICTIONARIES, failureKey, formatCount, formatDateTime, type MessageKey, type ViewFailureKind } from './i18n';
import { tl, tlCount, type ListMessageKey } from './i18n-list';
import type { ListFailure } from './list-bridge';
import type { SortKey, TableRow } from './list-table';

/**
 * The words of the list page: the cost of a run before it starts, where a run stands, a row's
 * status, and the table's columns as text (the same text "Copy" puts on the clipboard).
 */

/**
 * Join parts with the language's separator; after a full-width bracket the leading space is
 * dropped ("…查询）· 4 个来自缓存").
 */
function joinParts(parts: readonly string[]): string {
  const separator = tl('estimateSeparator');
  return parts.reduce((text, part) => (text === '' ? part : `${text}${/[）」]$/.test(text) ? separator.trimStart() : separator}${part}`), '');
}

/**
 * What a run will cost, as text with the numbers: "3 paid calls (1 creator search, 2
 * distribution calls) · 4 from cache, free", "at most" when searches may be followed by
 * distribution calls, then what is free, waits for confirmation or needs a nickname.
 */
export function estimateText(estimate: RunEstimate): string {
  const atMost = estimate.afterSearchCalls > 0;
  const distributions = estimate.distributionCalls + estimate.afterSearchCalls;
  const parts: string[] = [];
  if (estimate.paidCalls > 0) {
    const paid = tlCount(atMost ? 'estimatePaidAtMost' : 'estimatePaid', estimate.paidCalls);
    const breakdown = tl('estimateBreakdown', {
      searches: tlCount('estimateSearches', estimate.searchCalls),
      distributions: tlCount(atMost ? 'estimateDistributionsAtMost' : 'estimateDistributions', distributions),
    });
    parts.push(`${paid}${breakdown}`);
  } else {
    parts.push(tl('estimateNone'));
  }
  const counted: [number, ListMessageKey][] = [
    [estimate.fromCache, 'estimateCache'],
    [estimate.knownLinks, 'estimateKnownLinks'],
    [estimate.waitingConfirm, 'estimateConfirm'],
    [estimate.needsNickname, 'estimateNeedsNickname'],
    [estimate.notOnXingtu, 'estimateNotOnXingtu'],
    [estimate.alreadyDone, 'estimateAlreadyDone'],
  ];
  // "4 from cache, free" is always said (it is half of the answer to "what does it cost?").
  for (const [count, key] of counted) {
    if (count > 0 || key === 'estimateCache') parts.push(tl(key, { count: formatCount(count) }));
  }
  if (estimate.platforms.length > 1) parts.push(tl('estimatePerCreator', { count: estimate.platforms.length }));
  return joinParts(parts);
}

/**
 * Where a run stands, in words ("Too many requests: resumes by itself at 14:05" for a 302; a run
 * the daily call limit paused says so).
 */
export function runStatusText(run: ListRunView): string {
  if (run.status === 'cooling-down') {
    return tl('runStatus.cooling-down', { time: run.resumeAt !== undefined ? formatDateTime(run.resumeAt) : tl('noValue') });
  }
  if (run.status === 'paused' && run.stopReason?.kind === 'daily-cap') return tl('runStatus.paused-daily-cap');
  return tl(`runStatus.${run.status}`);
}

/** What is announced when a run's state changes: a stop says why. */
export function runAnnouncement(run: ListRunView): string {
  const status = runStatusText(run);
  return run.status === 'stopped' && run.stopReason ? tl('statusWithError', { status, error: failureParts(run.stopReason).title }) : status;
}

/** A failure kind the texts know (stored records are read loosely: an unknown kind is 'unexpected'). */
function knownKind(kind: string): ViewFailureKind {
  return Object.hasOwn(DICTIONARIES.zh, `error.${kind}.title`) ? (kind as ViewFailureKind) : 'unexpected';
}

/** A failure's title, meaning and action (the panel's texts), e.g. why a run stopped. */
export function failureParts(error: Pick<ListFailure, 'kind'>): { title: string; meaning: string; action: string } {
  const kind = knownKind(error.kind);
  return { title: tl(failureKey(kind, 'title')), meaning: tl(failureKey(kind, 'meaning')), action: tl(failureKey(kind, 'action')) };
}

/** A row's status in words; a failed row says its error. */
export function statusText(row: Pick<TableRow, 'status' | 'result'>): string {
  const words = tl(`status.${row.status}` satisfies `status.${EntryStatus}`);
  if (row.status === 'failed' || row.status === 'interrupted') {
    const error = row.result?.error ?? Object.values(row.result?.platforms ?? {}).find((o) => o && !o.ok)?.error;
    if (error) return tl('statusWithError', { status: words, error: failureParts(error).title });
  }
  return words;
}

/** The three largest categories with their shares: "美食 45.0%、探店 20.0%". */
export function topText(row: Pick<TableRow, 'top'>): string {
  return row.top.map((c) => tl('topItem', { name: c.name, share: formatShare(c.share) })).join(tl('listSeparator'));
}

export interface ListColumn {
  key: SortKey;
  label: ListMessageKey | MessageKey;
  /** Right-aligned numbers. */
  numeric: boolean;
  /** The cell as plain text (the clipboard's copy of the table). */
  text(row: TableRow): string;
}

const COLUMNS: readonly ListColumn[] = [
  { key: 'name', label: 'colName', numeric: false, text: (row) => row.name },
  { key: 'oAuthorId', label: 'xingtuId', numeric: false, text: (row) => row.oAuthorId ?? '' },
  { key: 'totalVideos', label: 'colTotalVideos', numeric: true, text: (row) => (row.totalVideos === null ? '' : String(row.totalVideos)) },
  { key: 'top', label: 'colTop', numeric: false, text: topText },
  { key: 'focusShare', label: 'colFocus', numeric: true, text: (row) => (row.focusShare === null ? '' : formatShare(row.focusShare)) },
  { key: 'fetchedAt', label: 'colFetched', numeric: false, text: (row) => (row.fetchedAt === null ? '' : formatDateTime(row.fetchedAt)) },
  { key: 'status', label: 'colStatus', numeric: false, text: statusText },
];

/** The table's columns, in order; "Focus share" only while focus categories are chosen. */
export function listColumns(withFocus: boolean): readonly ListColumn[] {
  return withFocus ? COLUMNS : COLUMNS.filter((c) => c.key !== 'focusShare');
}
