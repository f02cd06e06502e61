import { browser, type Browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { CREATOR_SITE_MATCHES } from '@/utils/shared/sites';
import { detectCreatorPage, sameCreatorPage, type CreatorPage } from '@/utils/shared/page-detect';
import type { DouyinAccount, PageCreator } from '@/utils/shared/creator';
import type { DouyinProfile } from '@/utils/page/douyin/profile';
import { waitForDouyinProfile } from '@/utils/page/douyin/wait-for-profile';
import { createOwnerFetcher, secUidToFetch } from '@/utils/page/douyin/fetch-profile';
import {
  PAGE_PORT_NAME,
  PANEL_PAGE_PATH,
  extensionOriginOf,
  isHelloMessage,
  isLayoutMessage,
  isPanelReadyMessage,
  newFrameToken,
  portPageOf,
  type CreatorMessage,
} from '@/utils/shared/panel-port';
import { mountPanelHost, type PanelHost } from '@/utils/page/panel-host';
import { DETECTED_MARK, mark } from '@/utils/shared/perf-marks';

/** How long a Douyin page may take to show who it is before the panel says it cannot tell. */
const READ_TIMEOUT_MS = 10_000;

/**
 * Runs on every Xingtu and Douyin page (both are single-page apps, so a creator page can be
 * reached without a load). On other pages it only reads the URL; the panel (Preact + Chart.js)
 * is an extension page loaded in an iframe the first time a creator page is shown in the tab.
 */
export default defineContentScript({
  matches: CREATOR_SITE_MATCHES,
  runAt: 'document_idle',
  // WXT would otherwise window.postMessage a message whose type carries the extension id: a
  // page could read it (and learn the extension's id).
  noScriptStartedPostMessage: true,
  main(ctx) {
    startPanelController(ctx);
  },
});

function accountOf(profile: DouyinProfile): DouyinAccount {
  return { uid: profile.uid, secUid: profile.secUid, nickname: profile.nickname, uniqueId: profile.uniqueId };
}

/** The sec_uid of the creator page this document was loaded for (its server data is about it). */
function loadedSecUid(): string | null {
  const entry = performance.getEntriesByType('navigation')[0];
  const loaded = detectCreatorPage(entry?.name ?? location.href);
  return loaded?.site === 'douyin' && loaded.page.kind === 'douyin-user' ? loaded.page.secUid : null;
}

function startPanelController(ctx: ContentScriptContext): void {
  let page: CreatorPage | null = null;
  let creator: PageCreator | null = null;
  let reading: AbortController | null = null;
  let panel: PanelHost | null = null;
  /** Ports that may learn the creator: the popup, and the panel in our own iframe. */
  const ports = new Set<Browser.runtime.Port>();
  // Proves that a panel is the one in our iframe (utils/shared/panel-port.ts); new for every page load.
  const frameToken = newFrameToken();
  // After an in-app move, the uid comes from the profile page's own HTML: one same-origin GET
  // per sec_uid per page lifetime (utils/page/douyin/fetch-profile.ts).
  const fetchOwner = createOwnerFetcher(location.origin, { signal: ctx.signal });
  const loadedFor = loadedSecUid();
  // This extension's page origins: the real one, and the (dynamic) one getURL gives us.
  const origins = [...new Set([extensionOriginOf(browser.runtime.getURL(PANEL_PAGE_PATH)), `chrome-extension://${browser.runtime.id}`])];

  const send = (port: Browser.runtime.Port) => {
    const message: CreatorMessage = { type: 'creator', creator };
    port.postMessage(message);
  };

  const show = (next: PageCreator | null) => {
    creator = next;
    if (creator) mark(DETECTED_MARK); // read by scripts/bench/main.ts (creator pages only)
    if (creator && panel && !panel.isAttached()) {
      // The page removed or emptied the host (an app re-rendering <body> does): start again.
      panel.remove();
      panel = null;
    }
    if (creator && !panel) panel = mountPanelHost();
    panel?.setVisible(creator !== null);
    ports.forEach(send);
  };

  const readDouyin = (target: Extract<CreatorPage, { site: 'douyin' }>, previous: PageCreator | null) => {
    const controller = new AbortController();
    reading = controller;
    const before = previous?.kind === 'douyin' ? previous.account : null;
    show({ kind: 'douyin-reading' });
    void waitForDouyinProfile(document, target.page, {
      timeoutMs: READ_TIMEOUT_MS,
      signal: controller.signal,
      // Right after an in-app move the previous creator's header can still be on screen.
      isStale: (p) => before !== null && p.source === 'header' && p.nickname === before.nickname && p.uniqueId === before.uniqueId,
    }).then((profile) => {
      if (controller.signal.aborted) return; // the user moved on: a late answer never shows
      const secUid = secUidToFetch(target.page, profile, loadedFor);
      // The panel shows what the page has at once; a page read may add the uid afterwards.
      if (profile || secUid === null) show(profile ? { kind: 'douyin', account: accountOf(profile) } : { kind: 'douyin-unreadable' });
      if (secUid === null) return;
      void fetchOwner(secUid).then((owner) => {
        if (controller.signal.aborted) return;
        if (owner) show({ kind: 'douyin', account: accountOf(owner) });
        else if (!profile) show({ kind: 'douyin-unreadable' });
      });
    });
  };

  const update = (url: string) => {
    const next = detectCreatorPage(url);
    if (sameCreatorPage(next, page)) return;
    page = next;
    reading?.abort();
    reading = null;
    const previous = creator;
    if (next === null) show(null);
    else if (next.site === 'xingtu') show({ kind: 'xingtu', oAuthorId: next.oAuthorId });
    else readDouyin(next, previous);
  };

  const trust = (port: Browser.runtime.Port) => {
    if (ports.has(port)) return;
    ports.add(port);
    send(port);
  };

  const onConnect = (port: Browser.runtime.Port) => {
    // Only our own panel and popup may connect.
    const from = port.name === PAGE_PORT_NAME ? portPageOf(port.sender, browser.runtime.id, origins) : null;
    if (from === null) {
      port.disconnect();
      return;
    }
    port.onDisconnect.addListener(() => ports.delete(port));
    if (from !== PANEL_PAGE_PATH) {
      trust(port); // the popup: no web page can load it
      return;
    }
    port.onMessage.addListener((message: unknown) => {
      if (isHelloMessage(message)) {
        if (message.token === frameToken) trust(port);
        // Any panel asking (ours, or one in a page-made iframe) makes us hand the token to our
        // own iframe only; ours then answers with it.
        else if (!ports.has(port)) panel?.sendToken(frameToken, origins, creator);
      } else if (isLayoutMessage(message) && ports.has(port)) {
        panel?.applyLayout(message);
      }
    });
  };
  browser.runtime.onConnect.addListener(onConnect);

  // Our panel asks for the token as soon as its code runs, before its port is open (a page's
  // message of that shape comes from another window and is ignored).
  ctx.addEventListener(window, 'message', (event) => {
    if (panel && panel.isFromFrame(event) && isPanelReadyMessage(event.data)) panel.sendToken(frameToken, origins, creator);
  });

  ctx.addEventListener(window, 'wxt:locationchange', (event) => {
    // A page can dispatch an event of that name too; only WXT's own carries a URL of our world.
    if (!((event as { newUrl?: unknown }).newUrl instanceof URL)) return;
    // WXT relays the Navigation API's navigate event, which comes *before* the move, for moves
    // to other documents too (a link to another creator page): this page does not show that
    // URL, and may never (a download, a 204, a cancelled load). Once the page's code that moved
    // is done, location.href says where this document is: the new URL after pushState, still
    // the old one when another document is on its way.
    queueMicrotask(() => update(location.href));
  });
  // Back and Forward within the app: the URL changes after the navigate event (a traversal is
  // asynchronous), and popstate says when it has.
  ctx.addEventListener(window, 'popstate', () => update(location.href));
  ctx.onInvalidated(() => {
    reading?.abort();
    browser.runtime.onConnect.removeListener(onConnect);
    ports.forEach((p) => p.disconnect());
    panel?.remove();
  });
  update(location.href);
}
