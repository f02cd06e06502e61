import type { WxtBrowser } from 'wxt/browser';

/**
 * The extension API in the content script, looked up when first used. `wxt/browser` looks it up
 * when the script loads, on every page; the first touch of the runtime API builds its bindings in
 * the page's heap (about 12 KB), so the content script touches it only once a page is a creator
 * page. The same choice as `wxt/browser` (the `browser` namespace where it is the extension's,
 * else `chrome`).
 */
export function extensionApi(): WxtBrowser {
  const scope = globalThis as unknown as { browser?: WxtBrowser; chrome?: WxtBrowser };
  return (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as WxtBrowser;
}

/** The extension's id, or undefined once this copy of the content script is orphaned (the extension was updated, reloaded or removed). */
export function liveExtensionId(): string | undefined {
  try {
    return extensionApi()?.runtime?.id;
  } catch {
    return undefined;
  }
}
