import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DICTIONARIES,
  detectLanguage,
  failureKey,
  format,
  getLanguage,
  htmlLang,
  languageFromTag,
  platformKey,
  setLanguage,
  t,
  type MessageKey,
  type ViewFailureKind,
} from '../../utils/views/i18n';
import { tOpt } from '../../utils/views/i18n-options';
import { PLATFORMS } from '../../utils/shared/platform';
import type { FailureKind } from '../../utils/shared/types';

const FAILURE_KINDS = [
  'no-key',
  'invalid-token',
  'collection-failed',
  'rate-limited',
  'quota-exceeded',
  'invalid-params',
  'server-error',
  'permission-denied',
  'insufficient-balance',
  'spending-cap',
  'daily-cap',
  'undocumented-code',
  'unknown-code',
  'upstream',
  'http',
  'network',
  'timeout',
  'bad-response',
  'bad-input',
] as const satisfies readonly FailureKind[];
// Compile-time: the list above names every FailureKind.
const _allKinds: Exclude<FailureKind, (typeof FAILURE_KINDS)[number]> extends never ? true : never = true;
void _allKinds;

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

afterEach(() => {
  setLanguage(null);
  vi.unstubAllGlobals();
});

describe('dictionaries', () => {
  it('zh and en have exactly the same keys', () => {
    const zh = Object.keys(DICTIONARIES.zh).sort();
    const en = Object.keys(DICTIONARIES.en).sort();
    expect(en).toEqual(zh);
    expect(zh.length).toBeGreaterThan(50);
  });

  it('no string is empty and both languages use the same placeholders', () => {
    for (const key of Object.keys(DICTIONARIES.zh) as MessageKey[]) {
      expect(DICTIONARIES.zh[key].trim(), key).not.toBe('');
      expect(DICTIONARIES.en[key].trim(), key).not.toBe('');
      expect(placeholders(DICTIONARIES.en[key]), key).toEqual(placeholders(DICTIONARIES.zh[key]));
    }
  });

  it.each([...FAILURE_KINDS, 'unexpected'] as ViewFailureKind[])('failure %s has a title, a meaning and an action', (kind) => {
    for (const lang of ['zh', 'en'] as const) {
      setLanguage(lang);
      const parts = (['title', 'meaning', 'action'] as const).map((p) => t(failureKey(kind, p)));
      for (const text of parts) expect(text).not.toMatch(/^error\./);
      expect(new Set(parts).size).toBe(3);
    }
  });

  it('uses the users’ words in Chinese', () => {
    setLanguage('zh');
    expect(PLATFORMS.map((p) => t(platformKey(p)))).toEqual(['短视频', '直播', '图文', '短剧']);
    expect([t('colCategory'), t('colVideos'), t('colShare')]).toEqual(['内容类型', '作品数', '占比']);
    expect(t('refresh')).toBe('刷新');
    expect(t('error.rate-limited.title')).toBe('请求过于频繁');
    expect(t('error.quota-exceeded.title')).toBe('今日额度已用完');
    expect(t('error.insufficient-balance.title')).toBe('余额不足');
    expect(tOpt('apiKeyLabel')).toBe('API 密钥 (Token)');
    expect([tOpt('endpointLabel'), tOpt('endpointGlobal'), tOpt('endpointCn'), tOpt('endpointCustom')]).toEqual([
      '接口地址',
      '国际',
      '中国大陆',
      '自定义',
    ]);
    expect([t('creatorLabel'), t('lookUp')]).toEqual(['达人', '查询']);
  });
});

describe('t', () => {
  it('switches between zh and en', () => {
    setLanguage('zh');
    expect(getLanguage()).toBe('zh');
    expect(t('platform.SHORT_VIDEO')).toBe('短视频');
    setLanguage('en');
    expect(getLanguage()).toBe('en');
    expect(t('platform.SHORT_VIDEO')).toBe('Short video');
    expect(t('platform.PICTURE_TEXT')).toBe('Picture & text');
  });

  it('fills placeholders', () => {
    setLanguage('en');
    expect(t('fetchedAt', { time: '10:00' })).toBe('Fetched 10:00');
    setLanguage('zh');
    expect(t('errorCode', { code: 302 })).toBe('错误码：302');
  });

  it('leaves a missing placeholder visible and does not interpret replacement patterns', () => {
    expect(format('a {x} b {y}', { x: '$& $1' })).toBe('a $& $1 b {y}');
    expect(format('{toString}', {})).toBe('{toString}');
  });
});

describe('language detection', () => {
  it.each([
    ['en', 'en'],
    ['en-US', 'en'],
    ['en_GB', 'en'],
    ['EN-au', 'en'],
    ['zh-CN', 'zh'],
    ['zh-TW', 'zh'],
    ['de-DE', 'zh'],
    ['eng', 'zh'],
    ['', 'zh'],
    [undefined, 'zh'],
  ] as const)('%s → %s', (tag, lang) => {
    expect(languageFromTag(tag)).toBe(lang);
  });

  it('prefers the extension UI language', () => {
    vi.stubGlobal('navigator', { language: 'zh-CN' });
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    expect(detectLanguage()).toBe('en');
    setLanguage(null);
    expect(t('refresh')).toBe('Refresh');
  });

  it('falls back to navigator.language when the extension API is unavailable', () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockImplementation(() => {
      throw new Error('not implemented');
    });
    vi.stubGlobal('navigator', { language: 'en-GB' });
    expect(detectLanguage()).toBe('en');
    vi.stubGlobal('navigator', { language: 'ja-JP' });
    expect(detectLanguage()).toBe('zh');
  });

  it('is Chinese when nothing is known', () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('');
    vi.stubGlobal('navigator', undefined);
    expect(detectLanguage()).toBe('zh');
  });

  it('setLanguage overrides detection', () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    setLanguage('zh');
    expect(t('refresh')).toBe('刷新');
    expect(htmlLang()).toBe('zh-CN');
  });
});
