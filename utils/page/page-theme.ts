/**
 * Whether the creator page is dark, read once per navigation from the computed background of
 * <body> (or <html> when the body is transparent). Douyin's own dark theme paints the page
 * background dark; no class or attribute of its markup is relied on (none is documented). Cheap: two computed styles, no observer.
 */
export type PageTheme = 'dark' | 'light';

/** 'dark' for an opaque background colour darker than mid-grey, 'light' for a light one, null for transparent or unreadable. */
export function themeOfColour(colour: string): PageTheme | null {
  // rgb(r, g, b) or rgba(r, g, b, a): what getComputedStyle gives for a background colour.
  const [r, g, b, a = 1] = (/^rgba?\(([^)]*)\)$/.exec(colour.trim())?.[1]?.split(/[\s,/]+/) ?? []).map(Number);
  if (b === undefined || !(a >= 0.5)) return null;
  // Relative luminance (sRGB, linearised with a 2.2 power: close enough for a threshold).
  const lin = (c: number | undefined) => (Math.min(255, c ?? 0) / 255) ** 2.2;
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b) < 0.18 ? 'dark' : 'light';
}

/** The page's theme from its body, then its root element; 'light' when neither paints a colour. */
export function readPageTheme(doc: Document, view: Pick<Window, 'getComputedStyle'>): PageTheme {
  for (const el of [doc.body, doc.documentElement]) {
    const theme = el ? themeOfColour(view.getComputedStyle(el).backgroundColor) : null;
    if (theme) return theme;
  }
  return 'light';
}
