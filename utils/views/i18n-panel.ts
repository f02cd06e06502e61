import { format, getLanguage, type Language, type MessageParams } from './i18n';

/**
 * UI strings of the in-page panel's frame controls (components/PanelApp.tsx: move, dock, fold,
 * the keyboard shortcut), Chinese and English. A module of their own so the popup, which shares
 * the main dictionary (utils/views/i18n.ts), does not load them.
 */
const panelZh = {
  'collapseHint': '收起（Esc）',
  'shortcutHint': '快捷键 {keys}',
  'movePanel': '移动面板（方向键）',
  'dockLeft': '停靠到左侧',
  'dockRight': '停靠到右侧',
} as const;

export type PanelMessageKey = keyof typeof panelZh;

const panelEn: Readonly<Record<PanelMessageKey, string>> = {
  'collapseHint': 'Collapse (Esc)',
  'shortcutHint': 'Shortcut {keys}',
  'movePanel': 'Move panel (arrow keys)',
  'dockLeft': 'Dock to the left',
  'dockRight': 'Dock to the right',
};

export const PANEL_DICTIONARIES: Readonly<Record<Language, Readonly<Record<PanelMessageKey, string>>>> = { zh: panelZh, en: panelEn };

/** A panel frame string in the UI language. */
export function tp(key: PanelMessageKey, params?: MessageParams): string {
  return format(PANEL_DICTIONARIES[getLanguage()][key], params);
}
