/**
 * The list page badges live in CLOSED shadow roots (utils/page/badges/badge-element.ts): neither
 * the page nor Playwright's locators can reach into them. These helpers read them the way the
 * browser's DevTools do (CDP DOM with `pierce`), and click their buttons with the real mouse
 * (a trusted click, as a user's).
 */
import type { CDPSession, Page, Worker } from '@playwright/test';

export const BADGE_TAG = 'xdp-list-badge';
export const BAR_TAG = 'xdp-list-badges-bar';

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  localName?: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

export interface ShadowButton {
  text: string;
  backendNodeId: number;
  /** Inside an element with the `hidden` attribute (the closed hover card). */
  hidden: boolean;
}

export interface ShadowHost {
  /** `data-key` of a badge (x:<oAuthorId> or d:<secUid>); '' for the bar. */
  key: string;
  /** All text in the shadow root, styles left out. */
  text: string;
  /** Text outside hidden parts. */
  visibleText: string;
  buttons: ShadowButton[];
}

const sessions = new WeakMap<Page, CDPSession>();

async function cdp(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

function attr(node: CdpNode, name: string): string | null {
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1] ?? '';
  return null;
}

function describe(root: CdpNode, key: string): ShadowHost {
  const all: string[] = [];
  const visible: string[] = [];
  const buttons: ShadowButton[] = [];
  const walk = (node: CdpNode, hidden: boolean, into: string[] | null) => {
    if (node.localName === 'style') return;
    const isHidden = hidden || attr(node, 'hidden') !== null;
    if (node.nodeType === 3 && node.nodeValue) {
      all.push(node.nodeValue);
      if (!isHidden) visible.push(node.nodeValue);
      into?.push(node.nodeValue);
    }
    if (node.localName === 'button') {
      const text: string[] = [];
      for (const child of node.children ?? []) walk(child, isHidden, text);
      buttons.push({ text: text.join(''), backendNodeId: node.backendNodeId, hidden: isHidden });
      return;
    }
    for (const child of node.children ?? []) walk(child, isHidden, into);
  };
  walk(root, false, null);
  return { key, text: all.join(' '), visibleText: visible.join(' '), buttons };
}

async function hosts(page: Page, tag: string): Promise<ShadowHost[]> {
  const session = await cdp(page);
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const found: ShadowHost[] = [];
  const walk = (node: CdpNode) => {
    if (node.localName === tag && node.shadowRoots?.[0]) found.push(describe(node.shadowRoots[0], attr(node, 'data-key') ?? ''));
    for (const child of node.children ?? []) walk(child);
  };
  walk(root);
  return found;
}

/** Every badge on the page, in document order. */
export function readBadges(page: Page): Promise<ShadowHost[]> {
  return hosts(page, BADGE_TAG);
}

/** The "look up all visible" bar, or null. */
export async function readBar(page: Page): Promise<ShadowHost | null> {
  return (await hosts(page, BAR_TAG))[0] ?? null;
}

/** Scroll the button into view and click its centre with the mouse: a trusted click. */
export async function clickShadowButton(page: Page, button: ShadowButton): Promise<void> {
  const session = await cdp(page);
  await session.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: button.backendNodeId });
  const { model } = (await session.send('DOM.getBoxModel', { backendNodeId: button.backendNodeId })) as { model: { content: number[] } };
  const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
}

/** Move the mouse over an element of a shadow root (the hover card opens). */
export async function hoverShadowButton(page: Page, button: ShadowButton): Promise<void> {
  const session = await cdp(page);
  await session.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: button.backendNodeId });
  const { model } = (await session.send('DOM.getBoxModel', { backendNodeId: button.backendNodeId })) as { model: { content: number[] } };
  const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
  await page.mouse.move((x1 + x3) / 2, (y1 + y3) / 2);
}

/**
 * Where the keyboard focus is: the page's `document.activeElement` (a badge's host, not inside);
 * `index`: which of the page's badges (readBadges order; a creator can have two, e.g. the header's).
 */
export async function activeHost(page: Page): Promise<{ tag: string; key: string; index: number }> {
  return page.evaluate((tag) => {
    const active = document.activeElement as HTMLElement | null;
    const index = active ? [...document.querySelectorAll(tag)].indexOf(active) : -1;
    return { tag: active?.localName ?? '', key: active?.dataset.key ?? '', index };
  }, BADGE_TAG);
}

interface AxNode {
  role?: { value?: string };
  name?: { value?: string };
  description?: { value?: string };
  properties?: { name: string; value: { value?: unknown } }[];
}

/**
 * The focused element as the accessibility tree (a screen reader) sees it, closed shadow roots
 * included: its role, name and description. null when the focus is on the document itself.
 */
export async function focusedAx(page: Page): Promise<{ role: string; name: string; description: string } | null> {
  const session = await cdp(page);
  const { nodes } = (await session.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
  const focused = nodes.filter((n) => n.properties?.some((p) => p.name === 'focused' && p.value.value === true));
  const node = focused.find((n) => n.role?.value !== 'RootWebArea');
  if (!node) return null;
  return { role: node.role?.value ?? '', name: node.name?.value ?? '', description: node.description?.value ?? '' };
}

// ---- cached creators for the badge specs ----------------------------------------------------

/** Put a creator's short-video distribution in the extension's cache (what a past look-up left). */
export async function seedCache(worker: Worker, oAuthorId: string, rows: { name: string; count: number; share: number }[]): Promise<void> {
  await worker.evaluate(
    async ({ key, value }) => {
      await chrome.storage.local.set({ [key]: value });
    },
    { key: `dist:SHORT_VIDEO:${oAuthorId}`, value: { rows, fetchedAt: Date.now() - 60_000 } },
  );
}

export const FOOD_ROWS = [
  { name: '美食', count: 148, share: 0.53 },
  { name: '生活', count: 57, share: 0.2 },
  { name: '随拍', count: 31, share: 0.11 },
  { name: '旅行', count: 22, share: 0.08 },
  { name: '音乐', count: 12, share: 0.04 },
  { name: '剧情', count: 9, share: 0.03 },
];
export const MUSIC_ROWS = [
  { name: '音乐', count: 203, share: 0.722 },
  { name: '舞蹈', count: 41, share: 0.146 },
];
