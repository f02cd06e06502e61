import * as v from 'valibot';
import { O_AUTHOR_ID } from './page-detect';
import { DOUYIN_UID, SEC_UID } from './douyin-page-url';
import { PLATFORMS, type Platform } from './platform';
import type { CategoryRow, Failure } from './types';
import type { XingtuAuthor } from './xingtu-author';

/**
 * Creator lists (达人清单): one named list per campaign, its creators, what the background found
 * for each, and the run that fills them. The background owns every record (one writer: the list
 * page, the panel and the popup ask it through messages, utils/shared/messaging.ts); the list
 * page reads them from storage and watches them for progress.
 */

/** Most creators in one list; adding beyond is refused with a message. */
export const MAX_LIST_ENTRIES = 500;
/** Most lists kept. */
export const MAX_LISTS = 50;
/** Longest list name (characters). */
export const MAX_LIST_NAME_LENGTH = 60;
/** Longest nickname kept for a row. */
export const MAX_ENTRY_NICKNAME_LENGTH = 100;
/** Longest source text (the link or id the user gave) kept for a row. */
export const MAX_ENTRY_SOURCE_LENGTH = 300;
/** Parallel requests of a run: default and bounds (the "Parallel requests" setting). */
export const DEFAULT_RUN_CONCURRENCY = 2;
export const MIN_RUN_CONCURRENCY = 1;
export const MAX_RUN_CONCURRENCY = 4;

/** Who a row is, as the user gave it. Ids are strings. */
export type ListCreatorRef =
  /** A Xingtu author id, or a Xingtu creator link. */
  | { kind: 'xingtu'; oAuthorId: string }
  /**
   * A Douyin profile or share link. `nickname` comes from another cell of the same pasted row
   * (a spreadsheet's name column), when there was one: the creator search needs it.
   */
  | { kind: 'douyin'; secUid: string | null; uid: string | null; nickname: string | null }
  /** A nickname alone: a search, then the user confirms. */
  | { kind: 'nickname'; nickname: string };

export interface ListEntry {
  /** Identity within a list (see entryKey): the same creator given twice has the same key. */
  key: string;
  ref: ListCreatorRef;
  /** What the user gave for it (link, id or name), for the export's source_link. */
  source: string;
  addedAt: number;
}

export interface CreatorList {
  id: string;
  name: string;
  createdAt: number;
  entries: ListEntry[];
}

export interface ListsState {
  /** The list "Add to list" adds to; null when there is none. */
  currentId: string | null;
  lists: CreatorList[];
}

/** The same creator gets the same key: by id, by sec_uid (else uid), by nickname. */
export function entryKey(ref: ListCreatorRef): string {
  switch (ref.kind) {
    case 'xingtu':
      return `x:${ref.oAuthorId}`;
    case 'douyin':
      return ref.secUid !== null ? `d:${ref.secUid}` : `du:${ref.uid ?? ''}`;
    case 'nickname':
      return `n:${ref.nickname.trim().toLowerCase()}`;
  }
}

/** What one platform gave for a row. */
export type PlatformOutcome =
  | { ok: true; rows: CategoryRow[]; fetchedAt: number; fromCache: boolean }
  | { ok: false; error: Failure };

/**
 * Where a row stands:
 * - 'new': never run; 'queued' / 'running': in the current run;
 * - 'done': every asked platform answered; 'failed': at least one failed (see `platforms`/`error`);
 * - 'confirm': a likely match or namesakes wait for the user (no distribution call before);
 * - 'not-on-xingtu': a normal answer (未入驻星图);
 * - 'needs-nickname': a Douyin link without a known link to Xingtu and no name to search for;
 * - 'interrupted': the worker stopped during its call; not called again unless "Retry failed".
 */
export type EntryStatus = 'new' | 'queued' | 'running' | 'done' | 'failed' | 'confirm' | 'not-on-xingtu' | 'needs-nickname' | 'interrupted';

export interface EntryResult {
  status: EntryStatus;
  /** Known once resolved (always for Xingtu rows). */
  oAuthorId?: string;
  nickname?: string;
  avatarUrl?: string | null;
  platforms: Partial<Record<Platform, PlatformOutcome>>;
  /** For 'confirm': how sure, and whom to pick from. */
  match?: 'likely' | 'ambiguous';
  candidates?: XingtuAuthor[];
  /** For 'failed' before any platform ran (the search failed) or 'interrupted'. */
  error?: Failure;
  updatedAt: number;
}

/** entry key → result, one record per list. */
export type ListResults = Record<string, EntryResult>;

/** What a run will cost, before any call. Counts creator+platform pairs for distributions. */
export interface RunEstimate {
  creators: number;
  platforms: Platform[];
  /** Creator searches (Douyin rows without a known link, nicknames); equal keywords count once. */
  searchCalls: number;
  /** Distribution calls for creators whose id is known and whose answer is not cached. */
  distributionCalls: number;
  /** searchCalls + distributionCalls + distribution calls after a search (see below). */
  paidCalls: number;
  /**
   * Distribution calls that follow a search when it finds a sure match (Douyin rows with a uid):
   * counted in paidCalls as "at most".
   */
  afterSearchCalls: number;
  /** Creator+platform answers already in the cache (free). */
  fromCache: number;
  /** Rows whose Douyin→Xingtu link is already known (free). */
  knownLinks: number;
  /** Rows that wait for the user's confirmation (no distribution call until then). */
  waitingConfirm: number;
  /** Douyin rows with nothing to search for (no call). */
  needsNickname: number;
  /** Rows known not to be on Xingtu (no call). */
  notOnXingtu: number;
  /** Rows already done for these platforms in this list (no call). */
  alreadyDone: number;
}

export type RunStatus = 'running' | 'paused' | 'cooling-down' | 'stopped' | 'done';

/** The one run the background works on (stored, so a stopped worker resumes it). */
export interface ListRunView {
  runId: string;
  listId: string;
  platforms: Platform[];
  status: RunStatus;
  /** Creators in the run, and those finished (any outcome). */
  total: number;
  finished: number;
  /** Paid calls made so far in this run, and answers taken from the cache. */
  paidCalls: number;
  fromCache: number;
  /** 'cooling-down' (302): calls resume at this time (ms since epoch). */
  resumeAt?: number;
  /** 'stopped': why (100, 303, 601, 602, no key); 'paused' by the daily call limit: the 'daily-cap' failure. */
  stopReason?: Failure;
  startedAt: number;
  updatedAt: number;
}

// ---- validation of what crosses a boundary (messages, storage) ----------------------------

const Nickname = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_ENTRY_NICKNAME_LENGTH));

export const ListCreatorRefSchema = v.variant('kind', [
  v.object({ kind: v.literal('xingtu'), oAuthorId: v.pipe(v.string(), v.regex(O_AUTHOR_ID)) }),
  v.pipe(
    v.object({
      kind: v.literal('douyin'),
      secUid: v.nullable(v.pipe(v.string(), v.regex(SEC_UID))),
      uid: v.nullable(v.pipe(v.string(), v.regex(DOUYIN_UID))),
      nickname: v.nullable(Nickname),
    }),
    v.check((ref) => ref.secUid !== null || ref.uid !== null, 'a Douyin row needs a sec_uid or a uid'),
  ),
  v.object({ kind: v.literal('nickname'), nickname: Nickname }),
]);

/** A row as the list page sends it to be added (the background sets key and time). */
export const NewEntrySchema = v.object({
  ref: ListCreatorRefSchema,
  source: v.pipe(v.string(), v.maxLength(MAX_ENTRY_SOURCE_LENGTH)),
});
export type NewEntry = v.InferOutput<typeof NewEntrySchema>;

export const ListNameSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_LIST_NAME_LENGTH));

export const RunPlatformsSchema = v.pipe(
  v.array(v.picklist(PLATFORMS)),
  v.minLength(1),
  v.check((list) => new Set(list).size === list.length, 'platforms repeat'),
);

export const ListIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/));

export function isRunConcurrency(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_RUN_CONCURRENCY && value <= MAX_RUN_CONCURRENCY;
}
