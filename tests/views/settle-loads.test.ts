import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settleRequests } from '../../utils/views/settle-loads';

type Req = { id: string; refresh?: boolean };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(quietMs = 350) {
  const sent: string[] = [];
  const send = vi.fn(async (req: Req) => {
    sent.push(req.id);
    return `answer ${req.id}`;
  });
  const load = settleRequests<Req, string>(send, () => 'superseded', { quietMs, now: () => Date.now() });
  return { sent, load };
}

describe('settleRequests', () => {
  it('a request after a quiet moment goes at once', async () => {
    const { sent, load } = setup();
    await expect(load({ id: 'a' })).resolves.toBe('answer a');
    vi.advanceTimersByTime(1_000);
    await expect(load({ id: 'b' })).resolves.toBe('answer b');
    expect(sent).toEqual(['a', 'b']);
  });

  it('five requests 100 ms apart: the first and the last are sent, the others never', async () => {
    const { sent, load } = setup();
    const answers: Promise<string>[] = [];
    for (const id of ['1', '2', '3', '4', '5']) {
      answers.push(load({ id }));
      vi.advanceTimersByTime(100);
    }
    expect(sent).toEqual(['1']);
    await vi.advanceTimersByTimeAsync(350);
    expect(sent).toEqual(['1', '5']);
    expect(await Promise.all(answers)).toEqual(['answer 1', 'superseded', 'superseded', 'superseded', 'answer 5']);
  });

  it('a refresh goes at once, and overtakes a waiting request', async () => {
    const { sent, load } = setup();
    void load({ id: 'a' });
    const waiting = load({ id: 'b' });
    const refresh = load({ id: 'b', refresh: true });
    expect(sent).toEqual(['a', 'b']);
    expect(await waiting).toBe('superseded');
    expect(await refresh).toBe('answer b');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toEqual(['a', 'b']);
  });

  it('a failure of the sent request reaches its caller', async () => {
    const load = settleRequests<Req, string>(async () => Promise.reject(new Error('port closed')), () => 'superseded');
    await expect(load({ id: 'a' })).rejects.toThrow('port closed');
    const late = load({ id: 'b' });
    const check = expect(late).rejects.toThrow('port closed');
    await vi.advanceTimersByTimeAsync(400);
    await check;
  });

  it('every request is answered (nothing waits forever)', async () => {
    const { load } = setup(50);
    const answers = Array.from({ length: 30 }, (_, i) => {
      vi.advanceTimersByTime(i % 3 === 0 ? 60 : 10);
      return load({ id: String(i) });
    });
    await vi.advanceTimersByTimeAsync(100);
    const settled = await Promise.all(answers);
    expect(settled.every((a) => a === 'superseded' || a.startsWith('answer'))).toBe(true);
    expect(settled.at(-1)).toBe('answer 29');
  });
});

describe('settleRequests with a free (cached) answer', () => {
  function setupFast(cached: Record<string, string>) {
    const sent: string[] = [];
    const send = vi.fn(async (req: Req) => {
      sent.push(req.id);
      return `answer ${req.id}`;
    });
    const fast = vi.fn(async (req: Req) => cached[req.id] ?? null);
    const load = settleRequests<Req, string>(send, () => 'superseded', { quietMs: 350, now: () => Date.now(), fast });
    return { sent, load, fast };
  }

  it('a cached answer during rapid moves comes at once, without waiting and without a call', async () => {
    const { sent, load } = setupFast({ b: 'cached b' });
    await load({ id: 'a' });
    vi.advanceTimersByTime(100);
    await expect(load({ id: 'b' })).resolves.toBe('cached b');
    expect(sent).toEqual(['a']);
  });

  it('a cached answer overtakes a request that was waiting (a glimpsed creator is never paid for)', async () => {
    const { sent, load } = setupFast({ c: 'cached c' });
    await load({ id: 'a' });
    vi.advanceTimersByTime(100);
    const b = load({ id: 'b' }); // not cached: waits
    await vi.advanceTimersByTimeAsync(100);
    await expect(load({ id: 'c' })).resolves.toBe('cached c');
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(b).resolves.toBe('superseded');
    expect(sent).toEqual(['a']);
  });

  it('a newer request while the cache was looked up overtakes the older one', async () => {
    const sent: string[] = [];
    let releaseLookup!: () => void;
    const send = vi.fn(async (req: Req) => {
      sent.push(req.id);
      return `answer ${req.id}`;
    });
    const fast = vi.fn((req: Req) =>
      req.id === 'b' ? new Promise<string | null>((resolve) => (releaseLookup = () => resolve(null))) : Promise.resolve(null),
    );
    const load = settleRequests<Req, string>(send, () => 'superseded', { quietMs: 350, now: () => Date.now(), fast });
    await load({ id: 'a' });
    vi.advanceTimersByTime(100);
    const b = load({ id: 'b' });
    vi.advanceTimersByTime(50);
    const c = load({ id: 'c' });
    releaseLookup();
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(b).resolves.toBe('superseded');
    await expect(c).resolves.toBe('answer c');
    expect(sent).toEqual(['a', 'c']);
  });
});
