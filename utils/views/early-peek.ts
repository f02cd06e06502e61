import type { DistributionRequest } from '../shared/messaging';
import type { Distribution } from '../shared/types';

/**
 * A cache lookup started before the view asks for it. While the panel proves to the content
 * script that it is the page's own panel (utils/shared/panel-port.ts), the creator the content script
 * named beside the token is already looked up in the cache: a lookup is free (never an API call)
 * and shows nothing by itself, so an unproven name may start one. When the proven creator's
 * first request matches, it takes that answer instead of asking again.
 */
export interface EarlyPeek {
  /** Start looking `req` up (replaces a lookup not yet taken). */
  start(req: DistributionRequest): void;
  /**
   * The lookup started for exactly `req`, once (it is then forgotten); null when there is none
   * or `req` is a refresh (the user asked for a new answer: never the cached one).
   */
  take(req: DistributionRequest): Promise<Distribution | null> | null;
}

function sameRequest(a: DistributionRequest, b: DistributionRequest): boolean {
  return a.oAuthorId === b.oAuthorId && a.platform === b.platform;
}

export function createEarlyPeek(peek: (req: DistributionRequest) => Promise<Distribution | null>): EarlyPeek {
  let slot: { req: DistributionRequest; answer: Promise<Distribution | null> } | null = null;
  return {
    start(req) {
      if (slot && sameRequest(slot.req, req)) return;
      const answer = peek({ oAuthorId: req.oAuthorId, platform: req.platform }).catch(() => null);
      slot = { req, answer };
    },
    take(req) {
      if (!slot || req.refresh === true || !sameRequest(slot.req, req)) return null;
      const { answer } = slot;
      slot = null;
      return answer;
    },
  };
}
