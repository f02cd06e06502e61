import { describe, expect, it } from 'vitest';
import {
  parseDouyinAccount,
  parseLinkRequest,
  parseResolution,
  parseSearchRequest,
  parseXingtuAuthor,
} from '../../utils/background/message-guards';
import type { DouyinAccount } from '../../utils/shared/messaging';
import type { XingtuAuthor } from '../../utils/shared/xingtu-author';

const ACCOUNT: DouyinAccount = {
  uid: '1234567890123456789',
  secUid: 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM',
  nickname: '川味小厨娘',
  uniqueId: 'chuanwei_xcn',
};
const AUTHOR: XingtuAuthor = {
  oAuthorId: '7006229624431689736',
  douyinUid: '3429711218823623',
  nickname: '川味小厨娘',
  followers: 3_862_000,
  avatarUrl: 'https://p3-pc.douyinpic.com/a.jpeg',
  city: '成都',
};

describe('parseDouyinAccount', () => {
  it('accepts an account, with unknown fields as null', () => {
    expect(parseDouyinAccount(ACCOUNT)).toEqual(ACCOUNT);
    const sparse = { uid: null, secUid: ACCOUNT.secUid, nickname: null, uniqueId: null };
    expect(parseDouyinAccount(sparse)).toEqual(sparse);
  });

  it.each([
    ['an extra field (a key smuggled in)', { ...ACCOUNT, token: 'abc' }],
    ['a missing field', { uid: ACCOUNT.uid, secUid: ACCOUNT.secUid, nickname: ACCOUNT.nickname }],
    ['a uid as a number', { ...ACCOUNT, uid: 3429711218823623 }],
    ['a uid with letters', { ...ACCOUNT, uid: '12ab' }],
    ['uid 0', { ...ACCOUNT, uid: '0' }],
    ['a secUid with a slash', { ...ACCOUNT, secUid: 'MS4wLjABAAAA/../../etc/passwd' }],
    ['a nickname of 101 characters', { ...ACCOUNT, nickname: 'x'.repeat(101) }],
    ['a nickname that is not text', { ...ACCOUNT, nickname: ['a'] }],
    ['undefined instead of null', { ...ACCOUNT, uniqueId: undefined }],
    ['null', null],
    ['an array', [ACCOUNT]],
  ])('refuses %s', (_label, data) => {
    expect(parseDouyinAccount(data)).toBeNull();
  });

  it('accepts a nickname of exactly 100 characters', () => {
    expect(parseDouyinAccount({ ...ACCOUNT, nickname: '字'.repeat(100) })).not.toBeNull();
  });
});

describe('parseLinkRequest', () => {
  it('accepts a full search author and a pasted id alone', () => {
    expect(parseLinkRequest({ account: ACCOUNT, author: AUTHOR })).toEqual({ account: ACCOUNT, author: AUTHOR });
    expect(parseLinkRequest({ account: ACCOUNT, author: { oAuthorId: AUTHOR.oAuthorId } })).toEqual({
      account: ACCOUNT,
      author: { oAuthorId: AUTHOR.oAuthorId },
    });
    // A search author may have no nickname ('') and unknown numbers (null).
    expect(parseLinkRequest({ account: ACCOUNT, author: { ...AUTHOR, nickname: '', followers: null, avatarUrl: null, city: null, douyinUid: null } })).not.toBeNull();
  });

  it.each([
    ['an extra top-level field', { account: ACCOUNT, author: AUTHOR, refresh: true }],
    ['an extra author field', { account: ACCOUNT, author: { ...AUTHOR, html: '<img onerror=x>' } }],
    ['an extra account field', { account: { ...ACCOUNT, extra: 1 }, author: AUTHOR }],
    ['no author id', { account: ACCOUNT, author: { nickname: 'x' } }],
    ['an author id that is not digits', { account: ACCOUNT, author: { oAuthorId: '7006x' } }],
    ['an author id as a number', { account: ACCOUNT, author: { oAuthorId: 7006229624431690000 } }],
    ['a javascript: avatar', { account: ACCOUNT, author: { ...AUTHOR, avatarUrl: 'javascript:alert(1)' } }],
    ['negative followers', { account: ACCOUNT, author: { ...AUTHOR, followers: -1 } }],
    ['no account', { author: AUTHOR }],
  ])('refuses %s', (_label, data) => {
    expect(parseLinkRequest(data)).toBeNull();
  });
});

describe('parseSearchRequest', () => {
  it('accepts a keyword of 1–100 characters once trimmed', () => {
    expect(parseSearchRequest({ keyword: '川味小厨娘' })).toEqual({ keyword: '川味小厨娘' });
    expect(parseSearchRequest({ keyword: ` ${'x'.repeat(100)} ` })).not.toBeNull();
  });

  it.each([
    ['an extra field', { keyword: 'a', page: 2 }],
    ['a blank keyword', { keyword: '   ' }],
    ['101 characters', { keyword: 'x'.repeat(101) }],
    ['a number', { keyword: 42 }],
    ['no keyword', {}],
    ['a bare string', 'a'],
  ])('refuses %s', (_label, data) => {
    expect(parseSearchRequest(data)).toBeNull();
  });
});

describe('parseResolution / parseXingtuAuthor', () => {
  it('accepts the four kinds', () => {
    for (const r of [
      { kind: 'sure', author: AUTHOR, source: 'search' },
      { kind: 'sure', author: { oAuthorId: AUTHOR.oAuthorId }, source: 'user' },
      { kind: 'likely', author: AUTHOR },
      { kind: 'ambiguous', candidates: [AUTHOR] },
      { kind: 'none' },
    ]) {
      expect(parseResolution(r)).toEqual(r);
    }
    expect(parseXingtuAuthor(AUTHOR)).toEqual(AUTHOR);
  });

  it.each([
    ['likely without a full author', { kind: 'likely', author: { oAuthorId: AUTHOR.oAuthorId } }],
    ['sure with an unknown source', { kind: 'sure', author: AUTHOR, source: 'guess' }],
    ['none with extra data', { kind: 'none', author: AUTHOR }],
    ['an unknown kind', { kind: 'maybe' }],
  ])('refuses %s', (_label, data) => {
    expect(parseResolution(data)).toBeNull();
  });
});
