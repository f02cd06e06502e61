// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { storage } from 'wxt/utils/storage';
import { formatDateTime, formatRelative, setLanguage } from '../../utils/views/i18n';
import { entryKey } from '../../utils/shared/creator-lists';
import { listResultsKey } from '../../utils/shared/list-records';
import {
  CANDIDATES,
  DOUYIN_REF,
  FETCHED,
  IDS,
  LIST,
  LIST_ID,
  RESULTS,
  fakeClipboard,
  fakeListBridge,
  renderListApp,
  seed,
} from './list-fixtures';

const bodyNames = () => {
  const table = screen.getByRole('table', { name: 'Creators in this list' });
  const [, body] = within(table).getAllByRole('rowgroup');
  return within(body!).getAllByRole('rowheader').map((h) => h.textContent);
};
const rowOf = (name: string) => screen.getByRole('rowheader', { name }).closest('tr')!;
const check = (name: string) => fireEvent.click(within(rowOf(name)).getByRole('checkbox'));
/** The table once the stored results have been read. */
const ready = () => screen.findByRole('rowheader', { name: 'Alpha' });
const compareButton = () => screen.getByRole('button', { name: /^Compare/ }) as HTMLButtonElement;

beforeEach(async () => {
  setLanguage('en');
  await seed({ currentId: LIST_ID, lists: [LIST] }, RESULTS);
});
afterEach(() => {
  cleanup();
  setLanguage(null);
  vi.restoreAllMocks();
});

describe('the table', () => {
  it('shows one row per creator with the Xingtu link, totals, top categories, fetch time and status in words', async () => {
    renderListApp();
    await ready();
    expect(bodyNames()).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', IDS.echo, IDS.foxtrot, '川味小厨娘']);
    const alpha = rowOf('Alpha');
    const link = within(alpha).getByRole('link', { name: IDS.alpha }) as HTMLAnchorElement;
    expect(link.href).toBe(`https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${IDS.alpha}`);
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    expect(alpha.textContent).toContain('100');
    expect(alpha.textContent).toContain('美食 50.0%');
    // relative, with the exact time in the tooltip
    expect(alpha.querySelector('time')?.getAttribute('title')).toBe(formatDateTime(FETCHED));
    expect(alpha.querySelector('time')?.textContent).toBe(formatRelative(FETCHED));
    expect(alpha.textContent).toContain('Done');
    expect(rowOf(IDS.echo).textContent).toContain('Failed: API server error');
    expect(rowOf(IDS.foxtrot).textContent).toContain('Not run');
  });

  it('sorts by focus share once focus categories are chosen (best fit first), with aria-sort on the header', async () => {
    renderListApp();
    await ready();
    const picker = screen.getByRole('group', { name: 'Focus categories' });
    expect(screen.queryByRole('button', { name: /Focus share/ })).toBeNull();
    fireEvent.click(within(picker).getByRole('checkbox', { name: /美食/ }));
    fireEvent.click(within(picker).getByRole('checkbox', { name: /探店/ }));
    const header = screen.getByRole('button', { name: /Focus share/ });
    fireEvent.click(header);
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    // 80 %, 65 %, 20 %, 0 %, then the rows without data in list order.
    expect(bodyNames()).toEqual(['Alpha', 'Charlie', 'Bravo', 'Delta', IDS.echo, IDS.foxtrot, '川味小厨娘']);
    expect(rowOf('Charlie').textContent).toContain('65.0%');
    fireEvent.click(header);
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    expect(bodyNames().slice(0, 4)).toEqual(['Delta', 'Bravo', 'Charlie', 'Alpha']);
  });

  it('filters by the filter box and says how many are shown', async () => {
    renderListApp();
    await ready();
    fireEvent.input(screen.getByLabelText('Filter'), { target: { value: 'charlie' } });
    expect(bodyNames()).toEqual(['Charlie']);
    expect(screen.getByText('Showing 1 of 7')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Filter'), { target: { value: '游戏' } });
    expect(bodyNames()).toEqual(['Bravo', 'Delta']);
  });

  it('follows the results the background writes (progress appears live)', async () => {
    renderListApp();
    await ready();
    const foxtrot = entryKey({ kind: 'xingtu', oAuthorId: IDS.foxtrot });
    await act(() =>
      storage.setItem(listResultsKey(LIST_ID), {
        ...RESULTS,
        [foxtrot]: {
          status: 'done',
          oAuthorId: IDS.foxtrot,
          nickname: 'Foxtrot',
          platforms: { SHORT_VIDEO: { ok: true, rows: [{ name: '美妆', count: 4, share: 1 }], fetchedAt: FETCHED, fromCache: true } },
          updatedAt: 3,
        },
      }),
    );
    await waitFor(() => expect(bodyNames()).toContain('Foxtrot'));
    expect(rowOf('Foxtrot').textContent).toContain('美妆 100.0%');
  });

  it('a row waiting for confirmation shows the candidates; "This one" and "None of these" ask the background', async () => {
    const bridge = fakeListBridge();
    renderListApp(bridge);
    await ready();
    const row = rowOf('川味小厨娘');
    expect(row.textContent).toContain('Needs confirmation');
    expect(row.textContent).toContain('3,862,000 followers');
    const picks = within(row).getAllByRole('button', { name: 'This one' });
    expect(picks).toHaveLength(2);
    fireEvent.click(picks[0]!);
    expect(bridge.confirmEntry).toHaveBeenCalledWith({ listId: LIST_ID, key: entryKey(DOUYIN_REF), author: CANDIDATES[0], platforms: ['SHORT_VIDEO'] });
    fireEvent.click(within(row).getByRole('button', { name: 'None of these' }));
    expect(bridge.confirmEntry).toHaveBeenLastCalledWith({ listId: LIST_ID, key: entryKey(DOUYIN_REF), author: null, platforms: ['SHORT_VIDEO'] });
  });

  it('a Douyin row without a name says how to give one', async () => {
    await seed({ currentId: LIST_ID, lists: [LIST] }, { ...RESULTS, [entryKey(DOUYIN_REF)]: { status: 'needs-nickname', platforms: {}, updatedAt: 2 } });
    renderListApp();
    await screen.findByText(/Add the creator's name/);
    expect(rowOf('川味小厨娘').textContent).toContain("Add the creator's name to the pasted row, or open the creator's Douyin page once.");
  });

  it('shows a platform switch when the list has data for several platforms', async () => {
    const alpha = entryKey({ kind: 'xingtu', oAuthorId: IDS.alpha });
    const result = RESULTS[alpha]!;
    await seed({ currentId: LIST_ID, lists: [LIST] }, {
      ...RESULTS,
      [alpha]: { ...result, platforms: { ...result.platforms, LIVE_STREAMING: { ok: true, rows: [{ name: '带货', count: 2, share: 1 }], fetchedAt: FETCHED, fromCache: false } } },
    });
    renderListApp();
    const live = await screen.findByRole('tab', { name: 'Live' });
    fireEvent.click(live);
    await waitFor(() => expect(rowOf('Alpha').textContent).toContain('带货 100.0%'));
  });

  it('removes the selected rows', async () => {
    const bridge = fakeListBridge();
    renderListApp(bridge);
    await ready();
    check('Bravo');
    check('Delta');
    fireEvent.click(screen.getByRole('button', { name: 'Remove selected (2)' }));
    await waitFor(() =>
      expect(bridge.removeFromList).toHaveBeenCalledWith({
        listId: LIST_ID,
        keys: [entryKey({ kind: 'xingtu', oAuthorId: IDS.bravo }), entryKey({ kind: 'xingtu', oAuthorId: IDS.delta })],
      }),
    );
  });
});

describe('compare', () => {
  it('is enabled for 2 to 6 selected creators only', async () => {
    renderListApp();
    await ready();
    expect(compareButton().disabled).toBe(true);
    check('Alpha');
    expect(compareButton().disabled).toBe(true);
    check('Bravo');
    expect(compareButton().disabled).toBe(false);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown creators' }));
    expect(compareButton().textContent).toBe('Compare (7)');
    expect(compareButton().disabled).toBe(true);
  });

  it('shows a table of categories × creators and a text alternative naming the top categories', async () => {
    renderListApp();
    await ready();
    check('Alpha');
    check('Bravo');
    fireEvent.click(compareButton());
    const table = await screen.findByRole('table', { name: 'Category shares by creator' });
    const header = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(header).toEqual(['Category', 'Alpha', 'Bravo']);
    expect(within(table).getByRole('rowheader', { name: '游戏' }).closest('tr')!.textContent).toContain('80.0% (80)');
    const chart = screen.getByRole('img');
    expect(chart.getAttribute('aria-label')).toBe(
      'Comparison chart: Alpha: 美食 50.0%, 探店 30.0%, 旅行 20.0%; Bravo: 游戏 80.0%, 美食 10.0%, 探店 10.0%',
    );
  });
});

describe('export', () => {
  it('Copy puts the visible table (filtered, sorted) on the clipboard as tab-separated text', async () => {
    const clipboard = fakeClipboard();
    renderListApp(fakeListBridge(), clipboard);
    await ready();
    fireEvent.input(screen.getByLabelText('Filter'), { target: { value: '美食' } });
    const byName = screen.getByRole('button', { name: /^Creator/ });
    fireEvent.click(byName); // ascending
    fireEvent.click(byName); // descending
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(clipboard.texts).toHaveLength(1));
    const lines = clipboard.texts[0]!.trimEnd().split('\n');
    expect(lines[0]).toBe('Creator\tXingtu ID\tVideos\tTop categories\tFetched\tStatus');
    expect(lines.slice(1).map((l) => l.split('\t')[0])).toEqual(['Charlie', 'Bravo', 'Alpha']);
    expect(lines[3]).toBe(`Alpha\t="${IDS.alpha}"\t100\t美食 50.0%, 探店 30.0%, 旅行 20.0%\t${formatDateTime(FETCHED)}\tDone`);
    expect(document.querySelector('[aria-live="polite"]')!.textContent).toContain('Copied');
  });

  it('Export CSV downloads the whole list as a UTF-8 CSV with a byte-order mark', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:list';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(`${this.download} ${this.getAttribute('href')}`);
    });
    renderListApp();
    await ready();
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(downloads).toEqual(['达人清单-618-美食-2025-03-01.csv blob:list']);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('xingtu_id,nickname,platform,category,videos,share,fetched_at,source_link');
    expect(text).toContain(`"=""${IDS.alpha}""",Alpha,SHORT_VIDEO,美食,50,0.5000`);
  });
});
