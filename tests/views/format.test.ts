import { describe, expect, it } from 'vitest';
import { formatNumber, formatRelativeTime } from '@/utils/views/format';

describe('formatNumber', () => {
  it.each([
    [0, '0', '0'],
    [7, '7', '7'],
    [9999, '9,999', '9999'],
    [10_000, '10,000', '1万'],
    [12_345, '12,345', '1.2万'],
    [3_862_000, '3,862,000', '386.2万'],
    [99_999_999, '99,999,999', '1亿'],
    [1.5e8, '150,000,000', '1.5亿'],
    [1234.56, '1,234.6', '1234.6'],
    [0.25, '0.3', '0.3'],
    [-20_000, '-20,000', '-2万'],
  ])('%d → en %s, zh %s', (n, en, zh) => {
    expect(formatNumber(n, 'en')).toBe(en);
    expect(formatNumber(n, 'zh')).toBe(zh);
  });

  it('a non-number is a dash, not NaN', () => {
    expect(formatNumber(Number.NaN, 'en')).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY, 'zh')).toBe('—');
  });
});

describe('formatRelativeTime', () => {
  const now = Date.UTC(2026, 5, 1, 12, 0, 0);
  const ago = (ms: number) => now - ms;
  it.each([
    [ago(0), 'just now', '刚刚'],
    [ago(59_000), 'just now', '刚刚'],
    [ago(3 * 60_000), '3 minutes ago', '3分钟前'],
    [ago(2 * 3_600_000 + 59 * 60_000), '2 hours ago', '2小时前'],
    [ago(26 * 3_600_000), 'yesterday', '昨天'],
    [ago(3 * 86_400_000), '3 days ago', '3天前'],
    [ago(14 * 86_400_000), '2 weeks ago', '2周前'],
    [ago(400 * 86_400_000), 'last year', '去年'],
    [now + 5 * 60_000, 'in 5 minutes', '5分钟后'],
  ])('%d', (ms, en, zh) => {
    expect(formatRelativeTime(ms, now, 'en')).toBe(en);
    expect(formatRelativeTime(ms, now, 'zh')).toBe(zh);
  });

  it('an invalid time is a dash', () => {
    expect(formatRelativeTime(Number.NaN, now, 'en')).toBe('—');
  });
});
