import { describe, expect, it, vi } from 'vitest';
import { createEarlyPeek } from '../../utils/views/early-peek';
import type { DistributionRequest } from '../../utils/shared/messaging';
import type { Distribution } from '../../utils/shared/types';

const ID = '7006229624431689736';
const OTHER = '6844000000000000001';

function hitFor(req: DistributionRequest): Distribution {
  return { oAuthorId: req.oAuthorId, platform: req.platform, rows: [{ name: '美食', count: 3, share: 1 }], fetchedAt: 1, fromCache: true };
}

describe('createEarlyPeek', () => {
  it('looks up once, and hands the answer to the first matching request only', async () => {
    const peek = vi.fn(async (req: DistributionRequest) => hitFor(req));
    const early = createEarlyPeek(peek);
    early.start({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    expect(peek).toHaveBeenCalledTimes(1);
    const first = early.take({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    expect(await first).toEqual(hitFor({ oAuthorId: ID, platform: 'SHORT_VIDEO' }));
    expect(early.take({ oAuthorId: ID, platform: 'SHORT_VIDEO' })).toBeNull(); // taken: a later view asks afresh
  });

  it('gives nothing to another creator, another platform, or a refresh', async () => {
    const early = createEarlyPeek(async (req) => hitFor(req));
    early.start({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    expect(early.take({ oAuthorId: OTHER, platform: 'SHORT_VIDEO' })).toBeNull();
    expect(early.take({ oAuthorId: ID, platform: 'LIVE_STREAMING' })).toBeNull();
    expect(early.take({ oAuthorId: ID, platform: 'SHORT_VIDEO', refresh: true })).toBeNull();
    expect(await early.take({ oAuthorId: ID, platform: 'SHORT_VIDEO' })).not.toBeNull(); // still there for the real one
  });

  it('a newer hint replaces the older; the same hint twice looks up once', async () => {
    const peek = vi.fn(async (req: DistributionRequest) => hitFor(req));
    const early = createEarlyPeek(peek);
    early.start({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    early.start({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    expect(peek).toHaveBeenCalledTimes(1);
    early.start({ oAuthorId: OTHER, platform: 'SHORT_VIDEO' });
    expect(early.take({ oAuthorId: ID, platform: 'SHORT_VIDEO' })).toBeNull();
    expect((await early.take({ oAuthorId: OTHER, platform: 'SHORT_VIDEO' }))?.oAuthorId).toBe(OTHER);
  });

  it('asks the cache with a plain request (never a refresh), and a failed lookup is a miss', async () => {
    const peek = vi.fn(async (_req: DistributionRequest): Promise<Distribution | null> => {
      throw new Error('no background');
    });
    const early = createEarlyPeek(peek);
    early.start({ oAuthorId: ID, platform: 'SHORT_VIDEO', refresh: true });
    expect(peek).toHaveBeenCalledWith({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    expect(await early.take({ oAuthorId: ID, platform: 'SHORT_VIDEO' })).toBeNull();
  });
});
