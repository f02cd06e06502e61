import { MAX_BADGE_BATCH, badgeKey, type BadgeRef } from '../../shared/badges';

/**
 * Collects the creators whose cached answers the badges need and asks for them in groups: one
 * message per group of cards (at most MAX_BADGE_BATCH creators), once the page is idle. A
 * creator already asked for is not asked again until `forget` (a look-up changed it).
 */
export interface PeekQueue {
  /** Ask for this creator (no-op when asked already). */
  want(ref: BadgeRef): void;
  /** Ask again next time (after a look-up or a run). */
  forget(key: string): void;
  /** Creators queued, not yet sent. */
  pending(): number;
}

export interface PeekQueueDeps {
  /** Run `flush` later (idle time); returns nothing. Called at most once until it runs. */
  schedule: (flush: () => void) => void;
  /** Send one group. */
  send: (refs: BadgeRef[]) => void;
  maxBatch?: number;
}

export function createPeekQueue({ schedule, send, maxBatch = MAX_BADGE_BATCH }: PeekQueueDeps): PeekQueue {
  const asked = new Set<string>();
  let queued: BadgeRef[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const all = queued;
    queued = [];
    for (let i = 0; i < all.length; i += maxBatch) send(all.slice(i, i + maxBatch));
  };

  return {
    want(ref) {
      const key = badgeKey(ref);
      if (asked.has(key)) return;
      asked.add(key);
      queued.push(ref);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    forget(key) {
      asked.delete(key);
    },
    pending: () => queued.length,
  };
}
