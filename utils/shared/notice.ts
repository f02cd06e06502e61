import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';

/**
 * Something the user should know about their stored data, left by the background for the
 * options page to show (and clear once shown/dismissed). Stored as `local:notice`:
 *   { kinds: ['settings-reset' | 'key-reset', …], at: ms since epoch }
 * - 'settings-reset': the stored settings could not be read (corrupt, or written by a broken or
 *   future version) and were reset to the defaults — check the endpoint and cache lifetime.
 * - 'key-reset': the stored API key was not text; it was removed — enter the key again.
 * Cache and account-link records are reset silently: they are re-fetched when needed.
 */
export type StorageNoticeKind = 'settings-reset' | 'key-reset';
export const STORAGE_NOTICE_KINDS: readonly StorageNoticeKind[] = ['settings-reset', 'key-reset'];

export interface StorageNotice {
  kinds: StorageNoticeKind[];
  /** When the last of them happened. */
  at: number;
}

export const noticeItem = storage.defineItem<StorageNotice | null>('local:notice', { fallback: null });

const NoticeSchema = v.object({
  kinds: v.pipe(v.array(v.picklist(STORAGE_NOTICE_KINDS)), v.minLength(1)),
  at: v.pipe(v.number(), v.finite()),
});

/** The stored notice, or null (none, or unreadable). */
export function parseNotice(raw: unknown): StorageNotice | null {
  const parsed = v.safeParse(NoticeSchema, raw);
  return parsed.success ? { kinds: [...new Set(parsed.output.kinds)], at: parsed.output.at } : null;
}

export async function loadNotice(): Promise<StorageNotice | null> {
  return parseNotice(await noticeItem.getValue());
}

/** Add a kind to the notice (kept until cleared). */
export async function addNotice(kind: StorageNoticeKind, now: number = Date.now()): Promise<void> {
  const current = await loadNotice();
  const kinds = current ? [...new Set([...current.kinds, kind])] : [kind];
  await noticeItem.setValue({ kinds, at: now });
}

/** The options page calls this once the user has seen the notice. */
export async function clearNotice(): Promise<void> {
  await noticeItem.removeValue();
}
