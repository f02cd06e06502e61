import { describe, expect, it } from 'vitest';
import { detectCreatorPage, sameCreatorPage, xingtuAuthorIdFromUrl } from '../../utils/shared/page-detect';

const ID = '7006229624431689736';

describe('xingtuAuthorIdFromUrl', () => {
  it.each([
    [`https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`, ID],
    [`https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}/`, ID],
    [`https://www.xingtu.cn/ad/creator/author-homepage/douyin-live/${ID}?from=market#x`, ID],
    [`https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}/extra`, ID],
    [`https://xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`, ID],
    [`https://www.xingtu.cn/ad/creator/author/douyin/${ID}/1`, ID],
    [`https://star.toutiao.com/ad/author/douyin/${ID}`, ID],
    [`https://star.toutiao.com/ad/creator/author-homepage/douyin-video/${ID}`, ID],
    [`http://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`, ID],
    ['https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/12345678', '12345678'],
  ])('%s → %s', (url, id) => {
    expect(xingtuAuthorIdFromUrl(url)).toBe(id);
  });

  it.each([
    'https://www.xingtu.cn/ad/creator/market',
    'https://www.xingtu.cn/',
    'https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/',
    'https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/abc123',
    'https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/1234567', // too short
    `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}9999999`, // 26 digits
    `https://evil.example/ad/creator/author-homepage/douyin-video/${ID}`,
    `https://www.xingtu.cn.evil.example/ad/creator/author-homepage/douyin-video/${ID}`,
    `ftp://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`,
    `https://www.douyin.com/user/${ID}`,
    'not a url',
    '',
  ])('%s → null', (url) => {
    expect(xingtuAuthorIdFromUrl(url)).toBeNull();
  });
});

describe('detectCreatorPage', () => {
  it('keeps 19-digit ids as exact strings', () => {
    const page = detectCreatorPage(`https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`);
    expect(page).toEqual({ site: 'xingtu', oAuthorId: ID });
  });
  it('accepts URL objects', () => {
    expect(detectCreatorPage(new URL(`https://star.toutiao.com/ad/author/douyin/${ID}`))).toEqual({ site: 'xingtu', oAuthorId: ID });
  });
  const SEC = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';
  it.each([
    [`https://www.douyin.com/user/${SEC}`, { site: 'douyin', page: { kind: 'douyin-user', secUid: SEC } }],
    [`https://www.douyin.com/user/${SEC}?modal_id=7301234567890123456`, { site: 'douyin', page: { kind: 'douyin-user', secUid: SEC } }],
    ['https://www.douyin.com/user/self', { site: 'douyin', page: { kind: 'douyin-self' } }],
  ])('detects Douyin creator pages: %s', (url, expected) => {
    expect(detectCreatorPage(url)).toEqual(expected);
  });
  it.each(['https://www.xingtu.cn/ad/creator/market', 'https://www.douyin.com/', 'https://www.douyin.com/video/7301234567890123456'])(
    'returns null for non-creator pages: %s',
    (url) => {
      expect(detectCreatorPage(url)).toBeNull();
    },
  );
  it('a video overlay on the same profile is the same creator page; another profile is not', () => {
    const a = detectCreatorPage(`https://www.douyin.com/user/${SEC}`);
    expect(sameCreatorPage(a, detectCreatorPage(`https://www.douyin.com/user/${SEC}?modal_id=1`))).toBe(true);
    expect(sameCreatorPage(a, detectCreatorPage('https://www.douyin.com/user/self'))).toBe(false);
    expect(sameCreatorPage(null, null)).toBe(true);
  });
});
