// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readHeader } from '../../utils/page/douyin/read-header';

// happy-dom replaces the global URL, so build the path from the file URL by hand.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'douyin');

/** The URL's sec_uid: the profile owner (山城小厨娘 in the fixtures). */
const SEC_C = 'MS4wLjABAAAAc3JwWmYxT2tTcTlxZ0hCbUx1c0h4bGJ3Q0N6d0pYUVE';
const SEC_R = 'MS4wLjABAAAAcmVjb21tZW5kZWRfdXNlcl9vbmVfYWJjZGVmZ2hpams';
const OWNER = { secUid: SEC_C };

function load(name: string): Document {
  const html = readFileSync(join(FIXTURES, name), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

function fragment(html: string): Document {
  return new DOMParser().parseFromString(`<!DOCTYPE html><html><body>${html}</body></html>`, 'text/html');
}

describe('readHeader', () => {
  it('reads the fixture header (nested spans, 抖音号 split by a comment, IP line next to it)', () => {
    expect(readHeader(load('header.html'), OWNER)).toEqual({
      uid: null,
      secUid: null,
      nickname: '山城小厨娘',
      uniqueId: 'cq_xiaochuniang',
      source: 'header',
    });
  });

  it('ASCII colon', () => {
    expect(readHeader(load('stale.html'), OWNER)).toMatchObject({ nickname: '阿华的钓鱼频道', uniqueId: 'ahua_fishing' });
  });

  it.each([
    ['<span>抖音号：abc_123</span>', 'abc_123'],
    ['<span>抖音号: abc.123</span>', 'abc.123'],
    ['<span>抖音号:abc</span>', 'abc'],
    ['<span>抖音号 ： 12345678</span>', '12345678'],
    ['<span>抖音号：</span><span>split.id</span><span>IP属地：北京</span>', 'split.id'],
    ['<span>抖音号：\u00a0nbsp_id</span>', 'nbsp_id'],
    ['<span>抖音号：idnext</span><span>IP属地：北京</span>', 'idnext'],
    ['<span>抖音号：</span>', null],
    ['<span>抖音号 abc</span>', null],
    ['<span>快手号：abc</span>', null],
    ['', null],
  ])('%s → %s', (line, id) => {
    const doc = fragment(`<div data-e2e="user-info"><h1>名字</h1><p>${line}</p></div>`);
    expect(readHeader(doc, OWNER)?.uniqueId).toBe(id);
  });

  it('prefers data-e2e="user-info-name" over a heading', () => {
    const doc = fragment('<div data-e2e="user-info"><h2>粉丝 12万</h2><div data-e2e="user-info-name"> Momo  的手账本 </div></div>');
    expect(readHeader(doc, OWNER)?.nickname).toBe('Momo 的手账本');
  });

  it('falls back from h1 to h2', () => {
    expect(readHeader(fragment('<div data-e2e="user-info"><h1>  </h1><h2>第二标题</h2></div>'), OWNER)?.nickname).toBe('第二标题');
  });

  it('ignores text outside the header', () => {
    const doc = fragment('<h1>别的名字</h1><p>抖音号：other</p><div data-e2e="user-info"><h1>本人</h1></div>');
    expect(readHeader(doc, OWNER)).toMatchObject({ nickname: '本人', uniqueId: null });
  });

  it('accepts the header element itself as root', () => {
    const header = fragment('<div data-e2e="user-info"><h1>本人</h1><p>抖音号：me</p></div>').querySelector('[data-e2e="user-info"]');
    expect(header && readHeader(header, OWNER)).toMatchObject({ nickname: '本人', uniqueId: 'me' });
  });

  it('skips script text inside the header', () => {
    const doc = fragment('<div data-e2e="user-info"><h1>本人<script>var x = 1</script></h1></div>');
    expect(readHeader(doc, OWNER)?.nickname).toBe('本人');
  });

  it.each([
    ['no header', '<h1>名字</h1><p>抖音号：abc</p>'],
    ['header without a name', '<div data-e2e="user-info"><p>抖音号：abc</p><span>粉丝 12万</span></div>'],
    ['empty header', '<div data-e2e="user-info"></div>'],
  ])('%s → null', (_, html) => {
    expect(readHeader(fragment(html), OWNER)).toBeNull();
  });

  it.each(['captcha.html', 'feed.html', 'render-data.html', 'pace-f.html'])('%s has no header', (name) => {
    expect(readHeader(load(name), OWNER)).toBeNull();
  });
});

describe('readHeader — the owner, never someone else on the page', () => {
  const OTHER = 'MS4wLjABAAAAdGhpcy1pcy1hLWRpZmZlcmVudC1jcmVhdG9yLTAwMDE';
  const block = (name: string, id: string, inner = '') => `<div data-e2e="user-info">${inner}<h1>${name}</h1><p>抖音号：${id}</p></div>`;

  it('a modal video author, a comment author and a recommended account come first: the owner is read', () => {
    const doc = load('others-first.html');
    expect(doc.querySelectorAll('[data-e2e="user-info"]')).toHaveLength(4);
    expect(readHeader(doc, OWNER)).toEqual({ uid: null, secUid: null, nickname: '山城小厨娘', uniqueId: 'cq_xiaochuniang', source: 'header' });
    // On /user/self (no sec_uid in the URL) the same page reads the same way.
    expect(readHeader(doc, { secUid: null })?.nickname).toBe('山城小厨娘');
  });

  it('two unlinked blocks of different accounts: cannot tell (null), never the first one', () => {
    expect(readHeader(load('cannot-tell.html'), OWNER)).toBeNull();
  });

  it('a block that links to the URL’s sec_uid is the owner’s, wherever it is', () => {
    expect(readHeader(load('owner-linked.html'), OWNER)).toMatchObject({ nickname: '山城小厨娘', uniqueId: 'cq_xiaochuniang' });
    // The same page under another account's URL: the linked block is someone else's, and the
    // unlinked one cannot be told from the owner's own (it is the only one left).
    expect(readHeader(load('owner-linked.html'), { secUid: OTHER })?.nickname).toBe('深夜放毒王大厨');
  });

  it.each([
    ['a link inside', `<a href="/user/${SEC_R}">主页</a>`],
    ['a protocol-relative link with a query', `<a href="//www.douyin.com/user/${SEC_R}?from=rec">主页</a>`],
    ['a share link', `<a href="https://www.iesdouyin.com/share/user/123?sec_uid=${SEC_R}">主页</a>`],
  ])('a block linking to another account (%s) is never the owner', (_label, inner) => {
    expect(readHeader(fragment(block('别人', 'other', inner)), OWNER)).toBeNull();
    expect(readHeader(fragment(block('别人', 'other', inner) + block('本人', 'me')), OWNER)?.nickname).toBe('本人');
  });

  it('a block inside a link to another account (a recommendation card) is never the owner', () => {
    const doc = fragment(`<a href="/user/${SEC_R}">${block('推荐的人', 'rec')}</a>${block('本人', 'me')}`);
    expect(readHeader(doc, OWNER)?.nickname).toBe('本人');
  });

  it('a block linking to the owner and someone else is nobody’s', () => {
    const both = block('回复', 'x', `<a href="/user/${SEC_C}">a</a><a href="/user/${SEC_R}">b</a>`);
    expect(readHeader(fragment(both), OWNER)).toBeNull();
  });

  it.each([
    ['a dialog', '<div role="dialog">', '</div>'],
    ['an aria-modal layer', '<div aria-modal="true">', '</div>'],
    ['a <dialog>', '<dialog open>', '</dialog>'],
    ['a modal container', '<div data-e2e="modal-video-container">', '</div>'],
    ['a comment list', '<div data-e2e="comment-list"><div data-e2e="comment-item">', '</div></div>'],
    ['a recommendation list', '<div data-e2e="user-recommend-list">', '</div>'],
  ])('an unlinked block inside %s is someone else’s', (_label, open, close) => {
    expect(readHeader(fragment(`${open}${block('别人', 'other')}${close}`), OWNER)).toBeNull();
    expect(readHeader(fragment(`${open}${block('别人', 'other')}${close}${block('本人', 'me')}`), OWNER)?.nickname).toBe('本人');
  });

  it('the owner’s block in a modal when it links to the owner (their own video opened over the profile)', () => {
    const doc = fragment(`<div role="dialog">${block('本人', 'me', `<a href="/user/${SEC_C}">主页</a>`)}</div>`);
    expect(readHeader(doc, OWNER)?.nickname).toBe('本人');
  });

  it('the same account shown twice (a sticky copy of the header) is still the owner', () => {
    expect(readHeader(fragment(block('本人', 'me') + block('本人', 'me')), OWNER)?.uniqueId).toBe('me');
    expect(readHeader(fragment(block('本人', 'me') + block('本人', 'me2')), OWNER)).toBeNull();
  });

  it('a block without a nickname does not count', () => {
    expect(readHeader(fragment('<div data-e2e="user-info"><p>粉丝 12万</p></div>' + block('本人', 'me')), OWNER)?.nickname).toBe('本人');
  });
});
