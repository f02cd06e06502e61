import type { ChartConfiguration } from 'chart.js';
import { formatCount } from '@/utils/views/i18n';
import { tMoney } from '@/utils/views/i18n-money';
import type { UsageDay } from '@/utils/views/usage-summary';
import { useBarChart, type BarData } from './list/use-bar-chart';

/** The canvas's text alternative: the total and the busiest day. */
export function usageChartSummary(days: readonly UsageDay[]): string {
  const total = days.reduce((sum, d) => sum + d.calls, 0);
  if (total === 0) return tMoney('usageChartEmpty');
  const busiest = days.reduce((best, d) => (d.calls > best.calls ? d : best));
  return tMoney('usageChartLabel', { total: formatCount(total), max: formatCount(busiest.calls), day: busiest.day });
}

function chartData(days: readonly UsageDay[]): BarData {
  return {
    labels: days.map((d) => d.day.slice(5)),
    datasets: [{ data: days.map((d) => d.calls), backgroundColor: '#3370ff', borderWidth: 0, maxBarThickness: 14 }],
  };
}

/** One bar a day, the axes in the section's text colour. */
function usageConfig(days: readonly UsageDay[], canvas: HTMLCanvasElement): ChartConfiguration<'bar'> {
  const muted = getComputedStyle(canvas).color || '#646a73';
  return {
    type: 'bar',
    data: chartData(days),
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { ticks: { color: muted, maxRotation: 0, autoSkipPadding: 8 }, grid: { display: false } },
        y: { beginAtZero: true, ticks: { color: muted, precision: 0 } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => tMoney('usageChartTooltip', { count: formatCount(typeof item.raw === 'number' ? item.raw : 0) }),
          },
        },
      },
    },
  };
}

/**
 * Calls per Beijing day over the last 30 days (the table above has the totals). Chart.js comes in
 * the list page's bar chunk, requested when the Usage section shows, never by the settings form.
 */
export function UsageChart({ days }: { days: readonly UsageDay[] }) {
  const { canvasRef, ready } = useBarChart(days, usageConfig, chartData);
  const summary = usageChartSummary(days);
  return (
    <div class="xdp-usage__chart">
      <canvas ref={canvasRef} role="img" aria-label={summary} data-ready={ready ? 'true' : undefined}>
        {summary}
      </canvas>
    </div>
  );
}
