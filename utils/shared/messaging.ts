import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Platform } from './platform';
import type { Distribution, Result } from './types';
import type { DouyinAccount } from './creator';
import type { XingtuAuthor } from './xingtu-author';

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
  /** not on Xingtu (未入驻星图): a normal outcome. */
  | { kind: 'none' };

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
  /** Options page → background: check the saved key with one (possibly paid) call. */
  checkApiKey(): Result<{ valid: true }>;
  /** Panel → background: open the options page. */
  openOptions(): void;
  /** Pages → background: the Xingtu creator of a Douyin account (cached; at most one search ever). */
  resolveDouyin(account: DouyinAccount): Result<Resolution>;
  /** Pages → background: the user links an account to a Xingtu creator (confirm, pick, or paste). */
  linkDouyin(req: { account: DouyinAccount; author: LinkedAuthor }): Result<Resolution>;
  /** Popup → background: Xingtu creators by nickname (one search call, cached briefly). */
  searchCreators(req: { keyword: string }): Result<XingtuAuthor[]>;

}


export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
