// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readHeader } from '../../utils/page/douyin/read-header';

// happy-dom replaces the global URL, so build the path from the file URL by hand.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'douyin');

function load(name: string): Document {
  const html = readFileSync(join(FIXTURES, name), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

function fragment(html: string): Document {
  return new DOMParser().parseFromString(`<!DOCTYPE html><html><body>${html}</body></html>`, 'text/html');
}

describe('readHeader', () => {
  it('reads the fixture header (nested spans, 抖音号 split by a comment, IP line next to it)', () => {
    expect(readHeader(load('header.html'))).toEqual({
      uid: null,
      secUid: null,
      nickname: '山城小厨娘',
      uniqueId: 'cq_xiaochuniang',
      source: 'header',
    });
  });

  it('ASCII colon', () => {
    expect(readHeader(load('stale.html'))).toMatchObject({ nickname: '阿华的钓鱼频道', uniqueId: 'ahua_fishing' });
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
    expect(readHeader(doc)?.uniqueId).toBe(id);
  });

  it('prefers data-e2e="user-info-name" over a heading', () => {
    const doc = fragment('<div data-e2e="user-info"><h2>粉丝 12万</h2><div data-e2e="user-info-name"> Momo  的手账本 </div></div>');
    expect(readHeader(doc)?.nickname).toBe('Momo 的手账本');
  });

  it('falls back from h1 to h2', () => {
    expect(readHeader(fragment('<div data-e2e="user-info"><h1>  </h1><h2>第二标题</h2></div>'))?.nickname).toBe('第二标题');
  });

  it('ignores text outside the header', () => {
    const doc = fragment('<h1>别的名字</h1><p>抖音号：other</p><div data-e2e="user-info"><h1>本人</h1></div>');
    expect(readHeader(doc)).toMatchObject({ nickname: '本人', uniqueId: null });
  });

  it('accepts the header element itself as root', () => {
    const header = fragment('<div data-e2e="user-info"><h1>本人</h1><p>抖音号：me</p></div>').querySelector('[data-e2e="user-info"]');
    expect(header && readHeader(header)).toMatchObject({ nickname: '本人', uniqueId: 'me' });
  });

  it('skips script text inside the header', () => {
    const doc = fragment('<div data-e2e="user-info"><h1>本人<script>var x = 1</script></h1></div>');
    expect(readHeader(doc)?.nickname).toBe('本人');
  });

  it.each([
    ['no header', '<h1>名字</h1><p>抖音号：abc</p>'],
    ['header without a name', '<div data-e2e="user-info"><p>抖音号：abc</p><span>粉丝 12万</span></div>'],
    ['empty header', '<div data-e2e="user-info"></div>'],
  ])('%s → null', (_, html) => {
    expect(readHeader(fragment(html))).toBeNull();
  });

  it.each(['captcha.html', 'feed.html', 'render-data.html', 'pace-f.html'])('%s has no header', (name) => {
    expect(readHeader(load(name))).toBeNull();
  });
});
