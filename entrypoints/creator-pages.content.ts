import { defineContentScript } from 'wxt/utils/define-content-script';
import { CREATOR_SITE_MATCHES } from '@/utils/shared/sites';
import { detectCreatorPage } from '@/utils/shared/page-detect';
import { liveExtensionId } from '@/utils/page/extension-api';
import { startPanelController, type PanelController } from '@/utils/page/panel-controller';
import { watchUrl } from '@/utils/page/url-watch';
import { loadBadgesOn } from '@/utils/page/badge-loader';

/**
 * Runs on every Xingtu and Douyin page (both are single-page apps, so a creator page can be
 * reached without a load). Until a page is a creator page it only reads the URL when it may have
 * changed: no extension API, no DOM, nothing kept (each costs the page's heap; see
 * docs/performance.md). On the first creator page it starts the panel controller
 * (utils/page/panel-controller.ts): the panel (Preact + Chart.js) is an extension page loaded in
 * an iframe, made once the page has loaded (utils/page/mount-timing.ts).
 *
 * WXT's content script context is not used: its constructor does work on every page (an event
 * on the document, the runtime API) that this script does only on creator pages
 * (utils/page/script-instance.ts; wxt.config.ts swaps the context for utils/page/wxt-context.ts).
 */
export default defineContentScript({
  matches: CREATOR_SITE_MATCHES,
  runAt: 'document_idle',
  // WXT would otherwise window.postMessage a message whose type carries the extension id: a
  // page could read it (and learn the extension's id).
  noScriptStartedPostMessage: true,
  main() {
    let controller: PanelController | null = null;
    let stopWatching = () => {};
    const check = () => {
      loadBadgesOn(location.href); // list pages only (utils/shared/list-pages.ts)
      if (controller) {
        controller.update();
        return;
      }
      if (detectCreatorPage(location.href) === null) return;
      if (liveExtensionId() === undefined) {
        stopWatching(); // an orphaned copy (the extension was updated or removed)
        return;
      }
      controller = startPanelController(() => stopWatching());
      controller.update();
    };
    stopWatching = watchUrl(window, check);
    check();
  },
});
