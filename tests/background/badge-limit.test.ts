import { describe, expect, it } from 'vitest';
import { createLookUpLimit } from '../../utils/background/badge-limit';

describe('createLookUpLimit', () => {
  it('lets a tab make at most `max` look-ups a minute, then again as they age', () => {
    let t = 0;
    const limit = createLookUpLimit({ max: 3, windowMs: 60_000, now: () => t });
    expect([limit.take(1), limit.take(1), limit.take(1), limit.take(1)]).toEqual([true, true, true, false]);
    expect(limit.take(2)).toBe(true); // another tab has its own count
    t = 59_999;
    expect(limit.take(1)).toBe(false);
    t = 60_000;
    expect(limit.take(1)).toBe(true);
  });
});
