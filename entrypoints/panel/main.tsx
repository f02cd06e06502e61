import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PanelApp, type PanelFrameControls } from '@/components/PanelApp';
import { PAGE_PORT_NAME, type FrameMessage, type FrameRequest, type LayoutMessage } from '@/utils/shared/panel-port';
import { startPanelHandshake, type PanelPort } from '@/utils/views/panel-handshake';
import { createEarlyPeek } from '@/utils/views/early-peek';
import { DEFAULT_PLATFORM } from '@/utils/shared/platform';
import type { PageCreator } from '@/utils/shared/creator';
import { panelCollapsedItem, panelPlacementItem, placementFor, siteOf, withPlacement } from '@/utils/views/panel-state';
import { forceDark } from '@/utils/views/force-dark';
import { isFrameMessage } from '@/utils/views/frame-message';
import { OPEN_PANEL_COMMAND, isOpenPanelMessage } from '@/utils/shared/panel-command';
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

/** The open panel's width in units of its font size (components/panel.css says why). */
const PANEL_WIDTH_EM = 27.7;

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
  let collapsed: boolean | undefined; // decided at the first draw (the frame's state has come by then)
  let chosen: boolean | null = null;
  let frameState: FrameMessage | null = null; // from the content script, before the creator
  let focusRequest = 0;
  let shortcut: string | undefined;
  let draw = () => {};
  const storedCollapsed = panelCollapsedItem.getValue().catch(() => null); // read meanwhile
  const storedPlacement = panelPlacementItem.getValue().catch(() => ({}));
  void browser.commands
    ?.getAll()
    .then((all) => (shortcut = all.find((c) => c.name === OPEN_PANEL_COMMAND)?.shortcut || undefined))
    .catch(() => undefined);
  let placementSent = false;
  let port: PanelPort | null = null;
  const request = (message: FrameRequest | LayoutMessage) => port?.postMessage(message);
  // The stored placement for this site, once: the content script places the frame with it.
  const sendPlacement = () => {
    if (placementSent || !creator) return;
    placementSent = true;
    const site = siteOf(creator);
    void storedPlacement.then((stored) => {
      const placement = placementFor(stored, site);
      if (placement) request({ type: 'place', placement });
    });
  };
  const onFrame = (message: unknown) => {
    if (!isFrameMessage(message)) return;
    const themeChanged = frameState?.theme !== message.theme;
    frameState = message;
    if (themeChanged) forceDark(document, message.theme === 'dark');
    if (message.moved && creator) {
      const site = siteOf(creator);
      void panelPlacementItem
        .getValue()
        .catch(() => ({}))
        .then((stored) => panelPlacementItem.setValue(withPlacement(stored, site, message.placement)));
    }
    draw();
  };
  const trusted = await startPanelHandshake({
    window: {
      parent: window.parent,
      addEventListener: (type, listener) => window.addEventListener(type, listener),
      postToParent: (message) => window.parent.postMessage(message, '*'),
    },
    tabId: async () => (await browser.tabs.getCurrent())?.id,
    connect: (tabId) => {
      const opened = browser.tabs.connect(tabId, { name: PAGE_PORT_NAME, frameId: 0 });
      opened.onMessage.addListener(onFrame);
      port = opened;
      return opened;
    },
    // The first answer is looked up in the cache while the panel proves itself.
    onHint: (named) => {
      if (named?.kind === 'xingtu') early.start({ oAuthorId: named.oAuthorId, platform: DEFAULT_PLATFORM });
    },
    onCreator: (next) => {
      if (creator === undefined) mark(CREATOR_KNOWN_MARK);
      creator = next;
      sendPlacement();
      draw();
    },
  });
  if (!trusted) return;
  // The user's stored choice; a corrupt value counts as none; with none, a small viewport starts folded.
  const stored = await storedCollapsed;
  chosen = stored === true || stored === false ? stored : null;

  // The keyboard shortcut (manifest `commands`): the background names this tab.
  const tabId = (await browser.tabs.getCurrent())?.id;
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string; tab?: unknown }) => {
    // From this extension's background (or one of its pages), never a content script (those have a tab).
    if (sender.id !== browser.runtime.id || sender.tab !== undefined || !isOpenPanelMessage(message, tabId)) return;
    if (collapsed) setCollapsed(false);
    focusRequest++;
    request({ type: 'focus-frame' });
    draw();
  });

  const setCollapsed = (next: boolean) => {
    collapsed = next;
    void panelCollapsedItem.setValue(next);
  };

  const reportLayout = () => {
    const el = Array.from(root.children).find((c): c is HTMLElement => c instanceof HTMLElement && !c.hidden);
    if (!el) return;
    const rect = el.getBoundingClientRect();
    // The width it wants (27.7em), not the width the frame allows now.
    // Plus the scrollbar's gutter when the panel scrolls, so it never covers the panel's edge.
    const gutter = document.body.offsetWidth - document.body.clientWidth;
    const wanted = collapsed ? rect.width : parseFloat(getComputedStyle(el).fontSize) * PANEL_WIDTH_EM + gutter;
    const message: LayoutMessage = { type: 'layout', collapsed: collapsed === true, width: wanted, height: rect.height };
    request(message);
  };

  const observer = new ResizeObserver(reportLayout);
  const observed = new Set<Element>();

  const frame: Omit<PanelFrameControls, 'side' | 'shortcut'> = {
    move: (dx, dy) => request({ type: 'move', dx, dy, done: true }),
    drag: (x, y, phase) => request({ type: 'drag', x, y, phase }),
    dock: () => request({ type: 'dock' }),
    escape: () => {
      if (!collapsed) setCollapsed(true);
      draw();
      request({ type: 'focus-page' });
    },
  };

  draw = () => {
    if (creator === undefined) return;
    // The content script sends the frame's state before the creator: a small viewport starts folded.
    collapsed ??= chosen ?? (frameState as FrameMessage | null)?.compact ?? false;
    render(
      <PanelApp
        bridge={bridge}
        creator={creator}
        collapsed={collapsed === true}
        onToggle={() => {
          setCollapsed(!collapsed);
          draw();
        }}
        frame={{ ...frame, side: frameState?.placement.side ?? 'right', shortcut }}
        focusRequest={focusRequest}
      />,
      root,
    );
    for (const el of observed) {
      if (el.isConnected) continue;
      observer.unobserve(el);
      observed.delete(el);
    }
    for (const el of Array.from(root.children)) {
      if (observed.has(el)) continue;
      observed.add(el);
      observer.observe(el);
    }
    reportLayout();
  };

  draw();
}

void start();
