import { describe, expect, it } from 'vitest';
import { MAX_DETAIL_LENGTH, parseDistributionResponse, parseJsonLossless } from '../../utils/background/api/parse-response';
import { rewriteJsonText } from '../../utils/shared/json-digits';

const nonFiniteToNull = (text: string) => rewriteJsonText(text, true);
import type { FailureKind } from '../../utils/shared/types';

const ID = '7006229624431689736';

function envelope(code: number, data: unknown, message: string | null = code === 0 ? null : `message ${code}`): string {
  return JSON.stringify({ code, data, message, recordTime: null, requestId: 'r-1' });
}

function ok(list: unknown, baseResp: unknown = { status_code: 0, status_message: '' }): string {
  return envelope(0, { base_resp: baseResp, video_content_distribution: list });
}

const SAMPLE = ok([
  { cnt: 1, name: '音乐', proportion: 0.3333 },
  { cnt: 1, name: '美食', proportion: 0.3333 },
  { cnt: 1, name: '随拍', proportion: 0.3333 },
]);

describe('parseDistributionResponse: success', () => {
  it('reads the provider sample', () => {
    const r = parseDistributionResponse(200, SAMPLE);
    expect(r).toEqual({
      ok: true,
      value: [
        { name: '美食', count: 1, share: 0.3333 },
        { name: '随拍', count: 1, share: 0.3333 },
        { name: '音乐', count: 1, share: 0.3333 },
      ].sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    });
  });

  it('orders by count, largest first', () => {
    const r = parseDistributionResponse(200, ok([
      { cnt: 2, name: 'a', proportion: 0.2 },
      { cnt: 8, name: 'b', proportion: 0.8 },
    ]));
    expect(r.ok && r.value.map((x) => x.name)).toEqual(['b', 'a']);
  });

  it('an empty list is a success with no rows', () => {
    expect(parseDistributionResponse(200, ok([]))).toEqual({ ok: true, value: [] });
  });

  it('a missing base_resp is no complaint', () => {
    const r = parseDistributionResponse(200, envelope(0, { video_content_distribution: [{ cnt: 1, name: 'x', proportion: 1 }] }));
    expect(r).toEqual({ ok: true, value: [{ name: 'x', count: 1, share: 1 }] });
  });

  it('accepts cnt as a numeric string', () => {
    const r = parseDistributionResponse(200, ok([{ cnt: ' 12 ', name: 'x', proportion: 0.5 }]));
    expect(r).toEqual({ ok: true, value: [{ name: 'x', count: 12, share: 0.5 }] });
  });

  it.each([[-3], ['abc'], [null], [undefined], ['NaN'], [{}]])('cnt %j counts 0', (cnt) => {
    const r = parseDistributionResponse(200, ok([{ cnt, name: 'x' }, { cnt: 4, name: 'y' }]));
    expect(r.ok && r.value).toEqual([
      { name: 'y', count: 4, share: 1 },
      { name: 'x', count: 0, share: 0 },
    ]);
  });

  it('a missing proportion falls back to count / total', () => {
    const r = parseDistributionResponse(200, ok([{ cnt: 3, name: 'x' }, { cnt: 1, name: 'y' }]));
    expect(r.ok && r.value).toEqual([
      { name: 'x', count: 3, share: 0.75 },
      { name: 'y', count: 1, share: 0.25 },
    ]);
  });

  it('a numeric string proportion is converted', () => {
    const r = parseDistributionResponse(200, ok([{ cnt: 3, name: 'x', proportion: '0.6' }, { cnt: 1, name: 'y', proportion: 0.4 }]));
    expect(r.ok && r.value.map((x) => x.share)).toEqual([0.6, 0.4]);
  });

  it.each([['NaN'], ['abc'], [1.5], [-0.1], [null], [true]])('proportion %j falls back to count / total', (proportion) => {
    const r = parseDistributionResponse(200, ok([{ cnt: 1, name: 'x', proportion }, { cnt: 3, name: 'y', proportion: 0.75 }]));
    expect(r.ok && r.value.find((x) => x.name === 'x')?.share).toBe(0.25);
  });

  it('a numeric name becomes text; rows without a usable name are skipped', () => {
    const r = parseDistributionResponse(200, ok([
      { cnt: 1, name: 2024, proportion: 0.25 },
      { cnt: 1, proportion: 0.25 },
      { cnt: 1, name: null, proportion: 0.25 },
      { cnt: 1, name: '   ', proportion: 0.25 },
      { cnt: 1, name: { zh: '音乐' } },
      'not an object',
      null,
      { cnt: 2, name: '美食', proportion: 0.5 },
    ]));
    expect(r).toEqual({
      ok: true,
      value: [
        { name: '美食', count: 2, share: 0.5 },
        { name: '2024', count: 1, share: 0.25 },
      ],
    });
  });

  it('keeps a 19-digit id sent as a JSON number without breaking the parse', () => {
    const text = `{"code":0,"data":{"o_author_id":${ID},"base_resp":{"status_code":0},"video_content_distribution":[{"cnt":5,"name":"x","proportion":1}]}}`;
    expect(parseDistributionResponse(200, text)).toEqual({ ok: true, value: [{ name: 'x', count: 5, share: 1 }] });
  });

  it('tolerates duplicate keys (the last wins) and a BOM', () => {
    const text = `\uFEFF{"code":1,"code":0,"data":{"video_content_distribution":[{"cnt":1,"name":"x"}]}}`;
    expect(parseDistributionResponse(200, text)).toEqual({ ok: true, value: [{ name: 'x', count: 1, share: 1 }] });
  });

  it('accepts the code written as a string', () => {
    const text = JSON.stringify({ code: '0', data: { video_content_distribution: [] } });
    expect(parseDistributionResponse(200, text)).toEqual({ ok: true, value: [] });
  });

  it('an envelope with code 0 decides over an HTTP error status', () => {
    expect(parseDistributionResponse(500, SAMPLE).ok).toBe(true);
  });
});

describe('parseJsonLossless', () => {
  it('keeps every digit of a 19-digit integer', () => {
    const value = parseJsonLossless(`{"id":${ID},"small":42,"share":0.3333}`);
    expect(value).toEqual({ id: ID, small: 42, share: 0.3333 });
    // Plain JSON.parse would have corrupted it:
    expect(String((JSON.parse(`{"id":${ID}}`) as { id: number }).id)).not.toBe(ID);
  });

  it('throws on invalid JSON', () => {
    expect(() => parseJsonLossless('{"code":0,')).toThrow();
  });

  it('reads the non-JSON words NaN / Infinity / -Infinity (Python json.dumps) as null, never inside strings', () => {
    expect(nonFiniteToNull('{"a":NaN,"b":[Infinity,-Infinity],"c":"NaN Infinity","d":-1}')).toBe(
      '{"a":null,"b":[null,null],"c":"NaN Infinity","d":-1}',
    );
    expect(nonFiniteToNull('{"s":"say \\"NaN\\"","n":NaN}')).toBe('{"s":"say \\"NaN\\"","n":null}');
    expect(parseJsonLossless('{"cnt":NaN,"proportion":Infinity}')).toEqual({ cnt: null, proportion: null });
  });
});

describe('parseDistributionResponse: wrong types in the list', () => {
  it.each([
    ['cnt as a string', { name: 'a', cnt: '12', proportion: 0.6 }, { name: 'a', count: 12, share: 0.6 }],
    ['proportion as a string', { name: 'a', cnt: 3, proportion: '0.25' }, { name: 'a', count: 3, share: 0.25 }],
    ['a negative cnt', { name: 'a', cnt: -5, proportion: 0.1 }, { name: 'a', count: 0, share: 0.1 }],
    ['a negative proportion', { name: 'a', cnt: 4, proportion: -0.2 }, { name: 'a', count: 4, share: 4 / 7 }],
    ['a proportion above 1', { name: 'a', cnt: 4, proportion: 40 }, { name: 'a', count: 4, share: 4 / 7 }],
    ['cnt "NaN"', { name: 'a', cnt: 'NaN', proportion: 0.5 }, { name: 'a', count: 0, share: 0.5 }],
  ])('%s', (_label, item, expected) => {
    const r = parseDistributionResponse(200, ok([item, { name: 'b', cnt: 3 }]));
    expect(r.ok && r.value.find((row) => row.name === 'a')).toEqual(expected);
  });

  it('a bare NaN share (not JSON) costs only that share, not the answer', () => {
    const body = '{"code":0,"data":{"base_resp":{"status_code":0},"video_content_distribution":[{"name":"a","cnt":1,"proportion":NaN},{"name":"b","cnt":3,"proportion":0.75}]}}';
    expect(parseDistributionResponse(200, body)).toEqual({
      ok: true,
      value: [
        { name: 'b', count: 3, share: 0.75 },
        { name: 'a', count: 1, share: 0.25 },
      ],
    });
  });
});

describe('parseDistributionResponse: business codes', () => {
  it.each<[number, FailureKind]>([
    [100, 'invalid-token'],
    [101, 'undocumented-code'],
    [202, 'undocumented-code'],
    [300, 'undocumented-code'],
    [301, 'collection-failed'],
    [302, 'rate-limited'],
    [303, 'quota-exceeded'],
    [400, 'invalid-params'],
    [404, 'undocumented-code'],
    [500, 'server-error'],
    [503, 'undocumented-code'],
    [600, 'permission-denied'],
    [601, 'insufficient-balance'],
    [602, 'spending-cap'],
    [777, 'unknown-code'],
  ])('code %i → %s with the message', (code, kind) => {
    expect(parseDistributionResponse(200, envelope(code, null))).toEqual({
      ok: false,
      error: { kind, code, detail: `message ${code}` },
    });
  });

  it('a null or blank message gives no detail', () => {
    expect(parseDistributionResponse(200, envelope(100, null, null))).toEqual({ ok: false, error: { kind: 'invalid-token', code: 100 } });
    expect(parseDistributionResponse(200, envelope(100, null, '  \n '))).toEqual({ ok: false, error: { kind: 'invalid-token', code: 100 } });
  });

  it('shortens a long message', () => {
    const r = parseDistributionResponse(200, envelope(500, null, 'x'.repeat(5000)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.detail?.length).toBe(MAX_DETAIL_LENGTH);
      expect(r.error.detail?.endsWith('…')).toBe(true);
    }
  });

  it('code 0 with a non-zero base_resp status is an upstream failure', () => {
    const r = parseDistributionResponse(200, ok([{ cnt: 1, name: 'x' }], { status_code: 4001, status_message: '作者不存在' }));
    expect(r).toEqual({ ok: false, error: { kind: 'upstream', code: 4001, detail: '作者不存在' } });
  });

  it('an upstream refusal without the list (as Xingtu sends it) is still an upstream failure', () => {
    const body = JSON.stringify({ code: 0, data: { base_resp: { status_code: 4003, status_message: '达人不存在' } } });
    expect(parseDistributionResponse(200, body)).toEqual({ ok: false, error: { kind: 'upstream', code: 4003, detail: '达人不存在' } });
    const noList = JSON.stringify({ code: 0, data: { base_resp: { status_code: 0 } } });
    expect(parseDistributionResponse(200, noList)).toEqual({ ok: false, error: { kind: 'bad-response', code: 0 } });
  });

  it('upstream status as a string is read too', () => {
    const r = parseDistributionResponse(200, ok([], { status_code: '7', status_message: '' }));
    expect(r).toEqual({ ok: false, error: { kind: 'upstream', code: 7 } });
  });
});

describe('parseDistributionResponse: HTTP errors', () => {
  it.each([
    [401, 100, 'invalid-token'],
    [403, 600, 'permission-denied'],
    [429, 302, 'rate-limited'],
    [500, 500, 'server-error'],
    [502, 301, 'collection-failed'],
    [503, 503, 'undocumented-code'],
  ] as const)('HTTP %i with an envelope: the code decides', (httpStatus, code, kind) => {
    expect(parseDistributionResponse(httpStatus, envelope(code, null))).toEqual({
      ok: false,
      error: { kind, code, httpStatus, detail: `message ${code}` },
    });
  });

  it.each([401, 403, 500, 502, 503])('HTTP %i with an HTML page → http', (httpStatus) => {
    expect(parseDistributionResponse(httpStatus, '<html><body>Bad Gateway</body></html>')).toEqual({
      ok: false,
      error: { kind: 'http', httpStatus },
    });
  });

  it.each([401, 403, 500, 502, 503])('HTTP %i with an empty body → http', (httpStatus) => {
    expect(parseDistributionResponse(httpStatus, '')).toEqual({ ok: false, error: { kind: 'http', httpStatus } });
  });

  it.each(['', '<html><body>Too Many Requests</body></html>'])('HTTP 429 without an envelope (%j) is rate limiting', (body) => {
    expect(parseDistributionResponse(429, body)).toEqual({ ok: false, error: { kind: 'rate-limited', httpStatus: 429 } });
  });

  it('HTTP 502 with JSON that is not an envelope → http', () => {
    expect(parseDistributionResponse(502, '{"error":"bad gateway"}')).toEqual({ ok: false, error: { kind: 'http', httpStatus: 502 } });
  });
});

describe('parseDistributionResponse: unreadable answers', () => {
  it.each([
    ['truncated JSON', '{"code":0,"data":{"video_content_distribution":[{"cnt":1,'],
    ['HTML', '<!doctype html><title>hi</title>'],
    ['empty', ''],
    ['a JSON array', '[{"cnt":1,"name":"x"}]'],
    ['a JSON string', '"ok"'],
    ['null', 'null'],
    ['no code', '{"data":{"video_content_distribution":[]}}'],
    ['a non-integer code', '{"code":0.5,"data":{"video_content_distribution":[]}}'],
    ['data null', envelope(0, null)],
    ['data missing', '{"code":0}'],
    ['data an array', envelope(0, [])],
    ['missing list', envelope(0, { base_resp: { status_code: 0 } })],
    ['list not an array', envelope(0, { video_content_distribution: { a: 1 } })],
    ['list of unreadable rows only', ok([{ cnt: 1 }, 'x', 3])],
  ])('%s → bad-response', (_label, text) => {
    const r = parseDistributionResponse(200, text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('bad-response');
      expect(r.error.httpStatus).toBeUndefined();
    }
  });

  it('a non-200 2xx status is recorded', () => {
    expect(parseDistributionResponse(204, '')).toEqual({ ok: false, error: { kind: 'bad-response', httpStatus: 204 } });
  });
});
