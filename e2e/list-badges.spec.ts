import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { VIRTUAL_MARKET_URL, XINGTU_SEARCH_URL, creatorListHtml, creatorPageUrl } from './harness';
import { BEAUTY_CREATOR_ID, FOOD_CREATOR_ID, MUSIC_CREATOR_ID, TRAVEL_CREATOR_ID } from './fixtures/creators';
import { LIST_FIXTURE_CREATORS } from './fixtures/list-creators';
import { BADGE_TAG, BAR_TAG, FOOD_ROWS, MUSIC_ROWS, activeHost, clickShadowButton, focusedAx, hoverShadowButton, readBadges, readBar, seedCache } from './badge-helpers';
import { contentScriptWorld } from './security-helpers';

// The list page badges (utils/page/badges/): Xingtu's market and search results and Douyin's user
// search, as 60-card virtual lists whose own script recycles and re-renders cards while scrolling
// (e2e/fixtures/creator-list.html). The UI is English (the test browser's language).

const badgeOf = async (page: Page, key: string) => (await readBadges(page)).find((b) => b.key === key);

/** Scroll the whole list down and up again in steps, as a user would. */
async function scrollThrough(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height; y += 240) {
    await page.mouse.wheel(0, 240);
    await page.waitForTimeout(40);
  }
  for (let y = height; y >= 0; y -= 480) {
    await page.mouse.wheel(0, -480);
    await page.waitForTimeout(40);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(800); // the badges work at idle time
}

/** Each badge sits right after a link to its own creator (never a recycled card's old one). */
async function badgesMatchTheirLinks(page: Page): Promise<{ badges: number; wrong: string[] }> {
  return page.evaluate((tag) => {
    const wrong: string[] = [];
    const hosts = [...document.querySelectorAll<HTMLElement>(tag)];
    for (const host of hosts) {
      const link = host.previousElementSibling;
      const key = host.dataset.key ?? '';
      const id = key.slice(2);
      if (!(link instanceof HTMLAnchorElement) || !link.href.endsWith(`/${id}`) || link.textContent?.trim() === '') wrong.push(`${key} after ${link?.outerHTML ?? 'nothing'}`);
    }
    return { badges: hosts.length, wrong };
  }, BADGE_TAG);
}

test.describe('badges on list pages', () => {
  test.beforeEach(async ({ page, configureExtension, serviceWorker }) => {
    await configureExtension(page);
    await seedCache(serviceWorker, FOOD_CREATOR_ID, FOOD_ROWS);
    await seedCache(serviceWorker, MUSIC_CREATOR_ID, MUSIC_ROWS);
  });

  test('the market: cached creators badged, the others offer a look-up; scrolling all 60 recycled cards makes no call', async ({ page, mockApi, serviceWorker }) => {
    // Count the cache reads the background receives (a second listener only watches).
    await serviceWorker.evaluate(() => {
      const seen: number[] = [];
      (globalThis as unknown as { __badgePeeks: number[] }).__badgePeeks = seen;
      chrome.runtime.onMessage.addListener((message: { type?: string; data?: { refs?: unknown[] } }) => {
        if (message?.type === 'badgePeek') seen.push(message.data?.refs?.length ?? 0);
        return false;
      });
    });
    await page.goto(VIRTUAL_MARKET_URL);
    await expect.poll(async () => (await badgeOf(page, `x:${FOOD_CREATOR_ID}`))?.visibleText).toBe('美食 53%');
    await expect.poll(async () => (await badgeOf(page, `x:${MUSIC_CREATOR_ID}`))?.visibleText).toBe('音乐 72%');
    await expect.poll(async () => (await badgeOf(page, `x:${TRAVEL_CREATOR_ID}`))?.visibleText).toBe('Look up · 1 call');

    await scrollThrough(page);
    const { recycles, rerenders } = await page.evaluate(() => {
      const w = window as unknown as { __fixtureRecycles: number; __fixtureRerenders: number };
      return { recycles: w.__fixtureRecycles, rerenders: w.__fixtureRerenders };
    });
    expect(recycles).toBeGreaterThan(40);
    expect(rerenders).toBeGreaterThan(5);
    const placed = await badgesMatchTheirLinks(page);
    expect(placed.wrong).toEqual([]);
    expect(placed.badges).toBe(13); // one per card of the pool (the avatar link gets none), and the header's link
    await expect.poll(async () => (await badgeOf(page, `x:${FOOD_CREATOR_ID}`))?.visibleText).toBe('美食 53%');
    expect(mockApi.calls()).toEqual([]);
    // Cache reads go by groups of cards, each creator once: 60 creators, far fewer messages.
    const peeks = await serviceWorker.evaluate(() => (globalThis as unknown as { __badgePeeks: number[] }).__badgePeeks);
    expect(peeks.reduce((a, b) => a + b, 0)).toBe(60);
    expect(peeks.length).toBeLessThan(60 / 3);
    expect(peeks[0]).toBeGreaterThanOrEqual(10); // the first screenful in one message
  });

  test('hover shows the top five, the platform and the time; Add to list adds the creator; no call', async ({ page, mockApi }) => {
    await page.goto(VIRTUAL_MARKET_URL);
    await expect.poll(async () => (await badgeOf(page, `x:${FOOD_CREATOR_ID}`))?.visibleText).toBe('美食 53%');
    const food = (await badgeOf(page, `x:${FOOD_CREATOR_ID}`))!;
    await hoverShadowButton(page, food.buttons[0]!);
    await expect.poll(async () => (await badgeOf(page, `x:${FOOD_CREATOR_ID}`))?.visibleText).toContain('Content mix · Short videos');
    const card = (await badgeOf(page, `x:${FOOD_CREATOR_ID}`))!;
    for (const share of ['美食 53%', '生活 20%', '随拍 11%', '旅行 8%', '音乐 4%']) expect(card.visibleText).toContain(share);
    expect(card.visibleText).not.toContain('剧情');
    expect(card.visibleText).toMatch(/6 categories · Fetched \d{4}-\d\d-\d\d \d\d:\d\d/);
    const add = card.buttons.find((b) => b.text === 'Add to list')!;
    await clickShadowButton(page, add);
    await expect.poll(async () => (await badgeOf(page, `x:${FOOD_CREATOR_ID}`))?.visibleText).toMatch(/Added to “.+”/);
    expect(mockApi.calls()).toEqual([]);
  });

  test('one trusted click on "Look up" makes exactly one call and shows the answer', async ({ page, mockApi }) => {
    await page.goto(VIRTUAL_MARKET_URL);
    await expect.poll(async () => (await badgeOf(page, `x:${TRAVEL_CREATOR_ID}`))?.visibleText).toBe('Look up · 1 call');
    const travel = (await badgeOf(page, `x:${TRAVEL_CREATOR_ID}`))!;
    await clickShadowButton(page, travel.buttons[0]!);
    await expect.poll(async () => (await badgeOf(page, `x:${TRAVEL_CREATOR_ID}`))?.visibleText).toBe('旅行 46%');
    expect(mockApi.calls()).toHaveLength(1);
    expect(mockApi.calls({ oAuthorId: TRAVEL_CREATOR_ID })).toHaveLength(1);
    // Scrolling away and back (the card is recycled meanwhile) shows it from what is known: no call.
    await scrollThrough(page);
    await page.mouse.move(1, 1); // off the badges (a hovered badge shows its card)
    await expect.poll(async () => (await badgeOf(page, `x:${TRAVEL_CREATOR_ID}`))?.visibleText).toBe('旅行 46%');
    expect(mockApi.calls()).toHaveLength(1);
  });

  test('a click forged by the page script makes no call', async ({ page, mockApi }) => {
    await page.goto(VIRTUAL_MARKET_URL);
    await expect.poll(async () => (await badgeOf(page, `x:${TRAVEL_CREATOR_ID}`))?.visibleText).toBe('Look up · 1 call');
    const reached = await page.evaluate(async (tag) => {
      const hosts = [...document.querySelectorAll<HTMLElement>(tag)];
      let roots = 0;
      for (const host of hosts) {
        if (host.shadowRoot) roots += 1; // closed: the page sees none
        host.click();
        host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        const box = host.getBoundingClientRect();
        const under = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        (under as HTMLElement | null)?.click();
      }
      await new Promise((r) => setTimeout(r, 1_000));
      return { hosts: hosts.length, roots };
    }, BADGE_TAG);
    expect(reached.hosts).toBeGreaterThan(0);
    expect(reached.roots).toBe(0);
    expect(mockApi.calls()).toEqual([]);
    expect((await badgeOf(page, `x:${TRAVEL_CREATOR_ID}`))?.visibleText).toBe('Look up · 1 call');
  });

  test('Xingtu search results are badged the same way', async ({ page, mockApi }) => {
    await page.goto(XINGTU_SEARCH_URL);
    await expect.poll(async () => (await badgeOf(page, `x:${FOOD_CREATOR_ID}`))?.visibleText).toBe('美食 53%');
    await scrollThrough(page);
    expect((await badgesMatchTheirLinks(page)).wrong).toEqual([]);
    expect(mockApi.calls()).toEqual([]);
  });

  test('Douyin user search: accounts without a known Xingtu link say a look-up is a search and a call; no call by itself', async ({ page, context, mockApi }) => {
    await context.route('https://www.douyin.com/**', async (route) => {
      const url = new URL(route.request().url());
      if (route.request().resourceType() !== 'document' || !url.pathname.startsWith('/search/')) return route.fulfill({ status: 204, body: '' });
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: creatorListHtml('douyin', '抖音搜索') });
    });
    await page.goto('https://www.douyin.com/search/%E7%BE%8E%E9%A3%9F?type=user');
    const first = `d:${LIST_FIXTURE_CREATORS[0]!.secUid}`;
    await expect.poll(async () => (await badgeOf(page, first))?.visibleText).toBe('Look up · search + 1 call');
    await scrollThrough(page);
    expect((await badgesMatchTheirLinks(page)).wrong).toEqual([]);
    expect(mockApi.calls()).toEqual([]);
  });

  test('"Look up all visible": the estimate first, then a creator list run of exactly those calls', async ({ page, mockApi }) => {
    await page.goto(VIRTUAL_MARKET_URL);
    await expect.poll(async () => (await badgeOf(page, `x:${FOOD_CREATOR_ID}`))?.visibleText).toBe('美食 53%');
    await expect.poll(async () => (await readBar(page))?.buttons.map((b) => b.text)).toEqual(['Look up all visible']);
    await clickShadowButton(page, (await readBar(page))!.buttons[0]!);
    await expect.poll(async () => (await readBar(page))?.visibleText ?? '').toMatch(/^\d+ paid calls · 2 from cache/);
    const paid = Number(/^(\d+)/.exec((await readBar(page))!.visibleText)![1]);
    expect(paid).toBeGreaterThan(3);
    expect(mockApi.calls()).toEqual([]); // the estimate is free
    const run = (await readBar(page))!.buttons.find((b) => b.text === 'Run')!;
    await clickShadowButton(page, run);
    await expect.poll(async () => (await readBar(page))?.visibleText ?? '').toMatch(/Running in list “.+”/);
    await mockApi.waitForCalls(paid, {}, 20_000);
    await page.mouse.move(1, 1);
    // The badges follow the run: the travel creator (in view, not cached) gets its answer.
    await expect.poll(async () => (await badgeOf(page, `x:${TRAVEL_CREATOR_ID}`))?.visibleText, { timeout: 15_000 }).toBe('旅行 46%');
    await page.waitForTimeout(1_000);
    expect(mockApi.calls()).toHaveLength(paid);
    expect(mockApi.calls({ oAuthorId: FOOD_CREATOR_ID })).toHaveLength(0);
  });

  test('a Douyin follower list (over a creator page): badges inside the list’s dialog only', async ({ page, context, mockApi }) => {
    const owner = LIST_FIXTURE_CREATORS[1]!;
    await context.route('https://www.douyin.com/**', async (route) => {
      const url = new URL(route.request().url());
      if (route.request().resourceType() !== 'document' || url.searchParams.get('showTab') !== 'fans_tab') return route.fulfill({ status: 204, body: '' });
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: creatorListHtml('douyin', '粉丝', { dialog: true }) });
    });
    await page.goto(`https://www.douyin.com/user/${owner.secUid}?showTab=fans_tab`);
    const third = `d:${LIST_FIXTURE_CREATORS[2]!.secUid}`;
    await expect.poll(async () => (await badgeOf(page, third))?.visibleText).toBe('Look up · search + 1 call');
    // The header's link to the first creator is outside the dialog: no badge there.
    expect(await page.evaluate((tag) => document.querySelector('#outside')?.nextElementSibling?.localName === tag, BADGE_TAG)).toBe(false);
    await scrollThrough(page);
    expect((await badgesMatchTheirLinks(page)).wrong).toEqual([]);
    expect(mockApi.calls()).toEqual([]);
  });

  test('with "Badges on list pages" off there are no badges', async ({ page, configureExtension, mockApi }) => {
    await configureExtension(page); // ends on the options page
    const box = page.getByRole('checkbox', { name: 'Badges on list pages' });
    await expect(box).toBeChecked();
    await box.uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();
    await page.goto(VIRTUAL_MARKET_URL);
    await expect(page.locator('.card a.name').first()).toBeVisible();
    await page.waitForTimeout(1_500);
    await scrollThrough(page);
    expect(await page.locator(BADGE_TAG).count()).toBe(0);
    expect(await readBar(page)).toBeNull();
    expect(mockApi.calls()).toEqual([]);
  });

  test('the badge messages are answered only on a list page, and open nothing else to the content script', async ({ page, context, extensionId, mockApi }) => {
    const cdp = await context.newCDPSession(page);
    const world = await contentScriptWorld(cdp, extensionId);
    const ask = (type: string, data: unknown) =>
      world.evaluate<unknown>(`new Promise((resolve) => chrome.runtime.sendMessage(
        { id: 1, type: ${JSON.stringify(type)}, data: ${JSON.stringify(data)}, timestamp: Date.now() }, resolve))`);
    const travel = { ref: { kind: 'xingtu', oAuthorId: TRAVEL_CREATOR_ID }, nickname: null };
    // A creator page is not a list page: refused.
    await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
    await world.ready();
    expect(await ask('badgePeek', { refs: [{ kind: 'xingtu', oAuthorId: FOOD_CREATOR_ID }] })).toEqual({ res: { enabled: false, items: [] } });
    expect(await ask('badgeLookUp', travel)).toEqual({ res: { ok: false, error: 'bad-input' } });
    expect(await ask('badgeEstimate', { creators: [travel] })).toEqual({ res: { ok: false, error: { kind: 'bad-input' } } });
    // On a list page: the badge messages work, the extension pages' messages stay refused.
    await page.goto(VIRTUAL_MARKET_URL);
    await world.ready();
    expect(await ask('badgePeek', { refs: [{ kind: 'xingtu', oAuthorId: FOOD_CREATOR_ID }] })).toMatchObject({ res: { enabled: true, items: [{ state: 'cached' }] } });
    expect(await ask('badgePeek', { refs: [{ kind: 'xingtu', oAuthorId: FOOD_CREATOR_ID, platform: 'LIVE_STREAMING' }] })).toEqual({ res: { enabled: false, items: [] } });
    expect(await ask('getDistribution', { oAuthorId: TRAVEL_CREATOR_ID, platform: 'SHORT_VIDEO' })).toEqual({ res: { ok: false, error: { kind: 'bad-input' } } });
    expect(await ask('addToList', { listId: null, entries: [] })).toEqual({ res: { ok: false, error: { kind: 'bad-input' } } });
    expect(await ask('badgeRun', { token: 'abcdefgh12345' })).toEqual({ res: { ok: false, error: { kind: 'bad-input', detail: 'estimate first' } } });
    expect(mockApi.calls()).toEqual([]);
  });
  test('keyboard: Tab reaches a cached badge, its card opens, Enter adds to the list, Escape closes it and keeps the focus; no call', async ({ page, mockApi, serviceWorker }) => {
    await page.goto(VIRTUAL_MARKET_URL);
    const key = `x:${FOOD_CREATOR_ID}`;
    await expect.poll(async () => (await badgeOf(page, key))?.visibleText).toBe('美食 53%');
    // From the creator's name link, Tab goes into the badge (its closed root: the page sees the host).
    await page.locator(`.card a.name[href$="/${FOOD_CREATOR_ID}"]`).first().focus();
    await page.keyboard.press('Tab');
    const focused = await activeHost(page);
    expect(focused).toMatchObject({ tag: BADGE_TAG, key });
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: '美食 53%' });
    // (The header links to this creator too: the card's badge is the focused one.)
    const badge = async () => (await readBadges(page))[focused.index];
    // The card opens on focus: its buttons are no longer hidden.
    await expect.poll(async () => (await badge())?.buttons.map((b) => `${b.text}:${b.hidden}`)).toEqual(['美食 53%:false', 'Open:false', 'Add to list:false']);
    expect((await badge())?.visibleText).toContain('Content mix · Short videos');
    await page.keyboard.press('Tab');
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: 'Open' });
    await page.keyboard.press('Tab');
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: 'Add to list' });
    expect(await activeHost(page)).toMatchObject({ tag: BADGE_TAG, key });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await badge())?.visibleText).toMatch(/Added to “.+”/);
    // In the current creator list, under the name the line gives.
    const listName = /Added to “(.+)”/.exec((await badge())!.visibleText)![1];
    const lists = await serviceWorker.evaluate(async () => (await chrome.storage.local.get('creatorLists')).creatorLists as { currentId: string; lists: { id: string; name: string; entries: { key: string }[] }[] });
    const current = lists.lists.find((l) => l.id === lists.currentId);
    expect(current?.name).toBe(listName);
    expect(current?.entries.map((e) => e.key)).toEqual([key]);
    // Busy was aria-disabled, not disabled: the focus stayed on the button, the card stayed open.
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: 'Add to list' });
    // Escape closes the card and leaves the focus on the badge's own button.
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await badge())?.buttons.filter((b) => !b.hidden).map((b) => b.text)).toEqual(['美食 53%']);
    expect(await activeHost(page)).toMatchObject({ tag: BADGE_TAG, key });
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: '美食 53%' });
    // Tab past the badge: the focus leaves it, the card stays closed.
    await page.keyboard.press('Tab');
    expect((await activeHost(page)).key).not.toBe(key);
    expect((await badge())?.buttons.filter((b) => !b.hidden).map((b) => b.text)).toEqual(['美食 53%']);
    expect(mockApi.calls()).toEqual([]);
  });

  test('keyboard: Enter or Space on "Look up" makes exactly one call, the focus stays on the badge and reads the answer or the failure; Tab, focus and hover make none', async ({ page, mockApi }) => {
    await page.goto(VIRTUAL_MARKET_URL);
    const travel = `x:${TRAVEL_CREATOR_ID}`;
    const beauty = `x:${BEAUTY_CREATOR_ID}`;
    await expect.poll(async () => (await badgeOf(page, travel))?.visibleText).toBe('Look up · 1 call');
    await expect.poll(async () => (await badgeOf(page, beauty))?.visibleText).toBe('Look up · 1 call');
    await page.locator(`.card a.name[href$="/${TRAVEL_CREATOR_ID}"]`).first().focus();
    await page.keyboard.press('Tab');
    expect(await activeHost(page)).toMatchObject({ tag: BADGE_TAG, key: travel });
    // The cost is announced with the button (its description), not only in a tooltip.
    expect(await focusedAx(page)).toEqual({ role: 'button', name: 'Look up · 1 call', description: "Look up this creator's content mix: one paid call" });
    await hoverShadowButton(page, (await badgeOf(page, travel))!.buttons[0]!);
    await page.waitForTimeout(800);
    expect(mockApi.calls()).toEqual([]);

    mockApi.setScenario(TRAVEL_CREATOR_ID, { delayMs: 800 });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await badgeOf(page, travel))?.visibleText).toBe('Looking up…');
    // Busy: still focused (aria-disabled), and a second Enter does nothing.
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: 'Looking up…' });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await badgeOf(page, travel))?.buttons[0]?.text, { timeout: 10_000 }).toBe('旅行 46%');
    // The answer replaced the button: the focus is on the new one (a screen reader reads "旅行 46%").
    expect(await activeHost(page)).toMatchObject({ tag: BADGE_TAG, key: travel });
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: '旅行 46%' });
    // That focus leaves the card closed (Enter opens it).
    expect((await badgeOf(page, travel))?.visibleText).toBe('旅行 46%');
    expect(mockApi.calls()).toHaveLength(1);
    expect(mockApi.calls({ oAuthorId: TRAVEL_CREATOR_ID })).toHaveLength(1);

    await page.locator(`.card a.name[href$="/${BEAUTY_CREATOR_ID}"]`).first().focus();
    await page.keyboard.press('Tab');
    expect(await activeHost(page)).toMatchObject({ tag: BADGE_TAG, key: beauty });
    // A failure is read the same way: the focus lands on the badge's "retry" button.
    mockApi.setScenario(BEAUTY_CREATOR_ID, { code: 999 });
    await page.keyboard.press('Space');
    await mockApi.waitForCalls(2, {}, 10_000);
    await expect.poll(async () => (await badgeOf(page, beauty))?.buttons[0]?.text, { timeout: 10_000 }).toBe('Failed — retry');
    expect(await activeHost(page)).toMatchObject({ tag: BADGE_TAG, key: beauty });
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: 'Failed — retry' });
    await page.waitForTimeout(800);
    expect(mockApi.calls({ oAuthorId: BEAUTY_CREATOR_ID })).toHaveLength(1);
    expect(mockApi.calls()).toHaveLength(2);
  });

  test('keyboard: "Look up all visible" is reachable by Tab; Enter estimates, the focus lands on Run (Cancel brings it back), Enter runs', async ({ page, mockApi }) => {
    await page.goto(VIRTUAL_MARKET_URL);
    await expect.poll(async () => (await badgeOf(page, `x:${FOOD_CREATOR_ID}`))?.visibleText).toBe('美食 53%');
    await expect.poll(async () => (await readBar(page))?.buttons.map((b) => b.text)).toEqual(['Look up all visible']);
    // The bar comes last in the page: Tab from the last card's link until the focus gets there.
    await page.locator('.card a.name').last().focus();
    for (let i = 0; i < 10 && (await activeHost(page)).tag !== BAR_TAG; i++) await page.keyboard.press('Tab');
    expect((await activeHost(page)).tag).toBe(BAR_TAG);
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: 'Look up all visible' });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await readBar(page))?.buttons.map((b) => b.text)).toEqual(['Run', 'Cancel']);
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: 'Run' });
    // Cancel: the focus goes back to the bar's button (not to the page).
    await page.keyboard.press('Tab');
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: 'Cancel' });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await readBar(page))?.buttons.map((b) => b.text)).toEqual(['Look up all visible']);
    expect((await activeHost(page)).tag).toBe(BAR_TAG);
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: 'Look up all visible' });
    expect(mockApi.calls()).toEqual([]);

    await page.keyboard.press('Enter');
    await expect.poll(async () => (await readBar(page))?.visibleText ?? '').toMatch(/^\d+ paid calls · \d+ from cache/);
    const paid = Number(/^(\d+)/.exec((await readBar(page))!.visibleText)![1]);
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: 'Run' });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await readBar(page))?.visibleText ?? '').toMatch(/Running in list “.+”/);
    // After the run started, the focus is on the bar's button again.
    expect((await activeHost(page)).tag).toBe(BAR_TAG);
    expect(await focusedAx(page)).toMatchObject({ role: 'button', name: 'Look up all visible' });
    await mockApi.waitForCalls(paid, {}, 20_000);
    await page.waitForTimeout(1_000);
    expect(mockApi.calls()).toHaveLength(paid);
  });
});
