import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDistributionCache, DEFAULT_MAX_CACHE_BYTES } from '../../utils/background/cache';
import { INDEX_VERSION, recordBytes } from '../../utils/background/lru-index';
import type { CategoryRow } from '../../utils/shared/types';

/** The records an LRU index item lists (utils/background/lru-index.ts: `{ version: 2, entries }`). */
function indexEntries(index: unknown): Record<string, unknown> {
  return (index as { entries?: Record<string, unknown> } | undefined)?.entries ?? {};
}

const ID = '7006229624431689736';
const HOUR = 3_600_000;
const ROWS: CategoryRow[] = [
  { name: '美食', count: 3, share: 0.75 },
  { name: '音乐', count: 1, share: 0.25 },
];

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

async function stored(): Promise<Record<string, unknown>> {
  return fakeBrowser.storage.local.get(null);
}

describe('distribution cache', () => {
  it('returns what was stored, within the TTL', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now });
    expect(await cache.get(ID, 'SHORT_VIDEO', HOUR)).toBeNull();
    await cache.set(ID, 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() });
    c.advance(HOUR - 1);
    expect(await cache.get(ID, 'SHORT_VIDEO', HOUR)).toEqual({ rows: ROWS, fetchedAt: 1_000_000 });
  });

  it('reads the entry while the lifetime is still being read (a promise), then applies it', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now });
    await cache.set(ID, 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() });
    c.advance(2 * HOUR);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    let giveTtl: (ms: number) => void = () => undefined;
    const answer = cache.get(ID, 'SHORT_VIDEO', new Promise<number>((resolve) => (giveTtl = resolve)));
    await vi.waitFor(() => expect(get).toHaveBeenCalled()); // before the lifetime is known
    giveTtl(HOUR);
    expect(await answer).toBeNull(); // 2 h old, 1 h lifetime
    expect(await cache.get(ID, 'SHORT_VIDEO', Promise.resolve(3 * HOUR))).not.toBeNull();
    get.mockRestore();
  });

  it('an expired entry is a miss', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now });
    await cache.set(ID, 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() });
    c.advance(HOUR);
    expect(await cache.get(ID, 'SHORT_VIDEO', HOUR)).toBeNull();
    // The TTL is the caller's: a longer one finds it again.
    expect(await cache.get(ID, 'SHORT_VIDEO', 2 * HOUR)).not.toBeNull();
  });

  it('an entry from the future (clock went back) is a miss', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now });
    await cache.set(ID, 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() + 10 * HOUR });
    expect(await cache.get(ID, 'SHORT_VIDEO', 24 * HOUR)).toBeNull();
  });

  it('keys by id and platform', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now });
    await cache.set(ID, 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() });
    expect(await cache.get(ID, 'LIVE_STREAMING', HOUR)).toBeNull();
    expect(await cache.get('7006229624431689737', 'SHORT_VIDEO', HOUR)).toBeNull();
    expect(await cache.get(ID, 'SHORT_VIDEO', HOUR)).not.toBeNull();
  });

  it('caches an empty list', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now });
    await cache.set(ID, 'PICTURE_TEXT', { rows: [], fetchedAt: c.now() });
    expect(await cache.get(ID, 'PICTURE_TEXT', HOUR)).toEqual({ rows: [], fetchedAt: c.now() });
  });

  it('persists in browser.storage.local across instances', async () => {
    const c = clock();
    await createDistributionCache({ now: c.now }).set(ID, 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() });
    expect(Object.keys(await stored())).toContain(`dist:SHORT_VIDEO:${ID}`);
    expect(await createDistributionCache({ now: c.now }).get(ID, 'SHORT_VIDEO', HOUR)).toEqual({ rows: ROWS, fetchedAt: c.now() });
  });

  it.each([
    ['a string', 'hello'],
    ['rows missing', { fetchedAt: 1_000_000 }],
    ['fetchedAt a string', { rows: [], fetchedAt: '1000000' }],
    ['a row with a negative count', { rows: [{ name: 'x', count: -1, share: 0.5 }], fetchedAt: 1_000_000 }],
    ['a row with share > 1', { rows: [{ name: 'x', count: 1, share: 2 }], fetchedAt: 1_000_000 }],
    ['a row without a name', { rows: [{ count: 1, share: 1 }], fetchedAt: 1_000_000 }],
  ])('a corrupt record (%s) is a miss and is removed', async (_label, record) => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now });
    await cache.set(ID, 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() });
    await fakeBrowser.storage.local.set({ [`dist:SHORT_VIDEO:${ID}`]: record });
    expect(await cache.get(ID, 'SHORT_VIDEO', HOUR)).toBeNull();
    const after = await stored();
    expect(after[`dist:SHORT_VIDEO:${ID}`]).toBeUndefined();
    expect(indexEntries(after.distIndex)).toEqual({});
  });

  it('evicts the least recently used entry past maxEntries', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now, maxEntries: 3 });
    for (const id of ['1', '2', '3']) {
      await cache.set(id, 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() });
      c.advance(1000);
    }
    // Reading '1' makes '2' the least recently used.
    expect(await cache.get('1', 'SHORT_VIDEO', HOUR)).not.toBeNull();
    c.advance(1000);
    await cache.set('4', 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() });

    expect(await cache.get('2', 'SHORT_VIDEO', HOUR)).toBeNull();
    for (const id of ['1', '3', '4']) expect(await cache.get(id, 'SHORT_VIDEO', HOUR)).not.toBeNull();
    const keys = Object.keys(await stored()).filter((k) => k.startsWith('dist:'));
    expect(keys.sort()).toEqual(['dist:SHORT_VIDEO:1', 'dist:SHORT_VIDEO:3', 'dist:SHORT_VIDEO:4']);
  });

  it('stays bounded under many writes (default 300)', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now });
    for (let i = 0; i < 310; i++) {
      await cache.set(String(i), 'SHORT_VIDEO', { rows: [], fetchedAt: c.now() });
      c.advance(1);
    }
    const all = await stored();
    expect(Object.keys(all).filter((k) => k.startsWith('dist:'))).toHaveLength(300);
    expect(Object.keys(indexEntries(all.distIndex))).toHaveLength(300);
    expect(all['dist:SHORT_VIDEO:0']).toBeUndefined();
    expect(all['dist:SHORT_VIDEO:309']).toBeDefined();
  });

  it('concurrent writes lose no index entry', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now, maxEntries: 100 });
    await Promise.all(['1', '2', '3', '4', '5'].map((id) => cache.set(id, 'SHORT_VIDEO', { rows: [], fetchedAt: c.now() })));
    expect(Object.keys(indexEntries((await stored()).distIndex)).sort()).toEqual(['1', '2', '3', '4', '5'].map((id) => `dist:SHORT_VIDEO:${id}`));
  });

  it('rebuilds a corrupt index from the entries present, so they can still be evicted', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now, maxEntries: 2 });
    await cache.set('1', 'SHORT_VIDEO', { rows: [], fetchedAt: c.now() });
    c.advance(10);
    await cache.set('2', 'SHORT_VIDEO', { rows: [], fetchedAt: c.now() });
    await fakeBrowser.storage.local.set({ distIndex: 'garbage' });
    c.advance(10);
    await cache.set('3', 'SHORT_VIDEO', { rows: [], fetchedAt: c.now() });
    const keys = Object.keys(await stored()).filter((k) => k.startsWith('dist:'));
    expect(keys.sort()).toEqual(['dist:SHORT_VIDEO:2', 'dist:SHORT_VIDEO:3']);
  });

  it('clear removes every entry and the index, and nothing else', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now });
    await fakeBrowser.storage.local.set({ apiKey: 'k', settings: { endpoint: 'cn' } });
    await cache.set('1', 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() });
    await cache.set('1', 'LIVE_STREAMING', { rows: ROWS, fetchedAt: c.now() });
    await cache.clear();
    expect(await cache.get('1', 'SHORT_VIDEO', HOUR)).toBeNull();
    expect(await stored()).toEqual({ apiKey: 'k', settings: { endpoint: 'cn' } });
  });

  it('stores only the row fields', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now });
    const extra: CategoryRow[] = [Object.assign({ name: 'x', count: 1, share: 1 }, { html: '<b>' })];
    await cache.set(ID, 'SHORT_VIDEO', { rows: extra, fetchedAt: c.now() });
    expect((await stored())[`dist:SHORT_VIDEO:${ID}`]).toEqual({ rows: [{ name: 'x', count: 1, share: 1 }], fetchedAt: c.now() });
  });
});

describe('distribution cache: bytes and older layouts', () => {
  /** `n` categories with names of `len` characters (CJK: 3 bytes each in UTF-8). */
  const bigRows = (n: number, len: number): CategoryRow[] =>
    Array.from({ length: n }, (_, i) => ({ name: `${'美'.repeat(len - String(i).length)}${i}`, count: i, share: 0 }));
  const bytesStored = async () =>
    Object.entries(await stored())
      .filter(([k]) => k.startsWith('dist:'))
      .reduce((sum, [k, value]) => sum + recordBytes(k, value), 0);

  it('the default budget is 2 MB, and the cache never holds more', async () => {
    expect(DEFAULT_MAX_CACHE_BYTES).toBe(2 * 1024 * 1024);
    const c = clock();
    const cache = createDistributionCache({ now: c.now });
    // 500 categories of 100 CJK characters: about 160 KB per answer, so 13 fit.
    const rows = bigRows(500, 100);
    for (let i = 0; i < 20; i++) {
      await cache.set(String(i), 'SHORT_VIDEO', { rows, fetchedAt: c.now() });
      c.advance(1);
    }
    const bytes = await bytesStored();
    expect(bytes).toBeLessThanOrEqual(DEFAULT_MAX_CACHE_BYTES);
    expect(bytes).toBeGreaterThan(DEFAULT_MAX_CACHE_BYTES * 0.9);
    // The most recent answers are the ones kept.
    expect(await cache.get('19', 'SHORT_VIDEO', HOUR)).not.toBeNull();
    expect(await cache.get('0', 'SHORT_VIDEO', HOUR)).toBeNull();
  });

  it('evicts by bytes in least-recently-used order', async () => {
    const c = clock();
    const rows = bigRows(10, 50); // about 1.6 KB
    const one = recordBytes(`dist:SHORT_VIDEO:1`, { rows, fetchedAt: c.now() });
    const cache = createDistributionCache({ now: c.now, maxBytes: 3 * one + 10 });
    for (const id of ['1', '2', '3']) {
      await cache.set(id, 'SHORT_VIDEO', { rows, fetchedAt: c.now() });
      c.advance(1);
    }
    expect(await cache.get('1', 'SHORT_VIDEO', HOUR)).not.toBeNull(); // '2' is now the oldest
    c.advance(1);
    await cache.set('4', 'SHORT_VIDEO', { rows, fetchedAt: c.now() });
    const keys = Object.keys(await stored()).filter((k) => k.startsWith('dist:'));
    expect(keys.sort()).toEqual(['dist:SHORT_VIDEO:1', 'dist:SHORT_VIDEO:3', 'dist:SHORT_VIDEO:4']);
  });

  it('an answer larger than the whole budget is not cached (the next view asks again)', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now, maxBytes: 10_000 });
    await cache.set('small', 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() });
    await cache.set(ID, 'SHORT_VIDEO', { rows: bigRows(100, 100), fetchedAt: c.now() });
    expect(await cache.get(ID, 'SHORT_VIDEO', HOUR)).toBeNull();
    expect(await cache.get('small', 'SHORT_VIDEO', HOUR)).not.toBeNull();
  });

  it('reads entries written with the version 1 index, and migrates the index', async () => {
    const c = clock(5_000_000);
    const entry = { rows: ROWS, fetchedAt: 4_000_000 };
    await fakeBrowser.storage.local.set({ [`dist:SHORT_VIDEO:${ID}`]: entry, distIndex: { [`dist:SHORT_VIDEO:${ID}`]: 4_500_000 } });
    const cache = createDistributionCache({ now: c.now });
    expect(await cache.get(ID, 'SHORT_VIDEO', HOUR)).toEqual(entry);
    // The use is recorded just after the answer (utils/background/cache.ts get).
    await vi.waitFor(async () =>
      expect((await stored()).distIndex).toEqual({
        version: INDEX_VERSION,
        entries: { [`dist:SHORT_VIDEO:${ID}`]: [5_000_000, recordBytes(`dist:SHORT_VIDEO:${ID}`, entry)] },
      }),
    );
  });

  it('a hit is answered without waiting for its use to be recorded; the use still counts for eviction', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now, maxEntries: 2 });
    await cache.set('a', 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() });
    c.advance(1);
    await cache.set('b', 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() });
    c.advance(1);
    // Index writes hang: the answer must not.
    const realSet = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const spy = vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      if ('distIndex' in items) await held;
      return realSet(items);
    });
    try {
      expect(await cache.get('a', 'SHORT_VIDEO', HOUR)).not.toBeNull(); // 'a' is now the most recent
    } finally {
      release();
      spy.mockRestore();
    }
    c.advance(1);
    await cache.set('c', 'SHORT_VIDEO', { rows: ROWS, fetchedAt: c.now() }); // evicts the least recent: 'b'
    expect(await cache.get('a', 'SHORT_VIDEO', HOUR)).not.toBeNull();
    expect(await cache.get('b', 'SHORT_VIDEO', HOUR)).toBeNull();
  });

  it('a record of another shape (an older or future layout) is a miss and is removed, never a crash', async () => {
    const c = clock();
    const cache = createDistributionCache({ now: c.now });
    const layouts: unknown[] = [
      { data: ROWS, time: 1 }, // some other layout
      { rows: ROWS.map((r) => [r.name, r.count]), fetchedAt: c.now() },
      { version: 9, rows: 'compressed', fetchedAt: c.now() },
      [ROWS],
      42,
    ];
    for (const [i, layout] of layouts.entries()) {
      await fakeBrowser.storage.local.set({ [`dist:SHORT_VIDEO:${i}`]: layout });
      expect(await cache.get(String(i), 'SHORT_VIDEO', HOUR)).toBeNull();
      expect((await stored())[`dist:SHORT_VIDEO:${i}`]).toBeUndefined();
    }
  });
});
