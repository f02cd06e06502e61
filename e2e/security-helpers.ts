/**
 * Helpers for the key-isolation and hostile-page tests (e2e/security*.spec.ts).
 *
 * The content script runs in an isolated world that page scripts (and Playwright's page API)
 * cannot reach. The Chrome DevTools Protocol can: `Runtime.enable` on the page's session lists
 * every execution context of the tab, the content script's world among them (type 'isolated',
 * origin chrome-extension://<id>, named after the extension). `contentScriptWorld` finds it and
 * evaluates code in it, as the content script itself could: read chrome.storage, add listeners
 * that record what reaches the content script, send messages to the background.
 */
import type { BrowserContext, CDPSession, ConsoleMessage, Page, Request, Worker } from '@playwright/test';
import { expect } from '@playwright/test';

/** A key nobody would write by accident, so finding it anywhere means it leaked. */
export const SECRET_KEY = 'SECRET-KEY-4e1f';

/** Every form in which the key could leak: as is, URL-encoded, base64. */
export function keyForms(key: string = SECRET_KEY): string[] {
  return [...new Set([key, encodeURIComponent(key), Buffer.from(key).toString('base64'), key.toLowerCase()])];
}

/** Where in `text` a form of the key occurs (empty: nowhere). */
export function findKey(text: string, key: string = SECRET_KEY): string[] {
  const lower = text.toLowerCase();
  return keyForms(key).filter((form) => lower.includes(form.toLowerCase()));
}

interface ContextDescription {
  id: number;
  uniqueId: string;
  origin: string;
  name: string;
  auxData?: { isDefault?: boolean; type?: string; frameId?: string };
}

export interface IsolatedWorld {
  /** Resolves with the content script's world of the tab's top frame (the newest one). */
  ready(timeout?: number): Promise<ContextDescription>;
  /** Evaluate an expression (awaited) in the content script's world; the value as JSON. */
  evaluate<T>(expression: string): Promise<T>;
  /** Every console call and uncaught exception of any world of the page, as text. */
  logs: string[];
}

/** Find the content script's world through CDP (see above). */
export async function contentScriptWorld(cdp: CDPSession, extensionId: string): Promise<IsolatedWorld> {
  const contexts: ContextDescription[] = [];
  const logs: string[] = [];
  cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context as ContextDescription));
  cdp.on('Runtime.executionContextsCleared', () => contexts.splice(0));
  cdp.on('Runtime.executionContextDestroyed', (event) => {
    const i = contexts.findIndex((c) => c.uniqueId === event.executionContextUniqueId);
    if (i >= 0) contexts.splice(i, 1);
  });
  cdp.on('Runtime.consoleAPICalled', (event) => {
    logs.push(`console.${event.type}: ${event.args.map((a) => a.value ?? a.description ?? a.unserializableValue ?? '').join(' ')}`);
  });
  cdp.on('Runtime.exceptionThrown', (event) => {
    const d = event.exceptionDetails;
    logs.push(`exception: ${d.text} ${d.exception?.description ?? ''}`);
  });
  await cdp.send('Runtime.enable');
  const origin = `chrome-extension://${extensionId}`;
  const find = () =>
    contexts.filter((c) => c.auxData?.type === 'isolated' && c.origin === origin && !c.name.startsWith('__playwright')).at(-1);

  const world: IsolatedWorld = {
    logs,
    async ready(timeout = 15_000) {
      await expect.poll(() => find() !== undefined, { timeout, message: "the content script's isolated world" }).toBe(true);
      const found = find();
      if (!found) throw new Error('no content script world');
      return found;
    },
    async evaluate<T>(expression: string): Promise<T> {
      const context = await world.ready();
      const answer = await cdp.send('Runtime.evaluate', {
        expression,
        uniqueContextId: context.uniqueId,
        awaitPromise: true,
        returnByValue: true,
      });
      if (answer.exceptionDetails) throw new Error(`in the content script world: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
      return answer.result.value as T;
    },
  };
  return world;
}

/**
 * Code for the content script's world: record everything that reaches it from the extension —
 * runtime messages, port connections (who opened them) and every port message, storage change
 * events — in `globalThis.__xdpSeen` (that world's global; the page cannot see it).
 */
export const INSTALL_RECORDER = `(() => {
  if (globalThis.__xdpSeen) return 'already';
  const seen = (globalThis.__xdpSeen = []);
  const log = (kind, data) => {
    try { seen.push(kind + ' ' + JSON.stringify(data)); } catch (e) { seen.push(kind + ' <not serialisable>'); }
  };
  chrome.runtime.onMessage.addListener((message, sender) => { log('message', { message, sender }); });
  chrome.runtime.onConnect.addListener((port) => {
    log('connect', { name: port.name, sender: port.sender });
    port.onMessage.addListener((message) => log('port-message', message));
  });
  try {
    chrome.storage.onChanged.addListener((changes, area) => log('storage-changed', { changes, area }));
  } catch (e) {
    log('storage-listener-refused', String(e));
  }
  return 'installed';
})()`;

/** What the recorder saw. */
export const READ_RECORDER = 'globalThis.__xdpSeen ?? null';

/** Try to read the whole of chrome.storage.local from the content script's world. */
export const READ_STORAGE = `(async () => {
  try { return { ok: true, value: JSON.stringify(await chrome.storage.local.get(null)) }; }
  catch (e) { return { ok: false, error: String(e && e.message || e) }; }
})()`;

/** The page's DOM as text — every element, attribute and text, open shadow roots included — plus its storage, cookies, URL and the URLs it loaded. */
export async function dumpPage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [location.href, document.title, document.cookie];
    const walk = (node: Node) => {
      if (node instanceof Element) {
        parts.push(`<${node.tagName}`);
        for (const attr of Array.from(node.attributes)) parts.push(`${attr.name}=${attr.value}`);
        if (node.shadowRoot) walk(node.shadowRoot);
        if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) parts.push(node.value);
      } else if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.COMMENT_NODE) {
        parts.push(node.nodeValue ?? '');
      }
      node.childNodes.forEach(walk);
    };
    walk(document);
    for (const store of [localStorage, sessionStorage]) {
      for (let i = 0; i < store.length; i++) {
        const name = store.key(i) ?? '';
        parts.push(name, store.getItem(name) ?? '');
      }
    }
    for (const entry of performance.getEntries()) parts.push(entry.name);
    return parts.join('\n');
  });
}

/** An extension document (panel, popup): its DOM, text and form values. */
export async function dumpDocument(target: Page | import('@playwright/test').Frame): Promise<string> {
  return target.evaluate(() => {
    const values = Array.from(document.querySelectorAll('input, textarea')).map((el) => (el as HTMLInputElement).value);
    return [location.href, document.documentElement.outerHTML, document.body?.innerText ?? '', ...values].join('\n');
  });
}

export interface Traffic {
  /** Console lines and page errors of every page and worker watched. */
  logs: string[];
  /** Every request seen: who made it, and where to. */
  requests: { url: string; body: string; byServiceWorker: boolean; frameUrl: string }[];
}

/** Record console output of `pages` and `workers`, and every request of the context. */
export function watchTraffic(context: BrowserContext, pages: Page[], workers: Worker[]): Traffic {
  const traffic: Traffic = { logs: [], requests: [] };
  const onConsole = (where: string) => (message: ConsoleMessage) => traffic.logs.push(`${where} ${message.type()}: ${message.text()}`);
  for (const page of pages) watchPage(page, traffic, onConsole);
  context.on('page', (page) => watchPage(page, traffic, onConsole));
  for (const worker of workers) worker.on('console', onConsole(`worker ${worker.url()}`));
  context.on('serviceworker', (worker) => worker.on('console', onConsole(`worker ${worker.url()}`)));
  context.on('request', (request: Request) => {
    let frameUrl = '';
    try {
      frameUrl = request.frame().url();
    } catch {
      // a service worker's request has no frame
    }
    traffic.requests.push({ url: request.url(), body: request.postData() ?? '', byServiceWorker: request.serviceWorker() !== null, frameUrl });
  });
  return traffic;
}

function watchPage(page: Page, traffic: Traffic, onConsole: (where: string) => (message: ConsoleMessage) => void): void {
  page.on('console', onConsole(`page ${page.url()}`));
  page.on('pageerror', (error) => traffic.logs.push(`page error: ${error.message}\n${error.stack ?? ''}`));
}
