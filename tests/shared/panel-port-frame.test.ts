import { describe, expect, it } from 'vitest';
import { isFrameRequest, isLayoutMessage } from '../../utils/shared/panel-port';
import { isFrameMessage } from '../../utils/views/frame-message';

describe('frame messages over the panel port', () => {
  it('accepts the panel’s frame requests in their shapes only', () => {
    expect(isFrameRequest({ type: 'place', placement: { side: 'left', x: 10, bottom: 20 } })).toBe(true);
    expect(isFrameRequest({ type: 'place', placement: { side: 'left', x: -10, bottom: 20 } })).toBe(false);
    expect(isFrameRequest({ type: 'move', dx: -16, dy: 0, done: true })).toBe(true);
    expect(isFrameRequest({ type: 'move', dx: 1e6, dy: 0, done: true })).toBe(false);
    expect(isFrameRequest({ type: 'move', dx: 1, dy: 0 })).toBe(false);
    expect(isFrameRequest({ type: 'drag', x: 12, y: 8, phase: 'start' })).toBe(true);
    expect(isFrameRequest({ type: 'drag', x: 12, y: 8, phase: 'fling' })).toBe(false);
    expect(isFrameRequest({ type: 'drag', x: Number.NaN, y: 8, phase: 'move' })).toBe(false);
    for (const type of ['dock', 'focus-page', 'focus-frame']) expect(isFrameRequest({ type })).toBe(true);
    expect(isFrameRequest({ type: 'layout', collapsed: false, width: 1, height: 1 })).toBe(false);
    expect(isFrameRequest('dock')).toBe(false);
    expect(isLayoutMessage({ type: 'dock' })).toBe(false);
  });

  it('accepts the content script’s frame state in its shape only', () => {
    const ok = { type: 'frame', compact: true, theme: 'dark', placement: { side: 'right', x: 16, bottom: 16 }, moved: false };
    expect(isFrameMessage(ok)).toBe(true);
    expect(isFrameMessage({ ...ok, theme: 'sepia' })).toBe(false);
    expect(isFrameMessage({ ...ok, compact: 'yes' })).toBe(false);
    expect(isFrameMessage({ ...ok, placement: null })).toBe(false);
    expect(isFrameMessage({ ...ok, moved: undefined })).toBe(false);
  });
});
