import { describe, expect, it, vi } from 'vitest';
import { createInFlight } from '../../utils/background/inflight';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createInFlight', () => {
  it('shares one promise between concurrent calls with the same key', async () => {
    const inFlight = createInFlight<number>();
    const d = deferred<number>();
    const fn = vi.fn(() => d.promise);
    const a = inFlight.run('k', fn);
    const b = inFlight.run('k', fn);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(inFlight.size()).toBe(1);
    d.resolve(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
  });

  it('does not share between different keys', async () => {
    const inFlight = createInFlight<string>();
    const fn = vi.fn(async () => 'x');
    await Promise.all([inFlight.run('a', fn), inFlight.run('b', fn)]);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('removes the entry after success, so the next call runs again', async () => {
    const inFlight = createInFlight<number>();
    const fn = vi.fn(async () => 1);
    await inFlight.run('k', fn);
    expect(inFlight.size()).toBe(0);
    await inFlight.run('k', fn);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('removes the entry after failure and rejects every sharer', async () => {
    const inFlight = createInFlight<number>();
    const d = deferred<number>();
    const a = inFlight.run('k', () => d.promise);
    const b = inFlight.run('k', () => Promise.resolve(2));
    d.reject(new Error('boom'));
    await expect(a).rejects.toThrow('boom');
    await expect(b).rejects.toThrow('boom');
    expect(inFlight.size()).toBe(0);
    expect(await inFlight.run('k', () => Promise.resolve(3))).toBe(3);
  });

  it('turns a synchronous throw into a rejection and does not keep the entry', async () => {
    const inFlight = createInFlight<number>();
    await expect(
      inFlight.run('k', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(inFlight.size()).toBe(0);
  });
});
