import { afterEach, describe, expect, it } from 'vitest';
import { DICTIONARIES, setLanguage } from '../../utils/views/i18n';
import { LIST_DICTIONARIES, tl, tlCount, type ListMessageKey } from '../../utils/views/i18n-list';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

afterEach(() => setLanguage(null));

describe('the list page dictionary', () => {
  it('zh and en have the same keys, none empty, the same placeholders, none shadowing the main dictionary', () => {
    const zh = Object.keys(LIST_DICTIONARIES.zh).sort();
    expect(Object.keys(LIST_DICTIONARIES.en).sort()).toEqual(zh);
    for (const key of zh as ListMessageKey[]) {
      expect(LIST_DICTIONARIES.zh[key].trim(), key).not.toBe('');
      expect(LIST_DICTIONARIES.en[key].trim(), key).not.toBe('');
      expect(placeholders(LIST_DICTIONARIES.en[key]), key).toEqual(placeholders(LIST_DICTIONARIES.zh[key]));
      expect(Object.hasOwn(DICTIONARIES.zh, key), key).toBe(false);
    }
  });

  it('tl reads both dictionaries; tlCount picks the plural form', () => {
    setLanguage('en');
    expect(tl('addLabel')).toBe('Creators');
    expect(tl('listPageTitle')).toBe('Creator lists');
    expect(tlCount('creatorsCount', 1)).toBe('1 creator');
    expect(tlCount('creatorsCount', 1200)).toBe('1,200 creators');
    setLanguage('zh');
    expect(tl('addLabel')).toBe('达人');
    expect(tl('addButton')).toBe('添加');
    expect(tl('listPageTitle')).toBe('达人清单');
    expect(tlCount('creatorsCount', 1)).toBe('1 位');
  });
});
