/**
 * One live copy of the content script per document. An update of the extension can run a new
 * copy in a page the old copy still runs in (Firefox injects the new one into open tabs); the
 * old copy's extension API is dead by then. When a copy starts its panel it tells older copies
 * to stop (an event on the document, named for the extension), and stops itself when a newer
 * one says so while its own extension API is gone. A page can dispatch an event of that name too
 * (the extension id is in the panel frame's URL): a copy whose API still works ignores it, so no
 * page can take the panel away. (WXT's content script context does the same at every start, on
 * every page, and stops at any such event; here it happens only on creator pages: a page that
 * never shows a creator pays nothing for it.)
 */

/** The event a copy announces itself with, unique to the extension. */
export function startedEventName(extensionId: string): string {
  return `${extensionId}:creator-pages:started`;
}

/**
 * Tell older copies to stop, then call `onReplaced` once a newer copy announces itself while
 * `isOrphaned()` (this copy's extension API is gone); returns the function that stops listening.
 */
export function claimDocument(doc: Document, extensionId: string, isOrphaned: () => boolean, onReplaced: () => void): () => void {
  const type = startedEventName(extensionId);
  doc.dispatchEvent(new Event(type)); // before our own listener: it never hears itself
  const release = () => doc.removeEventListener(type, listener);
  const listener = () => {
    if (!isOrphaned()) return; // a live copy: the event is a page's
    release();
    onReplaced();
  };
  doc.addEventListener(type, listener);
  return release;
}
