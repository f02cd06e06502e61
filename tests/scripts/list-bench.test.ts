import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { listResultsKey, listsItem, parseStoredLists, parseStoredResults } from '../../utils/shared/list-records';
import { buildTableRows, filterRows } from '../../utils/views/list-table';
import { maxOverlap, runFigures, type ListRunSample, type TimedCall } from '../../scripts/bench/list-run-figures';
import {
  LISTS_STORAGE_KEY,
  SEED_FILTER_WORD,
  SEED_FOCUS_CATEGORY,
  resultsStorageKey,
  seedIds,
  seedList,
  seedResults,
  seedState,
} from '../../scripts/bench/list-seed';

const NOW = Date.UTC(2025, 5, 1, 4, 0, 0);

describe('the list bench seed (scripts/bench/list-seed.ts)', () => {
  const table = seedList('bench-table', 'Bench 200', seedIds(200), NOW);
  const results = seedResults(table, NOW);

  it('is read back through the storage items and their parsers unchanged: nothing dropped', async () => {
    // Written as the bench writes it (the service worker's chrome.storage.local.set) …
    await fakeBrowser.storage.local.set({ [LISTS_STORAGE_KEY]: seedState([table], table.id), [resultsStorageKey(table.id)]: results });
    // … and read as the list page reads it.
    const lists = parseStoredLists(await listsItem.getValue());
    expect(lists).toEqual({ currentId: table.id, lists: [table] });
    const stored = parseStoredResults(await storage.getItem(listResultsKey(table.id)));
    expect(Object.keys(stored)).toHaveLength(200);
    expect(stored).toEqual(results);
  });

  it('gives 200 distinct creators, each done with short-video categories whose shares sum to 1', () => {
    expect(new Set(table.entries.map((e) => e.key)).size).toBe(200);
    for (const result of Object.values(results)) {
      expect(result.status).toBe('done');
      const outcome = result.platforms.SHORT_VIDEO;
      if (!outcome?.ok) throw new Error('no short-video rows');
      expect(outcome.rows.length).toBeGreaterThanOrEqual(4);
      expect(outcome.rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 9);
    }
  });

  it('is the same every time (a seeded generator)', () => {
    expect(seedResults(table, NOW)).toEqual(results);
  });

  it('has a focus category and a filter word that pick out part of the table, not none or all', () => {
    const rows = buildTableRows(table, results, 'SHORT_VIDEO', [SEED_FOCUS_CATEGORY]);
    const focused = rows.filter((r) => (r.focusShare ?? 0) > 0).length;
    expect(focused).toBeGreaterThan(20);
    expect(focused).toBeLessThan(180);
    const filtered = filterRows(rows, SEED_FILTER_WORD).length;
    expect(filtered).toBeGreaterThan(20);
    expect(filtered).toBeLessThan(180);
  });
});

describe('a timed list run (scripts/bench/list-run-figures.ts)', () => {
  const call = (id: string, time: number, doneAt: number | null, platform = 'SHORT_VIDEO'): TimedCall => ({ oAuthorId: id, platform, time, doneAt });

  it('counts the most calls in flight at once; one answered as another arrives does not overlap it', () => {
    expect(maxOverlap([])).toBe(0);
    expect(maxOverlap([call('1', 0, 100), call('2', 100, 200), call('3', 200, 300)])).toBe(1);
    expect(maxOverlap([call('1', 0, 100), call('2', 50, 150), call('3', 60, 70)])).toBe(3);
    expect(maxOverlap([call('1', 0, null), call('2', 500, 600)], 1_000)).toBe(2);
  });

  /** A run of `calls.length` creators at concurrency 2, Start at `clickedAt`, done at `doneAt`. */
  const runOf = (calls: TimedCall[], clickedAt: number, doneAt: number, creators = calls.length): ListRunSample => ({
    delayMs: 100,
    concurrency: 2,
    creators,
    estimate: `${creators} paid calls`,
    clickedAt,
    doneAt,
    run: { status: 'done', finished: creators, total: creators, paidCalls: calls.length, startedAt: clickedAt, updatedAt: doneAt },
    calls,
  });

  it('sets the run against the API time at its concurrency', () => {
    // Two slots, each call 100 ms; the fourth waits 50 ms for a slot.
    const sample = runOf([call('1', 1_040, 1_140), call('2', 1_050, 1_150), call('3', 1_140, 1_240), call('4', 1_200, 1_300)], 1_000, 1_400);
    expect(runFigures(sample)).toEqual({
      total: 400,
      apiSum: 400,
      ideal: 200,
      overhead: 200,
      perCreator: 50,
      leadIn: 40,
      tail: 100,
      slotIdle: 120, // (1300 − 1040) × 2 − 400
      calls: 4,
      repeats: 0,
      maxInFlight: 2,
    });
  });

  it('counts a creator+platform called twice as a repeat', () => {
    const sample = runOf([call('1', 10, 11), call('1', 12, 13), call('1', 14, 15, 'LIVE_STREAMING'), call('2', 16, 17)], 0, 50, 2);
    expect(runFigures(sample)).toMatchObject({ calls: 4, repeats: 1, maxInFlight: 1 });
  });
});
