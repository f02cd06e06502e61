import type { UsageEndpoint, UsageEntry, UsageVia } from '../shared/usage';
import { DAY_MS, shanghaiDate } from '../shared/shanghai-day';
import { formatAmount, parseDecimal, type Decimal } from './money';

/**
 * The options page's Usage (用量) figures from the local log of paid calls: today and the last 30
 * days, by endpoint and by view, and the calls of each day. Days are Beijing days (UTC+8, no
 * daylight saving), like the provider's daily quota and the daily call limit.
 */

export const USAGE_WINDOW_DAYS = 30;

export const USAGE_ENDPOINTS: readonly UsageEndpoint[] = ['distribution', 'search'];
export const USAGE_VIAS: readonly UsageVia[] = ['panel', 'popup', 'list', 'options', 'badge'];

/** The Beijing day of a time, "2026-12-03" (15:59:59Z is still that day; 16:00:00Z is the next). */
export const beijingDay: (ms: number) => string = shanghaiDate;

export interface UsageCounts {
  calls: number;
  byEndpoint: Record<UsageEndpoint, number>;
  byVia: Record<UsageVia, number>;
}

export interface UsageDay {
  /** "2026-12-03" (Beijing). */
  day: string;
  calls: number;
}

export interface UsageSummary {
  /** The Beijing day `now` is in. */
  today: string;
  todayCounts: UsageCounts;
  /** Today and the 29 days before it. */
  windowCounts: UsageCounts;
  /** Each day of the window, oldest first, today last (days without calls are 0). */
  days: UsageDay[];
  /** Calls × the user's price per call ("¥0.15"), or null when no price is set. */
  todayCost: string | null;
  windowCost: string | null;
}

function emptyCounts(): UsageCounts {
  return {
    calls: 0,
    byEndpoint: { distribution: 0, search: 0 },
    byVia: { panel: 0, popup: 0, list: 0, options: 0, badge: 0 },
  };
}

function add(counts: UsageCounts, entry: UsageEntry): void {
  counts.calls += 1;
  counts.byEndpoint[entry.endpoint] += 1;
  counts.byVia[entry.via] += 1;
}

/**
 * Count `entries` for the Beijing day of `now` and the USAGE_WINDOW_DAYS days ending with it, and
 * what they cost at `pricePerCall` when the user set one. Entries outside the window (older, or
 * later than today: a clock put back) count in neither.
 */
export function summarizeUsage(entries: readonly UsageEntry[], now: number, pricePerCall: number | null = null): UsageSummary {
  const windowDays = USAGE_WINDOW_DAYS;
  const today = beijingDay(now);
  const days: UsageDay[] = [];
  for (let i = windowDays - 1; i >= 0; i--) days.push({ day: beijingDay(now - i * DAY_MS), calls: 0 });
  const byDay = new Map(days.map((d) => [d.day, d]));

  const todayCounts = emptyCounts();
  const windowCounts = emptyCounts();
  for (const entry of entries) {
    const day = byDay.get(beijingDay(entry.at));
    if (!day) continue;
    day.calls += 1;
    add(windowCounts, entry);
    if (day.day === today) add(todayCounts, entry);
  }
  return {
    today,
    todayCounts,
    windowCounts,
    days,
    todayCost: formatCost(todayCounts.calls, pricePerCall),
    windowCost: formatCost(windowCounts.calls, pricePerCall),
  };
}

/** Most decimals a price per call keeps (0.0001 is a hundredth of a fen). */
const PRICE_DECIMALS = 4;

/** A price the user typed, as digits: 0.05 → "0.05" (at most PRICE_DECIMALS decimals). */
function priceDigits(price: number): string {
  return price.toFixed(PRICE_DECIMALS).replace(/\.?0+$/, '');
}

/**
 * What `calls` cost at `pricePerCall` (the user's own figure, in CNY), for display: "¥0.15" for 3
 * calls at 0.05. Two decimals, or as many as the price has (up to 4): 3 × 0.0125 → "¥0.0375".
 * Null when there is no usable price.
 */
export function formatCost(calls: number, pricePerCall: number | null): string | null {
  if (pricePerCall === null || !Number.isFinite(pricePerCall) || pricePerCall < 0 || !Number.isInteger(calls)) return null;
  const price = parseDecimal(priceDigits(pricePerCall));
  if (!price) return null;
  const total: Decimal = { units: price.units * BigInt(calls), scale: price.scale };
  return formatAmount(total, 'CNY', Math.max(2, price.scale));
}
