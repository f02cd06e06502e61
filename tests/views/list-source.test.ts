import { describe, expect, it } from 'vitest';
import { storage } from 'wxt/utils/storage';
import { follow, storageListSource } from '../../utils/views/list-source';
import { listResultsKey } from '../../utils/shared/list-records';
import type { ListsState } from '../../utils/shared/creator-lists';

const STATE: ListsState = {
  currentId: 'l1',
  lists: [{ id: 'l1', name: 'A', createdAt: 1, entries: [{ key: 'x:7006229624431689736', ref: { kind: 'xingtu', oAuthorId: '7006229624431689736' }, source: 'x', addedAt: 1 }] }],
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('follow', () => {
  it('delivers the stored value, then every change, until stopped', async () => {
    const seen: unknown[] = [];
    let push: (raw: unknown) => void = () => undefined;
    const stop = follow(
      async () => 'first',
      (cb) => {
        push = cb;
        return () => undefined;
      },
      (raw) => raw,
      (value) => seen.push(value),
    );
    await tick();
    push('second');
    stop();
    push('third');
    expect(seen).toEqual(['first', 'second']);
  });

  it('a change seen before the first read settles wins over the (older) read', async () => {
    const seen: unknown[] = [];
    let release: (raw: unknown) => void = () => undefined;
    let push: (raw: unknown) => void = () => undefined;
    follow(
      () => new Promise((resolve) => (release = resolve)),
      (cb) => {
        push = cb;
        return () => undefined;
      },
      (raw) => raw,
      (value) => seen.push(value),
    );
    push('new');
    release('old');
    await tick();
    expect(seen).toEqual(['new']);
  });
});

describe('storageListSource', () => {
  it('reads and follows the stored lists, validated', async () => {
    await storage.setItem('local:creatorLists', STATE);
    const seen: ListsState[] = [];
    const stop = storageListSource.followLists((s) => seen.push(s));
    await tick();
    await storage.setItem('local:creatorLists', { currentId: 'l1', lists: 'garbage' });
    await tick();
    stop();
    expect(seen).toEqual([STATE, { currentId: null, lists: [] }]);
  });

  it('follows one list’s results and the run', async () => {
    const results: unknown[] = [];
    const runs: unknown[] = [];
    const stopResults = storageListSource.followResults('l1', (r) => results.push(r));
    const stopRun = storageListSource.followRun((r) => runs.push(r));
    await tick();
    await storage.setItem(listResultsKey('l1'), { 'x:1': { status: 'queued', platforms: {}, updatedAt: 1 }, bad: { status: 'nope' } });
    await storage.setItem(listResultsKey('l2'), { 'x:2': { status: 'queued', platforms: {}, updatedAt: 1 } });
    await tick();
    stopResults();
    stopRun();
    expect(results).toEqual([{}, { 'x:1': { status: 'queued', platforms: {}, updatedAt: 1 } }]);
    expect(runs).toEqual([null]);
  });
});
