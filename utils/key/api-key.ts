import { storage } from 'wxt/utils/storage';

/**
 * The stored API key: the only module that names it. Imported by the background (which sends
 * it to the API) and by the options page (where the user types it), nothing else: eslint.config.js
 * fails the lint when the content script, the panel, the popup or shared code imports it. The key
 * never travels in a message.
 */
export const apiKeyItem = storage.defineItem<string>('local:apiKey', { fallback: '', version: 1 });

/** The saved key, trimmed ('' when none). */
export async function loadApiKey(): Promise<string> {
  const raw: unknown = await apiKeyItem.getValue();
  return typeof raw === 'string' ? raw.trim() : '';
}
