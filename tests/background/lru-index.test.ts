import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { vi } from 'vitest';
import { createLruIndex, INDEX_VERSION, recordBytes } from '../../utils/background/lru-index';

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
    expect(await stored()).toEqual({
      'p:a': 2,
      'p:b': 3,
      pIndex: { version: INDEX_VERSION, entries: { 'p:a': [1001, recordBytes('p:a', 2)], 'p:b': [1001, recordBytes('p:b', 3)] } },
    });
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

describe('LRU index: byte budget', () => {
  const text = (n: number) => 'x'.repeat(n);
  const names = async () => Object.keys(await stored()).filter((k) => k.startsWith('p:')).sort();

  it('counts bytes as chrome.storage does: UTF-8 of the name and of the JSON', () => {
    expect(recordBytes('p:a', 'x')).toBe(3 + 3); // "x" with its quotes
    expect(recordBytes('p:美', '美食')).toBe(2 + 3 + 2 + 6);
    expect(recordBytes('p:a', { rows: [] })).toBe(3 + '{"rows":[]}'.length);
  });

  it('evicts the least recently used until the records fit in maxBytes', async () => {
    const c = clock();
    const lru = createLruIndex({ prefix: 'p:', indexKey: 'local:pIndex', maxEntries: 100, maxBytes: 350, now: c.now });
    for (const n of ['1', '2', '3']) {
      await lru.put({ [`p:${n}`]: text(100) }); // 3 + 102 bytes each
      c.advance(1);
    }
    await lru.touch(['p:1']);
    c.advance(1);
    await lru.put({ 'p:4': text(100) });
    expect(await names()).toEqual(['p:1', 'p:3', 'p:4']);
    expect(await lru.usage()).toEqual({ entries: 3, bytes: 3 * 105 });
  });

  it('bounds by entries and bytes, whichever is reached first', async () => {
    const c = clock();
    const lru = createLruIndex({ prefix: 'p:', indexKey: 'local:pIndex', maxEntries: 2, maxBytes: 10_000, now: c.now });
    for (const n of ['1', '2', '3']) {
      await lru.put({ [`p:${n}`]: 1 });
      c.advance(1);
    }
    expect(await names()).toEqual(['p:2', 'p:3']);
  });

  it('a record larger than the whole budget is not stored, and its older value goes', async () => {
    const c = clock();
    const lru = createLruIndex({ prefix: 'p:', indexKey: 'local:pIndex', maxEntries: 10, maxBytes: 200, now: c.now });
    await lru.put({ 'p:a': 'small', 'p:b': 'kept' });
    c.advance(1);
    await lru.put({ 'p:a': text(500) });
    expect(await names()).toEqual(['p:b']);
    expect(await lru.usage()).toEqual({ entries: 1, bytes: recordBytes('p:b', 'kept') });
  });

  it('stays within budget under many writes of random sizes', async () => {
    const c = clock();
    const lru = createLruIndex({ prefix: 'p:', indexKey: 'local:pIndex', maxEntries: 50, maxBytes: 20_000, now: c.now });
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 300; i++) {
      await lru.put({ [`p:${i % 80}`]: text(Math.floor(random() * 3000)) });
      c.advance(1);
    }
    const all = await stored();
    const records = Object.entries(all).filter(([k]) => k.startsWith('p:'));
    const bytes = records.reduce((sum, [k, value]) => sum + recordBytes(k, value), 0);
    expect(bytes).toBeLessThanOrEqual(20_000);
    expect(records.length).toBeLessThanOrEqual(50);
    expect(await lru.usage()).toEqual({ entries: records.length, bytes });
  });
});

describe('LRU index: older, corrupt and half-written indexes', () => {
  it('migrates a version 1 index (name → last used): keeps last uses, measures sizes, drops what is gone', async () => {
    const c = clock(10_000);
    await fakeBrowser.storage.local.set({
      'p:old': 'a',
      'p:new': 'b',
      'p:unindexed': 'c',
      pIndex: { 'p:old': 100, 'p:new': 900, 'p:missing': 500 },
    });
    const lru = createLruIndex({ prefix: 'p:', indexKey: 'local:pIndex', maxEntries: 2, now: c.now, lastUsedOf: () => 300 });
    await lru.put({ 'p:x': 'x' });
    // Kept: the newest of the old ones (900) and the new one; 'p:old' (100) and 'p:unindexed' (300) went.
    expect(Object.keys(await stored()).sort()).toEqual(['p:new', 'p:x', 'pIndex']);
    expect((await stored()).pIndex).toEqual({
      version: INDEX_VERSION,
      entries: { 'p:new': [900, recordBytes('p:new', 'b')], 'p:x': [10_000, recordBytes('p:x', 'x')] },
    });
  });

  it.each<[string, unknown]>([
    ['a string', 'garbage'],
    ['a future version', { version: 3, entries: {} }],
    ['entries of the wrong shape', { version: 2, entries: { 'p:a': 5 } }],
    ['a v1 index with a non-number', { 'p:a': 'yesterday' }],
    ['null', null],
  ])('rebuilds an index that is %s from the records present', async (_label, index) => {
    await fakeBrowser.storage.local.set({ 'p:a': 1, 'p:b': 2, pIndex: index });
    const lru = createLruIndex({ prefix: 'p:', indexKey: 'local:pIndex', maxEntries: 10, now: () => 5 });
    expect(await lru.usage()).toEqual({ entries: 2, bytes: recordBytes('p:a', 1) + recordBytes('p:b', 2) });
    await lru.touch(['p:a']);
    expect((await stored()).pIndex).toEqual({ version: INDEX_VERSION, entries: { 'p:a': [5, recordBytes('p:a', 1)], 'p:b': [0, recordBytes('p:b', 2)] } });
  });

  /** Every record with the prefix is in the index (nothing that could never be evicted). */
  async function noOrphans(): Promise<void> {
    const all = await stored();
    const entries = (all.pIndex as { entries?: Record<string, unknown> } | undefined)?.entries ?? {};
    for (const name of Object.keys(all).filter((k) => k.startsWith('p:'))) expect(entries, name).toHaveProperty([name]);
  }

  it.each([
    ['removing the evicted records', 'removeItems'],
    ['writing the index', 'setItems-index'],
    ['writing the records', 'setItems'],
  ])('a worker stopped while %s leaves no record the index does not know', async (_label, step) => {
    const c = clock();
    const lru = createLruIndex({ prefix: 'p:', indexKey: 'local:pIndex', maxEntries: 2, now: c.now });
    await lru.put({ 'p:1': 1 });
    c.advance(1);
    await lru.put({ 'p:2': 2 });
    c.advance(1);
    const local = fakeBrowser.storage.local;
    const stopped = new Error('service worker stopped');
    // The first storage write of that step fails, as if the worker died there.
    if (step === 'removeItems') vi.spyOn(local, 'remove').mockRejectedValueOnce(stopped);
    else {
      const real = local.set.bind(local);
      vi.spyOn(local, 'set').mockImplementation(async (items) => {
        const isIndex = Object.keys(items).includes('pIndex');
        if ((step === 'setItems-index') === isIndex) throw stopped;
        return real(items);
      });
    }
    await expect(lru.put({ 'p:3': 3 })).rejects.toThrow('service worker stopped');
    vi.restoreAllMocks();
    await noOrphans();
    // The next (new) worker carries on: bounded, consistent, 'p:3' written anew.
    const next = createLruIndex({ prefix: 'p:', indexKey: 'local:pIndex', maxEntries: 2, now: c.now });
    c.advance(1);
    await next.put({ 'p:3': 3 });
    await noOrphans();
    const names = Object.keys(await stored()).filter((k) => k.startsWith('p:'));
    expect(names.length).toBeLessThanOrEqual(2);
    expect(names).toContain('p:3');
  });

  it('touch re-indexes a record the index lost', async () => {
    await fakeBrowser.storage.local.set({ 'p:a': 'value', pIndex: { version: INDEX_VERSION, entries: {} } });
    const lru = createLruIndex({ prefix: 'p:', indexKey: 'local:pIndex', maxEntries: 10, now: () => 42 });
    await lru.touch(['p:a', 'p:gone']);
    expect((await stored()).pIndex).toEqual({ version: INDEX_VERSION, entries: { 'p:a': [42, recordBytes('p:a', 'value')] } });
  });
});
