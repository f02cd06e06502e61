import { storage } from 'wxt/utils/storage';
import { OPENED_CREATOR_TTL_MS, popupPathFor, type OpenedIn } from '../shared/popup-open';
import { isOAuthorId } from '../shared/page-detect';

/**
 * Shows a creator in the extension's popup ("Open" on a list page badge's card,
 * utils/shared/popup-open.ts). The toolbar popup is tried first (`action.openPopup`: Chrome 127+
 * opens it without a user gesture for the focused window; older Chrome refuses it to extensions
 * not installed by policy, and Firefox without a gesture, which a message does not carry). When
 * it is refused, the same popup page opens in a small window of its own, the creator in its URL.
 *
 * The creator is handed over through `storage.session` (kept in memory by the browser, readable
 * only by the extension's own pages, gone when the browser closes), so a worker stopped between
 * the click and the popup's question loses nothing; it is given out once, within a few seconds.
 */
export interface PopupOpener {
  open(oAuthorId: string, windowId: number | undefined): Promise<OpenedIn>;
  /** The creator handed over for the popup, once; null when none or too old. */
  take(): Promise<string | null>;
}

interface Handed {
  oAuthorId: string;
  at: number;
}

export interface PopupOpenerDeps {
  /** Read, write and clear the handed-over creator. */
  store: { get(): Promise<unknown>; set(value: Handed): Promise<void>; clear(): Promise<void> };
  /** The toolbar popup (rejects where it cannot be opened). */
  openPopup(windowId: number | undefined): Promise<void>;
  /** A popup window showing an extension page (path like `/popup.html?...`). */
  openWindow(path: string): Promise<void>;
  /** The last resort: a tab. */
  openTab(path: string): Promise<void>;
  now(): number;
}

function isHanded(value: unknown): value is Handed {
  if (typeof value !== 'object' || value === null) return false;
  const { oAuthorId, at } = value as Record<string, unknown>;
  return typeof oAuthorId === 'string' && isOAuthorId(oAuthorId) && typeof at === 'number' && Number.isFinite(at);
}

export function createPopupOpener(deps: PopupOpenerDeps): PopupOpener {
  return {
    async open(oAuthorId, windowId) {
      await deps.store.set({ oAuthorId, at: deps.now() });
      try {
        await deps.openPopup(windowId);
        return 'popup';
      } catch {
        // Not here (see above): the creator travels in the window's URL instead.
        await deps.store.clear().catch(() => undefined);
        const path = popupPathFor(oAuthorId);
        await deps.openWindow(path).catch(() => deps.openTab(path));
        return 'window';
      }
    },

    async take() {
      const value = await deps.store.get().catch(() => null);
      if (value === null || value === undefined) return null;
      await deps.store.clear().catch(() => undefined);
      if (!isHanded(value)) return null;
      const age = deps.now() - value.at;
      return age >= 0 && age <= OPENED_CREATOR_TTL_MS ? value.oAuthorId : null;
    },
  };
}

const handedItem = storage.defineItem<unknown>('session:openedCreator', { fallback: null });

/** Size of the window the popup page opens in when the toolbar popup cannot be opened. */
const WINDOW_SIZE = { width: 440, height: 640 };

type ActionApi = { openPopup?: (options?: { windowId?: number }) => Promise<void> } | undefined;

/** The opener on the browser's APIs (MV3 `action`; Firefox's MV2 `browserAction`). */
export function browserPopupOpener(api: typeof import('wxt/browser').browser): PopupOpener {
  const actionApi = () => (api as unknown as { action?: ActionApi }).action ?? (api as unknown as { browserAction?: ActionApi }).browserAction;
  return createPopupOpener({
    store: {
      get: () => handedItem.getValue(),
      set: (value) => handedItem.setValue(value),
      clear: () => handedItem.removeValue(),
    },
    async openPopup(windowId) {
      const action = actionApi();
      if (typeof action?.openPopup !== 'function') throw new Error('no openPopup');
      await action.openPopup(windowId === undefined ? undefined : { windowId });
    },
    async openWindow(path) {
      await api.windows.create({ url: api.runtime.getURL(path as '/popup.html'), type: 'popup', ...WINDOW_SIZE });
    },
    async openTab(path) {
      await api.tabs.create({ url: api.runtime.getURL(path as '/popup.html') });
    },
    now: Date.now,
  });
}
