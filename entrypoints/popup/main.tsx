import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '@/components/PopupApp';
import type { PageCreator } from '@/utils/shared/creator';
import { PAGE_PORT_NAME, isCreatorMessage } from '@/utils/shared/panel-port';
import { sendMessage } from '@/utils/shared/messaging';
import { isOAuthorId } from '@/utils/shared/page-detect';
import { openedCreatorOf } from '@/utils/shared/popup-open';
import { applyDocumentLanguage, pageTitle } from '@/utils/views/document-language';

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

/**
 * The creator a list page badge's "Open" asked this popup to show (utils/shared/popup-open.ts):
 * named in the URL when the popup has a window of its own, else handed over by the background.
 */
async function openedCreator(named: string | null): Promise<PageCreator | null> {
  const id = named ?? (await sendMessage('takeOpenedCreator', undefined).catch(() => null));
  return typeof id === 'string' && isOAuthorId(id) ? { kind: 'xingtu', oAuthorId: id } : null;
}

async function start(): Promise<void> {
  applyDocumentLanguage(pageTitle());
  const root = document.getElementById('app');
  if (!root) return;
  const named = openedCreatorOf(location.search);
  const opened = openedCreator(named);
  let pageCreator: PageCreator | null = null;
  // (Always the newest page creator, whichever of the two answers comes first.)
  const draw = (next: PageCreator | null) => {
    pageCreator = next;
    void opened.then((creator) => render(<PopupApp pageCreator={pageCreator} opened={creator} />, root));
  };
  // A creator handed over is shown at once; the tab's creator, if any, follows.
  void opened.then((creator) => creator && draw(pageCreator));

  // In a window of its own, the popup is about the creator it names, not a tab.
  if (named !== null) return draw(null);
  const tabId = await targetTabId();
  if (tabId === undefined) return draw(null);
  // The tab's content script says which creator it shows (and again when that changes). A tab
  // without our content script (any other site) never answers: show the lookup alone.
  const port = browser.tabs.connect(tabId, { name: PAGE_PORT_NAME, frameId: 0 });
  let answered = false;
  port.onMessage.addListener((message: unknown) => {
    if (!isCreatorMessage(message)) return;
    answered = true;
    draw(message.creator);
  });
  port.onDisconnect.addListener(() => {
    if (!answered) draw(null);
  });
  setTimeout(() => {
    if (!answered) draw(null);
  }, 300);
}

void start();
