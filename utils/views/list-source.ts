import { storage, type Unwatch } from 'wxt/utils/storage';
import { follow } from './follow-storage';
import type { ListResults, ListRunView, ListsState } from '../shared/creator-lists';
import {
  listResultsKey,
  listRunItem,
  listsItem,
  parseStoredLists,
  parseStoredResults,
  parseStoredRun,
} from '../shared/list-records';

export { follow };

/**
 * What the list page shows, read from storage.local where the background keeps it
 * (utils/shared/list-records.ts) and followed as it changes, so a run's progress appears live
 * without asking the background. Every value is validated by the records' parsers.
 * Each `follow…` calls `onValue` with the current value, then with every change, until the
 * returned function is called.
 */
export interface ListSource {
  followLists(onValue: (state: ListsState) => void): Unwatch;
  followResults(listId: string, onValue: (results: ListResults) => void): Unwatch;
  followRun(onValue: (run: ListRunView | null) => void): Unwatch;
}

/** The list page's source: storage.local through the typed storage items. */
export const storageListSource: ListSource = {
  followLists: (onValue) => follow(() => listsItem.getValue(), (cb) => listsItem.watch(cb), parseStoredLists, onValue),
  followResults: (listId, onValue) => {
    const key = listResultsKey(listId);
    return follow(() => storage.getItem(key), (cb) => storage.watch(key, cb), parseStoredResults, onValue);
  },
  followRun: (onValue) => follow(() => listRunItem.getValue(), (cb) => listRunItem.watch(cb), parseStoredRun, onValue),
};
