import { describe, expect, it } from 'vitest';
import { createPeekQueue } from '../../utils/page/badges/peek-queue';
import { badgeKey, type BadgeRef } from '../../utils/shared/badges';

const x = (n: number): BadgeRef => ({ kind: 'xingtu', oAuthorId: String(7_000_000_000_000_000_000n + BigInt(n)) });

function setup(maxBatch?: number) {
  const sent: BadgeRef[][] = [];
  const scheduled: (() => void)[] = [];
  const queue = createPeekQueue({ schedule: (flush) => scheduled.push(flush), send: (refs) => sent.push(refs), maxBatch });
  const runIdle = () => scheduled.splice(0).forEach((f) => f());
  return { queue, sent, scheduled, runIdle };
}

describe('createPeekQueue: one cache read per group of cards', () => {
  it('cards seen before the page is idle go in one message', () => {
    const { queue, sent, scheduled, runIdle } = setup();
    for (let i = 0; i < 12; i += 1) queue.want(x(i));
    expect(scheduled).toHaveLength(1); // one idle callback, not one per card
    expect(sent).toEqual([]);
    runIdle();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toHaveLength(12);
  });

  it('a creator is asked for once, however often its cards are recycled', () => {
    const { queue, sent, runIdle } = setup();
    queue.want(x(1));
    queue.want(x(1));
    runIdle();
    queue.want(x(1));
    runIdle();
    expect(sent).toEqual([[x(1)]]);
  });

  it('forget asks again (after a look-up or a run)', () => {
    const { queue, sent, runIdle } = setup();
    queue.want(x(1));
    runIdle();
    queue.forget(badgeKey(x(1)));
    queue.want(x(1));
    runIdle();
    expect(sent).toEqual([[x(1)], [x(1)]]);
  });

  it('a long list is split into groups of at most the batch size', () => {
    const { queue, sent, runIdle } = setup(25);
    for (let i = 0; i < 60; i += 1) queue.want(x(i));
    expect(queue.pending()).toBe(60);
    runIdle();
    expect(sent.map((g) => g.length)).toEqual([25, 25, 10]);
    expect(queue.pending()).toBe(0);
  });
});
