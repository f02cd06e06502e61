/**
 * The store listing in store/: what each store's form takes, per language, and the limits the
 * stores set. tests/scripts/store-listing.test.ts checks the files against them; docs/store.md
 * says where each goes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './packages';

export const LISTING_LOCALES = ['en', 'zh_CN'] as const;
export type ListingLocale = (typeof LISTING_LOCALES)[number];

export interface Listing {
  /** The extension's name (also the manifest's, from public/_locales). */
  name: string;
  /** Chrome's "summary" / AMO's summary / the manifest description. */
  summary: string;
  /** The long description (plain text: the stores' forms take no Markdown). */
  description: string;
}

/** The stores' limits (characters). */
export const LIMITS = {
  /** Chrome Web Store: 45 for the name shown in the store; AMO: 50. */
  name: 45,
  /** Chrome: the manifest description and the store summary, 132; AMO's summary allows 250. */
  summary: 132,
  /** Edge Add-ons wants at least 250 characters; AMO and Chrome allow far more than 10,000. */
  descriptionMin: 250,
  descriptionMax: 10_000,
} as const;

export const SCREENSHOT_SIZE = { width: 1280, height: 800 } as const;
export const SCREENSHOT_LOCALES = LISTING_LOCALES;
export const SCREENSHOT_FILES = ['1-xingtu-panel.png', '2-douyin-panel.png', '3-creator-lists.png', '4-usage.png'] as const;
export type ScreenshotFile = (typeof SCREENSHOT_FILES)[number];

export function screenshotPath(locale: ListingLocale, file: ScreenshotFile, root = ROOT): string {
  return path.join(root, 'store', 'screenshots', locale, file);
}

export function readListing(locale: ListingLocale, root = ROOT): Listing {
  const read = (file: string): string => readFileSync(path.join(root, 'store', 'listing', locale, file), 'utf8').trim();
  return { name: read('name.txt'), summary: read('summary.txt'), description: read('description.txt') };
}

/** The manifest's strings for a locale (public/_locales/<locale>/messages.json). */
export function manifestMessages(locale: ListingLocale, root = ROOT): Record<string, string> {
  const raw = JSON.parse(readFileSync(path.join(root, 'public', '_locales', locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.message]));
}
