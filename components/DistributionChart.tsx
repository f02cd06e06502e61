import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import { chartSlices, formatShare, type ChartSlice } from '@/utils/shared/distribution';
import { formatCount, t } from '@/utils/views/i18n';
import type { CategoryRow } from '@/utils/shared/types';
import { CHART_DRAWN_MARK, mark } from '@/utils/shared/perf-marks';
import { MAX_SLICES, sliceColors } from './palette';
import './view.css';

/**
 * Chart.js (~50 KB gzipped) is its own chunk, requested as soon as this module runs but not
 * waited for by the app: the panel and the popup start, ask for the data and show the table
 * while it loads and compiles, instead of after. The chart is drawn when both are there.
 */
export const chartJs = import('./chart-js');
chartJs.catch(() => undefined); // a chunk that fails to load leaves the table; no unhandled rejection

export interface DistributionChartProps {
  rows: readonly CategoryRow[];
  /** Smaller doughnut for the in-page panel. */
  compact?: boolean;
}

/** How many categories the canvas's text alternative names. */
const SUMMARY_COUNT = 3;

/** The top categories with their shares ("美食 53.0%、音乐 20.1%、随拍 11.1% 等 3 个内容类型"); '' when none. */
export function topCategories(rows: readonly CategoryRow[]): string {
  const shown = rows.filter((r) => r.count > 0);
  const parts = shown
    .slice(0, SUMMARY_COUNT)
    .map((r) => t('chartItem', { name: r.name, share: formatShare(r.share) }));
  if (shown.length > SUMMARY_COUNT) parts.push(t('chartMore', { count: shown.length - SUMMARY_COUNT }));
  return parts.join(t('listSeparator'));
}

/** The canvas's text alternative: the top categories with their shares. */
export function chartSummary(rows: readonly CategoryRow[]): string {
  const summary = topCategories(rows);
  return summary === '' ? t('chartEmpty') : t('chartLabel', { summary });
}

function chartData(slices: readonly ChartSlice[]): ChartConfiguration<'doughnut'>['data'] {
  return {
    labels: slices.map((s) => s.label),
    datasets: [{ data: slices.map((s) => s.count), backgroundColor: sliceColors(slices), borderWidth: 1 }],
  };
}

/**
 * Marks the canvas `data-drawn` (and a User Timing mark) once its first frame is complete, i.e.
 * after any animation. The benchmark (scripts/bench/main.ts) times the panel with it.
 */
const drawnMarker: Plugin<'doughnut'> = {
  id: 'xdpDrawn',
  afterRender(chart) {
    const canvas = chart.canvas;
    if (canvas.hasAttribute('data-drawn')) return;
    canvas.setAttribute('data-drawn', '');
    mark(CHART_DRAWN_MARK);
  },
};

function prefersReducedMotion(): boolean {
  try {
    return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  } catch {
    return false;
  }
}

/** The 2D context, or null where there is none (happy-dom, a canvas-less test browser). */
function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return canvas.getContext('2d');
  } catch {
    return null;
  }
}

/** A doughnut of the largest categories (the long tail grouped as "Other"). */
export function DistributionChart({ rows, compact = false }: DistributionChartProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart<'doughnut'> | null>(null);
  const slices = useMemo(() => chartSlices(rows, MAX_SLICES, t('other')), [rows]);
  const slicesRef = useRef(slices);
  slicesRef.current = slices;
  const drawnSlices = useRef<readonly ChartSlice[] | null>(null);

  // Create once; destroy on unmount. A layout effect: once Chart.js is loaded the chart is drawn
  // before the browser paints the table next to it, not a frame (or Preact's 100 ms rAF
  // fallback) later.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas ? context2d(canvas) : null;
    if (!canvas || !ctx) return undefined;
    const border = getComputedStyle(canvas).getPropertyValue('--xdp-view-bg').trim() || '#ffffff';
    const config: ChartConfiguration<'doughnut'> = {
      type: 'doughnut',
      data: chartData(slicesRef.current),
      plugins: [drawnMarker],
      options: {
        responsive: true,
        maintainAspectRatio: false,
        cutout: '58%',
        // The first draw is immediate (the data is known: no reason to make the user wait for
        // a spin); later updates (a refresh) animate unless the user prefers reduced motion.
        animation: false,
        borderColor: border,
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) => {
                const total = slicesRef.current.reduce((sum, s) => sum + s.count, 0);
                const count = typeof item.raw === 'number' ? item.raw : 0;
                const share = formatShare(total > 0 ? count / total : 0);
                return ` ${t('chartTooltip', { count: formatCount(count), share })}`;
              },
            },
          },
        },
      },
    };
    let chart: Chart<'doughnut'> | null = null;
    let unmounted = false;
    chartJs.then(
      ({ Chart: ChartJs }) => {
        if (unmounted) return;
        config.data = chartData(slicesRef.current); // the rows may have changed meanwhile
        try {
          chart = new ChartJs<'doughnut'>(ctx, config);
        } catch {
          return; // no drawing possible here; the table still shows everything
        }
        chartRef.current = chart;
        drawnSlices.current = slicesRef.current;
        if (!prefersReducedMotion()) chart.options.animation = { duration: 250 };
      },
      () => undefined, // the chunk did not load: the table still shows everything
    );
    return () => {
      unmounted = true;
      chartRef.current = null;
      chart?.destroy();
    };
  }, []);

  // Follow new rows (another platform, a refresh) without recreating the chart.
  useLayoutEffect(() => {
    const chart = chartRef.current;
    if (!chart || drawnSlices.current === slices) return; // just drawn with these
    drawnSlices.current = slices;
    chart.data = chartData(slices);
    chart.update();
  }, [slices]);

  const summary = useMemo(() => chartSummary(rows), [rows]);
  return (
    <div class={`xdp-view__chart${compact ? ' xdp-view__chart--compact' : ''}`}>
      <canvas ref={canvasRef} role="img" aria-label={summary} data-slices={slices.length}>
        {summary}
      </canvas>
    </div>
  );
}
