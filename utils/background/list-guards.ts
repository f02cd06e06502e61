import * as v from 'valibot';
import {
  ListIdSchema,
  ListNameSchema,
  MAX_LIST_ENTRIES,
  NewEntrySchema,
  RunPlatformsSchema,
  type NewEntry,
} from '../shared/creator-lists';
import type { LinkedAuthor } from '../shared/messaging';
import type { Platform } from '../shared/platform';
import type { Result } from '../shared/types';
import { LinkedAuthorSchema, isFromExtensionPage, type MessageSenderInfo } from './message-guards';

/**
 * Who may send the creator-list messages, and their shapes (utils/shared/messaging.ts). Senders
 * are checked with isFromExtensionPage (utils/background/message-guards.ts); data with the
 * schemas of utils/shared/creator-lists.ts. Anything else is refused before it reaches the store
 * or the runner.
 */

/** The list page: every list message. */
export const LIST_PAGES: readonly string[] = ['/list.html'];
/** "Add to list" also comes from the panel and the popup. */
export const ADD_TO_LIST_PAGES: readonly string[] = ['/list.html', '/panel.html', '/popup.html'];

/** Most rows one addToList may carry (a long paste; those beyond the list's bound are counted as refused). */
export const MAX_ADD_BATCH = 4 * MAX_LIST_ENTRIES;

const EntryKeySchema = v.pipe(v.string(), v.minLength(3), v.maxLength(200));

const schemas = {
  createList: v.strictObject({ name: ListNameSchema }),
  renameList: v.strictObject({ listId: ListIdSchema, name: ListNameSchema }),
  listId: v.strictObject({ listId: ListIdSchema }),
  addToList: v.strictObject({ listId: v.nullable(ListIdSchema), entries: v.pipe(v.array(NewEntrySchema), v.maxLength(MAX_ADD_BATCH)) }),
  removeFromList: v.strictObject({ listId: ListIdSchema, keys: v.pipe(v.array(EntryKeySchema), v.maxLength(MAX_LIST_ENTRIES)) }),
  run: v.strictObject({ listId: ListIdSchema, platforms: RunPlatformsSchema }),
  confirmEntry: v.strictObject({ listId: ListIdSchema, key: EntryKeySchema, author: v.nullable(LinkedAuthorSchema), platforms: RunPlatformsSchema }),
};

function parse<S extends v.GenericSchema>(schema: S, data: unknown): v.InferOutput<S> | null {
  const parsed = v.safeParse(schema, data);
  return parsed.success ? parsed.output : null;
}

export const parseCreateList = (data: unknown): { name: string } | null => parse(schemas.createList, data);
export const parseRenameList = (data: unknown): { listId: string; name: string } | null => parse(schemas.renameList, data);
/** deleteList, selectList. */
export const parseListRequest = (data: unknown): { listId: string } | null => parse(schemas.listId, data);
export const parseAddToList = (data: unknown): { listId: string | null; entries: NewEntry[] } | null => parse(schemas.addToList, data);
export const parseRemoveFromList = (data: unknown): { listId: string; keys: string[] } | null => parse(schemas.removeFromList, data);
/** estimateRun, startRun, retryFailed. */
export const parseRunRequest = (data: unknown): { listId: string; platforms: Platform[] } | null => parse(schemas.run, data);
export const parseConfirmEntry = (
  data: unknown,
): { listId: string; key: string; author: LinkedAuthor | null; platforms: Platform[] } | null => parse(schemas.confirmEntry, data);
/** Messages without data (pauseRun, resumeRun, recentlyViewed): nothing else may come with them. */
export const parseNoData = (data: unknown): true | null => (data === undefined || data === null ? true : null);

/**
 * A message handler that answers only the given pages of this extension, and only data `parse`
 * accepts; anything else is answered 'bad-input' and reaches nothing.
 */
export function guarded<T, R>(pages: readonly string[], parse: (data: unknown) => T | null, handle: (req: T) => Promise<Result<R>>) {
  return async ({ data, sender }: { data: unknown; sender: MessageSenderInfo }): Promise<Result<R>> => {
    const req = parse(data);
    if (!isFromExtensionPage(sender, pages) || req === null) return { ok: false, error: { kind: 'bad-input' } };
    return handle(req);
  };
}
