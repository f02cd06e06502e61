import { useEffect, useState } from 'preact/hooks';
import type { ListResults, ListRunView, ListsState } from '@/utils/shared/creator-lists';
import type { ListSource } from '@/utils/views/list-source';

/** The stored lists, followed live (null until read). */
export function useStoredLists(source: ListSource): ListsState | null {
  const [lists, setLists] = useState<ListsState | null>(null);
  useEffect(() => source.followLists(setLists), [source]);
  return lists;
}

/** The background's run, followed live (null when there is none). */
export function useStoredRun(source: ListSource): ListRunView | null {
  const [run, setRun] = useState<ListRunView | null>(null);
  useEffect(() => source.followRun(setRun), [source]);
  return run;
}

const NO_RESULTS: ListResults = Object.freeze({});

/** The results of one list, followed live (empty until read, and without a list). */
export function useStoredResults(source: ListSource, listId: string | null): ListResults {
  const [results, setResults] = useState<{ listId: string; results: ListResults } | null>(null);
  useEffect(() => {
    if (listId === null) return undefined;
    return source.followResults(listId, (next) => setResults({ listId, results: next }));
  }, [source, listId]);
  return results !== null && results.listId === listId ? results.results : NO_RESULTS;
}
