import { afterEach, describe, expect, it } from 'vitest';
import { DICTIONARIES, setLanguage } from '../../utils/views/i18n';
import { OPTIONS_DICTIONARIES, tOpt } from '../../utils/views/i18n-options';
import { MONEY_DICTIONARIES, tMoney } from '../../utils/views/i18n-money';
import { LIST_DICTIONARIES } from '../../utils/views/i18n-list';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

afterEach(() => setLanguage(null));

describe.each([
  ['options page', OPTIONS_DICTIONARIES],
  ['money parts', MONEY_DICTIONARIES],
] as const)('the %s dictionary', (_name, dictionaries) => {
  it('zh and en have the same keys, none empty, the same placeholders, none shadowing another dictionary', () => {
    const zh: Readonly<Record<string, string>> = dictionaries.zh;
    const en: Readonly<Record<string, string>> = dictionaries.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh)) {
      expect(zh[key]?.trim(), key).not.toBe('');
      expect(en[key]?.trim(), key).not.toBe('');
      expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(zh[key] ?? ''));
      expect(Object.hasOwn(DICTIONARIES.zh, key), key).toBe(false);
      expect(Object.hasOwn(LIST_DICTIONARIES.zh, key), key).toBe(false);
    }
  });
});

describe('tOpt and tMoney', () => {
  it('read their own dictionary and the main one, in the current language', () => {
    setLanguage('zh');
    expect(tOpt('dailyLimitLabel')).toBe('每日调用上限');
    expect(tOpt('priceLabel')).toBe('每次调用价格（元）');
    expect(tOpt('refresh')).toBe('刷新');
    expect(tMoney('usageTitle')).toBe('用量');
    expect(tMoney('balanceShort', { amount: '¥123.45' })).toBe('余额 ¥123.45');
    setLanguage('en');
    expect(tOpt('dailyLimitLabel')).toBe('Daily call limit');
    expect(tMoney('usageExport')).toBe('Export CSV');
    expect(tMoney('balanceShort', { amount: '¥123.45' })).toBe('Balance ¥123.45');
  });
});
