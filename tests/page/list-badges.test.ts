// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startListBadges } from '../../utils/page/badges/list-badges';
import type { BadgeInfo, BadgeRef } from '../../utils/shared/badges';

const A = '7006229624431689736';
const B = '6837402915726381063';
const C = '7124598361042735112';

interface Sent {
  type: string;
  data: { refs?: BadgeRef[] };
}

let sent: Sent[];
let stop: () => void;
// The test setup's fake `browser` would win over `chrome` (utils/page/extension-api.ts).
const scope = globalThis as unknown as { browser?: unknown; chrome?: { runtime: { id: string; sendMessage: unknown } } };
const realBrowser = scope.browser;

const cached = (oAuthorId: string): BadgeInfo => ({ state: 'cached', oAuthorId, top: [{ name: '美食', count: 5, share: 0.5 }], total: 1, fetchedAt: 1 });

beforeEach(() => {
  sent = [];
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://www.xingtu.cn/ad/creator/market');
  const sendMessage = vi.fn(async (message: Sent) => {
    sent.push(message);
    const refs = message.data.refs ?? [];
    return { res: { enabled: true, items: refs.map((r) => (r.kind === 'xingtu' && r.oAuthorId === A ? cached(A) : { state: 'uncached', search: false })) } };
  });
  scope.browser = undefined;
  scope.chrome = { runtime: { id: 'ext', sendMessage } };
  document.body.innerHTML = '';
});

afterEach(() => {
  stop?.();
  delete scope.chrome;
  scope.browser = realBrowser;
});

const card = (id: string) => {
  const div = document.createElement('div');
  div.className = 'card';
  const avatar = document.createElement('a');
  avatar.href = `/ad/creator/author-homepage/douyin-video/${id}`;
  const name = document.createElement('a');
  name.href = `/ad/creator/author-homepage/douyin-video/${id}`;
  name.textContent = `name ${id}`;
  const body = document.createElement('div');
  body.append(name);
  div.append(avatar, body);
  return div;
};

const settle = () => new Promise((r) => setTimeout(r, 150));
const badges = () => [...document.querySelectorAll<HTMLElement>('xdp-list-badge')].map((h) => [h.dataset.key, (h.previousElementSibling as HTMLAnchorElement).textContent]);

describe('startListBadges', () => {
  it('badges each card’s name link once, after one batched cache read', async () => {
    document.body.append(card(A), card(B), card(C));
    stop = startListBadges(window);
    await settle();
    expect(badges()).toEqual([
      [`x:${A}`, `name ${A}`],
      [`x:${B}`, `name ${B}`],
      [`x:${C}`, `name ${C}`],
    ]);
    const peeks = sent.filter((m) => m.type === 'badgePeek');
    expect(peeks).toHaveLength(1);
    expect(peeks[0]!.data.refs).toHaveLength(3);
  });

  it('a recycled card (its link now names another creator) shows the new creator’s badge, never the old one', async () => {
    const recycled = card(A);
    document.body.append(recycled);
    stop = startListBadges(window);
    await settle();
    expect(badges()).toEqual([[`x:${A}`, `name ${A}`]]);
    for (const link of recycled.querySelectorAll('a')) link.setAttribute('href', `/ad/creator/author-homepage/douyin-video/${B}`);
    recycled.querySelector('div a')!.textContent = `name ${B}`;
    await settle();
    expect(badges()).toEqual([[`x:${B}`, `name ${B}`]]);
    // … and back: A is known, no second read for it.
    for (const link of recycled.querySelectorAll('a')) link.setAttribute('href', `/ad/creator/author-homepage/douyin-video/${A}`);
    await settle();
    expect(badges().map(([key]) => key)).toEqual([`x:${A}`]);
    const asked = sent.flatMap((m) => m.data.refs ?? []).map((r) => (r.kind === 'xingtu' ? r.oAuthorId : r.secUid));
    expect(asked).toEqual([A, B]);
  });

  it('a re-rendered card (children replaced) loses the old badge and gets one for its new link', async () => {
    const div = card(A);
    document.body.append(div);
    stop = startListBadges(window);
    await settle();
    div.replaceChildren(...card(C).childNodes);
    await settle();
    expect(badges()).toEqual([[`x:${C}`, `name ${C}`]]);
  });

  it('leaves a list page: the badges go; a page that is not a list page gets none', async () => {
    document.body.append(card(A));
    stop = startListBadges(window);
    await settle();
    expect(badges()).toHaveLength(1);
    history.pushState(null, '', '/ad/creator/author-homepage/douyin-video/' + A);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();
    expect(badges()).toHaveLength(0);
    document.body.append(card(B));
    await settle();
    expect(badges()).toHaveLength(0);
  });

  it('with the setting off, every badge goes and nothing more is asked', async () => {
    scope.chrome!.runtime.sendMessage = vi.fn(async (message: Sent) => {
      sent.push(message);
      return { res: { enabled: false, items: [] } };
    });
    document.body.append(card(A));
    stop = startListBadges(window);
    await settle();
    document.body.append(card(B));
    await settle();
    expect(badges()).toHaveLength(0);
    expect(sent).toHaveLength(1);
  });
});
