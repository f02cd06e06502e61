import { browser } from 'wxt/browser';
import type { AddedToList } from '../shared/messaging';
import type { ListsState } from '../shared/creator-lists';
import { listsItem, parseStoredLists } from '../shared/list-records';
import { xingtuCreatorUrl } from '../shared/xingtu-link';
import { messagingListBridge, type ListAnswer, type ListBridge } from './list-bridge';

/** The list page, opened in a tab of its own. */
export const LIST_PAGE_PATH = '/list.html';

/** What "Add to list" added, with the name of the list it went to (for "Added to <list>"). */
export interface ListAddition extends AddedToList {
  /** null when the list cannot be read back (it was deleted meanwhile). */
  listName: string | null;
}

/** The panel's and the popup's way into creator lists (components take it as a prop). */
export interface ListShortcuts {
  /** Add a Xingtu creator to the current list (made when there is none). */
  addCreator(oAuthorId: string): Promise<ListAnswer<ListAddition>>;
  /** Open list.html in a new tab. */
  openLists(): void;
}

/** Shortcuts over `bridge`; the list's name is read back from the stored lists. */
export function createListShortcuts(
  bridge: Pick<ListBridge, 'addToList'>,
  readLists: () => Promise<ListsState>,
  openTab: (url: string) => void,
): ListShortcuts {
  return {
    async addCreator(oAuthorId) {
      const answer = await bridge.addToList({
        listId: null,
        entries: [{ ref: { kind: 'xingtu', oAuthorId }, source: xingtuCreatorUrl(oAuthorId) }],
      });
      if (!answer.ok) return answer;
      const lists = await readLists().catch(() => null);
      const listName = lists?.lists.find((l) => l.id === answer.value.listId)?.name ?? null;
      return { ok: true, value: { ...answer.value, listName } };
    },
    openLists: () => openTab(browser.runtime.getURL(LIST_PAGE_PATH)),
  };
}

export const messagingListShortcuts: ListShortcuts = createListShortcuts(
  messagingListBridge,
  async () => parseStoredLists(await listsItem.getValue()),
  (url) => void browser.tabs.create({ url }).catch(() => undefined),
);
