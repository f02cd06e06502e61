import * as v from 'valibot';
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { PLATFORMS } from './platform';
import {
  ListCreatorRefSchema,
  ListIdSchema,
  MAX_ENTRY_SOURCE_LENGTH,
  MAX_LIST_ENTRIES,
  MAX_LISTS,
  MAX_LIST_NAME_LENGTH,
  type ListResults,
  type ListRunView,
  type ListsState,
} from './creator-lists';

/**
 * Where creator lists are stored (storage.local). The background writes them (utils/background/);
 * the list page reads and watches them. Everything read is validated: a record that does not
 * parse reads as empty (lists) or absent (results, run) instead of breaking the page.
 */

export const listsItem = storage.defineItem<ListsState>('local:creatorLists', {
  fallback: { currentId: null, lists: [] },
  version: 1,
});

/** One record per list: `local:listResults:<listId>`. */
export function listResultsKey(listId: string): StorageItemKey {
  return `local:listResults:${listId}`;
}

/** The run the background works on (or the last one, finished or stopped). */
export const listRunItem = storage.defineItem<ListRunView | null>('local:listRun', { fallback: null, version: 1 });

const EntrySchema = v.object({
  key: v.pipe(v.string(), v.minLength(3), v.maxLength(200)),
  ref: ListCreatorRefSchema,
  source: v.pipe(v.string(), v.maxLength(MAX_ENTRY_SOURCE_LENGTH)),
  addedAt: v.number(),
});

const ListSchema = v.object({
  id: ListIdSchema,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_LIST_NAME_LENGTH)),
  createdAt: v.number(),
  entries: v.pipe(v.array(EntrySchema), v.maxLength(MAX_LIST_ENTRIES)),
});

const ListsStateSchema = v.object({
  currentId: v.nullable(ListIdSchema),
  lists: v.pipe(v.array(ListSchema), v.maxLength(MAX_LISTS)),
});

/** Stored lists, validated; an unreadable record reads as no lists. */
export function parseStoredLists(raw: unknown): ListsState {
  const parsed = v.safeParse(ListsStateSchema, raw);
  if (!parsed.success) return { currentId: null, lists: [] };
  const { lists } = parsed.output;
  const currentId = lists.some((l) => l.id === parsed.output.currentId) ? parsed.output.currentId : (lists[0]?.id ?? null);
  return { currentId, lists };
}

const FailureSchema = v.looseObject({ kind: v.string() });
const RowSchema = v.object({ name: v.string(), count: v.number(), share: v.number() });
const OutcomeSchema = v.union([
  v.object({ ok: v.literal(true), rows: v.array(RowSchema), fetchedAt: v.number(), fromCache: v.boolean() }),
  v.object({ ok: v.literal(false), error: FailureSchema }),
]);
const AuthorSchema = v.object({
  oAuthorId: v.string(),
  douyinUid: v.nullable(v.string()),
  nickname: v.string(),
  followers: v.nullable(v.number()),
  avatarUrl: v.nullable(v.string()),
  city: v.nullable(v.string()),
});
const ResultSchema = v.object({
  status: v.picklist(['new', 'queued', 'running', 'done', 'failed', 'confirm', 'not-on-xingtu', 'needs-nickname', 'interrupted']),
  oAuthorId: v.optional(v.string()),
  nickname: v.optional(v.string()),
  avatarUrl: v.optional(v.nullable(v.string())),
  platforms: v.record(v.picklist(PLATFORMS), OutcomeSchema),
  match: v.optional(v.picklist(['likely', 'ambiguous'])),
  candidates: v.optional(v.array(AuthorSchema)),
  error: v.optional(FailureSchema),
  updatedAt: v.number(),
});

/** Stored results of one list, validated per row: a row that does not parse is left out. */
export function parseStoredResults(raw: unknown): ListResults {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const out: ListResults = {};
  for (const [key, value] of Object.entries(raw)) {
    const parsed = v.safeParse(ResultSchema, value);
    if (parsed.success) out[key] = parsed.output as ListResults[string];
  }
  return out;
}

const RunSchema = v.object({
  runId: v.string(),
  listId: ListIdSchema,
  platforms: v.array(v.picklist(PLATFORMS)),
  status: v.picklist(['running', 'paused', 'cooling-down', 'stopped', 'done']),
  total: v.number(),
  finished: v.number(),
  paidCalls: v.number(),
  fromCache: v.number(),
  resumeAt: v.optional(v.number()),
  stopReason: v.optional(FailureSchema),
  startedAt: v.number(),
  updatedAt: v.number(),
});

/** The stored run, validated (null when none or unreadable). */
export function parseStoredRun(raw: unknown): ListRunView | null {
  const parsed = v.safeParse(RunSchema, raw);
  return parsed.success ? (parsed.output as ListRunView) : null;
}
