import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Platform } from './platform';
import type { Distribution, Result } from './types';
import type { PageCreator } from './creator';

export interface DistributionRequest {
  oAuthorId: string;
  platform: Platform;
  /** Bypass the cache (the user pressed refresh). */
  refresh?: boolean;
}

/**
 * Every message between the extension's contexts. The background validates what it receives
 * (utils/message-schemas.ts); the key never travels in any of these.
 */
export interface ProtocolMap {
  /** Pages → background: the distribution of one creator on one platform. */
  getDistribution(req: DistributionRequest): Result<Distribution>;
  /** Pages → background: is a key saved? (the answer is a boolean, never the key) */
  hasApiKey(): boolean;
  /** Options page → background: check the saved key with one (possibly paid) call. */
  checkApiKey(): Result<{ valid: true }>;
  /** Panel → background: open the options page. */
  openOptions(): void;
  /** Popup → content script of a tab: which creator does this page show? */
  getPageCreator(): PageCreator | null;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
