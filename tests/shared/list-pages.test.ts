import { describe, expect, it } from 'vitest';
import { listPageOf } from '../../utils/shared/list-pages';

const SEC = 'MS4wLjABAAAAwfAmWC_m6MtiDQyFpy_kId3e11ZmKo7ADtTCl60QZ2v';

describe('listPageOf', () => {
  it.each([
    ['https://www.xingtu.cn/ad/creator/market', 'xingtu-market'],
    ['https://www.xingtu.cn/ad/creator/market/', 'xingtu-market'],
    ['https://xingtu.cn/ad/creator/market?tab=douyin', 'xingtu-market'],
    ['https://www.xingtu.cn/ad/creator/market?keyword=%E7%BE%8E%E9%A3%9F', 'xingtu-search'],
    ['https://www.xingtu.cn/ad/creator/search?keyword=x', 'xingtu-search'],
    ['https://www.douyin.com/search/%E7%BE%8E%E9%A3%9F?type=user', 'douyin-search'],
    ['https://douyin.com/search/abc', 'douyin-search'],
    [`https://www.douyin.com/user/${SEC}?showTab=fans_tab`, 'douyin-follows'],
    [`https://www.douyin.com/user/${SEC}?showTab=follow`, 'douyin-follows'],
  ])('%s is a list page (%s)', (url, kind) => {
    expect(listPageOf(url)).toBe(kind);
  });

  it.each([
    'https://www.douyin.com/', // the feed: no badge code at all
    'https://www.douyin.com/?recommend=1',
    'https://www.douyin.com/video/7301234567890123456',
    `https://www.douyin.com/user/${SEC}`,
    `https://www.douyin.com/user/${SEC}?showTab=post`,
    'https://www.douyin.com/search',
    'https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/7006229624431689736',
    'https://www.xingtu.cn/',
    'https://www.xingtu.cn.evil.test/ad/creator/market',
    'https://evil.test/ad/creator/market',
    'ftp://www.xingtu.cn/ad/creator/market',
    'not a url',
  ])('%s is not', (url) => {
    expect(listPageOf(url)).toBeNull();
  });
});
