import { afterEach, describe, expect, it, vi } from 'vitest';
import { askWithin, createListBridge, NO_ANSWER, type ListSend } from '../../utils/views/list-bridge';
import type { Result } from '../../utils/shared/types';

afterEach(() => vi.useRealTimers());

describe('askWithin', () => {
  it('passes a Result through', async () => {
    expect(await askWithin(async () => ({ ok: true, value: 3 }), async () => 1000)).toEqual({ ok: true, value: 3 });
    expect(await askWithin(async (): Promise<Result<number>> => ({ ok: false, error: { kind: 'bad-input' } }), async () => 1000)).toEqual({
      ok: false,
      error: { kind: 'bad-input' },
    });
  });

  it('turns no background (a rejection, a throw) and an answer that is not a Result into "unexpected"', async () => {
    expect(await askWithin(() => Promise.reject(new Error('no listener')), async () => 1000)).toEqual({ ok: false, error: NO_ANSWER });
    expect(
      await askWithin(() => {
        throw new Error('sync');
      }, async () => 1000),
    ).toEqual({ ok: false, error: NO_ANSWER });
    expect(await askWithin(async () => 'nonsense' as unknown as Result<number>, async () => 1000)).toEqual({ ok: false, error: NO_ANSWER });
    expect(await askWithin(async () => ({ ok: false, error: {} }) as unknown as Result<number>, async () => 1000)).toEqual({
      ok: false,
      error: NO_ANSWER,
    });
  });

  it('gives up after the deadline with a timeout', async () => {
    vi.useFakeTimers();
    const answer = askWithin(() => new Promise<Result<number>>(() => undefined), async () => 5000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await answer).toEqual({ ok: false, error: { kind: 'timeout' } });
  });
});

describe('createListBridge', () => {
  it('sends each request as its message', async () => {
    const sent: [string, unknown][] = [];
    const send = vi.fn(async (type: string, data: unknown) => {
      sent.push([type, data]);
      return { ok: true, value: true };
    }) as unknown as ListSend;
    const bridge = createListBridge(send, async () => 1000);
    await bridge.startRun({ listId: 'l1', platforms: ['SHORT_VIDEO'] });
    await bridge.pauseRun();
    await bridge.confirmEntry({ listId: 'l1', key: 'd:x', author: null, platforms: ['SHORT_VIDEO'] });
    await bridge.allowOneCall();
    expect(sent).toEqual([
      ['startRun', { listId: 'l1', platforms: ['SHORT_VIDEO'] }],
      ['pauseRun', undefined],
      ['confirmEntry', { listId: 'l1', key: 'd:x', author: null, platforms: ['SHORT_VIDEO'] }],
      ['allowOneCall', undefined],
    ]);
  });
});
