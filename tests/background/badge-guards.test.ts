import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isFromListPageScript, parseBadgeOne, parseBadgePeek, parseBadgeRun, parseBadgeVisible, type MessageSenderInfo } from '../../utils/background/message-guards';
import { MAX_BADGE_BATCH } from '../../utils/shared/badges';

const ID = '7006229624431689736';
const SEC = 'MS4wLjABAAAAwfAmWC_m6MtiDQyFpy_kId3e11ZmKo7ADtTCl60QZ2v';
const MARKET = 'https://www.xingtu.cn/ad/creator/market';

describe('isFromListPageScript: the badge messages come from our content script on a list page', () => {
  const script = (over: Partial<MessageSenderInfo> = {}): MessageSenderInfo => ({
    id: fakeBrowser.runtime.id,
    url: MARKET,
    origin: 'https://www.xingtu.cn',
    tab: { id: 3 },
    frameId: 0,
    ...over,
  });

  it('accepts it on the market, Xingtu search and Douyin search', () => {
    expect(isFromListPageScript(script())).toBe(true);
    expect(isFromListPageScript(script({ url: `${MARKET}?keyword=a`, origin: undefined }))).toBe(true);
    expect(isFromListPageScript(script({ url: 'https://www.douyin.com/search/a?type=user', origin: 'https://www.douyin.com' }))).toBe(true);
  });

  it.each([
    ['another extension', script({ id: 'other-extension' })],
    ['no sender', undefined],
    ['not from a tab (an extension page)', script({ tab: undefined, url: fakeBrowser.runtime.getURL('/popup.html') })],
    ['our panel page', script({ url: fakeBrowser.runtime.getURL('/panel.html'), origin: undefined })],
    ['a subframe', script({ frameId: 3 })],
    ['a creator page (not a list page)', script({ url: `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}` })],
    ['the Douyin feed', script({ url: 'https://www.douyin.com/', origin: 'https://www.douyin.com' })],
    ['an origin that disagrees with the URL', script({ origin: 'https://evil.test' })],
  ])('refuses %s', (_label, sender) => {
    expect(isFromListPageScript(sender)).toBe(false);
  });
});

describe('badge message shapes', () => {
  const x = { kind: 'xingtu', oAuthorId: ID };
  const d = { kind: 'douyin', secUid: SEC };
  it('accepts what a badge sends', () => {
    expect(parseBadgePeek({ refs: [x, d] })).toEqual({ refs: [x, d] });
    expect(parseBadgeOne({ ref: d, nickname: '川味小厨娘' })).toEqual({ ref: d, nickname: '川味小厨娘' });
    expect(parseBadgeVisible({ creators: [{ ref: x, nickname: null }] })).toEqual({ creators: [{ ref: x, nickname: null }] });
    expect(parseBadgeRun({ token: 'abcdef0123456789' })).toEqual({ token: 'abcdef0123456789' });
  });
  it.each([
    ['an empty batch', () => parseBadgePeek({ refs: [] })],
    ['a batch beyond the bound', () => parseBadgePeek({ refs: Array.from({ length: MAX_BADGE_BATCH + 1 }, () => x) })],
    ['a bad id', () => parseBadgePeek({ refs: [{ kind: 'xingtu', oAuthorId: '12x' }] })],
    ['an extra field (a platform, a refresh)', () => parseBadgeOne({ ref: x, nickname: null, refresh: true })],
    ['an extra field in a ref', () => parseBadgeOne({ ref: { ...x, token: 'k' }, nickname: null })],
    ['a long nickname', () => parseBadgeOne({ ref: d, nickname: 'a'.repeat(101) })],
    ['a bad token', () => parseBadgeRun({ token: '../x' })],
  ])('refuses %s', (_label, parse) => {
    expect(parse()).toBeNull();
  });
});
