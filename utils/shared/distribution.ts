import type { CategoryRow } from './types';

/** A category as the API describes it, after schema validation (cnt already a finite number). */
export interface RawCategory {
  name: string;
  cnt: number;
  proportion?: unknown;
}

function isShare(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

/**
 * Turn the API's list into display rows: the share is `proportion` when it is a number in 0..1,
 * else count / total; rows are ordered by count, largest first (ties by name, stable).
 */
export function normalizeRows(raw: readonly RawCategory[]): CategoryRow[] {
  const counts = raw.map((r) => (Number.isFinite(r.cnt) && r.cnt > 0 ? Math.round(r.cnt) : 0));
  const total = counts.reduce((a, b) => a + b, 0);
  return raw
    .map((r, i) => {
      const count = counts[i] ?? 0;
      const share = isShare(r.proportion) ? r.proportion : total > 0 ? count / total : 0;
      return { name: r.name, count, share };
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'));
}

/** 0.3333 → "33.3%" (one decimal, always). */
export function formatShare(share: number): string {
  const pct = Number.isFinite(share) ? share * 100 : 0;
  return `${pct.toFixed(1)}%`;
}

export interface ChartSlice {
  label: string;
  count: number;
  /** True for the slice that groups the long tail. */
  other: boolean;
}

/**
 * At most `maxSlices` slices for the chart: the largest categories, then one slice grouping the
 * rest, so a creator with 80 categories still gets a readable doughnut. The table lists them all.
 */
export function chartSlices(rows: readonly CategoryRow[], maxSlices: number, otherLabel: string): ChartSlice[] {
  const positive = rows.filter((r) => r.count > 0);
  if (positive.length <= maxSlices) return positive.map((r) => ({ label: r.name, count: r.count, other: false }));
  const head = positive.slice(0, maxSlices - 1).map((r) => ({ label: r.name, count: r.count, other: false }));
  const rest = positive.slice(maxSlices - 1).reduce((sum, r) => sum + r.count, 0);
  return [...head, { label: otherLabel, count: rest, other: true }];
}
