import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchCreator, nicknameKey, searchKeyword } from '../../utils/background/search-match';
import { parseSearchResponse } from '../../utils/background/api/parse-search';
import { type XingtuAuthor } from '../../utils/shared/xingtu-author';

function authorsFrom(name: string): XingtuAuthor[] {
  const result = parseSearchResponse(200, readFileSync(new URL(`../fixtures/search/${name}`, import.meta.url), 'utf8'));
  if (!result.ok) throw new Error(`fixture ${name} did not parse`);
  return result.value.authors;
}

const author = (oAuthorId: string, douyinUid: string | null, nickname: string): XingtuAuthor => ({
  oAuthorId, douyinUid, nickname, followers: null, avatarUrl: null, city: null,
});

describe('matchCreator — fixtures', () => {
  it('sure: core_user_id equals the uid, not the first result with the same name', () => {
    const result = matchCreator({ uid: '3429711218823623', nickname: '小杨哥的美食日记' }, authorsFrom('sure-match.json'));
    expect(result.kind).toBe('sure');
    expect(result.kind === 'sure' && result.author.oAuthorId).toBe('7006229624431689736');
  });

  it('sure also when the answer carried ids as JSON numbers', () => {
    const result = matchCreator({ uid: '3429711218823623', nickname: null }, authorsFrom('ids-as-numbers.json'));
    expect(result.kind === 'sure' && result.author.oAuthorId).toBe('7006229624431689736');
  });

  it('a known uid that no result has → none, even though two nicknames match (imitations)', () => {
    expect(matchCreator({ uid: '9999999999999999', nickname: '小杨哥的美食日记' }, authorsFrom('sure-match.json'))).toEqual({ kind: 'none' });
  });

  it('likely: no uid, exactly one exact nickname (a longer name does not count)', () => {
    const result = matchCreator({ uid: null, nickname: '山城小厨娘' }, authorsFrom('nickname-only.json'));
    expect(result.kind).toBe('likely');
    expect(result.kind === 'likely' && result.author.oAuthorId).toBe('6912345678901234567');
  });

  it('ambiguous: several exact names (trimmed, Latin case-insensitive), without the one written differently', () => {
    const result = matchCreator({ uid: null, nickname: 'MOMO 的手账本' }, authorsFrom('same-name.json'));
    expect(result.kind).toBe('ambiguous');
    expect(result.kind === 'ambiguous' && result.candidates.map((a) => a.oAuthorId)).toEqual([
      '7011111111111111111',
      '7022222222222222222',
      '7033333333333333333',
    ]);
  });

  it('no result → none', () => {
    expect(matchCreator({ uid: '3429711218823623', nickname: '小杨哥的美食日记' }, authorsFrom('no-result.json'))).toEqual({ kind: 'none' });
    expect(matchCreator({ uid: null, nickname: '小杨哥的美食日记' }, authorsFrom('no-result.json'))).toEqual({ kind: 'none' });
  });
});

describe('matchCreator — rules', () => {
  const real = author('7006229624431689736', '3429711218823623', '小杨哥');
  const fake = author('7112233445566778899', '4102938475610293', '小杨哥');

  it('never by position', () => {
    expect(matchCreator({ uid: '3429711218823623', nickname: '小杨哥' }, [fake, real])).toEqual({ kind: 'sure', author: real });
    expect(matchCreator({ uid: '3429711218823623', nickname: '小杨哥' }, [real, fake])).toEqual({ kind: 'sure', author: real });
  });

  it('sure even when the nickname differs (renamed account)', () => {
    expect(matchCreator({ uid: '3429711218823623', nickname: '新名字' }, [fake, real])).toEqual({ kind: 'sure', author: real });
  });

  it('an author without core_user_id never matches a known uid', () => {
    expect(matchCreator({ uid: '3429711218823623', nickname: '小杨哥' }, [author('7006229624431689736', null, '小杨哥')])).toEqual({ kind: 'none' });
  });

  it('two Xingtu ids for the same uid → ambiguous; the same id twice → sure', () => {
    const twin = author('7000000000000000001', '3429711218823623', '小杨哥');
    expect(matchCreator({ uid: '3429711218823623', nickname: null }, [real, twin])).toEqual({ kind: 'ambiguous', candidates: [real, twin] });
    expect(matchCreator({ uid: '3429711218823623', nickname: null }, [real, { ...real }])).toEqual({ kind: 'sure', author: real });
  });

  it('a blank uid counts as no uid', () => {
    expect(matchCreator({ uid: '  ', nickname: '小杨哥' }, [real]).kind).toBe('likely');
  });

  it('without uid and nickname → none', () => {
    expect(matchCreator({ uid: null, nickname: null }, [real])).toEqual({ kind: 'none' });
    expect(matchCreator({ uid: null, nickname: '   ' }, [author('7006229624431689736', null, '')])).toEqual({ kind: 'none' });
  });

  it('nickname matching is exact apart from spaces and Latin case', () => {
    expect(matchCreator({ uid: null, nickname: '小杨哥 ' }, [author('7006229624431689736', null, '小杨哥')]).kind).toBe('likely');
    expect(matchCreator({ uid: null, nickname: '小杨' }, [author('7006229624431689736', null, '小杨哥')]).kind).toBe('none');
    expect(matchCreator({ uid: null, nickname: 'abc' }, [author('7006229624431689736', null, 'ＡＢＣ')]).kind).toBe('none');
  });

  it('empty list → none', () => {
    expect(matchCreator({ uid: '3429711218823623', nickname: 'x' }, [])).toEqual({ kind: 'none' });
  });
});

describe('nicknameKey / searchKeyword', () => {
  it.each([
    ['  Momo  的手账本 ', 'momo 的手账本'],
    ['小杨哥', '小杨哥'],
  ])('nicknameKey(%j) → %j', (input, key) => {
    expect(nicknameKey(input)).toBe(key);
  });

  it.each([
    [{ nickname: '  小杨哥的美食日记 ' }, '小杨哥的美食日记'],
    [{ nickname: '' }, null],
    [{ nickname: '   ' }, null],
    [{ nickname: null }, null],
  ])('searchKeyword(%j) → %j', (profile, keyword) => {
    expect(searchKeyword(profile)).toBe(keyword);
  });
});
