/**
 * Tells the content script when the document's URL may have changed, on every page of the sites
 * (single-page apps move between pages with pushState). It only listens: nothing runs while the
 * page stays where it is.
 *
 * The Navigation API's `navigate` event comes *before* a move, for moves to other documents too
 * (a link to another page, which may never arrive: a download, a 204, a cancelled load). So the
 * check runs once the page's code that moved is done, and reads the URL the document then has
 * (`location.href`): the new URL after pushState, still the old one when another document is on
 * its way. Back and Forward within the app change the URL after the `navigate` event (a
 * traversal is asynchronous): `popstate` says when they have. Without the Navigation API the URL
 * is compared once a second.
 */

/** Polling interval where the Navigation API is missing. */
export const URL_POLL_MS = 1_000;

interface NavigationLike {
  addEventListener(type: 'navigate', listener: () => void): void;
  removeEventListener(type: 'navigate', listener: () => void): void;
}

/** Call `onMaybeChanged` after anything that can change the URL; returns the function that stops it. */
export function watchUrl(win: Window, onMaybeChanged: () => void): () => void {
  const navigation = (win as unknown as { navigation?: NavigationLike }).navigation;
  const afterMove = () => queueMicrotask(onMaybeChanged);
  win.addEventListener('popstate', onMaybeChanged);
  let stopPolling = () => {};
  if (typeof navigation?.addEventListener === 'function') {
    navigation.addEventListener('navigate', afterMove);
  } else {
    const id = win.setInterval(onMaybeChanged, URL_POLL_MS);
    stopPolling = () => win.clearInterval(id);
  }
  return () => {
    win.removeEventListener('popstate', onMaybeChanged);
    navigation?.removeEventListener?.('navigate', afterMove);
    stopPolling();
  };
}
