import { useEffect, useMemo, useRef } from 'preact/hooks';
import { ArcElement, Chart, DoughnutController, Tooltip, type ChartConfiguration, type Plugin } from 'chart.js';
import { chartSlices, formatShare, type ChartSlice } from '@/utils/distribution';
import { formatCount, t } from '@/utils/i18n';
import type { CategoryRow } from '@/utils/types';
import { CHART_DRAWN_MARK, mark } from '@/utils/perf-marks';
import { MAX_SLICES, sliceColors } from './palette';
import './view.css';

// Tree-shaken: only what a doughnut with tooltips needs (no legend: the table is the legend).
Chart.register(DoughnutController, ArcElement, Tooltip);

export interface DistributionChartProps {
  rows: readonly CategoryRow[];
  /** Smaller doughnut for the in-page panel. */
  compact?: boolean;
}

/** How many categories the canvas's text alternative names. */
const SUMMARY_COUNT = 3;

/** The canvas's text alternative: the top categories with their shares. */
export function chartSummary(rows: readonly CategoryRow[]): string {
  const shown = rows.filter((r) => r.count > 0);
  if (shown.length === 0) return t('chartEmpty');
  const parts = shown
    .slice(0, SUMMARY_COUNT)
    .map((r) => t('chartItem', { name: r.name, share: formatShare(r.share) }));
  if (shown.length > SUMMARY_COUNT) parts.push(t('chartMore', { count: shown.length - SUMMARY_COUNT }));
  return t('chartLabel', { summary: parts.join(t('listSeparator')) });
}

function chartData(slices: readonly ChartSlice[]): ChartConfiguration<'doughnut'>['data'] {
  return {
    labels: slices.map((s) => s.label),
    datasets: [{ data: slices.map((s) => s.count), backgroundColor: sliceColors(slices), borderWidth: 1 }],
  };
}

/**
 * Marks the canvas `data-drawn` (and a User Timing mark) once its first frame is complete, i.e.
 * after any animation. The benchmark (scripts/bench.ts) times the panel with it.
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

  // Create once; destroy on unmount.
  useEffect(() => {
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
        animation: prefersReducedMotion() ? false : { duration: 250 },
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
    let chart: Chart<'doughnut'>;
    try {
      chart = new Chart<'doughnut'>(ctx, config);
    } catch {
      return undefined; // no drawing possible here; the table still shows everything
    }
    chartRef.current = chart;
    return () => {
      chartRef.current = null;
      chart.destroy();
    };
  }, []);

  // Follow new rows (another platform, a refresh) without recreating the chart.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
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
