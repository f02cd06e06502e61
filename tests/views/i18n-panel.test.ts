import { afterEach, describe, expect, it } from 'vitest';
import { PANEL_DICTIONARIES, tp } from '../../utils/views/i18n-panel';
import { setLanguage } from '../../utils/views/i18n';

afterEach(() => setLanguage(null));

describe('panel frame strings', () => {
  it('has the same keys, none empty, in both languages', () => {
    expect(Object.keys(PANEL_DICTIONARIES.en).sort()).toEqual(Object.keys(PANEL_DICTIONARIES.zh).sort());
    for (const dict of Object.values(PANEL_DICTIONARIES)) for (const text of Object.values(dict)) expect(text.trim()).not.toBe('');
  });

  it('follows the UI language and fills the shortcut', () => {
    setLanguage('en');
    expect(tp('shortcutHint', { keys: 'Alt+Shift+D' })).toBe('Shortcut Alt+Shift+D');
    setLanguage('zh');
    expect(tp('dockLeft')).toBe('停靠到左侧');
  });
});
