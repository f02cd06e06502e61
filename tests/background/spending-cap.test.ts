import { describe, expect, it } from 'vitest';
import { failureKindForCode, isRetryable } from '../../utils/background/api/codes';
import { parseDistributionResponse, parseSearchAnswer } from '../../utils/background/api/parse-response';
import { ID, ID2, KEY, envelope, money } from './money-setup';

/**
 * Code 602 (the key's spending cap is reached): its own kind, never retried, and the call guard
 * stops calling with that key like 601 — until another key, or an explicit request that succeeds.
 * The provider's message is data: it reaches the views as plain text, whatever it contains.
 */

const ACCOUNT = { uid: '3429711218823623', secUid: 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM', nickname: '川味小厨娘', uniqueId: null };
const MARKUP = '<img src=x onerror="alert(1)"><b>cap</b> &amp; <script>alert(2)</script>';

describe('code 602', () => {
  it('is spending-cap, not an undocumented code, and not worth a retry', () => {
    expect(failureKindForCode(602)).toBe('spending-cap');
    expect(isRetryable({ kind: 'spending-cap', code: 602 })).toBe(false);
  });

  it('keeps the message as plain text in the failure detail, markup and all', () => {
    expect(parseDistributionResponse(200, envelope(602, MARKUP))).toEqual({
      ok: false,
      error: { kind: 'spending-cap', code: 602, detail: MARKUP },
    });
    expect(parseSearchAnswer(200, envelope(602, MARKUP))).toEqual({
      ok: false,
      error: { kind: 'spending-cap', code: 602, detail: MARKUP },
    });
  });

  it('one request, then no automatic call with that key; another key calls again', async () => {
    const m = money();
    m.script('distribution', envelope(602, MARKUP));
    const first = await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    expect(first).toEqual({
      ok: false,
      error: { kind: 'spending-cap', code: 602, detail: MARKUP, oAuthorId: ID, blockedUntil: 'key-change' },
    });
    expect(m.sent('distribution')).toHaveLength(1);

    m.clock.t += 30 * 86_400_000; // no time lifts it
    const blocked = await m.service.getDistribution({ oAuthorId: ID2, platform: 'SHORT_VIDEO' });
    expect(blocked).toMatchObject({ ok: false, error: { kind: 'spending-cap', code: 602, blockedUntil: 'key-change' } });
    expect(await m.resolver.resolve(ACCOUNT)).toMatchObject({ ok: false, error: { kind: 'spending-cap' } });
    expect(m.fetch).toHaveBeenCalledTimes(1);

    m.setKey(`${KEY}-2`);
    expect(await m.service.getDistribution({ oAuthorId: ID2, platform: 'SHORT_VIDEO' })).toMatchObject({ ok: true });
    expect(m.sent('distribution')).toHaveLength(2);
  });

  it('an explicit request (Refresh) tries once through the block; its success lifts it', async () => {
    const m = money();
    m.script('distribution', envelope(602));
    await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    expect(await m.guard.blocked(KEY)).toMatchObject({ kind: 'spending-cap', blockedUntil: 'key-change' });
    m.script('distribution', envelope(602));
    expect(await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO', refresh: true })).toMatchObject({
      ok: false,
      error: { kind: 'spending-cap' },
    });
    expect(m.sent('distribution')).toHaveLength(2);
    // The cap was raised: the refresh succeeds and automatic calls go on.
    expect(await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO', refresh: true })).toMatchObject({ ok: true });
    expect(await m.guard.blocked(KEY)).toBeNull();
    expect(await m.service.getDistribution({ oAuthorId: ID2, platform: 'SHORT_VIDEO' })).toMatchObject({ ok: true });
    expect(m.sent('distribution')).toHaveLength(4);
  });

  it('a 602 block survives the worker (the guard keeps it in storage)', async () => {
    const m = money();
    m.script('distribution', envelope(602));
    await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    const restarted = money();
    expect(await restarted.service.getDistribution({ oAuthorId: ID2, platform: 'SHORT_VIDEO' })).toMatchObject({
      ok: false,
      error: { kind: 'spending-cap', blockedUntil: 'key-change' },
    });
    expect(restarted.fetch).not.toHaveBeenCalled();
  });
});
