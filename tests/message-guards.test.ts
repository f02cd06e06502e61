import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isFromThisExtension, parseDistributionRequest } from '../utils/message-guards';
import { isCreatorMessage, isLayoutMessage } from '../utils/panel-port';
import { isPageCreator } from '../utils/creator';

const ID = '7006229624431689736';

describe('parseDistributionRequest', () => {
  it('accepts the known shape', () => {
    expect(parseDistributionRequest({ oAuthorId: ID, platform: 'LIVE_STREAMING' })).toEqual({ oAuthorId: ID, platform: 'LIVE_STREAMING' });
    expect(parseDistributionRequest({ oAuthorId: ID, platform: 'SHORT_VIDEO', refresh: true })).toEqual({
      oAuthorId: ID,
      platform: 'SHORT_VIDEO',
      refresh: true,
    });
  });
  it.each([
    ['number id', { oAuthorId: Number(ID), platform: 'SHORT_VIDEO' }],
    ['non-digit id', { oAuthorId: '7006x', platform: 'SHORT_VIDEO' }],
    ['unknown platform', { oAuthorId: ID, platform: 'TV' }],
    ['extra field (a key smuggled in)', { oAuthorId: ID, platform: 'SHORT_VIDEO', token: 'abc' }],
    ['refresh not boolean', { oAuthorId: ID, platform: 'SHORT_VIDEO', refresh: 'yes' }],
    ['null', null],
    ['string', 'getDistribution'],
  ])('refuses %s', (_label, data) => {
    expect(parseDistributionRequest(data)).toBeNull();
  });
});

describe('isFromThisExtension', () => {
  it('accepts only senders with this extension id', () => {
    expect(isFromThisExtension({ id: fakeBrowser.runtime.id })).toBe(true);
    expect(isFromThisExtension({ id: 'some-other-extension' })).toBe(false);
    expect(isFromThisExtension({})).toBe(false);
    expect(isFromThisExtension(undefined)).toBe(false);
  });
});

describe('panel port messages', () => {
  it('validates creator messages', () => {
    expect(isCreatorMessage({ type: 'creator', creator: null })).toBe(true);
    expect(isCreatorMessage({ type: 'creator', creator: { kind: 'xingtu', oAuthorId: ID } })).toBe(true);
    expect(isCreatorMessage({ type: 'creator', creator: { kind: 'xingtu', oAuthorId: '<img>' } })).toBe(false);
    expect(isCreatorMessage({ type: 'creator' })).toBe(false);
    expect(isCreatorMessage({ type: 'layout', creator: null })).toBe(false);
  });
  it('validates layout messages', () => {
    expect(isLayoutMessage({ type: 'layout', collapsed: false, width: 360, height: 420 })).toBe(true);
    expect(isLayoutMessage({ type: 'layout', collapsed: 'no', width: 360, height: 420 })).toBe(false);
    expect(isLayoutMessage({ type: 'layout', collapsed: false, width: Number.NaN, height: 420 })).toBe(false);
    expect(isLayoutMessage({ type: 'layout', collapsed: false, width: 360, height: 1e9 })).toBe(false);
  });
  it('isPageCreator', () => {
    expect(isPageCreator({ kind: 'xingtu', oAuthorId: ID })).toBe(true);
    expect(isPageCreator({ kind: 'douyin', oAuthorId: ID })).toBe(false);
    expect(isPageCreator(ID)).toBe(false);
  });
});
