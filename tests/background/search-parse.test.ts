import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSearchResponse, type SearchResult } from '../../utils/background/api/parse-search';
import { type XingtuAuthor } from '../../utils/shared/xingtu-author';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/search/${name}`, import.meta.url), 'utf8');

function authorsOf(result: SearchResult): XingtuAuthor[] {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value.authors;
}

const ok = (authors: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ code: 0, message: 'success', data: { base_resp: { status_code: 0 }, authors, ...extra } });

describe('parseSearchResponse — fixtures', () => {
  it('reads every author, in order, with ids as strings', () => {
    const result = parseSearchResponse(200, fixture('sure-match.json'));
    expect(result).toEqual({
      ok: true,
      value: {
        hasMore: false,
        authors: [
          {
            oAuthorId: '7112233445566778899',
            douyinUid: '4102938475610293',
            nickname: '小杨哥的美食日记',
            followers: 15230,
            avatarUrl: 'https://p3-pc.douyinpic.com/aweme/100x100/aweme-avatar/imitation.jpeg',
            city: '广州',
          },
          {
            oAuthorId: '7006229624431689736',
            douyinUid: '3429711218823623',
            nickname: '小杨哥的美食日记',
            followers: 2381564,
            avatarUrl: 'https://p3-pc.douyinpic.com/aweme/100x100/aweme-avatar/creator.jpeg',
            city: '成都',
          },
          {
            oAuthorId: '6998877665544332211',
            douyinUid: '2837465019283746',
            nickname: '小杨哥的美食日记（官方）',
            followers: 4410,
            avatarUrl: null,
            city: null,
          },
        ],
      },
    });
  });

  it('protocol-relative avatar becomes https', () => {
    expect(authorsOf(parseSearchResponse(200, fixture('nickname-only.json')))[0]?.avatarUrl).toBe(
      'https://p26-pc.douyinpic.com/aweme/100x100/aweme-avatar/cq.jpeg',
    );
  });

  it('has_more', () => {
    const result = parseSearchResponse(200, fixture('same-name.json'));
    expect(result.ok && result.value.hasMore).toBe(true);
    expect(result.ok && result.value.authors).toHaveLength(4);
  });

  it('no result is an empty list, not an error', () => {
    expect(parseSearchResponse(200, fixture('no-result.json'))).toEqual({ ok: true, value: { authors: [], hasMore: false } });
  });

  it('malformed JSON → bad-response', () => {
    expect(parseSearchResponse(200, fixture('malformed.json'))).toEqual({ ok: false, error: { kind: 'bad-response' } });
  });

  it('19-digit ids sent as JSON numbers keep their digits', () => {
    const result = parseSearchResponse(200, fixture('ids-as-numbers.json'));
    expect(result.ok && result.value.hasMore).toBe(true);
    expect(authorsOf(result).map((a) => [a.oAuthorId, a.douyinUid, a.followers])).toEqual([
      ['7006229624431689736', '3429711218823623', 2381564],
      ['7112233445566778899', '1234567890123456789', 15230],
    ]);
  });
});

describe('parseSearchResponse — envelope and errors', () => {
  it.each([
    [100, 'invalid token'],
    [302, 'rate limit exceeded'],
    [601, null],
  ])('code %s → envelope error', (code, message) => {
    const body = JSON.stringify({ code, message, data: null });
    expect(parseSearchResponse(200, body)).toEqual({ ok: false, error: { kind: 'envelope', code, message } });
    expect(parseSearchResponse(403, body)).toEqual({ ok: false, error: { kind: 'envelope', code, message } });
  });

  it('code as a string', () => {
    expect(parseSearchResponse(429, '{"code":"302","message":" slow down "}')).toEqual({
      ok: false, error: { kind: 'envelope', code: 302, message: 'slow down' },
    });
    expect(authorsOf(parseSearchResponse(200, '{"code":"0","data":{"authors":[]}}'))).toEqual([]);
  });

  it('upstream refusal (base_resp.status_code ≠ 0)', () => {
    const body = JSON.stringify({ code: 0, data: { base_resp: { status_code: 10001, status_message: '请求过于频繁' }, authors: [] } });
    expect(parseSearchResponse(200, body)).toEqual({ ok: false, error: { kind: 'upstream', code: 10001, message: '请求过于频繁' } });
  });

  it('upstream refusal nested in data.data', () => {
    const body = JSON.stringify({ code: 0, data: { data: { base_resp: { status_code: '4', status_message: '' } } } });
    expect(parseSearchResponse(200, body)).toEqual({ ok: false, error: { kind: 'upstream', code: 4, message: null } });
  });

  it.each([
    [500, '<html>Internal Server Error</html>'],
    [502, ''],
    [404, '{"error":"not found"}'],
  ])('HTTP %s without an envelope → http', (status, body) => {
    expect(parseSearchResponse(status, body)).toEqual({ ok: false, error: { kind: 'http', status } });
  });

  it.each([
    '',
    'null',
    '[]',
    '"text"',
    '{"message":"no code"}',
    '{"code":"zero"}',
    '{"code":0.5}',
    '{"code":0}',
    '{"code":0,"data":null}',
    '{"code":0,"data":[]}',
    '{"code":0,"data":{}}',
    '{"code":0,"data":{"authors":"none"}}',
    '{"code":0,"data":{"authors":{"0":{}}}}',
    '{"code":0,"data":{"authors":[1,2,3]}}',
    '\uFEFF{"code":0,"data":{"unrelated":true}}',
  ])('%j → bad-response', (body) => {
    expect(parseSearchResponse(200, body)).toEqual({ ok: false, error: { kind: 'bad-response' } });
  });
});

describe('parseSearchResponse — list location and author fields', () => {
  const author = { star_id: '7006229624431689736', attribute_datas: { id: '7006229624431689736', nick_name: 'a' } };

  it.each([
    ['data.authors', { code: 0, data: { authors: [author] } }],
    ['data.list', { code: 0, data: { list: [author] } }],
    ['data.data.authors', { code: 0, data: { data: { authors: [author], pagination: { has_more: true } } } }],
    ['data.data (a list)', { code: 0, data: { data: [author] } }],
    ['an unknown key holding authors', { code: 0, data: { creator_results: [author], pagination: {} } }],
  ])('%s', (_, body) => {
    expect(authorsOf(parseSearchResponse(200, JSON.stringify(body))).map((a) => a.oAuthorId)).toEqual(['7006229624431689736']);
  });

  it('authors: null or missing on a search answer → empty list', () => {
    expect(authorsOf(parseSearchResponse(200, '{"code":0,"data":{"authors":null}}'))).toEqual([]);
    expect(authorsOf(parseSearchResponse(200, '{"code":0,"data":{"base_resp":{"status_code":0},"pagination":{"has_more":false}}}'))).toEqual([]);
  });

  it('star_id when attribute_datas.id is missing or invalid; skips authors without a usable id', () => {
    const authors = authorsOf(parseSearchResponse(200, ok([
      { star_id: '6912345678901234567', attribute_datas: { nick_name: 'no attr id' } },
      { star_id: '6923456789012345678', attribute_datas: { id: 'abc', nick_name: 'bad attr id' } },
      { attribute_datas: { id: '6934567890123456789', nick_name: 'no star_id' } },
      { attribute_datas: { nick_name: 'no id at all', core_user_id: '1' } },
      { star_id: '12', attribute_datas: { nick_name: 'too short' } },
      { star_id: 12345678.5, attribute_datas: { nick_name: 'fraction' } },
      { star_id: '7.006229624431689e18', attribute_datas: { nick_name: 'exponent' } },
      null,
      'x',
      [],
    ])));
    expect(authors.map((a) => [a.oAuthorId, a.nickname])).toEqual([
      ['6912345678901234567', 'no attr id'],
      ['6923456789012345678', 'bad attr id'],
      ['6934567890123456789', 'no star_id'],
    ]);
  });

  it('keeps one author per oAuthorId', () => {
    const a = { star_id: '7006229624431689736', attribute_datas: { nick_name: 'first' } };
    const b = { star_id: '7006229624431689736', attribute_datas: { nick_name: 'second' } };
    expect(authorsOf(parseSearchResponse(200, ok([a, b]))).map((x) => x.nickname)).toEqual(['first']);
  });

  it('field fallbacks and clean-up', () => {
    const [author] = authorsOf(parseSearchResponse(200, ok([
      {
        star_id: '7006229624431689736',
        nick_name: ' top  level ',
        core_user_id: '0',
        follower: '1.2w',
        avatar_uri: 'javascript:alert(1)',
        city: '  ',
      },
    ])));
    expect(author).toEqual({
      oAuthorId: '7006229624431689736', douyinUid: null, nickname: 'top level', followers: null, avatarUrl: null, city: null,
    });
  });

  it.each([
    ['123', 123],
    [' 456 ', 456],
    [789, 789],
    ['-5', null],
    ['', null],
    [null, null],
    [true, null],
  ])('follower %j → %j', (follower, followers) => {
    const [author] = authorsOf(parseSearchResponse(200, ok([{ star_id: '7006229624431689736', attribute_datas: { follower } }])));
    expect(author?.followers).toBe(followers);
  });

  it('attribute_datas given as a JSON string', () => {
    const attrs = '{"id":"7006229624431689736","core_user_id":7006229624431689737,"nick_name":"s"}';
    const [author] = authorsOf(parseSearchResponse(200, ok([{ attribute_datas: attrs }])));
    expect(author).toMatchObject({ oAuthorId: '7006229624431689736', douyinUid: '7006229624431689737', nickname: 's' });
  });
});
