import { describe, expect, it } from 'vitest';
import { placementFor, siteOf, withPlacement } from '../../utils/views/panel-state';

describe('the panel placement per site', () => {
  it('keys Xingtu and Douyin creators by their site', () => {
    expect(siteOf({ kind: 'xingtu', oAuthorId: '1' })).toBe('xingtu');
    expect(siteOf({ kind: 'douyin-reading' })).toBe('douyin');
  });

  it('reads a stored placement only when it is one', () => {
    const stored = { xingtu: { side: 'left', x: 40, bottom: 16, extra: 1 }, douyin: { side: 'up', x: 1, bottom: 1 } };
    expect(placementFor(stored, 'xingtu')).toEqual({ side: 'left', x: 40, bottom: 16 });
    expect(placementFor(stored, 'douyin')).toBeNull();
    expect(placementFor(null, 'xingtu')).toBeNull();
    expect(placementFor('corrupt', 'xingtu')).toBeNull();
  });

  it('replaces one site and keeps the other, dropping anything invalid', () => {
    const stored = { xingtu: { side: 'left', x: 40, bottom: 16 }, douyin: 'broken', other: 1 };
    expect(withPlacement(stored, 'douyin', { side: 'right', x: 20, bottom: 30 })).toEqual({
      xingtu: { side: 'left', x: 40, bottom: 16 },
      douyin: { side: 'right', x: 20, bottom: 30 },
    });
    expect(withPlacement(undefined, 'xingtu', { side: 'right', x: 0, bottom: 0 })).toEqual({ xingtu: { side: 'right', x: 0, bottom: 0 } });
  });
});
