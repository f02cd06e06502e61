import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { addNotice } from '../shared/notice';
import { parseStoredSettings, settingsItem } from '../shared/settings';
import { apiKeyItem } from '../key/api-key';

/**
 * Keep chrome.storage.local (the API key included) away from content scripts: by default every
 * context of the extension may read it, content scripts too — and they run in the web page's
 * process. With TRUSTED_CONTEXTS only extension pages and the service worker can. Chrome keeps
 * the choice; calling it again on every start costs nothing. Browsers without it (Firefox,
 * older Chrome) keep the default; the key still never travels in a message.
 * Returns whether the restriction is in place.
 */
export async function restrictStorageToExtensionPages(): Promise<boolean> {
  const local = browser.storage.local as { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };
  if (typeof local.setAccessLevel !== 'function') return false;
  try {
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch {
    return false;
  }
}

function sameField(raw: Record<string, unknown>, key: string, value: unknown): boolean {
  return raw[key] === value;
}

/**
 * At each start of the background: a stored settings record that cannot be read is reset to the
 * defaults, and a stored key that is not text is removed — each with a notice for the options
 * page (utils/shared/notice.ts). Never throws: an unreadable storage is left as it is.
 * Records of the previous release (without the fields added since) are fine as they are.
 */
export async function checkStoredRecords(now: () => number = Date.now): Promise<void> {
  try {
    const [rawSettings, rawKey] = await Promise.all([
      storage.getItem<unknown>(settingsItem.key),
      storage.getItem<unknown>(apiKeyItem.key),
    ]);
    if (rawSettings !== null && rawSettings !== undefined) {
      const parsed = parseStoredSettings(rawSettings);
      // parseStoredSettings answers the defaults for a record it cannot use: it was usable only
      // if what it kept is what is stored.
      const usable =
        typeof rawSettings === 'object' &&
        !Array.isArray(rawSettings) &&
        sameField(rawSettings as Record<string, unknown>, 'endpoint', parsed.endpoint) &&
        sameField(rawSettings as Record<string, unknown>, 'customUrl', parsed.customUrl) &&
        sameField(rawSettings as Record<string, unknown>, 'cacheTtlHours', parsed.cacheTtlHours);
      if (!usable) {
        await settingsItem.setValue(parseStoredSettings(null));
        await addNotice('settings-reset', now());
      }
    }
    if (rawKey !== null && rawKey !== undefined && typeof rawKey !== 'string') {
      await apiKeyItem.removeValue();
      await addNotice('key-reset', now());
    }
  } catch {
    // Storage itself failing is not something a reset can mend.
  }
}
