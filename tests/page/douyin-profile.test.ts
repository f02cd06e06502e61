// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { douyinPageFromUrl } from '../../utils/shared/douyin-page-url';
import { expectedForPage, readDouyinProfile, readServerData } from '../../utils/page/douyin/read-profile';

const SEC_A = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';
const SEC_B = 'MS4wLjABAAAAQkXh6ZP0uS3N-9oNn8wdvQ1lF2jYkQmV5pRz7cT0aHs';
const SEC_C = 'MS4wLjABAAAAc3JwWmYxT2tTcTlxZ0hCbUx1c0h4bGJ3Q0N6d0pYUVE';
const SEC_D = 'MS4wLjABAAAAdGhpcy1pcy1hLWRpZmZlcmVudC1jcmVhdG9yLTAwMDE';

// happy-dom replaces the global URL, so build the path from the file URL by hand.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'douyin');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function load(name: string): Document {
  return new DOMParser().parseFromString(fixture(name), 'text/html');
}

function read(name: string, url: string) {
  return readDouyinProfile(load(name), douyinPageFromUrl(url));
}

describe('readDouyinProfile — fixture pages', () => {
  it('RENDER_DATA: the creator, not the signed-in viewer', () => {
    expect(read('render-data.html', `https://www.douyin.com/user/${SEC_A}?modal_id=7301234567890123456`)).toEqual({
      uid: '3429711218823623', secUid: SEC_A, nickname: '小杨哥的美食日记', uniqueId: '1492830571', source: 'render-data',
    });
  });

  it('__pace_f only', () => {
    expect(read('pace-f.html', `https://www.douyin.com/user/${SEC_B}`)).toEqual({
      uid: '3429711218823624', secUid: SEC_B, nickname: '大漠孤烟 · 旅行', uniqueId: '2091837465', source: 'pace-f',
    });
  });

  it('header only: sec_uid from the URL, no uid', () => {
    expect(read('header.html', `https://www.douyin.com/user/${SEC_C}`)).toEqual({
      uid: null, secUid: SEC_C, nickname: '山城小厨娘', uniqueId: 'cq_xiaochuniang', source: 'header',
    });
  });

  it('header only on a share page: uid and sec_uid from the URL', () => {
    expect(read('header.html', `https://www.iesdouyin.com/share/user/3429711218823699?sec_uid=${SEC_C}`)).toMatchObject({
      uid: '3429711218823699', secUid: SEC_C, source: 'header',
    });
  });

  it('/user/self: the viewer data identifies the owner', () => {
    expect(read('self.html', 'https://www.douyin.com/user/self')).toEqual({
      uid: '3429711218823625', secUid: SEC_C, nickname: 'Momo 的手账本', uniqueId: 'momo.notes', source: 'render-data',
    });
  });

  it('/user/<other sec_uid> with only viewer data → null', () => {
    expect(read('self.html', `https://www.douyin.com/user/${SEC_A}`)).toBeNull();
  });

  it('stale RENDER_DATA of the previous creator: falls back to the header of the shown creator', () => {
    expect(read('stale.html', `https://www.douyin.com/user/${SEC_D}`)).toEqual({
      uid: null, secUid: SEC_D, nickname: '阿华的钓鱼频道', uniqueId: 'ahua_fishing', source: 'header',
    });
  });

  it('a feed page is no creator page', () => {
    expect(douyinPageFromUrl('https://www.douyin.com/?recommend=1')).toBeNull();
    expect(read('feed.html', 'https://www.douyin.com/?recommend=1')).toBeNull();
  });

  it('feed markup under a creator URL still yields nothing (the viewer is not the creator)', () => {
    expect(read('feed.html', `https://www.douyin.com/user/${SEC_A}`)).toBeNull();
  });

  it('captcha / risk-control page → null', () => {
    expect(read('captcha.html', `https://www.douyin.com/user/${SEC_A}`)).toBeNull();
    expect(read('captcha.html', 'https://www.douyin.com/user/self')).toBeNull();
  });

  it('an empty document → null', () => {
    expect(readDouyinProfile(new DOMParser().parseFromString('', 'text/html'), douyinPageFromUrl(`https://www.douyin.com/user/${SEC_A}`))).toBeNull();
  });

  it('RENDER_DATA wins over __pace_f and header when all are present', () => {
    const streamed = fixture('pace-f.html').match(/<script>self\.__pace_f[\s\S]*?<\/script>/g) ?? [];
    expect(streamed).toHaveLength(3);
    const html = fixture('render-data.html').replace(
      '</body>',
      `${streamed.join('\n')}<div data-e2e="user-info"><h1>头部名字</h1></div></body>`,
    );
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(readDouyinProfile(doc, { kind: 'douyin-user', secUid: SEC_A })?.source).toBe('render-data');
    // RENDER_DATA is about A; the URL names B: the stream answers.
    expect(readDouyinProfile(doc, { kind: 'douyin-user', secUid: SEC_B })?.source).toBe('pace-f');
    // Neither knows D: the header answers.
    expect(readDouyinProfile(doc, { kind: 'douyin-user', secUid: SEC_D })).toMatchObject({ source: 'header', nickname: '头部名字', secUid: SEC_D });
  });
});

describe('readDouyinProfile — the owner among other accounts, and data variants', () => {
  const SEC_E = 'MS4wLjABAAAAZW5jb2RlZC1wYWNlLWYtb3duZXItMDAwMDAwMDAwMDE';

  it('a video opened over the profile (?modal_id=), comments and recommendations first: the owner', () => {
    expect(read('others-first.html', `https://www.douyin.com/user/${SEC_C}?modal_id=7301234567890123456`)).toEqual({
      uid: null, secUid: SEC_C, nickname: '山城小厨娘', uniqueId: 'cq_xiaochuniang', source: 'header',
    });
  });

  it('headers of two accounts and no telling which is the owner’s: null (cannot tell)', () => {
    expect(read('cannot-tell.html', `https://www.douyin.com/user/${SEC_C}`)).toBeNull();
  });

  it('__pace_f with URL-encoded JSON: the owner with a 10-digit uid as a string', () => {
    expect(read('pace-f-encoded.html', `https://www.douyin.com/user/${SEC_E}`)).toEqual({
      uid: '1029384756', secUid: SEC_E, nickname: '老街修表匠', uniqueId: '58219034', source: 'pace-f',
    });
  });
});

describe('readServerData', () => {
  const expected = (secUid: string) => ({ secUid, self: false, uid: null });

  it('reads RENDER_DATA and __pace_f only: a header is no server data, and the URL fills nothing', () => {
    expect(readServerData(load('render-data.html'), expected(SEC_A))).toMatchObject({ uid: '3429711218823623', secUid: SEC_A });
    expect(readServerData(load('pace-f.html'), expected(SEC_B))).toMatchObject({ uid: '3429711218823624', secUid: SEC_B });
    expect(readServerData(load('header.html'), expected(SEC_C))).toBeNull();
    expect(readServerData(load('stale.html'), expected(SEC_D))).toBeNull();
    expect(readServerData(load('captcha.html'), expected(SEC_A))).toBeNull();
  });
});

describe('expectedForPage', () => {
  it.each([
    [{ kind: 'douyin-user', secUid: SEC_A } as const, { secUid: SEC_A, self: false, uid: null }],
    [{ kind: 'douyin-self' } as const, { secUid: null, self: true, uid: null }],
    [{ kind: 'douyin-share', uid: '123', secUid: null } as const, { secUid: null, self: false, uid: '123' }],
  ])('%j', (page, expected) => {
    expect(expectedForPage(page)).toEqual(expected);
  });
});
