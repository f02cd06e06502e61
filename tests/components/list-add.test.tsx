// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { setLanguage } from '../../utils/views/i18n';
import { LIST, LIST_ID, fakeListBridge, renderListApp, seed } from './list-fixtures';

const PASTE = [
  '7006229624431689736',
  'https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/7006229624431689736',
  'https://example.com/x',
  'https://v.douyin.com/abc123/',
  '川味小厨娘',
  'https://www.douyin.com/user/MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM',
].join('\n');

const liveRegion = () => document.querySelector('[aria-live="polite"]')!;

beforeEach(async () => {
  setLanguage('en');
  await seed({ currentId: LIST_ID, lists: [{ ...LIST, entries: [] }] });
});
afterEach(() => {
  cleanup();
  setLanguage(null);
});

describe('adding creators', () => {
  it('sends what was understood, says what was added and merged, and lists every line it could not read with the reason', async () => {
    const bridge = fakeListBridge();
    renderListApp(bridge);
    const box = await screen.findByLabelText('Creators');
    fireEvent.input(box, { target: { value: PASTE } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));

    const outcome = await screen.findByTestId('add-outcome');
    expect(bridge.addToList).toHaveBeenCalledTimes(1);
    const req = bridge.addToList.mock.calls[0]![0];
    expect(req.listId).toBe(LIST_ID);
    expect(req.entries.map((e) => e.ref.kind)).toEqual(['xingtu', 'nickname', 'douyin']);
    // 3 added; the Xingtu link of the same id was merged.
    expect(outcome.textContent).toContain('Added 3 · duplicates merged 1');
    expect(outcome.textContent).toContain('2 lines not understood');
    const lines = within(outcome).getAllByRole('listitem').map((li) => li.textContent);
    expect(lines[0]).toMatch(/^Line 3 https:\/\/example\.com\/x — A link to another site/);
    expect(lines[1]).toMatch(/^Line 4 https:\/\/v\.douyin\.com\/abc123\/ — A Douyin short link/);
    // Announced once, through the page's live region; the box is emptied for the next paste.
    expect(liveRegion().textContent).toContain('Added 3 · duplicates merged 1');
    expect((box as HTMLTextAreaElement).value).toBe('');
  });

  it('is labelled in Chinese and says clearly what was refused beyond 500', async () => {
    setLanguage('zh');
    const bridge = fakeListBridge();
    bridge.addToList.mockImplementation(() => Promise.resolve({ ok: true, value: { listId: LIST_ID, added: 1, duplicates: 2, refused: 3 } }));
    renderListApp(bridge);
    fireEvent.input(await screen.findByLabelText('达人'), { target: { value: '7006229624431689736\n6912345678901234567' } });
    fireEvent.click(screen.getByRole('button', { name: '添加' }));
    const outcome = await screen.findByTestId('add-outcome');
    expect(outcome.textContent).toContain('已添加 1 位 · 合并重复 2 位');
    expect(outcome.textContent).toContain('一个清单最多 500 位达人：有 3 位超出上限，未添加。');
  });

  it('sends nothing when no line names a creator, and says so', async () => {
    const bridge = fakeListBridge();
    renderListApp(bridge);
    fireEvent.input(await screen.findByLabelText('Creators'), { target: { value: 'https://example.com/a' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    const outcome = await screen.findByTestId('add-outcome');
    expect(bridge.addToList).not.toHaveBeenCalled();
    expect(outcome.textContent).toContain('Nothing to add');
    expect(outcome.textContent).toContain('Line 1');
  });

  it('reads a chosen .csv file', async () => {
    const bridge = fakeListBridge();
    renderListApp(bridge);
    const input = (await screen.findByLabelText('Choose a CSV file')) as HTMLInputElement;
    const file = new File(['达人,链接\n川味小厨娘,https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/7006229624431689736\n'], 'list.csv', {
      type: 'text/csv',
    });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(async () => {
      fireEvent.change(input);
    });
    await waitFor(() => expect(bridge.addToList).toHaveBeenCalledTimes(1));
    expect(bridge.addToList.mock.calls[0]![0].entries).toEqual([
      expect.objectContaining({ ref: { kind: 'xingtu', oAuthorId: '7006229624431689736' } }),
    ]);
    expect((await screen.findByTestId('add-outcome')).textContent).toContain('Header row skipped');
  });

  it('refuses a workbook with what to do instead', async () => {
    const bridge = fakeListBridge();
    renderListApp(bridge);
    const input = (await screen.findByLabelText('Choose a CSV file')) as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['PK'], 'list.xlsx')], configurable: true });
    await act(async () => {
      fireEvent.change(input);
    });
    await waitFor(() => expect(liveRegion().textContent).toMatch(/save it as CSV/));
    expect(bridge.addToList).not.toHaveBeenCalled();
  });

  it('without any list, the background makes one and the page shows it', async () => {
    await seed({ currentId: null, lists: [] });
    const bridge = fakeListBridge();
    bridge.addToList.mockImplementation((req) => Promise.resolve({ ok: true, value: { listId: 'made', added: req.entries.length, duplicates: 0, refused: 0 } }));
    renderListApp(bridge);
    expect(await screen.findByText(/No lists yet/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Creators'), { target: { value: '7006229624431689736' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(bridge.addToList).toHaveBeenCalledWith({ listId: null, entries: [expect.anything()] }));
  });
});
