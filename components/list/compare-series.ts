import { formatShare } from '@/utils/shared/distribution';
import { tl } from '@/utils/views/i18n-list';
import type { CompareData } from '@/utils/views/list-table';
import { MAX_SLICES, OTHER_COLOR, sliceColor } from '../palette';

/** One stacked segment across the compared creators: a category (or "Other"), its colour, each creator's share. */
export interface CompareSeries {
  label: string;
  color: string;
  /** Share 0..1 per creator, in the creators' order. */
  shares: number[];
}

/**
 * The bars' segments: the largest categories (by total share) each in its own colour, the same
 * for every creator; beyond `maxSeries` the rest are one grey "Other" segment.
 */
export function compareSeries(data: CompareData, maxSeries: number = MAX_SLICES): CompareSeries[] {
  const folds = data.categories.length > maxSeries;
  const own = folds ? maxSeries - 1 : data.categories.length;
  const series: CompareSeries[] = data.categories.slice(0, own).map((label, i) => ({
    label,
    color: sliceColor(i),
    shares: data.creators.map((c) => c.shares[i] ?? 0),
  }));
  if (folds) {
    series.push({
      label: tl('other'),
      color: OTHER_COLOR,
      shares: data.creators.map((c) => c.shares.slice(own).reduce((sum, s) => sum + s, 0)),
    });
  }
  return series;
}

/** The swatch colour of each category of `data` (the colour of the segment it is drawn in). */
export function categoryColors(data: CompareData, maxSeries: number = MAX_SLICES): string[] {
  const folds = data.categories.length > maxSeries;
  return data.categories.map((_, i) => (folds && i >= maxSeries - 1 ? OTHER_COLOR : sliceColor(i)));
}

/** How many categories the text alternative names per creator. */
const SUMMARY_TOP = 3;

/** The chart's text alternative: each creator's largest categories with their shares. */
export function compareSummary(data: CompareData): string {
  const parts = data.creators.map((creator) => {
    const top = data.categories
      .map((name, i) => ({ name, share: creator.shares[i] ?? 0 }))
      .filter((c) => c.share > 0)
      .sort((a, b) => b.share - a.share)
      .slice(0, SUMMARY_TOP);
    if (top.length === 0) return tl('compareCreatorNoData', { name: creator.name });
    const text = top.map((c) => tl('topItem', { name: c.name, share: formatShare(c.share) })).join(tl('listSeparator'));
    return tl('compareCreatorTop', { name: creator.name, top: text });
  });
  return tl('compareChartLabel', { summary: parts.join(tl('compareSeparator')) });
}
