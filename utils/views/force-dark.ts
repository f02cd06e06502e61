/**
 * Dark mode for a page whose host is dark while the system is light (a dark Douyin page): the
 * views' dark colours live in `@media (prefers-color-scheme: dark)` blocks; forcing turns those
 * blocks on (their media text becomes `all`) instead of keeping a second copy of every colour.
 * The root's `color-scheme` follows, so scrollbars and form controls turn dark too.
 */
const DARK_QUERY = /prefers-color-scheme:\s*dark/;

interface MediaRuleLike {
  media: { mediaText: string };
}

interface SheetLike {
  cssRules: ArrayLike<unknown>;
}

function mediaRules(sheets: ArrayLike<SheetLike>): MediaRuleLike[] {
  const found: MediaRuleLike[] = [];
  for (const sheet of Array.from(sheets)) {
    let rules: ArrayLike<unknown>;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // a sheet of another origin (none here)
    }
    for (const rule of Array.from(rules)) {
      const media = (rule as Partial<MediaRuleLike>).media;
      if (media && typeof media.mediaText === 'string') found.push(rule as MediaRuleLike);
    }
  }
  return found;
}

/** Forced rules remember their query here (a WeakMap would do; a Map keeps it testable with plain objects). */
const forced = new Map<MediaRuleLike, string>();

export interface ThemedDocument {
  styleSheets: ArrayLike<SheetLike>;
  documentElement: { style: { colorScheme: string }; toggleAttribute(name: string, force: boolean): boolean };
}

/** Turn the dark colour blocks on (`dark`, root marked `data-forced-dark`) or back to following the system. */
export function forceDark(doc: ThemedDocument, dark: boolean): void {
  for (const rule of mediaRules(doc.styleSheets)) {
    const text = rule.media.mediaText;
    if (dark && DARK_QUERY.test(text)) {
      forced.set(rule, text);
      rule.media.mediaText = 'all';
    } else if (!dark && forced.has(rule)) {
      rule.media.mediaText = forced.get(rule) ?? text;
      forced.delete(rule);
    }
  }
  doc.documentElement.style.colorScheme = dark ? 'dark' : '';
  doc.documentElement.toggleAttribute('data-forced-dark', dark);
}
