import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPaceFPayloads, paceFPayloadsFromScript, readPaceF } from '../../utils/page/douyin/read-pace-f';

const SEC_B = 'MS4wLjABAAAAQkXh6ZP0uS3N-9oNn8wdvQ1lF2jYkQmV5pRz7cT0aHs';
const SEC_V = 'MS4wLjABAAAAVmlld2VyX3NlY3VpZF9mb3JfdGVzdHNfMTIzNDU2Nzg';
const SEC_R = 'MS4wLjABAAAAcmVjb21tZW5kZWRfdXNlcl9vbmVfYWJjZGVmZ2hpams';
const SEC_X = 'MS4wLjABAAAAdGhpcy1pcy1hLWRpZmZlcmVudC1jcmVhdG9yLTAwMDE';

const html = readFileSync(new URL('../fixtures/douyin/pace-f.html', import.meta.url), 'utf8');

describe('extractPaceFPayloads', () => {
  it('pulls the [1, "…"] strings of the fixture page, decoded and in order', () => {
    const payloads = extractPaceFPayloads(html);
    expect(payloads).toHaveLength(2);
    expect(payloads[0]?.startsWith('0:["$","html",null,{"lang":"zh-CN"}]\n1:I[')).toBe(true);
    expect(payloads[0]?.endsWith(`"nick`)).toBe(true);
    expect(payloads[1]?.startsWith(`name":"大漠孤烟 · 旅行"`)).toBe(true);
  });

  it('skips other push kinds, scripts with src and broken literals', () => {
    const page = [
      '<script>(self.__pace_f=self.__pace_f||[]).push([0])</script>',
      '<script>self.__pace_f.push([2,null]);self.__pace_f.push([3,"AAEC"])</script>',
      '<script src="/x.js">self.__pace_f.push([1,"from src"])</script>',
      '<script>self.__pace_f.push([1,"bad \\x41 escape"])</script>',
      '<script type="text/javascript">self.__pace_f.push([1,"a\\u003c/script>b"]);self.__pace_f.push([ 1 , "\\"q\\""])</script>',
      '<p>self.__pace_f.push([1,"not in a script"])</p>',
    ].join('\n');
    expect(extractPaceFPayloads(page)).toEqual(['a</script>b', '"q"']);
  });

  it('reads a script text directly', () => {
    expect(paceFPayloadsFromScript('self.__pace_f.push([1,"x\\ny"])')).toEqual(['x\ny']);
    expect(extractPaceFPayloads('(self.__pace_f=self.__pace_f||[]).push([1,"z"])')).toEqual(['z']);
  });

  it('garbage → []', () => {
    expect(extractPaceFPayloads('')).toEqual([]);
    expect(extractPaceFPayloads('self.__pace_f.push([1,"unterminated')).toEqual([]);
    expect(extractPaceFPayloads('<script>self.__pace_f.push([1,</script>')).toEqual([]);
  });
});

describe('readPaceF — fixture page', () => {
  const payloads = extractPaceFPayloads(html);

  it('finds the creator named by the URL among the viewer and recommended accounts', () => {
    expect(readPaceF(payloads, { secUid: SEC_B, self: false })).toEqual({
      uid: '3429711218823624',
      secUid: SEC_B,
      nickname: '大漠孤烟 · 旅行',
      uniqueId: '2091837465', // unique_id empty → short_id
      source: 'pace-f',
    });
  });

  it('an object split across two pushes is found only once they are joined', () => {
    expect(readPaceF([payloads[1] ?? ''], { secUid: SEC_B, self: false })).toBeNull();
  });

  it('another account of the stream is returned only when the URL names it', () => {
    expect(readPaceF(payloads, { secUid: SEC_R, self: false })?.nickname).toBe('美食探店阿强');
    expect(readPaceF(payloads, { secUid: SEC_V, self: false })?.nickname).toBe('路人甲的日常');
  });

  it('a creator not in the stream (stale or different page) → null', () => {
    expect(readPaceF(payloads, { secUid: SEC_X, self: false })).toBeNull();
  });

  it('without an id in the URL, several different accounts → null (no guess)', () => {
    expect(readPaceF(payloads, { secUid: null, self: true })).toBeNull();
  });
});

describe('readPaceF — shapes', () => {
  const user = `{"uid":"3429711218823624","sec_uid":"${SEC_B}","nickname":"大漠孤烟","unique_id":"damo_gy"}`;

  it('a single account without an id in the URL (/user/self)', () => {
    expect(readPaceF([`5:{"user":${user}}`], { secUid: null, self: true })?.uniqueId).toBe('damo_gy');
  });

  it('matches on uid (share URL without sec_uid)', () => {
    expect(readPaceF([`5:${user}`], { secUid: null, self: false, uid: '3429711218823624' })?.secUid).toBe(SEC_B);
    expect(readPaceF([`5:${user}`], { secUid: null, self: false, uid: '1' })).toBeNull();
  });

  it('camelCase keys', () => {
    const camel = `7:{"secUid":"${SEC_B}","nickname":"大漠孤烟","uniqueId":"damo_gy"}`;
    expect(readPaceF([camel], { secUid: SEC_B, self: false })).toEqual({
      uid: null, secUid: SEC_B, nickname: '大漠孤烟', uniqueId: 'damo_gy', source: 'pace-f',
    });
  });

  it('keeps a 19-digit uid given as a JSON number', () => {
    const text = `5:{"uid":7006229624431689736,"sec_uid":"${SEC_B}","nickname":"n"}`;
    expect(readPaceF([text], { secUid: SEC_B, self: false })?.uid).toBe('7006229624431689736');
  });

  it('reads JSON held in a string value (escaped quotes)', () => {
    const text = `3:["$","$L1",null,{"initialState":${JSON.stringify(`{"profile":${user},"x":1}`)}}]\n`;
    expect(text).toContain('\\"nickname\\"');
    expect(readPaceF([text], { secUid: SEC_B, self: false })?.uniqueId).toBe('damo_gy');
  });

  it('reads payloads handed over still escaped', () => {
    const escaped = JSON.stringify(`4:{"user":${user}}`).slice(1, -1);
    expect(readPaceF([escaped.slice(0, 30), escaped.slice(30)], { secUid: SEC_B, self: false })?.uid).toBe('3429711218823624');
  });

  it('RSC markers: "$undefined" is no value, "$$" escapes a dollar', () => {
    const text = `5:{"uid":"3429711218823624","sec_uid":"${SEC_B}","nickname":"$$钱多多","unique_id":"$undefined","short_id":"$undefined"}`;
    expect(readPaceF([text], { secUid: SEC_B, self: false })).toEqual({
      uid: '3429711218823624', secUid: SEC_B, nickname: '$钱多多', uniqueId: null, source: 'pace-f',
    });
  });

  it('completes the profile from another object of the same account', () => {
    const a = `1:{"sec_uid":"${SEC_B}","nickname":"大漠孤烟"}\n`;
    const b = `2:{"uid":"3429711218823624","sec_uid":"${SEC_B}","nickname":"大漠孤烟","unique_id":"damo_gy"}\n`;
    expect(readPaceF([a, b], { secUid: SEC_B, self: false })).toEqual({
      uid: '3429711218823624', secUid: SEC_B, nickname: '大漠孤烟', uniqueId: 'damo_gy', source: 'pace-f',
    });
  });

  it('survives raw text rows with stray quotes and braces', () => {
    const text = `T2a,he said "hi} ]\n}}]]\n5:{"user":${user}}\n`;
    expect(readPaceF([text], { secUid: SEC_B, self: false })?.nickname).toBe('大漠孤烟');
  });

  it('needs a nickname and an id', () => {
    expect(readPaceF([`5:{"uid":"3429711218823624","sec_uid":"${SEC_B}","nickname":""}`], { secUid: SEC_B, self: false })).toBeNull();
    expect(readPaceF([`5:{"uid":"x","sec_uid":"short","nickname":"n"}`], { secUid: null, self: true })).toBeNull();
  });

  it.each([[[]], [['']], [['{{{{']], [['"unterminated']], [['5:{"uid":"1","nickname":']], [['\\\\\\']]])('garbage %j → null', (chunks) => {
    expect(readPaceF(chunks, { secUid: SEC_B, self: false })).toBeNull();
    expect(readPaceF(chunks, { secUid: null, self: true })).toBeNull();
  });
});

describe('readPaceF — URL-encoded JSON (encodeURIComponent of the render data)', () => {
  const SEC_E = 'MS4wLjABAAAAZW5jb2RlZC1wYWNlLWYtb3duZXItMDAwMDAwMDAwMDE';
  const encoded = readFileSync(new URL('../fixtures/douyin/pace-f-encoded.html', import.meta.url), 'utf8');
  const payloads = extractPaceFPayloads(encoded);

  it('the fixture page: a raw viewer row, then the owner row URL-encoded and split inside an escape', () => {
    expect(payloads).toHaveLength(3);
    expect(payloads[1]?.endsWith('%2')).toBe(true);
    expect(readPaceF(payloads, { secUid: SEC_E, self: false })).toEqual({
      uid: '1029384756', // 10 digits, a string
      secUid: SEC_E,
      nickname: '老街修表匠',
      uniqueId: '58219034',
      source: 'pace-f',
    });
    // The raw row is still read, and the encoded recommended account is not the owner.
    expect(readPaceF(payloads, { secUid: SEC_V, self: false })?.nickname).toBe('路人甲的日常');
    expect(readPaceF(payloads, { secUid: SEC_R, self: false })?.nickname).toBe('美食探店阿强');
    expect(readPaceF(payloads, { secUid: SEC_X, self: false })).toBeNull();
  });

  it('the render data shape (camelCase, viewer under app.user.info), a 19-digit uid as a JSON number', () => {
    const data = {
      app: { user: { info: { uid: '98765432101', secUid: SEC_V, nickname: '路人甲的日常', uniqueId: 'lurenjia_2024' } } },
      '41': { user: { user: { uid: 'UID', secUid: SEC_B, nickname: '大漠孤烟 · 旅行', uniqueId: '', shortId: '2091837465' } } },
    };
    const json = JSON.stringify(data).replace('"UID"', '7261849302758193746');
    const text = encodeURIComponent(json);
    expect(readPaceF([text.slice(0, 100), text.slice(100)], { secUid: SEC_B, self: false })).toEqual({
      uid: '7261849302758193746', secUid: SEC_B, nickname: '大漠孤烟 · 旅行', uniqueId: '2091837465', source: 'pace-f',
    });
    // Without an id in the URL, the viewer and the owner are two accounts: no guess.
    expect(readPaceF([text], { secUid: null, self: true })).toBeNull();
  });

  it('raw and encoded rows together: the owner from whichever has it', () => {
    const raw = `2:{"uid":"2222222222222222","sec_uid":"${SEC_R}","nickname":"美食探店阿强"}\n`;
    const owner = encodeURIComponent(`8:{"user":{"uid":"1000000001","sec_uid":"${SEC_B}","nickname":"大漠孤烟"}}`);
    expect(readPaceF([raw, owner], { secUid: SEC_B, self: false })?.uid).toBe('1000000001');
    expect(readPaceF([raw, owner], { secUid: SEC_R, self: false })?.uid).toBe('2222222222222222');
  });

  it('broken escapes and encoded text without a user are ignored', () => {
    const broken = `8%3A%7B%22uid%22%3A%221000000001%22%2C%22sec_uid%22%3A%22${SEC_B}%22%2C%22nickname%22%3A%22%E5%A4%ZZ%22%7D`;
    expect(readPaceF([broken], { secUid: SEC_B, self: false })).toBeNull();
    expect(readPaceF([encodeURIComponent('{"hello":"world","list":[1,2,3]}')], { secUid: SEC_B, self: false })).toBeNull();
    expect(readPaceF(['%'.repeat(50), '%22nickname%22'], { secUid: SEC_B, self: false })).toBeNull();
  });
});
