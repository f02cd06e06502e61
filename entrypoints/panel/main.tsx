import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PanelApp } from '@/components/PanelApp';
import { PAGE_PORT_NAME, type LayoutMessage } from '@/utils/shared/panel-port';
import { startPanelHandshake } from '@/utils/views/panel-handshake';
import { createEarlyPeek } from '@/utils/views/early-peek';
import { DEFAULT_PLATFORM } from '@/utils/shared/platform';
import type { PageCreator } from '@/utils/shared/creator';
import { panelCollapsedItem } from '@/utils/views/panel-state';
import { CREATOR_KNOWN_MARK, PANEL_STARTED_MARK, mark } from '@/utils/shared/perf-marks';
import { settleRequests } from '@/utils/views/settle-loads';
import { messagingBridge, peekDistribution, type ViewBridge } from '@/utils/views/view-bridge';
import { applyDocumentLanguage } from '@/utils/views/document-language';
import { t } from '@/utils/views/i18n';
import type { Distribution, Failure, Result } from '@/utils/shared/types';
import type { Resolution } from '@/utils/shared/messaging';

/** The answer to a request overtaken before it was sent (the view drops it: it is not its latest). */
const SUPERSEDED: Failure = { kind: 'bad-input', detail: 'superseded' };
const superseded = <T,>(): Result<T> => ({ ok: false, error: { ...SUPERSEDED } });

/** The cache lookup started while the panel proves itself (see start below). */
const early = createEarlyPeek(peekDistribution);

/**
 * The panel follows the page: clicking quickly through creators (or Back, Back, Back) must not
 * buy an answer for each one glimpsed. Paid requests wait until the page settles (utils/views/settle-loads.ts).
 */
const bridge: ViewBridge = {
  ...messagingBridge,
  // A cached answer costs nothing, so it never waits for the page to settle.
  load: settleRequests(
    async (req) => {
      const hit = await early.take(req);
      return hit ? { ok: true, value: hit } : messagingBridge.load(req);
    },
    superseded<Distribution>,
    {
      fast: async (req) => {
        const hit = await (early.take(req) ?? peekDistribution(req));
        return hit ? { ok: true, value: hit } : null;
      },
    },
  ),
  resolveDouyin: settleRequests(messagingBridge.resolveDouyin, superseded<Resolution>),
};

/**
 * The in-page panel: an extension page inside the creator page's iframe. It learns which creator
 * the tab shows from the content script over a port only this extension can open, and only
 * after proving it is the content script's own iframe (utils/shared/panel-port.ts). Nothing else
 * decides what it shows: not its URL (a page may load panel.html?anything), not window messages.
 * Until the content script has said, it renders nothing and asks the background for nothing.
 */
async function start(): Promise<void> {
  mark(PANEL_STARTED_MARK); // read by scripts/bench/main.ts
  applyDocumentLanguage(t('panelTitle'));
  const root = document.getElementById('app');
  if (!root) return;

  let creator: PageCreator | null | undefined; // undefined until the content script has said
  let collapsed = false;
  let draw = () => {};
  const storedCollapsed = panelCollapsedItem.getValue().catch(() => false); // read meanwhile
  const port = await startPanelHandshake({
    window: {
      parent: window.parent,
      addEventListener: (type, listener) => window.addEventListener(type, listener),
      postToParent: (message) => window.parent.postMessage(message, '*'),
    },
    tabId: async () => (await browser.tabs.getCurrent())?.id,
    connect: (tabId) => browser.tabs.connect(tabId, { name: PAGE_PORT_NAME, frameId: 0 }),
    // The first answer is looked up in the cache while the panel proves itself.
    onHint: (named) => {
      if (named?.kind === 'xingtu') early.start({ oAuthorId: named.oAuthorId, platform: DEFAULT_PLATFORM });
    },
    onCreator: (next) => {
      if (creator === undefined) mark(CREATOR_KNOWN_MARK);
      creator = next;
      draw();
    },
  });
  if (!port) return;
  collapsed = (await storedCollapsed) === true; // a corrupt value is "open"

  const reportLayout = () => {
    const el = root.firstElementChild as HTMLElement | null;
    if (!el) return;
    const rect = el.getBoundingClientRect();
    const message: LayoutMessage = { type: 'layout', collapsed, width: rect.width, height: rect.height };
    port.postMessage(message);
  };

  const observer = new ResizeObserver(reportLayout);
  let observed: Element | null = null;

  draw = () => {
    if (creator === undefined) return;
    render(
      <PanelApp
        bridge={bridge}
        creator={creator}
        collapsed={collapsed}
        onToggle={() => {
          collapsed = !collapsed;
          void panelCollapsedItem.setValue(collapsed);
          draw();
        }}
      />,
      root,
    );
    const el = root.firstElementChild;
    if (el && el !== observed) {
      observer.disconnect();
      observer.observe(el);
      observed = el;
    }
  };

  draw();
}

void start();
