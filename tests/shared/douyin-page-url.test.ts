import { describe, expect, it } from 'vitest';
import { douyinPageFromUrl, isDouyinUid, isSecUid } from '../../utils/shared/douyin-page-url';

const SEC = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';
const SEC_LONG = 'MS4wLjABAAAA' + 'x'.repeat(68); // 80 chars
const UID = '3429711218823623';

describe('douyinPageFromUrl — creator pages', () => {
  it.each([
    `https://www.douyin.com/user/${SEC}`,
    `https://www.douyin.com/user/${SEC}/`,
    `https://www.douyin.com/user/${SEC}?modal_id=7301234567890123456`,
    `https://www.douyin.com/user/${SEC}?from_tab_name=main&vid=7301234567890123456#comments`,
    `https://douyin.com/user/${SEC}`,
    `http://www.douyin.com/user/${SEC}`,
    `https://WWW.DOUYIN.COM/user/${SEC}`, // the URL parser lower-cases hosts
  ])('%s', (url) => {
    expect(douyinPageFromUrl(url)).toEqual({ kind: 'douyin-user', secUid: SEC });
  });

  it('keeps a long sec_uid exactly', () => {
    expect(douyinPageFromUrl(`https://www.douyin.com/user/${SEC_LONG}`)).toEqual({ kind: 'douyin-user', secUid: SEC_LONG });
  });

  it('accepts URL objects', () => {
    expect(douyinPageFromUrl(new URL(`https://www.douyin.com/user/${SEC}?modal_id=1`))).toEqual({ kind: 'douyin-user', secUid: SEC });
  });

  it.each([
    'https://www.douyin.com/user/self',
    'https://www.douyin.com/user/self/',
    'https://www.douyin.com/user/self?showTab=post',
    'https://www.douyin.com/user/self?modal_id=7301234567890123456#x',
  ])('%s → self', (url) => {
    expect(douyinPageFromUrl(url)).toEqual({ kind: 'douyin-self' });
  });
});

describe('douyinPageFromUrl — share pages', () => {
  it.each([
    [`https://www.iesdouyin.com/share/user/${UID}?sec_uid=${SEC}`, { uid: UID, secUid: SEC }],
    [`https://www.iesdouyin.com/share/user/${UID}?did=1&iid=2&sec_uid=${SEC}&u_code=abc`, { uid: UID, secUid: SEC }],
    [`https://iesdouyin.com/share/user/${UID}/?sec_uid=${SEC}`, { uid: UID, secUid: SEC }],
    [`https://www.iesdouyin.com/share/user/${UID}`, { uid: UID, secUid: null }],
    [`https://www.iesdouyin.com/share/user/${UID}?sec_uid=bad`, { uid: UID, secUid: null }],
    [`https://www.iesdouyin.com/share/user/${SEC}`, { uid: null, secUid: SEC }],
    [`https://www.iesdouyin.com/share/user/${SEC}?from_ssr=1`, { uid: null, secUid: SEC }],
    ['https://www.iesdouyin.com/share/user/7006229624431689736?sec_uid=x', { uid: '7006229624431689736', secUid: null }],
  ])('%s', (url, ids) => {
    expect(douyinPageFromUrl(url)).toEqual({ kind: 'douyin-share', ...ids });
  });
});

describe('douyinPageFromUrl — everything else is null', () => {
  it.each([
    'https://www.douyin.com/',
    'https://www.douyin.com/?recommend=1',
    'https://www.douyin.com/discover',
    'https://www.douyin.com/video/7301234567890123456',
    `https://www.douyin.com/video/7301234567890123456?previous_page=${SEC}`,
    'https://www.douyin.com/search/%E7%BE%8E%E9%A3%9F',
    'https://www.douyin.com/user/',
    'https://www.douyin.com/user',
    'https://www.douyin.com/user/Self',
    'https://www.douyin.com/user/selfish',
    'https://www.douyin.com/user/MS4wLjABAAAA', // too short for a sec_uid
    `https://www.douyin.com/user/${'M'.repeat(121)}`, // too long
    `https://www.douyin.com/user/${SEC}/extra`,
    `https://www.douyin.com/user/${SEC.slice(0, 30)}%3Cscript%3E`,
    `https://www.douyin.com/users/${SEC}`,
    `https://www.douyin.com/note/${SEC}`,
    `https://www.douyin.com.evil.com/user/${SEC}`,
    `https://evil.com/www.douyin.com/user/${SEC}`,
    `https://notdouyin.com/user/${SEC}`,
    `https://m.douyin.com/user/${SEC}`,
    `https://live.douyin.com/user/${SEC}`,
    `https://www.iesdouyin.com.evil.com/share/user/${UID}?sec_uid=${SEC}`,
    `https://www.iesdouyin.com/share/video/7301234567890123456?sec_uid=${SEC}`,
    'https://www.iesdouyin.com/share/user/?sec_uid=x',
    'https://www.iesdouyin.com/share/user/0',
    'https://www.iesdouyin.com/share/user/abc',
    `https://www.iesdouyin.com/share/user/${UID}/extra?sec_uid=${SEC}`,
    `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/7006229624431689736`,
    `ftp://www.douyin.com/user/${SEC}`,
    `javascript:alert('https://www.douyin.com/user/${SEC}')`,
    `www.douyin.com/user/${SEC}`, // no scheme: not a URL
    'not a url',
    '',
  ])('%s', (url) => {
    expect(douyinPageFromUrl(url)).toBeNull();
  });
});

describe('id predicates', () => {
  it.each([
    [UID, true],
    ['7006229624431689736', true],
    ['0', false],
    ['000', false],
    ['', false],
    ['12a', false],
    ['1'.repeat(25), false],
  ])('isDouyinUid(%j) → %s', (value, ok) => {
    expect(isDouyinUid(value)).toBe(ok);
  });
  it.each([
    [SEC, true],
    [SEC_LONG, true],
    ['MS4wLjABAAAA', false],
    [`${SEC}=`, false],
    [`${SEC}/`, false],
  ])('isSecUid(%j) → %s', (value, ok) => {
    expect(isSecUid(value)).toBe(ok);
  });
});
