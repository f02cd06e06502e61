import type { Browser } from 'wxt/browser';
import { detectCreatorPage, sameCreatorPage, type CreatorPage } from '../shared/page-detect';
import type { PageCreator } from '../shared/creator';
import {
  PAGE_PORT_NAME,
  PANEL_PAGE_PATH,
  extensionOriginOf,
  isFrameRequest,
  isHelloMessage,
  isLayoutMessage,
  isPanelReadyMessage,
  newFrameToken,
  portPageOf,
  type CreatorMessage,
} from '../shared/panel-port';
import { DETECTED_MARK, mark } from '../shared/perf-marks';
import type { DouyinOwnerReader } from './douyin/read-owner';
import { loadDouyinOwnerReader } from './douyin/load-reader';
import { extensionApi, liveExtensionId } from './extension-api';
import { pageMountEnv, scheduleMount } from './mount-timing';
import { mountPanelHost, type PanelHost } from './panel-host';
import { claimDocument } from './script-instance';

export interface PanelController {
  /** The document may show another URL now (read from `location.href`). */
  update(): void;
  /** Take the panel away and stop listening (the content script stops). */
  stop(): void;
}

/**
 * The content script's work on a tab that has shown a creator page: which creator the page
 * shows, the panel iframe (made once per document, when the page lets it in:
 * utils/page/mount-timing.ts), and the ports the panel and the popup learn the creator over
 * (utils/shared/panel-port.ts). Started on the first creator page; `onStopped` is called when it
 * stops by itself (a newer copy of the content script took over, or the extension is gone).
 */
export function startPanelController(onStopped: () => void): PanelController {
  const runtime = extensionApi().runtime;
  const panelUrl = runtime.getURL(PANEL_PAGE_PATH);
  let page: CreatorPage | null = null;
  let creator: PageCreator | null = null;
  let reading: AbortController | null = null;
  let panel: PanelHost | null = null;
  let cancelMount: (() => void) | null = null;
  let stopped = false;
  let releaseDocument = () => {};
  /** Ports that may learn the creator: the popup, and the panel in our own iframe. */
  const ports = new Set<Browser.runtime.Port>();
  /** The trusted port of our own panel (frame messages go to it only). */
  let framePort: Browser.runtime.Port | null = null;
  const toFrame = (message: unknown) => framePort?.postMessage(message);
  // Proves that a panel is the one in our iframe (utils/shared/panel-port.ts); new for every page load.
  const frameToken = newFrameToken();
  // This extension's page origins: the real one, and the (dynamic) one getURL gives us.
  const origins = [...new Set([extensionOriginOf(panelUrl), `chrome-extension://${runtime.id}`])];
  // Douyin creator pages only: a chunk of its own, loaded when first needed (./douyin/load-reader.ts).
  let douyin: Promise<DouyinOwnerReader | null> | null = null;

  const send = (port: Browser.runtime.Port) => {
    const message: CreatorMessage = { type: 'creator', creator };
    port.postMessage(message);
  };

  const mountNow = () => {
    cancelMount = null;
    if (stopped || creator === null || panel) return;
    panel = mountPanelHost(panelUrl, toFrame);
  };

  const show = (next: PageCreator | null) => {
    creator = next;
    if (creator) mark(DETECTED_MARK); // read by scripts/bench (creator pages only)
    if (creator && panel && !panel.isAttached()) {
      // The page removed or emptied the host (an app re-rendering <body> does): start again.
      panel.remove();
      panel = null;
    }
    if (creator && !panel && !cancelMount) cancelMount = scheduleMount(pageMountEnv(window, document), mountNow);
    if (!creator && cancelMount) {
      cancelMount();
      cancelMount = null;
    }
    panel?.setVisible(creator !== null);
    panel?.readTheme();
    ports.forEach(send);
  };

  const readDouyin = (target: Extract<CreatorPage, { site: 'douyin' }>, previous: PageCreator | null) => {
    const controller = new AbortController();
    reading = controller;
    show({ kind: 'douyin-reading' });
    douyin ??= loadDouyinOwnerReader().catch(() => {
      douyin = null; // e.g. the extension was reloaded meanwhile: the next page tries again
      return null;
    });
    void douyin.then((reader) => {
      if (controller.signal.aborted) return; // the user moved on, or the script stopped
      if (reader) reader.read(target.page, previous, controller.signal, show);
      else show({ kind: 'douyin-unreadable' });
    });
  };

  const trust = (port: Browser.runtime.Port) => {
    if (ports.has(port)) return;
    ports.add(port);
    send(port);
  };

  const onConnect = (port: Browser.runtime.Port) => {
    // Only our own panel and popup may connect.
    const from = port.name === PAGE_PORT_NAME ? portPageOf(port.sender, runtime.id, origins) : null;
    if (from === null) {
      port.disconnect();
      return;
    }
    port.onDisconnect.addListener(() => {
      ports.delete(port);
      if (framePort === port) framePort = null;
    });
    if (from !== PANEL_PAGE_PATH) {
      trust(port); // the popup: no web page can load it
      return;
    }
    port.onMessage.addListener((message: unknown) => {
      if (isHelloMessage(message)) {
        if (message.token === frameToken && !ports.has(port)) {
          // The frame's state first: the panel decides whether to start folded before it draws.
          framePort = port;
          if (panel) toFrame(panel.frameState(false));
          trust(port);
        }
        // Any panel asking (ours, or one in a page-made iframe) makes us hand the token to our
        // own iframe only; ours then answers with it.
        else if (!ports.has(port)) panel?.sendToken(frameToken, origins, creator);
      } else if (isLayoutMessage(message) && ports.has(port)) {
        panel?.applyLayout(message);
      } else if (isFrameRequest(message) && port === framePort) {
        panel?.request(message);
      }
    });
  };

  // Our panel asks for the token as soon as its code runs, before its port is open (a page's
  // message of that shape comes from another window and is ignored).
  const onWindowMessage = (event: MessageEvent) => {
    if (panel && panel.isFromFrame(event) && isPanelReadyMessage(event.data)) panel.sendToken(frameToken, origins, creator);
  };

  const stop = () => {
    if (stopped) return;
    stopped = true;
    reading?.abort();
    cancelMount?.();
    void douyin?.then((reader) => reader?.stop());
    window.removeEventListener('message', onWindowMessage);
    releaseDocument();
    panel?.remove();
    try {
      runtime.onConnect.removeListener(onConnect);
      ports.forEach((p) => p.disconnect());
    } catch {
      // The extension is gone (updated or removed): so are its listeners and ports.
    }
  };

  runtime.onConnect.addListener(onConnect);
  window.addEventListener('message', onWindowMessage);
  releaseDocument = claimDocument(document, runtime.id, () => liveExtensionId() === undefined, () => {
    stop();
    onStopped();
  });

  return {
    update() {
      if (stopped) return;
      if (liveExtensionId() === undefined) {
        // The extension was updated or removed: this copy's API is dead.
        stop();
        onStopped();
        return;
      }
      const next = detectCreatorPage(location.href);
      if (sameCreatorPage(next, page)) return;
      page = next;
      reading?.abort();
      reading = null;
      const previous = creator;
      if (next === null) show(null);
      else if (next.site === 'xingtu') show({ kind: 'xingtu', oAuthorId: next.oAuthorId });
      else readDouyin(next, previous);
    },
    stop,
  };
}
