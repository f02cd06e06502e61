// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyDocumentLanguage, pageTitle } from '../../utils/views/document-language';
import { setLanguage } from '../../utils/views/i18n';

afterEach(() => setLanguage(null));

describe('applyDocumentLanguage', () => {
  it('sets <html lang> to the language shown, and the title', () => {
    setLanguage('en');
    applyDocumentLanguage(pageTitle('Settings'));
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Xingtu Creator Content Distribution · Settings');
    setLanguage('zh');
    applyDocumentLanguage(pageTitle());
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(document.title).toBe('星图达人内容分布');
  });
});

describe('the views name the extension as its manifest does', () => {
  it('appName is the _locales extName, in both languages', () => {
    const extName = (locale: string) =>
      (JSON.parse(readFileSync(path.join(__dirname, '../../public/_locales', locale, 'messages.json'), 'utf8')) as { extName: { message: string } }).extName.message;
    setLanguage('en');
    expect(pageTitle()).toBe(extName('en'));
    setLanguage('zh');
    expect(pageTitle()).toBe(extName('zh_CN'));
  });
});
