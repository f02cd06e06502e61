import { render } from 'preact';
import { browser, type Browser } from 'wxt/browser';
import { PanelApp } from '@/components/PanelApp';
import { PAGE_PORT_NAME, isCreatorMessage, type LayoutMessage } from '@/utils/panel-port';
import type { PageCreator } from '@/utils/creator';
import { panelCollapsedItem } from '@/utils/panel-state';

/**
 * The in-page panel: an extension page inside the creator page's iframe. It learns which creator
 * the tab shows from the content script over a port only this extension can open.
 */
async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const tab = await browser.tabs.getCurrent();
  if (tab?.id === undefined) return;
  const port: Browser.runtime.Port = browser.tabs.connect(tab.id, { name: PAGE_PORT_NAME, frameId: 0 });

  let creator: PageCreator | null | undefined; // undefined until the content script has said
  let collapsed = false;
  let draw = () => {};
  // Listen before anything else: the content script answers the connection at once.
  port.onMessage.addListener((message: unknown) => {
    if (!isCreatorMessage(message)) return;
    creator = message.creator;
    draw();
  });
  collapsed = await panelCollapsedItem.getValue();

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
