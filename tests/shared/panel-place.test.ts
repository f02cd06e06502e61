import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLACEMENT,
  clampPlacement,
  dockOther,
  isCompactViewport,
  isPlacement,
  movePlacement,
  panelMaxHeight,
  type Placement,
} from '../../utils/shared/panel-place';

const PANEL = { width: 360, height: 420 };

describe('panel placement', () => {
  it('caps the open panel at 60 % of the viewport height, leaving at least 16 px each side', () => {
    expect(panelMaxHeight(700)).toBe(420);
    expect(panelMaxHeight(768)).toBe(461);
    expect(panelMaxHeight(800)).toBe(480);
    expect(panelMaxHeight(150)).toBe(120); // never below 120
    expect(panelMaxHeight(300)).toBe(180);
  });

  it('calls 1024×700 small (start folded) and 1280×800, 1366×768 large', () => {
    expect(isCompactViewport({ width: 1024, height: 700 })).toBe(true);
    expect(isCompactViewport({ width: 640, height: 400 })).toBe(true); // 1280×800 at 200 %
    expect(isCompactViewport({ width: 1280, height: 800 })).toBe(false);
    expect(isCompactViewport({ width: 1366, height: 768 })).toBe(false);
  });

  it('keeps the whole panel, title bar first, inside the viewport', () => {
    const high: Placement = { side: 'right', x: 16, bottom: 500 };
    // At 1280×800 a bottom of 500 would put the title bar above the top edge: clamped to 380.
    expect(clampPlacement(high, PANEL, { width: 1280, height: 800 })).toEqual({ side: 'right', x: 16, bottom: 380 });
    // Zoomed to 640×400 with a 240 px panel: back inside.
    expect(clampPlacement({ side: 'left', x: 900, bottom: 900 }, { width: 360, height: 240 }, { width: 640, height: 400 })).toEqual({
      side: 'left',
      x: 280,
      bottom: 160,
    });
    expect(clampPlacement({ side: 'left', x: -40, bottom: -3 }, PANEL, { width: 1280, height: 800 })).toEqual({ side: 'left', x: 0, bottom: 0 });
    // A panel larger than the viewport sits at the edges (x 0, bottom 0): never negative.
    expect(clampPlacement(DEFAULT_PLACEMENT, { width: 700, height: 900 }, { width: 640, height: 400 })).toEqual({ side: 'right', x: 0, bottom: 0 });
  });

  it('moves with the pointer from either side, clamped', () => {
    const view = { width: 1280, height: 800 };
    // Pointer 100 px left and 50 px up: 100 px further from the right edge, 50 px higher.
    expect(movePlacement(DEFAULT_PLACEMENT, -100, -50, PANEL, view)).toEqual({ side: 'right', x: 116, bottom: 66 });
    expect(movePlacement({ side: 'left', x: 16, bottom: 16 }, -100, 10, PANEL, view)).toEqual({ side: 'left', x: 0, bottom: 6 });
    expect(movePlacement({ side: 'left', x: 16, bottom: 16 }, 5000, -5000, PANEL, view)).toEqual({ side: 'left', x: 920, bottom: 380 });
  });

  it('docks to the other side at the same distance', () => {
    expect(dockOther({ side: 'right', x: 40, bottom: 16 })).toEqual({ side: 'left', x: 40, bottom: 16 });
    expect(dockOther(dockOther(DEFAULT_PLACEMENT))).toEqual(DEFAULT_PLACEMENT);
  });

  it('accepts only well-formed placements', () => {
    expect(isPlacement({ side: 'left', x: 0, bottom: 10 })).toBe(true);
    expect(isPlacement({ side: 'top', x: 0, bottom: 10 })).toBe(false);
    expect(isPlacement({ side: 'left', x: -1, bottom: 10 })).toBe(false);
    expect(isPlacement({ side: 'left', x: Number.NaN, bottom: 10 })).toBe(false);
    expect(isPlacement({ side: 'left', x: 1, bottom: 1e9 })).toBe(false);
    expect(isPlacement({ side: 'left', x: '1', bottom: 1 })).toBe(false);
    expect(isPlacement(null)).toBe(false);
  });
});
