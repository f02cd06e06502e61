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

describe('"Open" in a badge’s card', () => {
  /** Keep each badge's closed root (as no page can) and click its button named `text` as the user would. */
  let roots: Map<string, ShadowRoot>;
  let restore: () => void;
  beforeEach(() => {
    roots = new Map();
    const attach = HTMLElement.prototype.attachShadow;
    const spy = vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init: ShadowRootInit) {
      const root = attach.call(this, init);
      roots.set(this.dataset.key ?? '', root);
      return root;
    });
    restore = () => spy.mockRestore();
  });
  afterEach(() => restore());

  const userClick = (key: string, text: string) => {
    const button = [...(roots.get(key)?.querySelectorAll('button') ?? [])].find((b) => b.textContent === text);
    expect(button, `${key}: ${text}`).toBeTruthy();
    const click = new MouseEvent('click', { bubbles: true });
    Object.defineProperty(click, 'isTrusted', { value: true });
    button!.dispatchEvent(click);
  };

  /** The background answers "Open" with `answer` (undefined: the extension is gone). */
  function answerOpen(answer: unknown) {
    const runtime = scope.chrome!.runtime as { sendMessage: ReturnType<typeof vi.fn> };
    const peek = runtime.sendMessage.getMockImplementation() as (message: Sent) => Promise<unknown>;
    runtime.sendMessage.mockImplementation(async (message: Sent) => {
      if (message.type !== 'badgeOpen') return peek(message);
      sent.push(message);
      if (answer === undefined) throw new Error('Extension context invalidated.');
      return { res: answer };
    });
  }

  /** A card for A, its "Open" clicked by the user while the background answers `answer`; the spy on window.open. */
  async function clickOpen(answer: unknown) {
    answerOpen(answer);
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    document.body.append(card(A));
    stop = startListBadges(window);
    await settle();
    userClick(`x:${A}`, 'Open');
    await settle();
    return open;
  }

  it('asks the background to show the creator in the popup; no tab is opened', async () => {
    const open = await clickOpen({ ok: true, value: 'popup' });
    expect(sent.filter((m) => m.type === 'badgeOpen').map((m) => m.data)).toEqual([{ ref: { kind: 'xingtu', oAuthorId: A } }]);
    expect(open).not.toHaveBeenCalled();
  });

  it.each([
    ['refuses', { ok: false, error: { kind: 'bad-input' } }],
    ['is gone (the extension was reloaded)', undefined],
  ])('when the background %s: the creator’s own page in a new tab, as before', async (_label, answer) => {
    const open = await clickOpen(answer);
    expect(open).toHaveBeenCalledWith(`https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${A}`, '_blank', 'noopener,noreferrer');
  });
});
