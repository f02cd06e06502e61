import { describe, expect, it } from 'vitest';
import { parseCreatorInput } from '../utils/creator-input';

const ID = '7006229624431689736';

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

  it('empty input', () => {
    expect(parseCreatorInput('   ')).toEqual({ kind: 'invalid', reason: 'empty' });
  });

  it.each([
    'hello',
    '12345',
    `${ID}x`,
    'https://www.xingtu.cn/ad/creator/market',
    `https://example.com/ad/creator/author-homepage/douyin-video/${ID}`,
    '<script>alert(1)</script>',
  ])('%j → unrecognised', (input) => {
    expect(parseCreatorInput(input)).toEqual({ kind: 'invalid', reason: 'unrecognised' });
  });
});
