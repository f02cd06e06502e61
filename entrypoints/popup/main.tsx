import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '@/components/PopupApp';
import { sendMessage } from '@/utils/messaging';
import { isPageCreator, type PageCreator } from '@/utils/creator';

/** Ask the active tab's content script which creator it shows (null when there is none). */
async function currentTabCreator(): Promise<PageCreator | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  try {
    const creator: unknown = await sendMessage('getPageCreator', undefined, tab.id);
    // Validate what the tab answered, like any outside input.
    return isPageCreator(creator) ? creator : null;
  } catch {
    return null; // no content script on this tab (not a Xingtu page)
  }
}

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const pageCreator = await currentTabCreator();
  render(<PopupApp pageCreator={pageCreator} />, root);
}

void start();
