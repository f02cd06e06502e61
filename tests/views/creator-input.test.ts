import { describe, expect, it } from 'vitest';
import { parseCreatorInput } from '../../utils/views/creator-input';

const ID = '7006229624431689736';
const SEC = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';

describe('parseCreatorInput', () => {
  it.each([
    [ID, ID],
    [`  ${ID}\n`, ID],
    [`https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`, ID],
    [`www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`, ID],
    [`看看这个达人 https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID} 不错`, ID],
    [`https://star.toutiao.com/ad/author/douyin/${ID}`, ID],
  ])('%j → xingtu %s', (input, id) => {
    expect(parseCreatorInput(input)).toEqual({ kind: 'xingtu', oAuthorId: id });
  });

  it.each([
    [`https://www.douyin.com/user/${SEC}`, { kind: 'douyin-user', secUid: SEC }],
    [`https://www.douyin.com/user/${SEC}?modal_id=7301234567890123456`, { kind: 'douyin-user', secUid: SEC }],
    [`长按复制此条消息，打开抖音搜索，查看TA的更多作品。 https://www.douyin.com/user/${SEC}`, { kind: 'douyin-user', secUid: SEC }],
    ['https://www.douyin.com/user/self', { kind: 'douyin-self' }],
  ])('%j → a Douyin creator page', (input, page) => {
    expect(parseCreatorInput(input)).toEqual({ kind: 'douyin-url', page });
  });

  it.each([
    ['川味小厨娘', '川味小厨娘'],
    ['  Papi酱 ', 'Papi酱'],
    ['12345', '12345'],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
  ])('%j → nickname search', (input, nickname) => {
    expect(parseCreatorInput(input)).toEqual({ kind: 'nickname', nickname });
  });

  it('empty input', () => {
    expect(parseCreatorInput('   ')).toEqual({ kind: 'invalid', reason: 'empty' });
  });

  it('a nickname longer than any real one', () => {
    expect(parseCreatorInput('名'.repeat(101))).toEqual({ kind: 'invalid', reason: 'too-long' });
  });

  it.each([
    'https://www.xingtu.cn/ad/creator/market',
    `https://example.com/ad/creator/author-homepage/douyin-video/${ID}`,
    'https://www.douyin.com/video/7301234567890123456',
    'https://www.douyin.com/',
    'www.example.com/abc',
  ])('%j → unrecognised link', (input) => {
    expect(parseCreatorInput(input)).toEqual({ kind: 'invalid', reason: 'unrecognised' });
  });
});
