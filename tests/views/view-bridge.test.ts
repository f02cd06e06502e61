import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_MARGIN_MS, bridgeDeadlineMs, withDeadline, withDeadlines, type ViewBridge } from '../../utils/views/view-bridge';
import type { DistributionRequest, Resolution } from '../../utils/shared/messaging';
import type { Distribution, Result } from '../../utils/shared/types';

const REQ: DistributionRequest = { oAuthorId: '7006229624431689736', platform: 'SHORT_VIDEO' };
const ACCOUNT = { uid: '3429711218823623', secUid: null, nickname: '川味小厨娘', uniqueId: null };
const never = <T>() => new Promise<T>(() => undefined);

function silentBridge(): ViewBridge {
  return {
    load: vi.fn(() => never<Result<Distribution>>()),
    resolveDouyin: vi.fn(() => never<Result<Resolution>>()),
    linkDouyin: vi.fn(() => never<Result<Resolution>>()),
    searchCreators: vi.fn(() => never<Result<never[]>>()),
    openOptions: vi.fn(),
  };
}

describe('bridgeDeadlineMs', () => {
  it('is every attempt running into the request timeout, plus a margin', () => {
    expect(bridgeDeadlineMs({ timeoutSeconds: 60 })).toBe(3 * 60_000 + BRIDGE_MARGIN_MS);
    expect(bridgeDeadlineMs({ timeoutSeconds: 5 })).toBe(3 * 5_000 + BRIDGE_MARGIN_MS);
  });
});

describe('withDeadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers a typed timeout when the work never settles', async () => {
    let answer: unknown = null;
    void withDeadline(never<Result<number>>(), 1_000).then((r) => (answer = r));
    await vi.advanceTimersByTimeAsync(999);
    expect(answer).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(answer).toEqual({ ok: false, error: { kind: 'timeout' } });
  });

  it('passes an answer in time through, and a rejection too', async () => {
    await expect(withDeadline(Promise.resolve<Result<number>>({ ok: true, value: 1 }), 1_000)).resolves.toEqual({ ok: true, value: 1 });
    await expect(withDeadline(Promise.reject(new Error('port closed')), 1_000)).rejects.toThrow('port closed');
    expect(vi.getTimerCount()).toBe(0); // no timer left behind
  });
});

describe('withDeadlines', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('bounds every request of a bridge whose background never answers, with the deadline read per request', async () => {
    const inner = silentBridge();
    const deadline = vi.fn(async () => 2_000);
    const bridge = withDeadlines(inner, deadline);
    const answers: unknown[] = [];
    void bridge.load(REQ).then((r) => answers.push(r));
    void bridge.resolveDouyin(ACCOUNT).then((r) => answers.push(r));
    void bridge.linkDouyin(ACCOUNT, { oAuthorId: REQ.oAuthorId }).then((r) => answers.push(r));
    void bridge.searchCreators('川味').then((r) => answers.push(r));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(answers).toEqual(Array(4).fill({ ok: false, error: { kind: 'timeout' } }));
    expect(deadline).toHaveBeenCalledTimes(4);
    expect(inner.load).toHaveBeenCalledWith(REQ);
    bridge.openOptions();
    expect(inner.openOptions).toHaveBeenCalledTimes(1);
  });

  it('the request leaves at once: it does not wait for the deadline to be read', async () => {
    const inner = silentBridge();
    let readDeadline: (ms: number) => void = () => undefined;
    const bridge = withDeadlines(inner, () => new Promise<number>((resolve) => (readDeadline = resolve)));
    const answers: unknown[] = [];
    void bridge.load(REQ).then((r) => answers.push(r));
    expect(inner.load).toHaveBeenCalledWith(REQ); // before the settings were read
    readDeadline(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(answers).toEqual([{ ok: false, error: { kind: 'timeout' } }]);
  });

  it('a request that throws or rejects before the deadline is read rejects for the view, unhandled nowhere', async () => {
    const inner = silentBridge();
    inner.load = vi.fn(() => Promise.reject(new Error('port closed')));
    inner.searchCreators = vi.fn(() => {
      throw new Error('no runtime');
    });
    const reads: ((ms: number) => void)[] = [];
    const bridge = withDeadlines(inner, () => new Promise<number>((resolve) => reads.push(resolve)));
    const load = bridge.load(REQ);
    const search = bridge.searchCreators('x');
    await Promise.resolve();
    reads.forEach((read) => read(1_000));
    await expect(load).rejects.toThrow('port closed');
    await expect(search).rejects.toThrow('no runtime');
  });

  it('a deadline that cannot be read falls back to the default settings', async () => {
    const bridge = withDeadlines(silentBridge(), async () => {
      throw new Error('storage gone');
    });
    let answer: unknown = null;
    void bridge.load(REQ).then((r) => (answer = r));
    await vi.advanceTimersByTimeAsync(bridgeDeadlineMs({ timeoutSeconds: 60 }) - 1);
    expect(answer).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(answer).toEqual({ ok: false, error: { kind: 'timeout' } });
  });

  it('a bridge call that throws synchronously rejects (shown as unexpected), it does not hang', async () => {
    const inner = silentBridge();
    inner.load = () => {
      throw new Error('no receiving end');
    };
    await expect(withDeadlines(inner, async () => 1_000).load(REQ)).rejects.toThrow('no receiving end');
  });
});
