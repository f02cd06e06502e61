import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRenderData } from '../../utils/page/douyin/read-render-data';

const SEC_A = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';
const SEC_C = 'MS4wLjABAAAAc3JwWmYxT2tTcTlxZ0hCbUx1c0h4bGJ3Q0N6d0pYUVE';
const SEC_V = 'MS4wLjABAAAAVmlld2VyX3NlY3VpZF9mb3JfdGVzdHNfMTIzNDU2Nzg';
const SEC_X = 'MS4wLjABAAAAdGhpcy1pcy1hLWRpZmZlcmVudC1jcmVhdG9yLTAwMDE';

function fixtureRenderData(name: string): string {
  const html = readFileSync(new URL(`../fixtures/douyin/${name}`, import.meta.url), 'utf8');
  const match = /<script id="RENDER_DATA" type="application\/json">([^<]*)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error(`no RENDER_DATA in ${name}`);
  return match[1];
}

const encode = (value: unknown): string => encodeURIComponent(JSON.stringify(value));
const VIEWER = { uid: '98765432101', secUid: SEC_V, nickname: '路人甲的日常', uniqueId: 'lurenjia_2024' };
const user = (fields: Record<string, unknown>) => ({ '37': { user: { user: fields } } });

describe('readRenderData — fixture pages', () => {
  it('reads the owner, not the signed-in viewer', () => {
    expect(readRenderData(fixtureRenderData('render-data.html'), { secUid: SEC_A, self: false })).toEqual({
      uid: '3429711218823623',
      secUid: SEC_A,
      nickname: '小杨哥的美食日记',
      uniqueId: '1492830571', // uniqueId is empty → shortId
      source: 'render-data',
    });
  });

  it('reads the owner when the URL gives no sec_uid and it is not /user/self', () => {
    expect(readRenderData(fixtureRenderData('render-data.html'), { secUid: null, self: false })?.uid).toBe('3429711218823623');
  });

  it('on /user/self the viewer is the owner', () => {
    expect(readRenderData(fixtureRenderData('self.html'), { secUid: null, self: true })).toEqual({
      uid: '3429711218823625',
      secUid: SEC_C,
      nickname: 'Momo 的手账本',
      uniqueId: 'momo.notes',
      source: 'render-data',
    });
  });

  it('on /user/self a different owner block (left over) is not used', () => {
    expect(readRenderData(fixtureRenderData('render-data.html'), { secUid: null, self: true })?.secUid).toBe(SEC_V);
  });

  it('the viewer alone never identifies someone else’s page', () => {
    expect(readRenderData(fixtureRenderData('self.html'), { secUid: SEC_A, self: false })).toBeNull();
    expect(readRenderData(fixtureRenderData('self.html'), { secUid: null, self: false })).toBeNull();
  });

  it('the viewer counts when its sec_uid is the one in the URL', () => {
    expect(readRenderData(fixtureRenderData('self.html'), { secUid: SEC_C, self: false })?.uid).toBe('3429711218823625');
  });

  it('stale data of a previous creator → null', () => {
    expect(readRenderData(fixtureRenderData('stale.html'), { secUid: SEC_X, self: false })).toBeNull();
    expect(readRenderData(fixtureRenderData('render-data.html'), { secUid: SEC_X, self: false })).toBeNull();
  });

  it('a feed page has no owner', () => {
    expect(readRenderData(fixtureRenderData('feed.html'), { secUid: null, self: false })).toBeNull();
    expect(readRenderData(fixtureRenderData('feed.html'), { secUid: SEC_A, self: false })).toBeNull();
  });
});

describe('readRenderData — ids', () => {
  it('keeps a 19-digit uid given as a JSON number', () => {
    const text = encodeURIComponent(`{"12":{"user":{"user":{"uid":7006229624431689736,"secUid":"${SEC_A}","nickname":"数字"}}}}`);
    expect(readRenderData(text, { secUid: SEC_A, self: false })?.uid).toBe('7006229624431689736');
  });

  it('keeps a 19-digit shortId given as a JSON number', () => {
    const text = encodeURIComponent(`{"1":{"user":{"user":{"uid":"3429711218823623","nickname":"x","uniqueId":"","shortId":1234567890123456789}}}}`);
    expect(readRenderData(text, { secUid: null, self: false })?.uniqueId).toBe('1234567890123456789');
  });

  it('accepts a short uid given as a JSON number', () => {
    const text = encode(user({ uid: 3429711218823623, secUid: SEC_A, nickname: 'n' }));
    expect(readRenderData(text, { secUid: SEC_A, self: false })?.uid).toBe('3429711218823623');
  });

  it('drops invalid ids; without any valid id there is no profile', () => {
    expect(readRenderData(encode(user({ uid: '12ab', secUid: SEC_A, nickname: 'n' })), { secUid: SEC_A, self: false })).toEqual({
      uid: null, secUid: SEC_A, nickname: 'n', uniqueId: null, source: 'render-data',
    });
    expect(readRenderData(encode(user({ uid: '0', secUid: 'short', nickname: 'n' })), { secUid: null, self: false })).toBeNull();
  });

  it('needs a nickname', () => {
    expect(readRenderData(encode(user({ uid: '3429711218823623', secUid: SEC_A, nickname: '  ' })), { secUid: SEC_A, self: false })).toBeNull();
  });

  it('shortId "0" is no 抖音号', () => {
    expect(readRenderData(encode(user({ uid: '1', nickname: 'n', uniqueId: '', shortId: '0' })), { secUid: null, self: false })?.uniqueId).toBeNull();
  });

  it('picks the numeric key whose owner matches the URL', () => {
    const data = {
      '3': { user: { user: { uid: '11111111', secUid: SEC_X, nickname: 'old' } } },
      '40': { user: { user: { uid: '22222222', secUid: SEC_A, nickname: 'new' } } },
    };
    expect(readRenderData(encode(data), { secUid: SEC_A, self: false })?.nickname).toBe('new');
    expect(readRenderData(encode(data), { secUid: null, self: false })?.nickname).toBe('old');
  });

  it('matches a uid from a share URL', () => {
    const data = user({ uid: '3429711218823623', secUid: SEC_A, nickname: 'n' });
    expect(readRenderData(encode(data), { secUid: null, self: false, uid: '3429711218823623' })?.secUid).toBe(SEC_A);
    expect(readRenderData(encode(data), { secUid: null, self: false, uid: '999' })).toBeNull();
  });

  it('completes the owner from a viewer of the same account', () => {
    const data = { app: { user: { info: { ...VIEWER, secUid: SEC_A } } }, ...user({ secUid: SEC_A, nickname: 'n' }) };
    expect(readRenderData(encode(data), { secUid: SEC_A, self: false })).toEqual({
      uid: '98765432101', secUid: SEC_A, nickname: 'n', uniqueId: 'lurenjia_2024', source: 'render-data',
    });
  });

  it('accepts RENDER_DATA that is plain JSON', () => {
    expect(readRenderData(JSON.stringify(user({ uid: '5', secUid: SEC_A, nickname: 'n' })), { secUid: SEC_A, self: false })?.uid).toBe('5');
  });
});

describe('readRenderData — garbage never throws', () => {
  it.each([
    '',
    '   ',
    '%E0%A4%A', // bad URI escape
    '%7B%22a%22', // truncated JSON
    'null',
    '[]',
    '42',
    encode({ '1': null }),
    encode({ '1': { user: null } }),
    encode({ '1': { user: { user: 'x' } } }),
    encode({ '1': { user: { user: [] } } }),
    encode({ app: { user: { info: 'x' } } }),
    encode({ '1': { user: { user: { uid: {}, secUid: [], nickname: 5 } } } }),
    '{"__proto__":{"user":{"user":{"uid":"1","nickname":"n"}}}}',
    '{"1":{},"1":{}}',
  ])('%j → null', (text) => {
    expect(readRenderData(text, { secUid: null, self: false })).toBeNull();
    expect(readRenderData(text, { secUid: null, self: true })).toBeNull();
  });
});
