/**
 * Where the in-page panel sits, as pure arithmetic (the content script applies it:
 * utils/page/panel-host.ts; the panel stores it per site: utils/views/panel-state.ts).
 *
 * A placement is anchored to a side and the bottom: `x` is the distance from that side's edge,
 * `bottom` from the bottom edge. So the collapsed pill and the open panel share their corner, and
 * docking to the other side keeps the distance.
 */
export interface Placement {
  side: 'left' | 'right';
  x: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

export const DEFAULT_PLACEMENT: Placement = Object.freeze({ side: 'right', x: 16, bottom: 16 });

/** Room kept between the panel and the viewport's edges when sizing it. */
export const EDGE = 16;

/**
 * The tallest the open panel gets: 60 % of the viewport (so at 1366×768 it leaves the top 40 %,
 * where creator pages put their own header and buttons), never more than it needs (586 px today)
 * and never less than 120 px.
 */
export function panelMaxHeight(viewportHeight: number): number {
  return Math.max(120, Math.min(Math.round(viewportHeight * 0.6), viewportHeight - 2 * EDGE));
}

/** A small viewport (1024×700, or any page zoomed to about that): the panel starts folded. */
export function isCompactViewport(viewport: Size): boolean {
  return viewport.width < 1100 || viewport.height < 720;
}

const within = (value: number, max: number) => Math.round(Math.min(Math.max(value, 0), Math.max(max, 0)));

/** The placement moved as far as needed to keep a box of `size` (title bar first) inside the viewport. */
export function clampPlacement(place: Placement, size: Size, viewport: Size): Placement {
  return {
    side: place.side,
    x: within(place.x, viewport.width - size.width),
    bottom: within(place.bottom, viewport.height - size.height),
  };
}

/** The placement after the pointer moved by (dx, dy) screen pixels, kept inside the viewport. */
export function movePlacement(place: Placement, dx: number, dy: number, size: Size, viewport: Size): Placement {
  const x = place.side === 'right' ? place.x - dx : place.x + dx;
  return clampPlacement({ side: place.side, x, bottom: place.bottom - dy }, size, viewport);
}

/** Docked to the other side, at the same distance from its edge. */
export function dockOther(place: Placement): Placement {
  return { ...place, side: place.side === 'right' ? 'left' : 'right' };
}

const distance = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 20000;

export function isPlacement(value: unknown): value is Placement {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (v.side === 'left' || v.side === 'right') && distance(v.x) && distance(v.bottom);
}
