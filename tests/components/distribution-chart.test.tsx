// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { setLanguage } from '../../utils/views/i18n';
import type { CategoryRow } from '../../utils/shared/types';

// A stand-in for Chart.js that records what the component does with it.
const charts = vi.hoisted(() => {
  interface FakeChart {
    data: { labels: string[]; datasets: { data: number[]; backgroundColor: string[] }[] };
    config: { type: string; options: Record<string, unknown> };
    destroyed: boolean;
    updates: number;
    /** The animation option when the chart was created (its first draw). */
    firstAnimation: unknown;
  }
  const state = { created: [] as FakeChart[], registered: [] as unknown[] };
  return state;
});

vi.mock('chart.js', () => {
  class Chart {
    static register(...items: unknown[]) {
      charts.registered.push(...items);
    }
    data: unknown;
    config: unknown;
    destroyed = false;
    updates = 0;
    firstAnimation: unknown;
    constructor(_ctx: unknown, config: { type: string; data: unknown; options: { animation?: unknown } }) {
      this.data = config.data;
      this.config = config;
      this.firstAnimation = config.options.animation;
      charts.created.push(this as never);
    }
    get options() {
      return (this.config as { options: Record<string, unknown> }).options;
    }
    update() {
      this.updates++;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { Chart, DoughnutController: 'DoughnutController', ArcElement: 'ArcElement', Tooltip: 'Tooltip' };
});

const { DistributionChart, chartSummary, chartJs } = await import('../../components/DistributionChart');
await chartJs; // Chart.js is its own chunk, loaded beside the app
const { OTHER_COLOR, sliceColor } = await import('../../components/palette');

const rowsA: CategoryRow[] = [
  { name: '美食', count: 6, share: 0.6 },
  { name: '音乐', count: 3, share: 0.3 },
  { name: '随拍', count: 1, share: 0.1 },
];
const many: CategoryRow[] = Array.from({ length: 12 }, (_, i) => ({ name: `类目${i}`, count: 12 - i, share: 0.05 }));

beforeEach(() => {
  setLanguage('zh');
  charts.created.length = 0;
  // happy-dom has no 2D context; give the component one so it creates a chart.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as never);
});
afterEach(() => {
  cleanup();
  setLanguage(null);
});

describe('DistributionChart', () => {
  it('registers only the doughnut pieces it needs (no legend)', () => {
    expect(charts.registered).toEqual(['DoughnutController', 'ArcElement', 'Tooltip']);
  });

  it('creates a doughnut of the slices in the palette colours', async () => {
    render(<DistributionChart rows={rowsA} />);
    await waitFor(() => expect(charts.created).toHaveLength(1));
    const chart = charts.created[0]!;
    expect(chart.config.type).toBe('doughnut');
    expect(chart.data.labels).toEqual(['美食', '音乐', '随拍']);
    expect(chart.data.datasets[0]!.data).toEqual([6, 3, 1]);
    expect(chart.data.datasets[0]!.backgroundColor).toEqual([sliceColor(0), sliceColor(1), sliceColor(2)]);
  });

  it('draws the first frame at once and animates only later updates', async () => {
    const { rerender } = render(<DistributionChart rows={rowsA} />);
    await waitFor(() => expect(charts.created).toHaveLength(1));
    const chart = charts.created[0]!;
    expect(chart.firstAnimation).toBe(false); // the constructor's draw
    expect(chart.updates).toBe(0); // no second draw of the same rows
    expect(chart.config.options.animation).toEqual({ duration: 250 });
    rerender(<DistributionChart rows={[{ name: '游戏', count: 2, share: 1 }]} />);
    expect(chart.updates).toBe(1);
  });

  it('groups the long tail into "其他" with the tail colour', async () => {
    render(<DistributionChart rows={many} />);
    await waitFor(() => expect(charts.created).toHaveLength(1));
    const chart = charts.created[0]!;
    expect(chart.data.labels).toHaveLength(8);
    expect(chart.data.labels.at(-1)).toBe('其他');
    expect(chart.data.datasets[0]!.backgroundColor.at(-1)).toBe(OTHER_COLOR);
  });

  it('updates the same chart when the rows change, and destroys it on unmount', async () => {
    const { rerender, unmount } = render(<DistributionChart rows={rowsA} />);
    await waitFor(() => expect(charts.created).toHaveLength(1));
    const chart = charts.created[0]!;
    const before = chart.updates;
    rerender(<DistributionChart rows={[{ name: '游戏', count: 2, share: 1 }]} />);
    expect(charts.created).toHaveLength(1);
    expect(chart.updates).toBeGreaterThan(before);
    expect(chart.data.labels).toEqual(['游戏']);
    expect(chart.destroyed).toBe(false);
    unmount();
    expect(chart.destroyed).toBe(true);
  });

  it('draws with the rows of the moment Chart.js arrives, and not at all after unmount', async () => {
    const { rerender, unmount } = render(<DistributionChart rows={rowsA} />);
    rerender(<DistributionChart rows={[{ name: '游戏', count: 2, share: 1 }]} />);
    await waitFor(() => expect(charts.created).toHaveLength(1));
    expect(charts.created[0]!.data.labels).toEqual(['游戏']);
    unmount();
    render(<DistributionChart rows={rowsA} />).unmount(); // gone before the chart could be made
    await chartJs;
    await Promise.resolve();
    expect(charts.created).toHaveLength(1);
  });

  it('labels the canvas with the top categories', () => {
    render(<DistributionChart rows={many} />);
    const canvas = screen.getByRole('img');
    expect(canvas.tagName).toBe('CANVAS');
    const label = canvas.getAttribute('aria-label') ?? '';
    expect(label).toContain('类目0');
    expect(label).toContain('类目2');
    expect(label).not.toContain('类目3');
    expect(label).toContain('等 9 个内容类型');
  });

  it('does not create a chart (nor crash) without a 2D context', async () => {
    vi.mocked(HTMLCanvasElement.prototype.getContext).mockReturnValue(null);
    render(<DistributionChart rows={rowsA} />);
    await chartJs;
    expect(charts.created).toHaveLength(0);
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('美食 60.0%');
  });
});

describe('chartSummary', () => {
  it('names up to three categories with their shares', () => {
    expect(chartSummary(rowsA)).toBe('内容类型分布图：美食 60.0%、音乐 30.0%、随拍 10.0%');
    setLanguage('en');
    expect(chartSummary(rowsA)).toBe('Content distribution chart: 美食 60.0%, 音乐 30.0%, 随拍 10.0%');
  });

  it('says when there is nothing to draw', () => {
    expect(chartSummary([{ name: 'a', count: 0, share: 0 }])).toBe('内容类型分布图：无数据');
  });
});
