// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { DistributionTable } from '../../components/DistributionTable';
import { MAX_SLICES, OTHER_COLOR, rowColors, sliceColor, sliceColors } from '../../components/palette';
import { chartSlices, normalizeRows } from '../../utils/shared/distribution';
import { setLanguage } from '../../utils/views/i18n';
import type { CategoryRow } from '../../utils/shared/types';

beforeEach(() => setLanguage('zh'));
afterEach(() => {
  cleanup();
  setLanguage(null);
});

const rows = normalizeRows([
  { name: '随拍', cnt: 1, proportion: 0.3333 },
  { name: '美食', cnt: 4, proportion: 0.5 },
  { name: '音乐', cnt: 2 },
  { name: '旅行', cnt: 1234 },
]);

function bodyRows() {
  const [, body] = screen.getAllByRole('rowgroup');
  return within(body!).getAllByRole('row');
}

/** Colour as the DOM reports it (happy-dom may keep hex or use rgb()). */
function hexOf(el: Element): string {
  const raw = (el as HTMLElement).style.background || (el as HTMLElement).style.backgroundColor;
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(raw);
  if (!m) return raw.toLowerCase();
  return `#${m.slice(1).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
}

describe('DistributionTable', () => {
  it('is a real table with a caption and column headers', () => {
    render(<DistributionTable rows={rows} caption="短视频内容类型分布" />);
    const table = screen.getByRole('table', { name: '短视频内容类型分布' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['内容类型', '作品数', '占比']);
  });

  it('lists the rows in order, with counts and formatted shares', () => {
    render(<DistributionTable rows={rows} caption="c" />);
    const cells = bodyRows().map((r) => [...r.children].map((c) => c.textContent));
    expect(cells).toEqual([
      ['旅行', '1234', expect.stringMatching(/^\d+\.\d%$/)],
      ['美食', '4', '50.0%'],
      ['音乐', '2', expect.stringMatching(/^\d+\.\d%$/)],
      ['随拍', '1', '33.3%'],
    ]);
    expect(within(bodyRows()[0]!).getByRole('rowheader').textContent).toBe('旅行');
  });

  it('uses English headers in English', () => {
    setLanguage('en');
    render(<DistributionTable rows={rows} caption="c" />);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Category', 'Videos', 'Share']);
  });

  it('shows a markup-like name as text and creates no element from it', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { container } = render(
      <DistributionTable rows={[{ name: evil, count: 3, share: 1 }]} caption="c" />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(evil).textContent).toBe(evil);
  });

  it('keeps a 1,000-character name whole in the DOM, in the clamped name element, with a tooltip', () => {
    const long = '长'.repeat(1000);
    render(<DistributionTable rows={[{ name: long, count: 1, share: 1 }]} caption="c" />);
    const name = screen.getByText(long);
    expect(name.classList.contains('xdp-view__name')).toBe(true);
    expect(name.getAttribute('title')).toBe(long);
  });

  it('scrolls inside its own region', () => {
    const many: CategoryRow[] = Array.from({ length: 80 }, (_, i) => ({ name: `类目${i}`, count: 80 - i, share: 0.01 }));
    render(<DistributionTable rows={many} caption="c" />);
    const region = screen.getByRole('region', { name: '内容类型列表' });
    expect(region.classList.contains('xdp-view__table-wrap')).toBe(true);
    expect(region.tabIndex).toBe(0);
    expect(bodyRows()).toHaveLength(MAX_SLICES); // 7 categories and "Other"
    fireEvent.click(screen.getByRole('button', { name: '其他（73 个内容类型）' }));
    expect(bodyRows()).toHaveLength(MAX_SLICES + 73);
  });

  it('has the chart\'s "Other" slice as one row with its sums, which opens to list what it groups', () => {
    const many: CategoryRow[] = Array.from({ length: 12 }, (_, i) => ({ name: `类目${i}`, count: 120_000 - i * 10_000, share: (12 - i) / 78 }));
    render(<DistributionTable rows={many} caption="c" />);
    const slices = chartSlices(many, MAX_SLICES, '其他');
    const toggle = screen.getByRole('button', { name: '其他（5 个内容类型）' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const cells = bodyRows().map((r) => [...r.children].map((c) => c.textContent));
    expect(cells).toHaveLength(slices.length);
    expect(cells.at(-1)).toEqual(['其他（5 个内容类型）', '15万', '19.2%']); // 5+4+3+2+1 万 videos; shares 15/78
    expect(slices.at(-1)?.count).toBe(150_000);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(bodyRows().slice(-5).map((r) => r.querySelector('th')?.textContent)).toEqual(['类目7', '类目8', '类目9', '类目10', '类目11']);
    fireEvent.click(toggle);
    expect(bodyRows()).toHaveLength(slices.length);
  });

  it('no "Other" row when the chart draws every category', () => {
    render(<DistributionTable rows={rows} caption="c" />);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('gives each row the colour of its chart slice', () => {
    const many: CategoryRow[] = Array.from({ length: 10 }, (_, i) => ({ name: `类目${i}`, count: 10 - i, share: 0.1 }));
    render(<DistributionTable rows={many} caption="c" />);
    fireEvent.click(screen.getByRole('button', { name: /^其他/ }));
    const swatches = bodyRows()
      .filter((r) => !r.classList.contains('xdp-view__other')).map((r) => hexOf(r.querySelector('.xdp-view__swatch')!));
    const slices = chartSlices(many, MAX_SLICES, '其他');
    const colors = sliceColors(slices);
    // head rows: their own slice colour; rows folded into "Other": the tail colour
    expect(swatches.slice(0, MAX_SLICES - 1)).toEqual(colors.slice(0, MAX_SLICES - 1));
    expect(swatches.slice(MAX_SLICES - 1)).toEqual(Array(10 - (MAX_SLICES - 1)).fill(OTHER_COLOR));
    expect(colors.at(-1)).toBe(OTHER_COLOR);
  });
});

describe('palette', () => {
  it('rowColors matches chartSlices when everything fits', () => {
    const few = rows;
    expect(rowColors(few)).toEqual(sliceColors(chartSlices(few, MAX_SLICES, 'x')));
    expect(new Set(rowColors(few)).size).toBe(few.length);
  });

  it('rows with no videos are not drawn and get no colour', () => {
    const withZero: CategoryRow[] = [
      { name: 'a', count: 2, share: 1 },
      { name: 'b', count: 0, share: 0 },
    ];
    expect(rowColors(withZero)).toEqual([sliceColor(0), null]);
  });

  it('exactly MAX_SLICES rows: no tail colour', () => {
    const eight: CategoryRow[] = Array.from({ length: MAX_SLICES }, (_, i) => ({ name: `${i}`, count: 9 - i, share: 0 }));
    expect(rowColors(eight)).not.toContain(OTHER_COLOR);
    expect(rowColors(eight)).toEqual(sliceColors(chartSlices(eight, MAX_SLICES, 'x')));
  });
});
