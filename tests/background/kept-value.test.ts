import { describe, expect, it, vi } from 'vitest';
import { keptValue } from '../../utils/background/kept-value';

/** A small record in storage, mirrored in memory: read once, written through, never throwing. */

const parseNumber = (raw: unknown): number | null => (typeof raw === 'number' ? raw : null);

describe('keptValue', () => {
  it('reads storage once, validated; then answers from memory', async () => {
    const store = { get: vi.fn(async () => 5 as unknown), set: vi.fn(async () => undefined) };
    const kept = keptValue(store, parseNumber);
    expect(await kept.get()).toBe(5);
    expect(await kept.get()).toBe(5);
    expect(store.get).toHaveBeenCalledTimes(1);
  });

  it('a record of another shape is none', async () => {
    const kept = keptValue({ get: async () => 'five', set: async () => undefined }, parseNumber);
    expect(await kept.get()).toBeNull();
  });

  it('writes through; a failing storage keeps the value in memory and does not throw', async () => {
    const written: (number | null)[] = [];
    const kept = keptValue<number>({ get: async () => null, set: async (v) => void written.push(v) }, parseNumber);
    await kept.set(7);
    expect(written).toEqual([7]);
    const broken = keptValue<number>(
      { get: async () => Promise.reject(new Error('unreadable')), set: async () => Promise.reject(new Error('full')) },
      parseNumber,
    );
    expect(await broken.get()).toBeNull();
    await broken.set(3);
    expect(await broken.get()).toBe(3);
  });
});
