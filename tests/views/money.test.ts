import { describe, expect, it } from 'vitest';
import { balanceAmount, formatMoney, parseDecimal } from '../../utils/views/money';

describe('formatMoney: the balance as the user reads it', () => {
  it.each([
    ['123.4500', 'CNY', '¥123.45'],
    ['123.4550', 'CNY', '¥123.46'], // half away from zero
    ['0.005', 'CNY', '¥0.01'],
    ['0.0049', 'CNY', '¥0.00'],
    ['7', 'CNY', '¥7.00'],
    ['12345.6', 'cny', '¥12,345.60'],
    ['-5.5', 'CNY', '-¥5.50'],
    ['-0.004', 'CNY', '¥0.00'],
    ['19.99', 'USD', '$19.99'],
    ['3.1', 'EUR', 'EUR 3.10'],
    ['3.1', '', '3.10'],
    [' 1.5 ', 'CNY', '¥1.50'],
  ])('%s %s → %s', (amount, currency, shown) => {
    expect(formatMoney(amount, currency)).toBe(shown);
  });

  it('keeps every digit of an amount beyond a float’s precision', () => {
    // As a number, 9007199254740993.995 would be 9007199254740994.
    expect(formatMoney('9007199254740993.994', 'CNY')).toBe('¥9,007,199,254,740,993.99');
    expect(Number('9007199254740993.994').toFixed(2)).not.toBe('9007199254740993.99');
  });

  it.each(['', 'abc', '1e3', '1,000.00', '12.', '.5', 'NaN', '1.2.3'])('%j is not an amount', (amount) => {
    expect(formatMoney(amount, 'CNY')).toBeNull();
    expect(parseDecimal(amount)).toBeNull();
  });

  it('balanceAmount: a known balance, or null (unknown, unreadable)', () => {
    expect(balanceAmount({ state: 'known', amount: '88.8', currency: 'CNY', fetchedAt: 1 })).toBe('¥88.80');
    expect(balanceAmount({ state: 'known', amount: 'lots', currency: 'CNY', fetchedAt: 1 })).toBeNull();
    expect(balanceAmount({ state: 'unknown', reason: 'not-supported', fetchedAt: 1 })).toBeNull();
  });
});
