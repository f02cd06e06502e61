/**
 * Hostile pages: a creator page whose own scripts attack the panel. Whatever they do, the
 * extension calls the API only for the creator the tab's URL shows (counted on the mock API),
 * and renders no markup of theirs. The page-chosen id is EVIL below; no call may name it.
 *
 * (A page can always change its own URL with history.pushState, and the extension follows the
 * URL like the user's own navigation: that is not an attack on the extension, see docs/security.md.)
 */
import type { Frame, Page } from '@playwright/test';
import { test, expect, panel, waitForPanel, creatorPageUrl } from './fixtures';
import { DISTRIBUTION_PATH } from './mock-api';
import { FOOD_CREATOR_ID, MUSIC_CREATOR_ID } from './fixtures/creators';

const EVIL = '6666666666666666666';
const EVIL_MARKUP = `<img src=x onerror="document.title='pwned'"><b id="evil">EVIL ${EVIL}</b>`;

test.beforeEach(async ({ page, configureExtension }) => {
  await configureExtension(page);
});

/** Distribution calls, by creator id. */
function callsById(mock: { calls(filter?: { path?: string }): { oAuthorId: string | null }[] }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const call of mock.calls({ path: DISTRIBUTION_PATH })) out[call.oAuthorId ?? '?'] = (out[call.oAuthorId ?? '?'] ?? 0) + 1;
  return out;
}

/** The panel's iframe src (chrome-extension://<id>/panel.html). */
async function panelSrc(page: Page): Promise<string> {
  const src = await panel(page).iframe.getAttribute('src');
  if (!src) throw new Error('no panel src');
  return src;
}

/** What a panel document shows: its #app markup. */
async function appMarkup(frame: Frame): Promise<string> {
  return frame.evaluate(() => document.getElementById('app')?.innerHTML ?? '<no #app>');
}

async function frameNamed(page: Page, name: string): Promise<Frame> {
  await expect.poll(() => page.frame({ name })?.url() ?? '', { message: `frame ${name}` }).toMatch(/panel\.html/);
  const frame = page.frame({ name });
  if (!frame) throw new Error(`no frame ${name}`);
  // Give the panel code time to run (and to fail to be trusted).
  await frame.waitForLoadState('load');
  await page.waitForTimeout(1_000);
  return frame;
}

test('DOM tampering around the panel: a new src with a query, markup and iframes in the shadow root, a replaced host', async ({ page, mockApi }) => {
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  await waitForPanel(page);
  const src = await panelSrc(page);

  // (1) Navigate our own iframe to panel.html with a query and hash naming EVIL: the panel
  // ignores its URL and still shows what the content script says.
  await page.evaluate(
    ({ src, evil }) => {
      const iframe = document.querySelector('xingtu-distribution-panel')?.shadowRoot?.querySelector('iframe');
      if (!iframe) throw new Error('no iframe');
      iframe.src = `${src}?oAuthorId=${evil}&creator=${evil}#xingtu:${evil}`;
    },
    { src, evil: EVIL },
  );
  await expect.poll(() => page.frames().some((f) => f.url().includes(`oAuthorId=${EVIL}`))).toBe(true);
  const ours = page.frames().find((f) => f.url().includes(`oAuthorId=${EVIL}`));
  if (!ours) throw new Error('frame');
  await expect(ours.locator('table tbody tr').first()).toContainText('美食');
  await expect(ours.getByText(FOOD_CREATOR_ID)).toBeVisible();

  // (2) Markup and a panel iframe of the page's making inside our shadow root.
  await page.evaluate(
    ({ src, evil, markup }) => {
      const shadow = document.querySelector('xingtu-distribution-panel')?.shadowRoot;
      if (!shadow) throw new Error('no shadow root');
      const box = document.createElement('div');
      box.innerHTML = markup;
      const frame = document.createElement('iframe');
      frame.name = 'injected';
      frame.src = `${src}?oAuthorId=${evil}`;
      shadow.append(box, frame);
    },
    { src, evil: EVIL, markup: EVIL_MARKUP },
  );
  const injected = await frameNamed(page, 'injected');
  expect(await appMarkup(injected)).toBe('');

  // (3) The page replaces the host with its own element holding a panel.html?EVIL iframe…
  await page.evaluate(
    ({ src, evil }) => {
      document.querySelector('xingtu-distribution-panel')?.remove();
      const fake = document.createElement('xingtu-distribution-panel');
      const frame = document.createElement('iframe');
      frame.name = 'replaced';
      frame.src = `${src}?oAuthorId=${evil}`;
      fake.attachShadow({ mode: 'open' }).append(frame);
      document.body.append(fake);
    },
    { src, evil: EVIL },
  );
  const replaced = await frameNamed(page, 'replaced');
  expect(await appMarkup(replaced)).toBe('');
  // …and the user moves on in the app: the content script mounts a fresh panel of its own.
  await page.locator(`a.similar-author[data-author-id="${MUSIC_CREATOR_ID}"]`).click();
  await expect
    .poll(async () => {
      for (const f of page.frames()) {
        if (!f.url().endsWith('/panel.html')) continue;
        const text = await f.locator('body').innerText().catch(() => '');
        if (text.includes(MUSIC_CREATOR_ID) && text.includes('音乐')) return true;
      }
      return false;
    })
    .toBe(true);

  await page.waitForTimeout(500);
  expect(callsById(mockApi)).toEqual({ [FOOD_CREATOR_ID]: 1, [MUSIC_CREATOR_ID]: 1 });
  for (const frame of page.frames().filter((f) => f.url().includes('panel.html'))) {
    await expect(frame.locator('#evil, img[src="x"]')).toHaveCount(0);
  }
  expect(await page.title()).not.toBe('pwned'); // the page's own markup ran in the page: not ours to stop, but not in the panel
});

test('fake messages: postMessage to the panel and to the page, forged tokens, fake navigation and script-started events', async ({ page, mockApi, extensionId }) => {
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  const { frame, iframe } = await waitForPanel(page);
  const before = await iframe.boundingBox();

  await page.evaluate(
    ({ evil, markup, extensionId }) => {
      const target = document.querySelector('xingtu-distribution-panel')?.shadowRoot?.querySelector('iframe')?.contentWindow;
      if (!target) throw new Error('no panel window');
      const fakes: unknown[] = [
        { type: 'creator', creator: { kind: 'xingtu', oAuthorId: evil } },
        { type: 'creator', creator: { kind: 'douyin', account: { uid: '3429711218823623', secUid: null, nickname: markup, uniqueId: null } } },
        { type: 'xdp-frame-token', token: '0'.repeat(32) },
        { type: 'xdp-frame-token', token: 'f'.repeat(32) },
        { type: 'xdp-frame-token', token: 'e'.repeat(32), creator: { kind: 'xingtu', oAuthorId: evil } },
        { type: 'xdp-panel-ready' },
        { type: 'hello', token: '0'.repeat(32) },
        { type: 'layout', collapsed: false, width: 2000, height: 4000 },
        { type: 'getDistribution', data: { oAuthorId: evil, platform: 'SHORT_VIDEO' } },
        markup,
        `{"type":"creator","creator":{"kind":"xingtu","oAuthorId":"${evil}"}}`,
      ];
      for (let round = 0; round < 20; round++) {
        for (const fake of fakes) {
          target.postMessage(fake, '*');
          window.postMessage(fake, '*');
        }
      }
      // Fake navigation events naming EVIL: the content script reads the document's URL, never
      // one an event carries (a popstate state, a navigate event's destination, WXT's event).
      const url = `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${evil}`;
      const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
      for (let round = 0; round < 3; round++) {
        window.dispatchEvent(new PopStateEvent('popstate', { state: { url, oAuthorId: evil } }));
        if (navigation) {
          const navigate = new Event('navigate');
          Object.defineProperty(navigate, 'destination', { value: { url, sameDocument: true } });
          navigation.dispatchEvent(navigate);
        }
        const wxt = new Event(`${extensionId}:creator-pages:wxt:locationchange`);
        Object.assign(wxt, { newUrl: new URL(url), oldUrl: new URL(location.href) });
        window.dispatchEvent(wxt);
        window.dispatchEvent(new CustomEvent('wxt:locationchange', { detail: { newUrl: url } }));
        // "A newer copy of the content script started" (the event names carry the extension id,
        // which the panel frame's URL shows): only a copy whose extension is gone may stop.
        document.dispatchEvent(new Event(`${extensionId}:creator-pages:started`));
        document.dispatchEvent(
          new CustomEvent(`${extensionId}:creator-pages:wxt:content-script-started`, { detail: { contentScriptName: 'creator-pages', messageId: 'x' } }),
        );
      }
    },
    { evil: EVIL, markup: EVIL_MARKUP, extensionId },
  );

  await page.waitForTimeout(1_500);
  expect(callsById(mockApi)).toEqual({ [FOOD_CREATOR_ID]: 1 });
  await expect(frame.getByText(FOOD_CREATOR_ID)).toBeVisible();
  await expect(frame.getByText(EVIL)).toHaveCount(0);
  await expect(frame.locator('#evil, img[src="x"]')).toHaveCount(0);
  // The layout the page posted was not applied (the panel did not grow to 2000 × 4000).
  const after = await iframe.boundingBox();
  expect(after?.width).toBe(before?.width);
  // The panel still works: a platform switch costs one call for FOOD.
  await frame.getByRole('tab', { name: 'Live' }).click();
  await expect.poll(() => callsById(mockApi)).toEqual({ [FOOD_CREATOR_ID]: 2 });
  // The content script still runs (no fake event stopped it): the panel follows a real in-app move.
  await expect(panel(page).host).toHaveCount(1);
  await page.locator(`a.similar-author[data-author-id="${MUSIC_CREATOR_ID}"]`).click();
  await expect(panel(page).frame.getByText(MUSIC_CREATOR_ID)).toBeVisible();
  await expect.poll(() => callsById(mockApi)).toEqual({ [FOOD_CREATOR_ID]: 2, [MUSIC_CREATOR_ID]: 1 });
});

test('a page-made iframe of panel.html (any URL, any query) shows nothing and fetches nothing, even when told a cached creator', async ({
  page,
  mockApi,
  extensionId,
}) => {
  // MUSIC is in the cache (the user looked at it before): a page-made panel told about it must
  // still show nothing. A token message may name a creator, a hint the panel looks up in the
  // cache while it proves itself (utils/views/panel-handshake.ts); only a proven panel shows anything.
  await page.goto(creatorPageUrl(MUSIC_CREATOR_ID));
  await expect(panel(page).frame.locator('table tbody tr').first()).toContainText('音乐');
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  await waitForPanel(page);
  const src = await panelSrc(page);

  await page.evaluate(
    ({ src, evil, cached, extensionId }) => {
      const fakes = (i: number) => {
        const token = String(i).repeat(32).slice(0, 32);
        return [
          { type: 'creator', creator: { kind: 'xingtu', oAuthorId: evil } },
          { type: 'xdp-frame-token', token },
          { type: 'xdp-frame-token', token, creator: { kind: 'xingtu', oAuthorId: cached } },
          { type: 'xdp-frame-token', token, creator: { kind: 'xingtu', oAuthorId: evil } },
        ];
      };
      const add = (name: string, url: string) => {
        const frame = document.createElement('iframe');
        frame.name = name;
        frame.src = url;
        document.body.append(frame);
        // Answer the panel's "send me the token" like the content script would, and keep posting.
        window.addEventListener('message', (event) => {
          if (event.source !== frame.contentWindow) return;
          for (const fake of fakes(7)) frame.contentWindow?.postMessage(fake, '*');
        });
        frame.addEventListener('load', () => {
          for (let i = 0; i < 10; i++) for (const fake of fakes(i)) frame.contentWindow?.postMessage(fake, '*');
        });
      };
      add('query', `${src}?oAuthorId=${evil}#${evil}`);
      add('plain', src);
      add('by-id', `chrome-extension://${extensionId}/panel.html?oAuthorId=${cached}`);
    },
    { src, evil: EVIL, cached: MUSIC_CREATOR_ID, extensionId },
  );

  for (const name of ['query', 'plain', 'by-id']) {
    const frame = await frameNamed(page, name);
    expect(await appMarkup(frame), name).toBe('');
  }

  await page.waitForTimeout(500);
  expect(callsById(mockApi)).toEqual({ [MUSIC_CREATOR_ID]: 1, [FOOD_CREATOR_ID]: 1 });
  // Our own panel is unaffected.
  await expect(panel(page).frame.locator('table tbody tr').first()).toContainText('美食');
});

test('on a page that is not a creator page, a page-made panel gets nothing either', async ({ page, mockApi }) => {
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  await waitForPanel(page);
  const src = await panelSrc(page);
  // Away from the creator (in-app): our panel hides; the page then makes a panel of its own.
  await page.locator('#nav-market').click();
  await expect(panel(page).host).toBeHidden();
  await page.evaluate(
    ({ src, evil }) => {
      const frame = document.createElement('iframe');
      frame.name = 'lonely';
      frame.src = `${src}?oAuthorId=${evil}`;
      document.body.append(frame);
    },
    { src, evil: EVIL },
  );
  const lonely = await frameNamed(page, 'lonely');
  expect(await appMarkup(lonely)).toBe('');
  expect(callsById(mockApi)).toEqual({ [FOOD_CREATOR_ID]: 1 });
});
