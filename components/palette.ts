import type { CategoryRow } from '@/utils/shared/types';

/**
 * Slice colours, shared by the doughnut and the table's swatches (the table is the chart's legend).
 * Eight distinct hues that stay readable on light and dark backgrounds; the tail slice is grey.
 */
export const SLICE_COLORS = [
  '#3370ff', // blue
  '#fe2c55', // Douyin red
  '#14b8a6', // teal
  '#f59e0b', // amber
  '#7a5cff', // violet
  '#22c55e', // green
  '#ec4899', // pink
  '#0ea5e9', // sky
] as const;

/** Colour of the slice that groups the long tail ("Other"). */
export const OTHER_COLOR = '#9aa0a6';

/** At most this many slices in the doughnut (the last one groups the rest when there are more). */
export const MAX_SLICES = 8;

/** Colour of the n-th slice (not the tail slice). */
export function sliceColor(index: number): string {
  const n = SLICE_COLORS.length;
  return SLICE_COLORS[((index % n) + n) % n] ?? OTHER_COLOR;
}

/** Colours for chart slices, in order; `other` marks the tail slice. */
export function sliceColors(slices: readonly { other: boolean }[]): string[] {
  return slices.map((s, i) => (s.other ? OTHER_COLOR : sliceColor(i)));
}

/**
 * The swatch colour of every table row, matching the slice it is drawn in by
 * chartSlices(rows, maxSlices, …): the head rows get their own colour, rows folded into the tail
 * slice get the tail colour, rows with no videos (not drawn) get null.
 */
export function rowColors(rows: readonly CategoryRow[], maxSlices: number = MAX_SLICES): (string | null)[] {
  const drawn = rows.filter((r) => r.count > 0).length;
  const folds = drawn > maxSlices;
  let k = 0;
  return rows.map((r) => {
    if (r.count <= 0) return null;
    const i = k++;
    return folds && i >= maxSlices - 1 ? OTHER_COLOR : sliceColor(i);
  });
}

/**
 * The title bars' gradient (panel, popup, collapsed pill: components/panel.css, popup.css) and the
 * text on it. axe cannot rate text on a gradient: tests/components/palette-contrast.test.ts checks
 * TITLE_TEXT against both ends (≥ 4.5:1) and that the CSS uses exactly these stops.
 */
export const TITLE_GRADIENT = ['#d6164a', '#6a48e8'] as const;
export const TITLE_TEXT = '#ffffff';

/** WCAG 2 contrast ratio of two #rrggbb colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}
