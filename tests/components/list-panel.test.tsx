// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PanelApp } from '../../components/PanelApp';
import { PopupApp } from '../../components/PopupApp';
import { CreatorView } from '../../components/CreatorView';
import { setLanguage } from '../../utils/views/i18n';
import { createListShortcuts, type ListAddition, type ListShortcuts } from '../../utils/views/list-shortcuts';
import type { ListAnswer, ListBridge } from '../../utils/views/list-bridge';
import type { DistributionRequest } from '../../utils/shared/messaging';
import type { Distribution, Result } from '../../utils/shared/types';
import type { ViewBridge } from '../../utils/views/view-bridge';

/** The popup's balance footer, answered without a background (no key: the footer shows nothing). */
const noBalance = async () => ({ ok: false as const, error: { kind: 'no-key' as const } });

const ID = '7006229624431689736';
const LINK = `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`;

function viewBridge(): ViewBridge {
  const unused = () => Promise.reject(new Error('not expected in this test'));
  return {
    load: vi.fn(
      async (req: DistributionRequest): Promise<Result<Distribution>> => ({
        ok: true,
        value: { oAuthorId: req.oAuthorId, platform: req.platform, rows: [{ name: '美食', count: 3, share: 1 }], fetchedAt: 1, fromCache: false },
      }),
    ),
    resolveDouyin: unused,
    linkDouyin: unused,
    searchCreators: unused,
    openOptions: () => undefined,
  };
}

function fakeShortcuts(answer: ListAnswer<ListAddition>) {
  return {
    addCreator: vi.fn(async () => answer),
    openLists: vi.fn(),
  } satisfies ListShortcuts;
}

const added = (over: Partial<ListAddition> = {}): ListAnswer<ListAddition> => ({
  ok: true,
  value: { listId: 'l1', added: 1, duplicates: 0, refused: 0, listName: '618 美食', ...over },
});

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  setLanguage(null);
});

describe('"Add to list" in the panel', () => {
  it('adds the shown creator, says to which list, and opens the lists', async () => {
    const lists = fakeShortcuts(added());
    render(<PanelApp creator={{ kind: 'xingtu', oAuthorId: ID }} collapsed={false} onToggle={() => {}} bridge={viewBridge()} lists={lists} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add to list' }));
    expect(lists.addCreator).toHaveBeenCalledWith(ID);
    await screen.findByText('Added to 618 美食', { selector: '.xdp-view__list-status' });
    // Said through the view's one live region, not a region of its own.
    await waitFor(() => expect(document.querySelector('[aria-live]')?.textContent).toBe('Added to 618 美食'));
    expect(document.querySelectorAll('[aria-live], [role="status"], [role="alert"]')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Open lists' }));
    expect(lists.openLists).toHaveBeenCalledTimes(1);
  });

  it('says when the creator was already there, or the list is full (Chinese)', async () => {
    setLanguage('zh');
    const lists = fakeShortcuts(added({ added: 0, duplicates: 1 }));
    const { unmount } = render(
      <PanelApp creator={{ kind: 'xingtu', oAuthorId: ID }} collapsed={false} onToggle={() => {}} bridge={viewBridge()} lists={lists} />,
    );
    fireEvent.click(await screen.findByRole('button', { name: '加入清单' }));
    expect(await screen.findByText('已在「618 美食」中')).toBeTruthy();
    unmount();
    render(
      <PanelApp
        creator={{ kind: 'xingtu', oAuthorId: ID }}
        collapsed={false}
        onToggle={() => {}}
        bridge={viewBridge()}
        lists={fakeShortcuts(added({ added: 0, refused: 1 }))}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: '加入清单' }));
    expect(await screen.findByText('「618 美食」已满（最多 500 位），未加入')).toBeTruthy();
  });

  it('a view without list shortcuts shows no button', async () => {
    render(<CreatorView oAuthorId={ID} load={viewBridge().load} openOptions={() => undefined} />);
    await screen.findByRole('table');
    expect(screen.queryByRole('button', { name: 'Add to list' })).toBeNull();
  });

  it('the popup links to the list page', () => {
    const lists = fakeShortcuts(added());
    render(<PopupApp pageCreator={null} bridge={viewBridge()} lists={lists} balance={noBalance} />);
    fireEvent.click(screen.getByRole('button', { name: 'Creator lists' }));
    expect(lists.openLists).toHaveBeenCalledTimes(1);
  });
});

describe('createListShortcuts', () => {
  it('sends addToList for the current list with the Xingtu link, and reads the list name back', async () => {
    const addToList = vi.fn<ListBridge['addToList']>(async () => ({ ok: true, value: { listId: 'l1', added: 1, duplicates: 0, refused: 0 } }));
    const opened: string[] = [];
    const shortcuts = createListShortcuts(
      { addToList },
      async () => ({ currentId: 'l1', lists: [{ id: 'l1', name: '618 美食', createdAt: 1, entries: [] }] }),
      (url) => opened.push(url),
    );
    const answer = await shortcuts.addCreator(ID);
    expect(addToList).toHaveBeenCalledWith({ listId: null, entries: [{ ref: { kind: 'xingtu', oAuthorId: ID }, source: LINK }] });
    expect(answer).toEqual({ ok: true, value: { listId: 'l1', added: 1, duplicates: 0, refused: 0, listName: '618 美食' } });
    shortcuts.openLists();
    expect(opened).toEqual([fakeBrowser.runtime.getURL('/list.html')]);
  });

  it('passes a failure through', async () => {
    const shortcuts = createListShortcuts(
      { addToList: async () => ({ ok: false, error: { kind: 'bad-input' } }) },
      async () => ({ currentId: null, lists: [] }),
      () => undefined,
    );
    expect(await shortcuts.addCreator(ID)).toEqual({ ok: false, error: { kind: 'bad-input' } });
  });

  it('says "Creator lists" when the list name cannot be read', async () => {
    const lists = fakeShortcuts(added({ listName: null }));
    render(<PanelApp creator={{ kind: 'xingtu', oAuthorId: ID }} collapsed={false} onToggle={() => {}} bridge={viewBridge()} lists={lists} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add to list' }));
    await waitFor(() => expect(screen.getByText('Added to Creator lists', { selector: '.xdp-view__list-status' })).toBeTruthy());
  });
});
