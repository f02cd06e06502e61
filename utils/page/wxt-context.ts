/**
 * Stands in for WXT's ContentScriptContext in the content script's build (wxt.config.ts aliases
 * `wxt/utils/content-script-context` to this module for content scripts only). WXT's entry code
 * constructs a context before it calls `main`; the real one, on every page the script runs on,
 * reads the runtime API, dispatches an event on the document and listens on it, and makes an
 * AbortController: about 37 KB of the page's heap, before the script knows whether the page is
 * a creator page. entrypoints/creator-pages.content.ts does not use the context; what it did
 * (stop an older copy of the script, follow URL changes) is done on creator pages only
 * (utils/page/script-instance.ts, utils/page/url-watch.ts).
 */
export class ContentScriptContext {
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}
}
