import { htmlLang, t } from './i18n';

/** A tab title that names the extension: "星图达人内容分布 · 设置" / "Xingtu Creator Content Distribution · Settings". */
export function pageTitle(part?: string): string {
  return part ? `${t('appName')} · ${part}` : t('appName');
}

/**
 * `<html lang>` in the language the view shows (zh-CN or en; screen readers pick their voice
 * from it) and the document's title. Called by every extension page at startup.
 */
export function applyDocumentLanguage(title: string, doc: Document = document): void {
  doc.documentElement.lang = htmlLang();
  doc.title = title;
}
