import * as v from 'valibot';
import { O_AUTHOR_ID } from './page-detect';
import { SEC_UID } from './douyin-page-url';
import type { CategoryRow } from './types';
import type { RunEstimate } from './creator-lists';
import type { FailureKind } from './types';
import { xingtuCreatorUrl } from './xingtu-link';

/**
 * The badges on list pages (utils/page/badges/): what the content script may ask the
 * background, and what it gets back. The set is narrow on purpose: a batched cache read, one
 * look-up (a trusted click on our own button), add to list, and the estimate and run of the
 * creators in view. Nothing else crosses: no key, no settings but the one switch, no list
 * contents. The background validates every request with these schemas.
 */

/** A creator as a card's link names it: a Xingtu creator page or a Douyin /user/<sec_uid> page. */
export type BadgeRef = { kind: 'xingtu'; oAuthorId: string } | { kind: 'douyin'; secUid: string };

/** The card's link text for a Douyin account: only the search keyword of a look-up, never its identity. */
export const MAX_BADGE_NICKNAME = 100;
/** Most creators in one cache read (a screenful is far fewer); and in one "look up all visible". */
export const MAX_BADGE_BATCH = 60;
/** Categories the hover card shows. */
export const BADGE_TOP = 5;

export function badgeKey(ref: BadgeRef): string {
  return ref.kind === 'xingtu' ? `x:${ref.oAuthorId}` : `d:${ref.secUid}`;
}

/** The creator's own page: the Xingtu creator page or the Douyin profile a card links to. */
export function badgeRefUrl(ref: BadgeRef): string {
  return ref.kind === 'xingtu' ? xingtuCreatorUrl(ref.oAuthorId) : `https://www.douyin.com/user/${ref.secUid}`;
}

/** What a badge shows for one creator. */
export type BadgeInfo =
  /** In the cache: the top categories (at most BADGE_TOP) and when they were fetched. `oAuthorId` for Douyin rows. */
  | { state: 'cached'; oAuthorId: string; top: CategoryRow[]; total: number; fetchedAt: number }
  /** Not cached. `search`: a Douyin account with no stored Xingtu link (a search, then the distribution). */
  | { state: 'uncached'; search: boolean }
  /** A stored answer: this Douyin account is not on Xingtu. */
  | { state: 'not-on-xingtu' }
  /** A stored answer that waits for the user (a likely match or namesakes): the panel asks. */
  | { state: 'confirm' };

export interface BadgePeekAnswer {
  /** The "Badges on list pages" setting; false: no badges (and `items` is empty). */
  enabled: boolean;
  /** In the order of the request. */
  items: BadgeInfo[];
}

/** What one look-up gave. */
export type BadgeLookUpAnswer = { ok: true; info: BadgeInfo } | { ok: false; error: FailureKind };

export interface BadgeEstimateAnswer {
  estimate: RunEstimate;
  /** Names the creators of this estimate; "run" takes it back (valid in this worker's life). */
  token: string;
}

const Xingtu = v.strictObject({ kind: v.literal('xingtu'), oAuthorId: v.pipe(v.string(), v.regex(O_AUTHOR_ID)) });
const Douyin = v.strictObject({ kind: v.literal('douyin'), secUid: v.pipe(v.string(), v.regex(SEC_UID)) });
export const BadgeRefSchema = v.variant('kind', [Xingtu, Douyin]);
const Nickname = v.nullable(v.pipe(v.string(), v.maxLength(MAX_BADGE_NICKNAME)));
const Batch = v.pipe(v.array(BadgeRefSchema), v.minLength(1), v.maxLength(MAX_BADGE_BATCH));
const Named = v.strictObject({ ref: BadgeRefSchema, nickname: Nickname });

export const BadgeSchemas = {
  peek: v.strictObject({ refs: Batch }),
  one: Named,
  visible: v.strictObject({ creators: v.pipe(v.array(Named), v.minLength(1), v.maxLength(MAX_BADGE_BATCH)) }),
  run: v.strictObject({ token: v.pipe(v.string(), v.regex(/^[a-z0-9]{8,40}$/)) }),
  open: v.strictObject({ ref: BadgeRefSchema }),
};

export type BadgeNamed = v.InferOutput<typeof Named>;
