import { describe, expect, it } from 'vitest';
import type { UsageEntry } from '../../utils/shared/usage';
import { beijingDay, formatCost, summarizeUsage, USAGE_WINDOW_DAYS } from '../../utils/views/usage-summary';

const ID = '7006229624431689736';

function entry(at: number, over: Partial<UsageEntry> = {}): UsageEntry {
  return { at, endpoint: 'distribution', oAuthorId: ID, keyword: null, platform: 'SHORT_VIDEO', code: 0, via: 'panel', ...over };
}

/** 2026-12-03 12:00 in Beijing. */
const NOW = Date.parse('2026-12-03T04:00:00Z');

describe('beijingDay', () => {
  it('a Beijing day ends at 15:59:59.999Z; 16:00:00Z is the next day', () => {
    expect(beijingDay(Date.parse('2026-12-02T15:59:59Z'))).toBe('2026-12-02');
    expect(beijingDay(Date.parse('2026-12-02T15:59:59.999Z'))).toBe('2026-12-02');
    expect(beijingDay(Date.parse('2026-12-02T16:00:00Z'))).toBe('2026-12-03');
    expect(beijingDay(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});

describe('summarizeUsage', () => {
  it('counts today (Beijing) and the last 30 days, by endpoint and by view', () => {
    const entries = [
      entry(Date.parse('2026-12-02T15:59:59Z')), // yesterday's last second in Beijing
      entry(Date.parse('2026-12-02T16:00:00Z')), // today's first
      entry(NOW - 1000, { endpoint: 'search', oAuthorId: null, keyword: '美食', platform: null, via: 'popup' }),
      entry(NOW - 500, { via: 'list' }),
      entry(Date.parse('2026-11-03T16:00:00Z'), { via: 'options', code: 100 }), // first second of the window (11-04 in Beijing)
      entry(Date.parse('2026-11-03T15:59:59Z')), // one second before the window
      entry(NOW + 86_400_000), // tomorrow (a clock put back): in neither
    ];
    const s = summarizeUsage(entries, NOW);
    expect(s.today).toBe('2026-12-03');
    expect(s.todayCounts).toEqual({
      calls: 3,
      byEndpoint: { distribution: 2, search: 1 },
      byVia: { panel: 1, popup: 1, list: 1, options: 0, badge: 0 },
    });
    expect(s.windowCounts).toEqual({
      calls: 5,
      byEndpoint: { distribution: 4, search: 1 },
      byVia: { panel: 2, popup: 1, list: 1, options: 1, badge: 0 },
    });
  });

  it('has a bar for each of the 30 days, oldest first, days without calls at 0', () => {
    const s = summarizeUsage([entry(NOW), entry(NOW - 1), entry(Date.parse('2026-12-01T03:00:00Z'))], NOW);
    expect(s.days).toHaveLength(USAGE_WINDOW_DAYS);
    expect(s.days[0]?.day).toBe('2026-11-04');
    expect(s.days.at(-1)).toEqual({ day: '2026-12-03', calls: 2 });
    expect(s.days.at(-3)).toEqual({ day: '2026-12-01', calls: 1 });
    expect(s.days.reduce((sum, d) => sum + d.calls, 0)).toBe(3);
    expect(new Set(s.days.map((d) => d.day)).size).toBe(USAGE_WINDOW_DAYS);
  });

  it('an empty log is zeros, and no cost without a price', () => {
    const s = summarizeUsage([], NOW);
    expect(s.todayCounts.calls).toBe(0);
    expect(s.windowCounts.calls).toBe(0);
    expect(s.todayCost).toBeNull();
    expect(s.windowCost).toBeNull();
  });

  it('cost = calls × the price per call', () => {
    const s = summarizeUsage([entry(NOW), entry(NOW - 1), entry(NOW - 2), entry(Date.parse('2026-11-20T00:00:00Z'))], NOW, 0.05);
    expect(s.todayCost).toBe('¥0.15');
    expect(s.windowCost).toBe('¥0.20');
  });
});

describe('formatCost', () => {
  it.each([
    [3, 0.05, '¥0.15'], // not 0.15000000000000002
    [3, 0.1, '¥0.30'],
    [3, 0.0125, '¥0.0375'],
    [1, 0.00001, '¥0.00'], // at most 4 decimals of a price
    [20_000, 0.07, '¥1,400.00'],
    [0, 0.05, '¥0.00'],
    [7, 0, '¥0.00'],
    [2, 12, '¥24.00'],
  ])('%i calls at %f → %s', (calls, price, shown) => {
    expect(formatCost(calls, price)).toBe(shown);
  });

  it('no price, or not a usable one: null', () => {
    expect(formatCost(3, null)).toBeNull();
    expect(formatCost(3, Number.NaN)).toBeNull();
    expect(formatCost(3, -1)).toBeNull();
    expect(formatCost(3, Number.POSITIVE_INFINITY)).toBeNull();
  });
});
