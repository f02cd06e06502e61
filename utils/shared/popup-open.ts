import { isOAuthorId } from './page-detect';

/**
 * "Open" on a list page badge's card shows that creator in the toolbar popup
 * (utils/background/popup-open.ts). The popup learns which creator in one of two ways:
 *
 * - opened as the toolbar popup (`action.openPopup`, Chrome 127+): it asks the background for
 *   the creator just handed over (`takeOpenedCreator`, kept in `storage.session` for a few
 *   seconds and given out once);
 * - opened as a small window of its own where the toolbar popup cannot be opened from a page's
 *   click (Chrome before 127, Firefox without a user gesture): `popup.html?creator=<id>`.
 */

/** The query parameter of popup.html that names the creator to show. */
export const POPUP_CREATOR_PARAM = 'creator';

/** How long a handed-over creator waits for the popup to take it. */
export const OPENED_CREATOR_TTL_MS = 10_000;

/** The creator a popup URL's query names (`?creator=<oAuthorId>`), or null for none or a malformed one. */
export function openedCreatorOf(search: string): string | null {
  const id = new URLSearchParams(search).get(POPUP_CREATOR_PARAM);
  return id !== null && isOAuthorId(id) ? id : null;
}

/** The popup page's path with the creator named (for the window it opens in). */
export function popupPathFor(oAuthorId: string): string {
  return `/popup.html?${POPUP_CREATOR_PARAM}=${encodeURIComponent(oAuthorId)}`;
}

/** Where "Open" showed the creator: the toolbar popup, or a popup window of its own. */
export type OpenedIn = 'popup' | 'window';
