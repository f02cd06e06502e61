/**
 * Races: the same creator in two tabs at once, fast in-app navigation across five creators with
 * answers arriving in the wrong order, and the MV3 service worker stopped while a request is in
 * flight. Calls are counted on the mock API.
 */
import type { Frame, Page } from '@playwright/test';
import { test, expect, panel, waitForPanel, creatorPageUrl, ERROR_BLOCK } from './fixtures';
import { DISTRIBUTION_PATH } from './mock-api';
import { stopServiceWorkers } from './service-workers';
import {
  BEAUTY_CREATOR_ID,
  EMPTY_DRAMA_CREATOR_ID,
  FOOD_CREATOR_ID,
  MUSIC_CREATOR_ID,
  TRAVEL_CREATOR_ID,
} from './fixtures/creators';

test.beforeEach(async ({ page, configureExtension }) => {
  await configureExtension(page);
});

/** The first category of each creator's short videos (what its table starts with). */
const FIRST_ROW: Record<string, string> = {
  [FOOD_CREATOR_ID]: '美食',
  [MUSIC_CREATOR_ID]: '音乐',
  [TRAVEL_CREATOR_ID]: '旅行',
  [BEAUTY_CREATOR_ID]: '美妆',
  [EMPTY_DRAMA_CREATOR_ID]: '剧情',
};

async function firstRow(page: Page): Promise<string> {
  return (await panel(page).frame.locator('table tbody tr').first().locator('th, td').first().textContent())?.trim() ?? '';
}

test('the same creator in two tabs at once costs one call; a third view, none', async ({ context, page, mockApi }) => {
  mockApi.setScenario(FOOD_CREATOR_ID, { delayMs: 1_500 });
  const second = await context.newPage();
  await Promise.all([page.goto(creatorPageUrl(FOOD_CREATOR_ID)), second.goto(creatorPageUrl(FOOD_CREATOR_ID))]);
  // Both panels are waiting on the same request.
  await expect.poll(() => mockApi.inFlight()).toBe(1);
  await Promise.all([waitForPanel(page), waitForPanel(second)]);
  expect(await firstRow(page)).toBe('美食');
  expect(await firstRow(second)).toBe('美食');
  expect(mockApi.calls({ path: DISTRIBUTION_PATH })).toHaveLength(1);
  expect(mockApi.maxInFlight()).toBe(1);

  const third = await context.newPage();
  await third.goto(creatorPageUrl(FOOD_CREATOR_ID));
  await waitForPanel(third);
  await expect(panel(third).frame.getByText(/from cache/i)).toBeVisible();
  expect(mockApi.calls({ path: DISTRIBUTION_PATH })).toHaveLength(1);
});

/** Install, in the panel document, a recorder of every state it shows: [creator id shown, first row]. */
async function recordPanelStates(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const states: string[][] = [];
    (globalThis as unknown as { __states: string[][] }).__states = states;
    const snapshot = () => {
      const id = document.querySelector('.xdp-view__id-link')?.textContent?.trim() ?? '';
      const row = document.querySelector('table tbody tr th, table tbody tr td')?.textContent?.trim() ?? '';
      const last = states.at(-1);
      if (!last || last[0] !== id || last[1] !== row) states.push([id, row]);
    };
    new MutationObserver(snapshot).observe(document.body, { subtree: true, childList: true, characterData: true });
    snapshot();
  });
}

test('fast navigation across five creators: the panel ends on the last one, late answers for the others never show, creators only glimpsed cost nothing', async ({ page, mockApi }) => {
  const order = [FOOD_CREATOR_ID, MUSIC_CREATOR_ID, TRAVEL_CREATOR_ID, BEAUTY_CREATOR_ID, EMPTY_DRAMA_CREATOR_ID];
  // The earlier the creator, the later its answer: the first arrives last of all.
  order.forEach((id, i) => mockApi.setScenario(id, { delayMs: 3_000 - i * 500 }));

  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  await expect(panel(page).iframe).toBeAttached();
  await expect.poll(() => page.frames().find((f) => f.url().endsWith('/panel.html'))?.url() ?? '').toMatch(/panel\.html$/);
  const frame = page.frames().find((f) => f.url().endsWith('/panel.html'));
  if (!frame) throw new Error('no panel frame');
  await frame.waitForLoadState('load');
  await recordPanelStates(frame);
  // The first creator was asked for; the user reads a moment before clicking on.
  await mockApi.waitForCalls(1, { path: DISTRIBUTION_PATH });
  await page.waitForTimeout(400);

  // In-app links, one right after the other: clicked by a script in the page, each as soon as
  // the app shows it and 120 ms after the previous one (no test-runner round trips in between).
  const navigationMs = await page.evaluate(async (ids) => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const start = performance.now();
    for (const id of ids) {
      const selector = `a.similar-author[data-author-id="${id}"]`;
      while (!document.querySelector(selector)) await sleep(10);
      document.querySelector<HTMLElement>(selector)?.click();
      await sleep(120);
    }
    return Math.round(performance.now() - start);
  }, order.slice(1));
  await expect(page).toHaveURL(creatorPageUrl(order.at(-1) ?? ''));

  const last = order.at(-1) ?? '';
  await expect.poll(() => firstRow(page), { timeout: 15_000 }).toBe(FIRST_ROW[last]);
  // Wait until every answer, the late ones included, has arrived.
  await mockApi.waitForCalls(3, { path: DISTRIBUTION_PATH });
  await expect.poll(() => mockApi.calls({ path: DISTRIBUTION_PATH }).every((c) => c.doneAt !== null), { timeout: 10_000 }).toBe(true);
  // The first two creators' answers came after the last one's, and were not shown.
  const done = Object.fromEntries(mockApi.calls({ path: DISTRIBUTION_PATH }).map((c) => [c.oAuthorId, c.doneAt ?? 0]));
  expect(done[FOOD_CREATOR_ID]).toBeGreaterThan(done[last] ?? 0);
  expect(done[MUSIC_CREATOR_ID]).toBeGreaterThan(done[last] ?? 0);
  await page.waitForTimeout(500);

  await expect(panel(page).frame.locator('.xdp-view__id-link')).toHaveText(last);
  expect(await firstRow(page)).toBe(FIRST_ROW[last]);
  const states = await frame.evaluate(() => (globalThis as unknown as { __states: string[][] }).__states);
  // Never another creator's data under an id; once on the last creator, nothing else showed.
  for (const [id, row] of states) if (row !== '') expect(`${id}: ${row}`).toBe(`${id}: ${FIRST_ROW[id ?? '']}`);
  const arrived = states.findIndex(([id, row]) => id === last && row !== '');
  expect(arrived).toBeGreaterThanOrEqual(0);
  expect(states.slice(arrived).every(([id]) => id === last)).toBe(true);
  // Calls: the first creator, the first click (after a quiet moment: at once) and the last; the
  // two glimpsed in between were never asked for (the panel's requests closer than 350 ms to
  // the previous one wait for the page to settle: utils/views/settle-loads.ts).
  const calls = mockApi.calls({ path: DISTRIBUTION_PATH }).map((c) => c.oAuthorId);
  expect(calls).toEqual([FOOD_CREATOR_ID, MUSIC_CREATOR_ID, last]);
  test.info().annotations.push({ type: 'figures', description: `5 creators in ${navigationMs} ms: ${calls.length} calls, ${states.length} panel states` });
});

test('service worker stopped mid-request: the panel says so, nothing half-written is cached, the next view asks again', async ({ context, page, mockApi }) => {
  mockApi.setScenario(FOOD_CREATOR_ID, { delayMs: 4_000 });
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  await mockApi.waitForCalls(1, { oAuthorId: FOOD_CREATOR_ID });

  const cdp = await context.newCDPSession(page);
  await stopServiceWorkers(cdp);

  // The panel does not wait forever: it shows an error and offers Refresh.
  const { frame } = panel(page);
  await expect(frame.locator(ERROR_BLOCK)).toBeVisible({ timeout: 10_000 });
  await expect(frame.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(frame.locator('table')).toHaveCount(0);

  // After the answer would have come: the request died with the worker, nothing was cached.
  await page.waitForTimeout(4_500);
  expect(mockApi.calls({ oAuthorId: FOOD_CREATOR_ID })[0]?.status ?? null).toBeNull();
  const panelFrame = page.frames().find((f) => f.url().endsWith('/panel.html'));
  if (!panelFrame) throw new Error('no panel frame');
  const storedNames = await panelFrame.evaluate(async () => Object.keys(await chrome.storage.local.get(null)));
  expect(storedNames.filter((name) => name.startsWith('dist:'))).toEqual([]);

  // The next view asks again (a new worker starts) and shows the data.
  mockApi.clearScenario(FOOD_CREATOR_ID);
  await page.reload();
  await waitForPanel(page);
  expect(await firstRow(page)).toBe('美食');
  expect(mockApi.calls({ oAuthorId: FOOD_CREATOR_ID })).toHaveLength(2);
  // …and this complete answer is cached.
  await page.reload();
  await waitForPanel(page);
  await expect(panel(page).frame.getByText(/from cache/i)).toBeVisible();
  expect(mockApi.calls({ oAuthorId: FOOD_CREATOR_ID })).toHaveLength(2);
});

test('service worker stopped mid-request: Refresh in the error state retries at once', async ({ context, page, mockApi }) => {
  mockApi.setScenario(MUSIC_CREATOR_ID, { delayMs: 4_000 });
  await page.goto(creatorPageUrl(MUSIC_CREATOR_ID));
  await mockApi.waitForCalls(1, { oAuthorId: MUSIC_CREATOR_ID });
  await stopServiceWorkers(await context.newCDPSession(page));
  const { frame } = panel(page);
  await expect(frame.locator(ERROR_BLOCK)).toBeVisible({ timeout: 10_000 });
  mockApi.clearScenario(MUSIC_CREATOR_ID);
  await frame.getByRole('button', { name: /Refresh/ }).click();
  await expect.poll(() => firstRow(page)).toBe('音乐');
  expect(mockApi.calls({ oAuthorId: MUSIC_CREATOR_ID })).toHaveLength(2);
});

test('navigation at a reading pace: one call per creator, each panel state its own creator', async ({ page, mockApi }) => {
  const order = [FOOD_CREATOR_ID, MUSIC_CREATOR_ID, TRAVEL_CREATOR_ID];
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  await expect.poll(() => firstRow(page)).toBe(FIRST_ROW[FOOD_CREATOR_ID]);
  for (const id of order.slice(1)) {
    await page.waitForTimeout(400);
    await page.locator(`a.similar-author[data-author-id="${id}"]`).click();
    await expect.poll(() => firstRow(page)).toBe(FIRST_ROW[id]);
    await expect(panel(page).frame.locator('.xdp-view__id-link')).toHaveText(id);
  }
  expect(mockApi.calls({ path: DISTRIBUTION_PATH }).map((c) => c.oAuthorId)).toEqual(order);
});
