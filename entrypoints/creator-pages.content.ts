import { browser, type Browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { detectCreatorPage, sameCreator } from '@/utils/page-detect';
import type { PageCreator } from '@/utils/creator';
import { PANEL_PAGE_PATH, PANEL_PORT_NAME, isLayoutMessage, type CreatorMessage } from '@/utils/panel-port';
import { mountPanelHost, type PanelHost } from '@/utils/panel-host';
import { onMessage } from '@/utils/messaging';

/**
 * Runs on every Xingtu page (the site is a single-page app, so a creator page can be reached
 * without a load). On other pages it only reads the URL; the panel (Preact + Chart.js) is an
 * extension page loaded in an iframe the first time a creator page is shown in the tab.
 */
export default defineContentScript({
  matches: ['https://www.xingtu.cn/*', 'https://xingtu.cn/*', 'https://star.toutiao.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    startPanelController(ctx);
  },
});

function startPanelController(ctx: ContentScriptContext): void {
  let creator: PageCreator | null = null;
  let panel: PanelHost | null = null;
  const ports = new Set<Browser.runtime.Port>();
  const panelUrl = browser.runtime.getURL(PANEL_PAGE_PATH);

  const send = (port: Browser.runtime.Port) => {
    const message: CreatorMessage = { type: 'creator', creator };
    port.postMessage(message);
  };

  const update = (url: string) => {
    const next = detectCreatorPage(url);
    if (sameCreator(next, creator)) return;
    creator = next;
    if (creator && !panel) panel = mountPanelHost();
    panel?.setVisible(creator !== null);
    ports.forEach(send);
  };

  const onConnect = (port: Browser.runtime.Port) => {
    // Only our own panel page may connect.
    if (port.name !== PANEL_PORT_NAME || port.sender?.id !== browser.runtime.id || !port.sender.url?.startsWith(panelUrl)) {
      port.disconnect();
      return;
    }
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    port.onMessage.addListener((message: unknown) => {
      if (isLayoutMessage(message)) panel?.applyLayout(message);
    });
    send(port);
  };
  browser.runtime.onConnect.addListener(onConnect);

  // The popup asks which creator this tab shows.
  const stopAnswering = onMessage('getPageCreator', () => creator);

  ctx.addEventListener(window, 'wxt:locationchange', (event) => update(event.newUrl.href));
  ctx.onInvalidated(() => {
    stopAnswering();
    browser.runtime.onConnect.removeListener(onConnect);
    ports.forEach((p) => p.disconnect());
    panel?.remove();
  });
  update(location.href);
}
