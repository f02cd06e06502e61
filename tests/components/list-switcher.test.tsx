// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { setLanguage } from '../../utils/views/i18n';
import { IDS, LIST, LIST_ID, RESULTS, fakeListBridge, renderListApp, seed } from './list-fixtures';

const OTHER = { ...LIST, id: 'list2', name: 'Summer', entries: [] };

beforeEach(async () => {
  setLanguage('en');
  await seed({ currentId: LIST_ID, lists: [LIST, OTHER] }, RESULTS);
});
afterEach(() => {
  cleanup();
  setLanguage(null);
});

describe('the list switcher', () => {
  it('switches the list shown and makes it the current one', async () => {
    const bridge = fakeListBridge();
    renderListApp(bridge);
    await screen.findByRole('rowheader', { name: 'Alpha' });
    fireEvent.change(screen.getByLabelText('Current list'), { target: { value: 'list2' } });
    expect(bridge.selectList).toHaveBeenCalledWith({ listId: 'list2' });
    expect(await screen.findByText('The list is empty: add creators above.')).toBeTruthy();
  });

  it('creates a list with a name (refusing an empty one) and shows it', async () => {
    const bridge = fakeListBridge();
    renderListApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'New list' }));
    const name = screen.getByLabelText('List name');
    expect(document.activeElement).toBe(name);
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.getByText('Enter a name of 1 to 60 characters')).toBeTruthy();
    expect(bridge.createList).not.toHaveBeenCalled();
    fireEvent.input(name, { target: { value: '  Summer food  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(bridge.createList).toHaveBeenCalledWith({ name: 'Summer food' }));
    // The new list (list2 in storage) is shown.
    expect(await screen.findByText('The list is empty: add creators above.')).toBeTruthy();
  });

  it('renames the current list', async () => {
    const bridge = fakeListBridge();
    renderListApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Rename' }));
    const name = screen.getByLabelText('List name') as HTMLInputElement;
    expect(name.value).toBe(LIST.name);
    fireEvent.input(name, { target: { value: 'Autumn' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    await waitFor(() => expect(bridge.renameList).toHaveBeenCalledWith({ listId: LIST_ID, name: 'Autumn' }));
  });

  it('deletes only after confirmation', async () => {
    const bridge = fakeListBridge();
    renderListApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete list' }));
    expect(screen.getByText(`Delete the list "${LIST.name}" and all its results? This cannot be undone.`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(bridge.deleteList).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete list' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(bridge.deleteList).toHaveBeenCalledWith({ listId: LIST_ID }));
  });
});

describe('recently viewed', () => {
  it('lists creators from the panel with their top category, and adds one to the list', async () => {
    const bridge = fakeListBridge();
    bridge.recentlyViewed.mockImplementation(() =>
      Promise.resolve({
        ok: true,
        value: [
          {
            oAuthorId: '7300000000000000001',
            nickname: '小王探店',
            viewedAt: 5,
            distribution: {
              oAuthorId: '7300000000000000001',
              platform: 'SHORT_VIDEO',
              rows: [{ name: '探店', count: 9, share: 0.9 }],
              fetchedAt: 4,
              fromCache: true,
            },
          },
          { oAuthorId: IDS.alpha, nickname: 'Alpha', viewedAt: 3, distribution: null },
        ],
      }),
    );
    renderListApp(bridge);
    const section = await screen.findByRole('region', { name: 'Recently viewed' });
    await waitFor(() => expect(section.textContent).toContain('探店 90.0%'));
    expect(section.textContent).toContain('No longer in the cache');
    expect(section.textContent).toContain('In the list'); // Alpha is in the list already
    fireEvent.click(screen.getByRole('button', { name: 'Add to list: 小王探店' }));
    await waitFor(() =>
      expect(bridge.addToList).toHaveBeenCalledWith({
        listId: LIST_ID,
        entries: [
          { ref: { kind: 'xingtu', oAuthorId: '7300000000000000001' }, source: 'https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/7300000000000000001' },
        ],
      }),
    );
  });
});
