import { describe, expect, it } from 'vitest';
import { API_BASES, DISTRIBUTION_PATH, distributionUrl } from '../../utils/shared/api-endpoints';
import { attemptsFor, failureKindForCode, isRetryable, NETWORK_MAX_ATTEMPTS } from '../../utils/background/api/codes';
import type { FailureKind } from '../../utils/shared/types';

const ID = '7006229624431689736';

describe('distributionUrl', () => {
  it('builds the global URL with token, oAuthorId and platform', () => {
    const url = new URL(distributionUrl(API_BASES.global, 'k1', ID, 'SHORT_VIDEO'));
    expect(url.origin).toBe('https://api.justoneapi.com');
    expect(url.pathname).toBe(DISTRIBUTION_PATH);
    expect(url.searchParams.get('token')).toBe('k1');
    expect(url.searchParams.get('oAuthorId')).toBe(ID); // 19 digits, exact
    expect(url.searchParams.get('platform')).toBe('SHORT_VIDEO');
  });

  it('keeps all 19 digits of the id in the raw URL text', () => {
    expect(distributionUrl(API_BASES.cn, 'k', ID, 'LIVE_STREAMING')).toContain(`oAuthorId=${ID}&`);
  });

  it.each([
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/api/douyin-xingtu/'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/api/douyin-xingtu/'],
    ['http://127.0.0.1:8080/proxy/', 'http://127.0.0.1:8080/proxy/api/douyin-xingtu/'],
    ['http://127.0.0.1:8080/proxy', 'http://127.0.0.1:8080/proxy/api/douyin-xingtu/'],
    [' https://example.com/a/b// ', 'https://example.com/a/b/api/douyin-xingtu/'],
    [API_BASES.cn, 'http://47.117.133.51:30015/api/douyin-xingtu/'],
  ])('joins %s with the path', (base, prefix) => {
    expect(distributionUrl(base, 't', ID, 'SHORT_VIDEO').startsWith(prefix)).toBe(true);
  });

  it('encodes a token with special characters', () => {
    const url = new URL(distributionUrl(API_BASES.global, 'a&b=c d', ID, 'SHORT_VIDEO'));
    expect(url.searchParams.get('token')).toBe('a&b=c d');
    expect(url.searchParams.get('oAuthorId')).toBe(ID);
  });

  it('throws on a base that is not a URL', () => {
    expect(() => distributionUrl('not a url', 't', ID, 'SHORT_VIDEO')).toThrow();
  });
});

describe('failureKindForCode', () => {
  it.each<[number, FailureKind]>([
    [100, 'invalid-token'],
    [301, 'collection-failed'],
    [302, 'rate-limited'],
    [303, 'quota-exceeded'],
    [400, 'invalid-params'],
    [500, 'server-error'],
    [600, 'permission-denied'],
    [601, 'insufficient-balance'],
    [101, 'undocumented-code'],
    [202, 'undocumented-code'],
    [300, 'undocumented-code'],
    [404, 'undocumented-code'],
    [503, 'undocumented-code'],
    [602, 'spending-cap'],
    [777, 'unknown-code'],
    [-1, 'unknown-code'],
    [1, 'unknown-code'],
  ])('%i → %s', (code, kind) => {
    expect(failureKindForCode(code)).toBe(kind);
  });
});

describe('isRetryable', () => {
  it.each<FailureKind>(['collection-failed', 'rate-limited', 'server-error', 'network'])('%s is retried', (kind) => {
    expect(isRetryable({ kind })).toBe(true);
  });

  it.each<FailureKind>([
    'invalid-token',
    'quota-exceeded',
    'invalid-params',
    'permission-denied',
    'insufficient-balance',
    'undocumented-code',
    'unknown-code',
    'upstream',
    'timeout',
    'bad-response',
    'bad-input',
    'no-key',
  ])('%s is not retried', (kind) => {
    expect(isRetryable({ kind })).toBe(false);
  });

  it.each([500, 502, 503, 504])('HTTP %i without envelope is retried', (httpStatus) => {
    expect(isRetryable({ kind: 'http', httpStatus })).toBe(true);
  });

  it.each([400, 401, 403, 404, 429, 501])('HTTP %i without envelope is not retried', (httpStatus) => {
    expect(isRetryable({ kind: 'http', httpStatus })).toBe(false);
  });

  it('an envelope code decides over the HTTP status', () => {
    expect(isRetryable({ kind: 'invalid-token', code: 100, httpStatus: 503 })).toBe(false);
    expect(isRetryable({ kind: 'http' })).toBe(false);
  });
});

describe('attemptsFor', () => {
  it('non-retryable failures get exactly one attempt', () => {
    expect(attemptsFor({ kind: 'insufficient-balance', code: 601 }, 3)).toBe(1);
    expect(attemptsFor({ kind: 'timeout' }, 3)).toBe(1);
  });

  it('retryable failures get the client limit; a network error at most NETWORK_MAX_ATTEMPTS', () => {
    expect(attemptsFor({ kind: 'collection-failed', code: 301 }, 3)).toBe(3);
    expect(attemptsFor({ kind: 'http', httpStatus: 502 }, 4)).toBe(4);
    expect(NETWORK_MAX_ATTEMPTS).toBe(2);
    expect(attemptsFor({ kind: 'network' }, 3)).toBe(2);
    expect(attemptsFor({ kind: 'network' }, 1)).toBe(1);
  });
});
