/**
 * Numbers and times as each language writes them (pure: tests give the clock and the language).
 * Intl does the work; its formatters are made once per language.
 *
 * - English groups digits: 3,862,000.
 * - Chinese counts in 万 (10^4) and 亿 (10^8) from 10,000 on: 386.2万, 1.5亿; below that the
 *   plain number (9999), as Xingtu and Douyin write it.
 * - A time is relative ("2 hours ago", "2小时前"); views put the exact time in a tooltip.
 */

export type FormatLanguage = 'zh' | 'en';

interface Made {
  count: Intl.NumberFormat;
  relative: Intl.RelativeTimeFormat;
}

const MADE = new Map<FormatLanguage, Made>();

function made(lang: FormatLanguage): Made {
  let m = MADE.get(lang);
  if (!m) {
    const tag = lang === 'en' ? 'en' : 'zh-CN';
    m = {
      count:
        lang === 'en'
          ? new Intl.NumberFormat(tag, { maximumFractionDigits: 1 })
          : new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 }),
      relative: new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }),
    };
    MADE.set(lang, m);
  }
  return m;
}

/** 3862000 → "3,862,000" (en) or "386.2万" (zh); at most one decimal; "—" for a non-number. */
export function formatNumber(n: number, lang: FormatLanguage): string {
  return Number.isFinite(n) ? made(lang).count.format(n) : '—';
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * How long ago `ms` was at `now`: "2 hours ago", "2小时前", "yesterday"; under a minute "just now"
 * ("刚刚"). A time in the future (a clock that moved) reads "in 5 minutes". "—" for an invalid time.
 */
export function formatRelativeTime(ms: number, now: number, lang: FormatLanguage): string {
  if (!Number.isFinite(ms) || !Number.isFinite(now)) return '—';
  const diff = ms - now;
  const rtf = made(lang).relative;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return rtf.format(Math.trunc(diff / size), unit);
  }
  return lang === 'en' ? 'just now' : '刚刚';
}
