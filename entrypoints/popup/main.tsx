import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '@/components/PopupApp';
import { sendMessage } from '@/utils/messaging';
import { isPageCreator, type PageCreator } from '@/utils/creator';

/**
 * The tab the popup is about: the active tab, or the one named by `?tab=<id>` when popup.html is
 * opened in a tab of its own (keyboard users, tests).
 */
async function targetTabId(): Promise<number | undefined> {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return named;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** Ask the tab's content script which creator it shows (null when there is none). */
async function currentTabCreator(): Promise<PageCreator | null> {
  const tabId = await targetTabId();
  if (tabId === undefined) return null;
  try {
    const creator: unknown = await sendMessage('getPageCreator', undefined, tabId);
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
