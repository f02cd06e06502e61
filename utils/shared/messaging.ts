import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Platform } from './platform';
import type { Distribution, Result } from './types';
import type { DouyinAccount } from './creator';
import type { XingtuAuthor } from './xingtu-author';
import type { ListRunView, NewEntry, RunEstimate } from './creator-lists';
import type { BalanceInfo } from './usage';
import type { OpenedIn } from './popup-open';
import type { BadgeEstimateAnswer, BadgeLookUpAnswer, BadgeNamed, BadgePeekAnswer, BadgeRef } from './badges';

export interface DistributionRequest {
  oAuthorId: string;
  platform: Platform;
  /** Bypass the cache (the user pressed refresh). */
  refresh?: boolean;
}

export type { DouyinAccount };

/** Which Xingtu creator a Douyin account is. */
export type Resolution =
  /** core_user_id = uid (source 'search'), or chosen/pasted by the user (source 'user'). */
  | { kind: 'sure'; author: LinkedAuthor; source: 'search' | 'user' }
  /** no uid known: one exact nickname match; the user must confirm before any paid call. */
  | { kind: 'likely'; author: XingtuAuthor }
  /** several creators fit; the user picks one. */
  | { kind: 'ambiguous'; candidates: XingtuAuthor[] }
  /**
   * not on Xingtu (未入驻星图): a normal outcome. `rejected`: the user said the nickname match with
   * this Xingtu id is not the account ("No, not this creator"), remembered as the user's own answer.
   */
  | { kind: 'none'; rejected?: string };

/** The Xingtu creator an account is linked to; nickname etc. unknown when the user pasted an id. */
export type LinkedAuthor = Pick<XingtuAuthor, 'oAuthorId'> & Partial<Omit<XingtuAuthor, 'oAuthorId'>>;

/**
 * Every message between the extension's contexts. The background validates what it receives
 * (utils/background/message-guards.ts); the key never travels in any of these.
 */
export interface ProtocolMap {
  /** Pages → background: the distribution of one creator on one platform. */
  getDistribution(req: DistributionRequest): Result<Distribution>;
  /** Pages → background: the cached answer only (null when there is none); never a call. */
  peekDistribution(req: DistributionRequest): Distribution | null;
  /** Pages → background: is a key saved? (the answer is a boolean, never the key) */
  hasApiKey(): boolean;
  /**
   * Options page → background: check the saved key — with the balance request (not a data call)
   * when the endpoint answers it, else with one (possibly paid) distribution call.
   */
  checkApiKey(): Result<KeyCheck>;
  /** Panel → background: open the options page. */
  openOptions(): void;
  /**
   * Pages → background: a creator's avatar as a `data:` URL (fetched by the background without
   * cookies or referrer, checked to be an image; utils/background/avatar.ts), or null.
   */
  getAvatar(req: { url: string }): string | null;
  /**
   * Panel, popup → background: the name and avatar already known for a Xingtu creator (search
   * answers, links, recent views); never a call. Null when nothing is known.
   */
  knownAuthor(req: { oAuthorId: string }): KnownAuthor | null;
  /** Pages → background: the Xingtu creator of a Douyin account (cached; at most one search ever). */
  resolveDouyin(account: DouyinAccount): Result<Resolution>;
  /** Pages → background: the user links an account to a Xingtu creator (confirm, pick, or paste). */
  linkDouyin(req: { account: DouyinAccount; author: LinkedAuthor }): Result<Resolution>;
  /** Pages → background: the user says the likely match `oAuthorId` is not this account; no call. */
  rejectDouyin(req: { account: DouyinAccount; oAuthorId: string }): Result<Resolution>;
  /** Popup → background: Xingtu creators by nickname (one search call, cached briefly). */
  searchCreators(req: { keyword: string }): Result<XingtuAuthor[]>;

  // ---- creator lists (utils/shared/creator-lists.ts). The background is the only writer. ----
  /** List page → background: a new list, made the current one. */
  createList(req: { name: string }): Result<{ listId: string }>;
  renameList(req: { listId: string; name: string }): Result<true>;
  /** Also drops its results; a run on it stops. */
  deleteList(req: { listId: string }): Result<true>;
  /** The list "Add to list" adds to. */
  selectList(req: { listId: string }): Result<true>;
  /**
   * List page, panel, popup → background: add rows (listId null: the current list, made when
   * there is none). Rows already in the list are merged and counted; rows beyond
   * MAX_LIST_ENTRIES are refused and counted.
   */
  addToList(req: { listId: string | null; entries: NewEntry[] }): Result<AddedToList>;
  removeFromList(req: { listId: string; keys: string[] }): Result<true>;
  /** What a run of this list on these platforms would cost (reads the cache and the links; no call). */
  estimateRun(req: { listId: string; platforms: Platform[] }): Result<RunEstimate>;
  /** Start a run (one at a time: a running one must be paused or finished first). */
  startRun(req: { listId: string; platforms: Platform[] }): Result<ListRunView>;
  pauseRun(): Result<ListRunView>;
  resumeRun(): Result<ListRunView>;
  /** Run again just the rows that failed or were interrupted. */
  retryFailed(req: { listId: string; platforms: Platform[] }): Result<ListRunView>;
  /**
   * The user settles a row waiting for confirmation: this creator (then its distribution is
   * fetched), or null: none of these (the row becomes "not on Xingtu" for this list).
   */
  confirmEntry(req: { listId: string; key: string; author: LinkedAuthor | null; platforms: Platform[] }): Result<true>;
  /** List page → background: creators recently shown in the panel or the popup, with cached data (free). */
  recentlyViewed(): Result<RecentCreator[]>;

  // ---- money (utils/shared/usage.ts) ----
  /**
   * Options page, popup → background: the account balance (account endpoint, not a data call),
   * fetched at most every 10 minutes unless `refresh`, and after a run of calls. Never from a
   * content page. A custom endpoint that does not answer it gives { state: 'unknown' }.
   */
  getBalance(req: { refresh?: boolean }): Result<BalanceInfo>;
  /** Panel, popup, list page → background: let one paid call past the daily call limit. */
  allowOneCall(): Result<true>;

  // ---- list page badges (utils/shared/badges.ts): the only messages a content script sends ----
  /** Badges → background: the cached answers of a group of cards (never a call). */
  badgePeek(req: { refs: BadgeRef[] }): BadgePeekAnswer;
  /** Badges → background, after a trusted click on the badge's button: one look-up (a call, or a search and a call). */
  badgeLookUp(req: BadgeNamed): BadgeLookUpAnswer;
  /** Badges → background: add the creator to the current creator list. */
  badgeAddToList(req: BadgeNamed): Result<AddedToList & { listName: string }>;
  /** Badges → background: what looking up the creators in view would cost (no call). */
  badgeEstimate(req: { creators: BadgeNamed[] }): Result<BadgeEstimateAnswer>;
  /** Badges → background: run that estimate as a creator list run (a new list). */
  badgeRun(req: { token: string }): Result<{ listId: string; listName: string }>;
  /**
   * Badges → background, after a trusted click on "Open" in a badge's card: show the creator in
   * the toolbar popup, or in a popup window where that cannot be opened (utils/shared/popup-open.ts).
   */
  badgeOpen(req: { ref: BadgeRef }): Result<OpenedIn>;

  /** Popup → background: the creator a badge's "Open" handed over, once (null: none). */
  takeOpenedCreator(): string | null;
}

/** The saved key works; its balance when the endpoint told it (unknown: `{state:'unknown', reason:'not-supported'}`). */
export interface KeyCheck {
  valid: true;
  balance?: BalanceInfo;
}

export interface AddedToList {
  listId: string;
  added: number;
  duplicates: number;
  /** Beyond MAX_LIST_ENTRIES. */
  refused: number;
}

/** What is known of a Xingtu creator without a call. */
export interface KnownAuthor {
  nickname: string | null;
  avatarUrl: string | null;
}

/** A creator shown in the panel or the popup, newest first. */
export interface RecentCreator {
  oAuthorId: string;
  nickname: string | null;
  viewedAt: number;
  /** The cached answer for the platform it was viewed on, or null when it left the cache. */
  distribution: Distribution | null;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
