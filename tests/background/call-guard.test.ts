import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createCallGuard,
  keyFingerprint,
  nextShanghaiMidnight,
  RATE_LIMIT_COOL_DOWN_MS,
  type GuardRecord,
  type GuardStore,
} from '../../utils/background/api/call-guard';
import type { Failure, Result } from '../../utils/shared/types';

// 2025-03-01 14:05:00 in Asia/Shanghai (06:05 UTC).
const T0 = Date.UTC(2025, 2, 1, 6, 5);
const MIDNIGHT_SHANGHAI = Date.UTC(2025, 2, 1, 16, 0); // 2025-03-02 00:00 UTC+8
const KEY = 'sk-live-key-1';

const OK: Result<string> = { ok: true, value: 'data' };
const fail = (error: Failure): Result<string> => ({ ok: false, error });

function setup(opts: { store?: GuardStore } = {}) {
  let t = T0;
  const guard = createCallGuard({ now: () => t, ...opts });
  const call = vi.fn<() => Promise<Result<string>>>(async () => OK);
  return {
    guard,
    call,
    advance: (ms: number) => (t += ms),
    at: (ms: number) => (t = ms),
    answer: (r: Result<string>) => call.mockImplementation(async () => r),
  };
}

describe('nextShanghaiMidnight', () => {
  it.each([
    ['afternoon in Shanghai', T0, MIDNIGHT_SHANGHAI],
    ['00:00 Shanghai exactly → the next day', MIDNIGHT_SHANGHAI, MIDNIGHT_SHANGHAI + 86_400_000],
    ['23:59:59.999 Shanghai', MIDNIGHT_SHANGHAI - 1, MIDNIGHT_SHANGHAI],
    ['00:30 UTC (08:30 Shanghai, same UTC date)', Date.UTC(2025, 2, 1, 0, 30), MIDNIGHT_SHANGHAI],
    ['20:00 UTC (04:00 next day in Shanghai)', Date.UTC(2025, 2, 1, 20, 0), MIDNIGHT_SHANGHAI + 86_400_000],
  ])('%s', (_label, now, expected) => {
    expect(nextShanghaiMidnight(now)).toBe(expected);
  });
});

describe('createCallGuard', () => {
  it('passes calls through while nothing blocks', async () => {
    const s = setup();
    expect(await s.guard.run(KEY, false, s.call)).toEqual(OK);
    expect(await s.guard.run(KEY, false, s.call)).toEqual(OK);
    expect(s.call).toHaveBeenCalledTimes(2);
    expect(await s.guard.blocked(KEY)).toBeNull();
  });

  it('303: no call until 00:00 in Asia/Shanghai, answering the failure with blockedUntil', async () => {
    const s = setup();
    s.answer(fail({ kind: 'quota-exceeded', code: 303, detail: 'daily quota exceeded', oAuthorId: '1' }));
    // The answer that starts the block says until when, too.
    expect(await s.guard.run(KEY, false, s.call)).toEqual({
      ok: false,
      error: { kind: 'quota-exceeded', code: 303, detail: 'daily quota exceeded', oAuthorId: '1', blockedUntil: MIDNIGHT_SHANGHAI },
    });
    s.answer(OK);
    const blocked = await s.guard.run(KEY, false, s.call);
    expect(blocked).toEqual({
      ok: false,
      error: { kind: 'quota-exceeded', code: 303, detail: 'daily quota exceeded', blockedUntil: MIDNIGHT_SHANGHAI },
    });
    s.at(MIDNIGHT_SHANGHAI - 1);
    expect((await s.guard.run(KEY, false, s.call)).ok).toBe(false);
    expect(s.call).toHaveBeenCalledTimes(1);
    s.at(MIDNIGHT_SHANGHAI);
    expect(await s.guard.run(KEY, false, s.call)).toEqual(OK);
    expect(s.call).toHaveBeenCalledTimes(2);
  });

  it('303: another key is not blocked, and the block is forgotten once the key changed', async () => {
    const s = setup();
    s.answer(fail({ kind: 'quota-exceeded', code: 303 }));
    await s.guard.run(KEY, false, s.call);
    s.answer(OK);
    expect(await s.guard.run('another-key', false, s.call)).toEqual(OK);
    // Back to the first key: its block was dropped when the other key was used.
    expect(await s.guard.run(KEY, false, s.call)).toEqual(OK);
    expect(s.call).toHaveBeenCalledTimes(3);
  });

  it('601: blocked until the key changes, whatever the time', async () => {
    const s = setup();
    s.answer(fail({ kind: 'insufficient-balance', code: 601 }));
    await s.guard.run(KEY, false, s.call);
    s.answer(OK);
    s.advance(30 * 86_400_000);
    expect(await s.guard.run(KEY, false, s.call)).toEqual({
      ok: false,
      error: { kind: 'insufficient-balance', code: 601, blockedUntil: 'key-change' },
    });
    expect(s.call).toHaveBeenCalledTimes(1);
    expect(await s.guard.run(`${KEY}-new`, false, s.call)).toEqual(OK);
  });

  it('601 and 303: an explicit request tries once; success lifts the block, failure keeps it', async () => {
    const s = setup();
    s.answer(fail({ kind: 'insufficient-balance', code: 601 }));
    await s.guard.run(KEY, false, s.call);
    // Refresh while still unpaid: one call, still blocked afterwards.
    expect((await s.guard.run(KEY, true, s.call)).ok).toBe(false);
    expect(s.call).toHaveBeenCalledTimes(2);
    expect((await s.guard.run(KEY, false, s.call)).ok).toBe(false);
    expect(s.call).toHaveBeenCalledTimes(2);
    // Topped up: the refresh succeeds and automatic calls resume.
    s.answer(OK);
    expect(await s.guard.run(KEY, true, s.call)).toEqual(OK);
    expect(await s.guard.run(KEY, false, s.call)).toEqual(OK);
    expect(s.call).toHaveBeenCalledTimes(4);

    s.answer(fail({ kind: 'quota-exceeded', code: 303 }));
    await s.guard.run(KEY, false, s.call);
    s.answer(OK);
    expect(await s.guard.run(KEY, true, s.call)).toEqual(OK);
    expect(await s.guard.blocked(KEY)).toBeNull();
  });

  it('302: a cool-down that even an explicit request respects', async () => {
    const s = setup();
    s.answer(fail({ kind: 'rate-limited', code: 302 }));
    await s.guard.run(KEY, false, s.call);
    s.answer(OK);
    const until = T0 + RATE_LIMIT_COOL_DOWN_MS;
    expect(await s.guard.run(KEY, true, s.call)).toEqual({ ok: false, error: { kind: 'rate-limited', code: 302, blockedUntil: until } });
    s.advance(RATE_LIMIT_COOL_DOWN_MS - 1);
    expect((await s.guard.run(KEY, false, s.call)).ok).toBe(false);
    expect(s.call).toHaveBeenCalledTimes(1);
    s.advance(1);
    expect(await s.guard.run(KEY, false, s.call)).toEqual(OK);
  });

  it('HTTP 429 (rate-limited without a code) blocks the same way', async () => {
    const s = setup();
    s.answer(fail({ kind: 'rate-limited', httpStatus: 429 }));
    await s.guard.run(KEY, false, s.call);
    expect(await s.guard.blocked(KEY)).toEqual({ kind: 'rate-limited', httpStatus: 429, blockedUntil: T0 + RATE_LIMIT_COOL_DOWN_MS });
  });

  it.each<Failure>([
    { kind: 'invalid-token', code: 100 },
    { kind: 'collection-failed', code: 301 },
    { kind: 'server-error', code: 500 },
    { kind: 'http', httpStatus: 503 },
    { kind: 'network' },
    { kind: 'timeout' },
    { kind: 'bad-response' },
    { kind: 'undocumented-code', code: 602 },
  ])('$kind does not block', async (error) => {
    const s = setup();
    s.answer(fail(error));
    await s.guard.run(KEY, false, s.call);
    await s.guard.run(KEY, false, s.call);
    expect(s.call).toHaveBeenCalledTimes(2);
  });

  it('is kept in storage.local: a new guard (a restarted service worker) is still blocked', async () => {
    const s = setup();
    s.answer(fail({ kind: 'insufficient-balance', code: 601 }));
    await s.guard.run(KEY, false, s.call);
    const restarted = createCallGuard({ now: () => T0 + 5_000 });
    const call = vi.fn(async () => OK);
    expect((await restarted.run(KEY, false, call)).ok).toBe(false);
    expect(call).not.toHaveBeenCalled();
  });

  it('stores a fingerprint of the key, never the key', async () => {
    const s = setup();
    s.answer(fail({ kind: 'quota-exceeded', code: 303 }));
    await s.guard.run(KEY, false, s.call);
    const all = await fakeBrowser.storage.local.get(null);
    const text = JSON.stringify(all);
    expect(text).not.toContain(KEY);
    expect(all.callGuard).toMatchObject({ v: 1, kind: 'quota-exceeded', keyHash: await keyFingerprint(KEY) });
    expect(await keyFingerprint(` ${KEY} `)).toBe(await keyFingerprint(KEY));
    expect(await keyFingerprint('other')).not.toBe(await keyFingerprint(KEY));
  });

  it.each([
    ['a string', 'blocked'],
    ['a wrong version', { v: 2, keyHash: 'a'.repeat(32), kind: 'quota-exceeded', since: T0, until: T0 + 1 }],
    ['an unknown kind', { v: 1, keyHash: 'a'.repeat(32), kind: 'invalid-token', since: T0, until: null }],
    ['a non-hex hash', { v: 1, keyHash: KEY, kind: 'insufficient-balance', since: T0, until: null }],
  ])('a corrupt record (%s) blocks nothing and is removed', async (_label, raw) => {
    await fakeBrowser.storage.local.set({ callGuard: raw });
    const s = setup();
    expect(await s.guard.run(KEY, false, s.call)).toEqual(OK);
    expect((await fakeBrowser.storage.local.get('callGuard')).callGuard).toBeUndefined();
  });

  it('a record from the future (the clock went back) is dropped', async () => {
    const record: GuardRecord = { v: 1, keyHash: await keyFingerprint(KEY), kind: 'rate-limited', since: T0 + 3_600_000, until: T0 + 3_660_000 };
    await fakeBrowser.storage.local.set({ callGuard: record });
    const s = setup();
    expect(await s.guard.run(KEY, false, s.call)).toEqual(OK);
  });

  it('a storage that fails to read or write never costs the answer', async () => {
    const store: GuardStore = {
      get: async () => {
        throw new Error('read failed');
      },
      set: async () => {
        throw new Error('write failed');
      },
    };
    const s = setup({ store });
    s.answer(fail({ kind: 'insufficient-balance', code: 601 }));
    expect(await s.guard.run(KEY, false, s.call)).toEqual(fail({ kind: 'insufficient-balance', code: 601 }));
    s.answer(OK);
    expect(await s.guard.run(KEY, false, s.call)).toEqual(OK);
  });

  it('an upstream refusal (code 0, the API served the key) lifts a block like a success', async () => {
    const s = setup();
    s.answer(fail({ kind: 'insufficient-balance', code: 601 }));
    await s.guard.run(KEY, false, s.call);
    s.answer(fail({ kind: 'upstream', code: 4001 }));
    await s.guard.run(KEY, true, s.call);
    expect(await s.guard.blocked(KEY)).toBeNull();
  });

  it('clear() forgets the block', async () => {
    const s = setup();
    s.answer(fail({ kind: 'insufficient-balance', code: 601 }));
    await s.guard.run(KEY, false, s.call);
    await s.guard.clear();
    expect(await s.guard.blocked(KEY)).toBeNull();
  });
});
