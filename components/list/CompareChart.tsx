import { useMemo } from 'preact/hooks';
import type { ChartConfiguration, Plugin } from 'chart.js';
import { formatShare } from '@/utils/shared/distribution';
import { tl } from '@/utils/views/i18n-list';
import type { CompareData } from '@/utils/views/list-table';
import { compareSeries, compareSummary, type CompareSeries } from './compare-series';
import { downloadHref } from './download';
import { useBarChart } from './use-bar-chart';

export interface CompareChartProps {
  data: CompareData;
  /** The PNG's file name for "Save chart". */
  fileName: string;
}

/** Each creator's shares scaled to 100 % (the API's shares may not add up exactly). */
function percentages(series: readonly CompareSeries[], creators: number): number[][] {
  const totals = Array.from({ length: creators }, (_, i) => series.reduce((sum, s) => sum + (s.shares[i] ?? 0), 0));
  return series.map((s) => s.shares.map((share, i) => ((totals[i] ?? 0) > 0 ? (share / (totals[i] ?? 1)) * 100 : 0)));
}

function chartData(data: CompareData): ChartConfiguration<'bar'>['data'] {
  const series = compareSeries(data);
  const values = percentages(series, data.creators.length);
  return {
    labels: data.creators.map((c) => c.name),
    datasets: series.map((s, i) => ({ label: s.label, data: values[i] ?? [], backgroundColor: s.color, borderWidth: 0 })),
  };
}

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

/** The page's background behind the bars, so the saved PNG is readable (a canvas is transparent). */
function backgroundPlugin(color: string): Plugin<'bar'> {
  return {
    id: 'xdpBackground',
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}

/** Chart.js options for the comparison, in the page's colours. */
function compareConfig(data: CompareData, canvas: HTMLCanvasElement): ChartConfiguration<'bar'> {
  const fg = cssVar(canvas, '--xdp-list-fg', '#1f2329');
  const muted = cssVar(canvas, '--xdp-list-muted', '#646a73');
  const line = cssVar(canvas, '--xdp-list-line', '#e4e6e9');
  return {
    type: 'bar',
    data: chartData(data),
    plugins: [backgroundPlugin(cssVar(canvas, '--xdp-list-bg', '#ffffff'))],
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      color: fg,
      scales: {
        x: { stacked: true, min: 0, max: 100, ticks: { color: muted, callback: (value) => `${value}%` }, grid: { color: line } },
        y: { stacked: true, ticks: { color: fg }, grid: { display: false } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: fg, boxWidth: 12, boxHeight: 12 } },
        tooltip: {
          callbacks: {
            label: (item) => ` ${item.dataset.label ?? ''}: ${formatShare((typeof item.raw === 'number' ? item.raw : 0) / 100)}`,
          },
        },
      },
    },
  };
}

/** A 100 % stacked horizontal bar per creator; the same colour for a category across creators. */
export function CompareChart({ data, fileName }: CompareChartProps) {
  const { canvasRef, ready } = useBarChart(data, compareConfig, chartData);

  const summary = useMemo(() => compareSummary(data), [data]);
  const height = 56 + 40 * data.creators.length;

  const save = () => {
    const canvas = canvasRef.current;
    if (canvas) downloadHref(canvas.toDataURL('image/png'), fileName);
  };

  return (
    <div class="xdp-list__compare-chart">
      <div class="xdp-list__chart-box" style={{ height: `${height}px` }}>
        <canvas ref={canvasRef} role="img" aria-label={summary} data-ready={ready ? 'true' : undefined}>
          {summary}
        </canvas>
      </div>
      {!ready && <p class="xdp-list__help">{tl('compareLoading')}</p>}
      <p class="xdp-list__help xdp-list__compare-summary" aria-hidden="true">
        {summary}
      </p>
      <button type="button" class="xdp-list__button" onClick={save} disabled={!ready}>
        {tl('compareSave')}
      </button>
    </div>
  );
}
