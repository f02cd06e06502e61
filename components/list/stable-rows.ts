import type { TableRow } from '@/utils/views/list-table';

/** What a row shows depends on these (the platform and the focus are the same for one build). */
function signature(row: TableRow): string {
  return JSON.stringify([row.entry.source, row.result, row.focusShare]);
}

/**
 * Rows rebuilt from storage are new objects even when nothing about them changed (every write
 * of a run is read back whole). Keep the previous object of every unchanged row, so the table
 * re-renders only the rows that changed (see CreatorRow) and the filter's per-row text cache
 * stays warm. `memo` is the previous build's rows by key; it is replaced.
 */
export function stableRows(next: readonly TableRow[], memo: Map<string, { sig: string; row: TableRow }>, context: string): TableRow[] {
  const out: TableRow[] = [];
  const seen = new Map<string, { sig: string; row: TableRow }>();
  for (const row of next) {
    const sig = `${context}\u0000${signature(row)}`;
    const before = memo.get(row.key);
    const kept = before !== undefined && before.sig === sig ? before.row : row;
    seen.set(row.key, { sig, row: kept });
    out.push(kept);
  }
  memo.clear();
  for (const [key, value] of seen) memo.set(key, value);
  return out;
}
