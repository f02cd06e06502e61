import { storage } from 'wxt/utils/storage';
import { isPlacement, type Placement } from '../shared/panel-place';
import type { PageCreator } from '../shared/creator';

/**
 * Whether the user folded the in-page panel; remembered across pages and restarts. Null until the
 * user chose: the panel then starts folded on a small viewport (utils/shared/panel-place.ts).
 */
export const panelCollapsedItem = storage.defineItem<boolean | null>('local:panelCollapsed', { fallback: null });

/**
 * Where the user put the panel, per site ('xingtu', 'douyin'). In storage.local, which only
 * extension pages and the service worker can read (docs/security.md): the page never sees it,
 * and the content script learns it only from the panel, over the trusted port.
 */
export const panelPlacementItem = storage.defineItem<Record<string, unknown>>('local:panelPlacement', { fallback: {} });

export type PanelSite = 'xingtu' | 'douyin';

/** The site a creator page belongs to, which keys the placement. */
export function siteOf(creator: PageCreator): PanelSite {
  return creator.kind === 'xingtu' ? 'xingtu' : 'douyin';
}

/** The stored placement for `site`, or null (none, or not a placement). */
export function placementFor(stored: unknown, site: PanelSite): Placement | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const value = (stored as Record<string, unknown>)[site];
  return isPlacement(value) ? { side: value.side, x: value.x, bottom: value.bottom } : null;
}

/** The stored record with `site`'s placement replaced (other sites kept, anything invalid dropped). */
export function withPlacement(stored: unknown, site: PanelSite, placement: Placement): Record<PanelSite, Placement> {
  const next = {} as Record<PanelSite, Placement>;
  for (const other of ['xingtu', 'douyin'] as const) {
    const kept = placementFor(stored, other);
    if (kept) next[other] = kept;
  }
  next[site] = { side: placement.side, x: placement.x, bottom: placement.bottom };
  return next;
}
