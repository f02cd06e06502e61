/**
 * The toolbar popup, when the extension opens it itself (`action.openPopup`), is a browser
 * target Playwright does not list among the context's pages. These helpers find it through the
 * browser's CDP session and read it as DevTools would.
 */
import type { BrowserContext, CDPSession } from '@playwright/test';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

async function browserSession(context: BrowserContext): Promise<CDPSession> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser behind this context');
  return browser.newBrowserCDPSession();
}

/** URLs of the open targets whose URL is the extension's popup page (toolbar popups and tabs alike). */
export async function popupTargets(context: BrowserContext): Promise<string[]> {
  const session = await browserSession(context);
  try {
    const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    return targetInfos.filter((t) => t.type === 'page' && new URL(t.url).pathname === '/popup.html').map((t) => t.url);
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** The text of the popup page open at `url` (document.body.innerText), or null if none is open. */
export async function popupText(context: BrowserContext, url: string): Promise<string | null> {
  const session = await browserSession(context);
  try {
    const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    const target = targetInfos.find((t) => t.url === url);
    if (!target) return null;
    const { sessionId } = (await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
    const answer = new Promise<string>((resolve) => {
      session.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
        if (event.sessionId === sessionId) resolve(event.message);
      });
    });
    const expression = 'document.body.innerText';
    await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression } }) });
    const message = JSON.parse(await answer) as { result?: { result?: { value?: unknown } } };
    const value = message.result?.result?.value;
    return typeof value === 'string' ? value : null;
  } finally {
    await session.detach().catch(() => undefined);
  }
}
