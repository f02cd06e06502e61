import { describe, expect, it } from 'vitest';
import { badgeTargetOf, creatorOfHref, nicknameOf, type LinkLike } from '../../utils/page/badges/card-creator';

const BASE = 'https://www.xingtu.cn/ad/creator/market';
const ID = '7006229624431689736';
const SEC = 'MS4wLjABAAAAwfAmWC_m6MtiDQyFpy_kId3e11ZmKo7ADtTCl60QZ2v';

const link = (href: string, text: string | null, inDialog = false): LinkLike => ({
  href: new URL(href, BASE).href,
  textContent: text,
  closest: (selector: string) => (inDialog && selector.includes('dialog') ? {} : null),
});

describe('creatorOfHref: the card’s creator is read from its link', () => {
  it.each([
    [`/ad/creator/author-homepage/douyin-video/${ID}`, { kind: 'xingtu', oAuthorId: ID }],
    [`https://www.xingtu.cn/ad/creator/author-homepage/douyin-live/${ID}?from=market`, { kind: 'xingtu', oAuthorId: ID }],
    [`https://www.xingtu.cn/ad/creator/author/douyin/${ID}/1`, { kind: 'xingtu', oAuthorId: ID }],
    [`https://star.toutiao.com/ad/author/douyin/${ID}`, { kind: 'xingtu', oAuthorId: ID }],
    [`//www.douyin.com/user/${SEC}`, { kind: 'douyin', secUid: SEC }],
    [`https://www.douyin.com/user/${SEC}?from_tab_name=main`, { kind: 'douyin', secUid: SEC }],
    [`https://www.iesdouyin.com/share/user/3429711218823623?sec_uid=${SEC}`, { kind: 'douyin', secUid: SEC }],
  ])('%s', (href, ref) => {
    expect(creatorOfHref(href, BASE)).toEqual(ref);
  });

  it.each([
    '/ad/creator/market',
    '/ad/creator/author-homepage/douyin-video/notanid',
    'https://www.douyin.com/user/self',
    'https://www.douyin.com/video/7301234567890123456',
    'https://www.iesdouyin.com/share/user/3429711218823623', // a uid alone: not a sec_uid
    `https://evil.test/ad/creator/author-homepage/douyin-video/${ID}`,
    `javascript:alert(${ID})`,
    'http://[',
  ])('%s names no creator', (href) => {
    expect(creatorOfHref(href, BASE)).toBeNull();
  });
});

describe('badgeTargetOf', () => {
  it('a name link gets a badge; its text is only the search keyword', () => {
    expect(badgeTargetOf(link(`/ad/creator/author-homepage/douyin-video/${ID}`, '  川味\n小厨娘 '), BASE, false)).toEqual({
      ref: { kind: 'xingtu', oAuthorId: ID },
      key: `x:${ID}`,
      nickname: '川味 小厨娘',
    });
  });

  it('text alone never names a creator', () => {
    expect(badgeTargetOf(link('/ad/creator/market', `川味小厨娘 ${ID}`), BASE, false)).toBeNull();
  });

  it('an avatar link (no text) gets none: the card’s name link carries the badge', () => {
    expect(badgeTargetOf(link(`/ad/creator/author-homepage/douyin-video/${ID}`, ''), BASE, false)).toBeNull();
    expect(badgeTargetOf(link(`/ad/creator/author-homepage/douyin-video/${ID}`, null), BASE, false)).toBeNull();
  });

  it('on follower lists (over a creator page) only links inside a dialog', () => {
    const href = `https://www.douyin.com/user/${SEC}`;
    expect(badgeTargetOf(link(href, '背包去远方'), BASE, true)).toBeNull();
    expect(badgeTargetOf(link(href, '背包去远方', true), BASE, true)?.key).toBe(`d:${SEC}`);
  });

  it('nicknames are bounded', () => {
    expect(nicknameOf('名'.repeat(300))).toHaveLength(100);
    expect(nicknameOf(' \n ')).toBeNull();
  });
});
