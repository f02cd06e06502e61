import { listPageOf } from '../shared/list-pages';
import { extensionApi, liveExtensionId } from './extension-api';

/** The badge chunk (entrypoints/list-badges.ts), web-accessible to the sites' pages (wxt.config.ts). */
export const BADGE_CHUNK_PATH = '/list-badges.js';

let loaded = false;

/**
 * The content script's hook for the list page badges: on the first list page (judged from the
 * URL alone) it imports the badge chunk once, which then follows the page by itself. Every
 * other page costs one URL check.
 */
export function loadBadgesOn(href: string): void {
  if (loaded || listPageOf(href) === null || liveExtensionId() === undefined) return;
  loaded = true;
  const url = extensionApi().runtime.getURL(BADGE_CHUNK_PATH as '/list-badges.js');
  import(/* @vite-ignore */ url).catch(() => {
    loaded = false; // e.g. the extension was reloaded meanwhile: the next page tries again
  });
}
