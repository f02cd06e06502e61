import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { removeAllListeners } from '../../utils/shared/messaging';
import { apiKeyItem } from '../../utils/key/api-key';

/** Test helpers: raw messages to the background's listener, as a given sender would send them. */

export type Sender = { id?: string; url?: string; origin?: string; tab?: { id: number; windowId?: number }; frameId?: number };

/** One of this extension's pages, e.g. '/panel.html'. */
export function extensionPage(path: string): Sender {
  const ext = fakeBrowser.runtime.id;
  return { id: ext, url: fakeBrowser.runtime.getURL(path), origin: `chrome-extension://${ext}` };
}

/** Deliver a raw message to the background's listener as `sender`; its answer, or undefined when there is none. */
export function deliver(message: unknown, sender: Sender): Promise<unknown> {
  return new Promise((resolve) => {
    let answered = false;
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    void trigger(message, sender, (answer: { res?: unknown; err?: unknown }) => {
      answered = true;
      resolve(answer.res ?? answer.err);
    }).then((returned) => {
      // A listener that does not answer returns false/undefined synchronously.
      if (!answered && !returned.some((r) => r === true)) resolve(undefined);
    });
  });
}

/** A message of @webext-core/messaging's shape. */
export const send = (type: string, data: unknown, sender: Sender) => deliver({ id: 1, type, data, timestamp: Date.now() }, sender);

/** A fresh background (only its listeners), a saved key 'k', and a fetch that answers `body`. */
export async function startBackground(body: string) {
  removeAllListeners();
  background.main();
  await apiKeyItem.setValue('k');
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(body));
}
