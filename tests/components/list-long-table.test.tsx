// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { storage } from 'wxt/utils/storage';
import { FIRST_ROWS } from '../../components/list/grow-rows';
import { entryKey, type CreatorList, type EntryResult, type ListResults } from '../../utils/shared/creator-lists';
import { listResultsKey } from '../../utils/shared/list-records';
import { setLanguage } from '../../utils/views/i18n';
import { FETCHED, LIST_ID, fakeClipboard, fakeListBridge, renderListApp, seed } from './list-fixtures';

// A long list (more rows than the table renders at once, components/list/grow-rows.ts): the
// table shows the first rows at once and the rest in chunks, and everything that works on "the
// rows shown" (copy, select all, the count) works on all of them, rendered yet or not.

const COUNT = FIRST_ROWS * 3 + 10;
const ids = Array.from({ length: COUNT }, (_, i) => String(7_300_000_000_000_000_000n + BigInt(i)));
const keyOf = (id: string) => entryKey({ kind: 'xingtu', oAuthorId: id });
/** Creator i is "C<i>" (three digits, so names sort in list order) with i + 1 videos, all 美食. */
const nameOf = (i: number) => `C${String(i).padStart(3, '0')}`;

const LONG: CreatorList = {
  id: LIST_ID,
  name: 'Long',
  createdAt: 1,
  entries: ids.map((id, i) => ({ key: keyOf(id), ref: { kind: 'xingtu', oAuthorId: id }, source: id, addedAt: i })),
};

function done(i: number): EntryResult {
  return {
    status: 'done',
    oAuthorId: ids[i]!,
    nickname: nameOf(i),
    platforms: { SHORT_VIDEO: { ok: true, rows: [{ name: '美食', count: i + 1, share: 1 }], fetchedAt: FETCHED, fromCache: false } },
    updatedAt: 2,
  };
}
const RESULTS: ListResults = Object.fromEntries(ids.map((id, i) => [keyOf(id), done(i)]));

const table = () => screen.getByRole('table', { name: 'Creators in this list' });
const bodyRows = () => within(within(table()).getAllByRole('rowgroup')[1]!).queryAllByRole('row');
const bodyNames = () => bodyRows().map((row) => within(row).getByRole('rowheader').textContent);
/** Every row rendered (a chunk per timer in happy-dom; slow on a busy machine). */
const allIn = () => waitFor(() => expect(bodyRows()).toHaveLength(COUNT), { timeout: 5000 });
const names = (from: number, to: number, step = 1) => Array.from({ length: Math.abs(to - from) + 1 }, (_, k) => nameOf(from + k * step));

beforeEach(async () => {
  setLanguage('en');
  await seed({ currentId: LIST_ID, lists: [LONG] }, RESULTS);
});
afterEach(() => {
  cleanup();
  setLanguage(null);
  vi.restoreAllMocks();
});

describe('a long table', () => {
  it('shows the first rows at once, says it is busy, then has every row', async () => {
    renderListApp();
    await screen.findByRole('rowheader', { name: nameOf(0) });
    expect(bodyRows()).toHaveLength(FIRST_ROWS);
    expect(table().getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText(`Showing ${COUNT} of ${COUNT}`)).toBeTruthy();
    // The rows to come keep their room below the table (the scroll position holds), hidden from screen readers.
    const room = () => document.querySelector<HTMLElement>('.xdp-list__rows-pending');
    expect(room()!.getAttribute('aria-hidden')).toBe('true');
    expect(parseFloat(room()!.style.height)).toBeGreaterThan(0);
    await allIn();
    expect(bodyNames()).toEqual(names(0, COUNT - 1));
    expect(table().hasAttribute('aria-busy')).toBe(false);
    expect(room()).toBeNull();
  });

  it('has fixed column widths: a <col> per column, the Focus share column added with it', async () => {
    renderListApp();
    await allIn();
    const cols = () => [...table().querySelectorAll('colgroup col')].map((c) => c.className);
    expect(cols()).toEqual([
      'xdp-list__col-select',
      'xdp-list__col-name',
      'xdp-list__col-oAuthorId',
      'xdp-list__col-totalVideos',
      'xdp-list__col-top',
      'xdp-list__col-fetchedAt',
      'xdp-list__col-status',
    ]);
    fireEvent.click(within(screen.getByRole('group', { name: 'Focus categories' })).getByRole('checkbox', { name: /美食/ }));
    expect(cols()).toContain('xdp-list__col-focusShare');
    expect(cols()).toHaveLength(within(table()).getAllByRole('row')[0]!.children.length);
  });

  it('a sort shows the first rows of the new order at once, then every row in that order', async () => {
    renderListApp();
    await allIn();
    const header = screen.getByRole('button', { name: /^Videos/ });
    fireEvent.click(header); // most videos first
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    expect(bodyNames()).toEqual(names(COUNT - 1, COUNT - FIRST_ROWS, -1));
    expect(table().getAttribute('aria-busy')).toBe('true');
    await allIn();
    expect(bodyNames()).toEqual(names(COUNT - 1, 0, -1));
  });

  it("a run's progress does not start the table again: the rows rendered stay", async () => {
    renderListApp();
    await allIn();
    const last = ids[COUNT - 1]!;
    await act(() => storage.setItem(listResultsKey(LIST_ID), { ...RESULTS, [keyOf(last)]: { ...done(COUNT - 1), nickname: 'Renamed' } }));
    await screen.findByRole('rowheader', { name: 'Renamed' });
    expect(bodyRows()).toHaveLength(COUNT);
    expect(table().hasAttribute('aria-busy')).toBe(false);
  });

  it('creators added to the list come in chunks too, also after others were removed', async () => {
    renderListApp();
    await allIn();
    await act(() => storage.setItem('local:creatorLists', { currentId: LIST_ID, lists: [{ ...LONG, entries: LONG.entries.slice(0, 5) }] }));
    await waitFor(() => expect(bodyRows()).toHaveLength(5));
    await act(() => storage.setItem('local:creatorLists', { currentId: LIST_ID, lists: [LONG] }));
    await screen.findByRole('rowheader', { name: nameOf(5) });
    expect(bodyRows()).toHaveLength(FIRST_ROWS);
    await allIn();
  });

  it('Copy and select all take every row shown, also those not rendered yet', async () => {
    const clipboard = fakeClipboard();
    renderListApp(fakeListBridge(), clipboard);
    await allIn();
    fireEvent.click(screen.getByRole('button', { name: /^Creator/ })); // by name, ascending
    fireEvent.click(screen.getByRole('button', { name: /^Creator/ })); // descending
    expect(bodyRows()).toHaveLength(FIRST_ROWS);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(clipboard.texts).toHaveLength(1));
    const lines = clipboard.texts[0]!.trimEnd().split('\n');
    expect(lines.slice(1).map((line) => line.split('\t')[0])).toEqual(names(COUNT - 1, 0, -1));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown creators' }));
    expect(screen.getByRole('button', { name: `Remove selected (${COUNT})` })).toBeTruthy();
    await allIn();
    expect(bodyRows().every((row) => (within(row).getByRole('checkbox') as HTMLInputElement).checked)).toBe(true);
  });

  it('a filter renders its rows in chunks too, and clearing it brings every row back', async () => {
    renderListApp();
    await allIn();
    fireEvent.input(screen.getByLabelText('Filter'), { target: { value: 'C0' } }); // C000 … C099
    expect(screen.getByText(`Showing 100 of ${COUNT}`)).toBeTruthy();
    expect(bodyRows()).toHaveLength(FIRST_ROWS);
    await waitFor(() => expect(bodyNames()).toEqual(names(0, 99)), { timeout: 5000 });
    fireEvent.input(screen.getByLabelText('Filter'), { target: { value: '' } });
    expect(bodyRows()).toHaveLength(FIRST_ROWS);
    await allIn();
  });
});
