// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { applyDocumentLanguage, pageTitle } from '../../utils/views/document-language';
import { setLanguage } from '../../utils/views/i18n';

afterEach(() => setLanguage(null));

describe('applyDocumentLanguage', () => {
  it('sets <html lang> to the language shown, and the title', () => {
    setLanguage('en');
    applyDocumentLanguage(pageTitle('Settings'));
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Xingtu Distribution Lens · Settings');
    setLanguage('zh');
    applyDocumentLanguage(pageTitle());
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(document.title).toBe('星图达人内容分布');
  });
});
