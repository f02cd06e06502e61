import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createLruIndex } from '../utils/lru-index';

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const stored = (): Promise<Record<string, unknown>> => fakeBrowser.storage.local.get(null);

describe('LRU index', () => {
  it('writes several records at once without evicting one of them', async () => {
    const c = clock();
    const lru = createLruIndex({ prefix: 'p:', indexKey: 'local:pIndex', maxEntries: 2, now: c.now });
    await lru.put({ 'p:old': 1 });
    c.advance(1);
    await lru.put({ 'p:a': 2, 'p:b': 3 });
    expect(await stored()).toEqual({ 'p:a': 2, 'p:b': 3, pIndex: { 'p:a': 1001, 'p:b': 1001 } });
  });

  it('touch makes a record the most recently used', async () => {
    const c = clock();
    const lru = createLruIndex({ prefix: 'p:', indexKey: 'local:pIndex', maxEntries: 2, now: c.now });
    await lru.put({ 'p:1': 1 });
    c.advance(1);
    await lru.put({ 'p:2': 2 });
    c.advance(1);
    await lru.touch(['p:1']);
    c.advance(1);
    await lru.put({ 'p:3': 3 });
    expect(Object.keys(await stored()).sort()).toEqual(['p:1', 'p:3', 'pIndex']);
  });

  it('a transaction runs alone: concurrent read-decide-write tasks see each other', async () => {
    const lru = createLruIndex({ prefix: 'p:', indexKey: 'local:pIndex', maxEntries: 10, now: () => 1 });
    // Each task increments a counter it reads first; without serialisation increments are lost.
    const increment = () =>
      lru.transaction(async (tx) => {
        const current = ((await fakeBrowser.storage.local.get('p:n'))['p:n'] as number | undefined) ?? 0;
        await new Promise((r) => setTimeout(r, 1));
        await tx.put({ 'p:n': current + 1 });
      });
    await Promise.all([increment(), increment(), increment(), increment()]);
    expect((await stored())['p:n']).toBe(4);
  });

  it('a failing transaction does not block the next one', async () => {
    const lru = createLruIndex({ prefix: 'p:', indexKey: 'local:pIndex', maxEntries: 10, now: () => 1 });
    await expect(lru.transaction(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await lru.put({ 'p:a': 1 });
    expect((await stored())['p:a']).toBe(1);
  });

  it('indexes with different prefixes leave each other alone; clear removes only its own', async () => {
    const c = clock();
    const a = createLruIndex({ prefix: 'a:', indexKey: 'local:aIndex', maxEntries: 1, now: c.now });
    const b = createLruIndex({ prefix: 'b:', indexKey: 'local:bIndex', maxEntries: 1, now: c.now });
    await fakeBrowser.storage.local.set({ apiKey: 'k' });
    await a.put({ 'a:1': 1 });
    await b.put({ 'b:1': 1 });
    c.advance(1);
    await a.put({ 'a:2': 2 });
    expect(Object.keys(await stored()).sort()).toEqual(['a:2', 'aIndex', 'apiKey', 'b:1', 'bIndex']);
    await a.clear();
    expect(Object.keys(await stored()).sort()).toEqual(['apiKey', 'b:1', 'bIndex']);
  });

  it('rebuilds a lost index with lastUsedOf', async () => {
    const c = clock(100);
    const lru = createLruIndex({
      prefix: 'p:',
      indexKey: 'local:pIndex',
      maxEntries: 2,
      now: c.now,
      lastUsedOf: (value) => (typeof value === 'number' ? value : 0),
    });
    // Written by someone else, without an index: 50 is older than 70.
    await fakeBrowser.storage.local.set({ 'p:x': 70, 'p:y': 50 });
    await lru.put({ 'p:z': 1 });
    expect(Object.keys(await stored()).sort()).toEqual(['p:x', 'p:z', 'pIndex']);
  });
});
