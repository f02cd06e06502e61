import { describe, expect, it } from 'vitest';
import { publishDouyinReader, publishedDouyinReader, type DouyinReaderFactory } from '@/utils/page/douyin/reader-chunk';

const factory: DouyinReaderFactory = () => ({ read: () => {}, stop: () => {} });

describe('the Douyin reader chunk hand-over', () => {
  it('nothing is published until the chunk publishes', () => {
    expect(publishedDouyinReader({})).toBeUndefined();
  });

  it('what the chunk publishes on its world is what the content script takes, and it is not enumerable', () => {
    const world = {};
    publishDouyinReader(factory, world);
    expect(publishedDouyinReader(world)).toBe(factory);
    expect(Object.keys(world)).toEqual([]);
    // A second copy of the chunk (the same world) may publish again.
    const other: DouyinReaderFactory = () => ({ read: () => {}, stop: () => {} });
    publishDouyinReader(other, world);
    expect(publishedDouyinReader(world)).toBe(other);
  });

  it('something else under the name is not taken for a reader', () => {
    expect(publishedDouyinReader({ __xdpDouyinOwnerReader: 'not a function' })).toBeUndefined();
  });
});
