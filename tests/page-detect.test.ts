import { describe, expect, it } from 'vitest';
import { detectCreatorPage, xingtuAuthorIdFromUrl } from '../utils/page-detect';

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
    expect(page).toEqual({ kind: 'xingtu', oAuthorId: ID });
  });
  it('accepts URL objects', () => {
    expect(detectCreatorPage(new URL(`https://star.toutiao.com/ad/author/douyin/${ID}`))).toEqual({ kind: 'xingtu', oAuthorId: ID });
  });
  it('returns null for non-creator pages', () => {
    expect(detectCreatorPage('https://www.xingtu.cn/ad/creator/market')).toBeNull();
  });
});
