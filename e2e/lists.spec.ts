/**
 * Creator lists (list.html) end to end: the built extension in Chromium against the mock API.
 * A mixed paste → what was added, merged and refused → the exact cost → a run whose calls are
 * counted on the mock (and never more in flight than the "Parallel requests" setting) → the
 * table → confirmation of a nickname row → compare (chart saved as PNG) → CSV read back and the
 * copied table; a run that survives the page being closed and the worker being stopped; 302 and
 * 601; "Add to list" in the panel, the popup's link and "Recently viewed".
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Download, Locator, Page } from '@playwright/test';
import { test, expect, creatorPageUrl, waitForPanel } from './fixtures';
import { DISTRIBUTION_PATH, SEARCH_PATH, type MockApi } from './mock-api';
import { stopServiceWorkers } from './service-workers';
import {
  BEAUTY_CREATOR_ID,
  DEMO_CREATORS,
  DEMO_CREATOR_PROFILES,
  DEMO_DOUYIN_ACCOUNTS,
  FOOD_CREATOR_ID,
  MUSIC_CREATOR_ID,
  TRAVEL_CREATOR_ID,
} from './fixtures/creators';

const MUSIC_DOUYIN = DEMO_DOUYIN_ACCOUNTS[MUSIC_CREATOR_ID]!;
const BEAUTY_NAME = DEMO_CREATOR_PROFILES[BEAUTY_CREATOR_ID]!.nickname;

function listUrl(extensionId: string): string {
  return `chrome-extension://${extensionId}/list.html`;
}

function xingtuLink(oAuthorId: string): string {
  return creatorPageUrl(oAuthorId);
}

/** A Douyin share link with the uid (what a sure match needs) and the sec_uid. */
function douyinShareLink(uid: string, secUid: string): string {
  return `https://www.iesdouyin.com/share/user/${uid}?sec_uid=${secUid}`;
}

// ---- the list page -------------------------------------------------------------------------

async function openList(page: Page, extensionId: string): Promise<void> {
  await page.goto(listUrl(extensionId));
  await expect(page.getByRole('heading', { level: 1, name: 'Creator lists' })).toBeVisible();
  await expect(page.locator('main.xdp-list')).toHaveAttribute('aria-busy', 'false');
}

/** Paste `text` into "Creators", press Add, wait for the outcome. */
async function addCreators(page: Page, text: string): Promise<Locator> {
  await page.getByRole('textbox', { name: 'Creators', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const outcome = page.getByTestId('add-outcome');
  await expect(outcome).toBeVisible();
  return outcome;
}

function estimate(page: Page): Locator {
  return page.getByTestId('estimate');
}

function runProgress(page: Page): Locator {
  return page.locator('.xdp-list__progress');
}

function row(page: Page, key: string): Locator {
  return page.locator(`tr[data-key="${key}"]`);
}

async function startRun(page: Page): Promise<void> {
  await expect(estimate(page)).not.toHaveText(/Estimating/);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(runProgress(page)).toBeVisible();
}

async function waitRunStatus(page: Page, status: string, timeout = 20_000): Promise<void> {
  await expect(runProgress(page)).toHaveAttribute('data-status', status, { timeout });
}

/** Add Xingtu ids, run them (short video) to the end. */
async function runIds(page: Page, extensionId: string, ids: readonly string[]): Promise<void> {
  await openList(page, extensionId);
  await addCreators(page, ids.join('\n'));
  await startRun(page);
  await waitRunStatus(page, 'done');
  for (const id of ids) await expect(row(page, `x:${id}`)).toHaveAttribute('data-status', 'done');
}

// ---- the mock ------------------------------------------------------------------------------

/** Calls per creator+platform (distribution) and per keyword (search). */
function callCounts(mockApi: MockApi): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of mockApi.calls({ path: DISTRIBUTION_PATH })) {
    const key = `${call.oAuthorId}:${call.platform}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  for (const call of mockApi.calls({ path: SEARCH_PATH })) {
    const key = `search:${call.keyword}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function paidCalls(mockApi: MockApi): number {
  return mockApi.calls({ path: DISTRIBUTION_PATH }).length + mockApi.calls({ path: SEARCH_PATH }).length;
}

function distributionCalls(mockApi: MockApi, oAuthorId: string): number {
  return mockApi.calls({ path: DISTRIBUTION_PATH, oAuthorId }).length;
}

/** Every call recorded so far has been answered (or its socket closed). */
async function allAnswered(mockApi: MockApi, count: number, timeout = 20_000): Promise<void> {
  await expect
    .poll(() => {
      const calls = mockApi.calls({ path: DISTRIBUTION_PATH });
      return calls.length >= count && mockApi.inFlight() === 0;
    }, { timeout, message: `${count} distribution calls answered` })
    .toBe(true);
}

// ---- the browser ---------------------------------------------------------------------------

async function downloadBytes(download: Download): Promise<Buffer> {
  const file = await download.path();
  return readFile(file);
}

/** The options page's "Parallel requests" (under Advanced), saved. */
async function setParallelRequests(page: Page, value: number): Promise<void> {
  const field = page.getByRole('spinbutton', { name: 'Parallel requests' });
  if (!(await field.isVisible())) await page.getByText('Advanced', { exact: true }).click();
  await field.fill(String(value));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();
  const stored = await page.evaluate(async () => (await chrome.storage.local.get('settings')).settings as { runConcurrency?: number });
  expect(stored.runConcurrency).toBe(value);
}

/** The stored run view (what the page shows), read from an extension page. */
async function storedRun(page: Page): Promise<{ status: string; resumeAt?: number } | null> {
  return page.evaluate(async () => ((await chrome.storage.local.get('listRun')).listRun ?? null) as { status: string; resumeAt?: number } | null);
}

// ---- tests ---------------------------------------------------------------------------------

/** Four creators with data on short video, in list order. */
const FOUR_IDS = [FOOD_CREATOR_ID, MUSIC_CREATOR_ID, TRAVEL_CREATOR_ID, BEAUTY_CREATOR_ID];

test.beforeEach(async ({ page, configureExtension }) => {
  await configureExtension(page); // key 'test-key', the mock as custom endpoint
});

test('a mixed paste: summary with reasons, the exact estimate, calls = paid calls, ≤ 2 in flight, table, confirmation', async ({ page, mockApi, extensionId }) => {
  test.setTimeout(60_000);
  // The food creator was viewed once in the panel: its short-video answer is cached.
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  await waitForPanel(page);
  expect(distributionCalls(mockApi, FOOD_CREATOR_ID)).toBe(1);

  await openList(page, extensionId);
  const pasted = [
    FOOD_CREATOR_ID, // a Xingtu id (cached)
    xingtuLink(TRAVEL_CREATOR_ID), // a Xingtu link
    `${MUSIC_DOUYIN.nickname}\t${douyinShareLink(MUSIC_DOUYIN.uid, MUSIC_DOUYIN.secUid)}`, // spreadsheet row: name, Douyin link
    BEAUTY_NAME, // a nickname alone
    xingtuLink(FOOD_CREATOR_ID), // the first creator again
    'https://example.com/creators/42', // another site
    '7.00623E+18', // an id a spreadsheet rounded
    'https://v.douyin.com/iRNBho6u/', // a short link
  ].join('\n');
  const outcome = await addCreators(page, pasted);
  await expect(outcome.locator('.xdp-list__summary').first()).toHaveText('Added 4 · duplicates merged 1');
  await expect(outcome).toContainText('3 lines not understood (not added):');
  await expect(outcome.locator('.xdp-list__rejected li')).toHaveText([
    'Line 6 https://example.com/creators/42 — A link to another site (not Xingtu or Douyin)',
    'Line 7 7.00623E+18 — The spreadsheet rounded this id and its last digits are lost: format the column as text and copy it again',
    'Line 8 https://v.douyin.com/iRNBho6u/ — A Douyin short link cannot be read: open it in the browser and copy the profile link',
  ]);

  // The cost before any call: 1 distribution (travel), 2 searches (the Douyin row, the nickname),
  // at most 1 distribution after the Douyin row's sure match; the food creator is free.
  const expected =
    'at most 4 paid calls (2 creator searches, at most 2 distribution calls) · 1 from cache, free · 1 to confirm first (no call before)';
  await expect(estimate(page)).toHaveText(expected);
  const estimatedPaid = Number(/(\d+) paid calls/.exec(expected)?.[1]);

  mockApi.reset(); // count from here; max in flight since now
  mockApi.setScenario('*', { delayMs: 800 });
  mockApi.setSearchScenario('*', { delayMs: 800 });
  await startRun(page);
  await waitRunStatus(page, 'done', 30_000);
  await expect(page.getByRole('progressbar', { name: 'Run progress' })).toHaveAttribute('value', '4');
  await expect(runProgress(page)).toContainText('4 / 4');
  await expect(runProgress(page)).toContainText('4 paid calls in this run · 1 from cache');

  expect(paidCalls(mockApi)).toBe(estimatedPaid);
  expect(callCounts(mockApi)).toEqual({
    [`${TRAVEL_CREATOR_ID}:SHORT_VIDEO`]: 1,
    [`${MUSIC_CREATOR_ID}:SHORT_VIDEO`]: 1,
    [`search:${MUSIC_DOUYIN.nickname}`]: 1,
    [`search:${BEAUTY_NAME}`]: 1,
  });
  expect(mockApi.maxInFlight()).toBe(2);

  // The table: top categories per creator; the Douyin row became its Xingtu creator.
  await expect(row(page, `x:${FOOD_CREATOR_ID}`).locator('.xdp-list__topcats')).toHaveText('美食 53.0%生活 20.4%随拍 11.1%');
  await expect(row(page, `x:${TRAVEL_CREATOR_ID}`).locator('.xdp-list__topcats')).toContainText('旅行');
  const douyinRow = row(page, `d:${MUSIC_DOUYIN.secUid}`);
  await expect(douyinRow).toHaveAttribute('data-status', 'done');
  await expect(douyinRow.locator('th')).toHaveText(MUSIC_DOUYIN.nickname);
  await expect(douyinRow.getByRole('link', { name: MUSIC_CREATOR_ID })).toBeVisible();
  await expect(douyinRow.locator('.xdp-list__topcats')).toContainText('音乐 72.2%');

  // The nickname row waits for the user: no distribution call for it until "This one".
  const nicknameRow = row(page, `n:${BEAUTY_NAME}`);
  await expect(nicknameRow).toHaveAttribute('data-status', 'confirm');
  await expect(nicknameRow).toContainText('Likely this creator:');
  expect(distributionCalls(mockApi, BEAUTY_CREATOR_ID)).toBe(0);
  await nicknameRow.getByRole('button', { name: 'This one' }).click();
  await expect(nicknameRow).toHaveAttribute('data-status', 'done', { timeout: 15_000 });
  await expect(nicknameRow.locator('.xdp-list__topcats')).toContainText('美妆');
  expect(distributionCalls(mockApi, BEAUTY_CREATOR_ID)).toBe(1);
  expect(mockApi.calls({ path: SEARCH_PATH })).toHaveLength(2);
});

test('"Parallel requests" = 1 on the options page: never more than one request in flight', async ({ page, mockApi, extensionId }) => {
  test.setTimeout(45_000);
  await setParallelRequests(page, 1);
  mockApi.setScenario('*', { delayMs: 600 });
  const ids = FOUR_IDS;
  await runIds(page, extensionId, ids);
  expect(mockApi.calls({ path: DISTRIBUTION_PATH }).map((c) => c.oAuthorId).sort()).toEqual([...ids].sort());
  expect(mockApi.maxInFlight()).toBe(1);
});

test('compare 2 creators: a bar chart and the categories × creators table; "Save chart" is a PNG', async ({ page, extensionId }) => {
  await runIds(page, extensionId, [FOOD_CREATOR_ID, MUSIC_CREATOR_ID, TRAVEL_CREATOR_ID]);

  const compare = page.getByRole('button', { name: /^Compare \(/ });
  await expect(compare).toBeDisabled();
  await page.getByRole('checkbox', { name: `Select ${FOOD_CREATOR_ID}` }).check();
  await expect(compare).toBeDisabled(); // one is not a comparison
  await page.getByRole('checkbox', { name: `Select ${MUSIC_CREATOR_ID}` }).check();
  await expect(compare).toHaveText('Compare (2)');
  await compare.click();

  const region = page.getByRole('region', { name: 'Category comparison' });
  await expect(region.locator('canvas[data-ready="true"]')).toBeVisible();
  const table = region.getByRole('table', { name: 'Category shares by creator' });
  await expect(table.locator('thead th')).toHaveText(['Category', FOOD_CREATOR_ID, MUSIC_CREATOR_ID]);
  await expect(table.locator('tbody tr').filter({ hasText: '美食' })).toHaveText(/美食\s*53\.0% \(148\)\s*—/);
  await expect(table.locator('tbody tr').filter({ hasText: '舞蹈' })).toHaveText(/舞蹈\s*—\s*14\.6% \(41\)/);
  // Every category of either creator has a row.
  const categories = new Set([...(DEMO_CREATORS[FOOD_CREATOR_ID]?.SHORT_VIDEO ?? []), ...(DEMO_CREATORS[MUSIC_CREATOR_ID]?.SHORT_VIDEO ?? [])].map((c) => c.name));
  await expect(table.locator('tbody tr')).toHaveCount(categories.size);

  const [download] = await Promise.all([page.waitForEvent('download'), region.getByRole('button', { name: 'Save chart' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const bytes = await downloadBytes(download);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(2_000); // a drawn chart, not an empty canvas
});

test('export CSV read back (BOM, header, ids as text, a row per creator and category); Copy has only the visible rows', async ({ page, context, extensionId }) => {
  const ids = [FOOD_CREATOR_ID, MUSIC_CREATOR_ID];
  await runIds(page, extensionId, ids);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^达人清单-.*\.csv$/);
  const bytes = await downloadBytes(download);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.split('\r\n')[0]).toBe('xingtu_id,nickname,platform,category,videos,share,fetched_at,source_link');
  expect(text.endsWith('\r\n')).toBe(true);
  // Read back as a spreadsheet would (RFC 4180: the quoted `="…"` cell is the text formula).
  const parsed = Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const rows = parsed.data.slice(1);
  const expected = ids.flatMap((id) => (DEMO_CREATORS[id]?.SHORT_VIDEO ?? []).map((c) => `="${id}"|SHORT_VIDEO|${c.name}|${c.cnt}`));
  expect(rows.map((cells) => [cells[0], cells[2], cells[3], cells[4]].join('|')).sort()).toEqual(expected.sort());
  for (const cells of rows) {
    expect(cells).toHaveLength(8);
    expect(cells[5]).toMatch(/^0\.\d{4}$/);
    expect(cells[6]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
  }
  // The 19-digit id is intact, never rounded.
  expect(rows.filter((cells) => cells[0] === `="${MUSIC_CREATOR_ID}"`)).toHaveLength(5);

  // Copy: the table as shown (filtered to one creator), tab-separated.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('searchbox', { name: 'Filter' }).fill('舞蹈');
  await expect(page.getByText('Showing 1 of 2')).toBeVisible();
  await page.bringToFront();
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const copiedLines = copied.trimEnd().split('\n').map((line) => line.split('\t'));
  expect(copiedLines[0]).toEqual(['Creator', 'Xingtu ID', 'Videos', 'Top categories', 'Fetched', 'Status']);
  expect(copiedLines).toHaveLength(2);
  expect(copiedLines[1]?.slice(0, 4)).toEqual([`="${MUSIC_CREATOR_ID}"`, `="${MUSIC_CREATOR_ID}"`, '281', '音乐 72.2%, 舞蹈 14.6%, 随拍 6.4%']);
  expect(copiedLines[1]?.[5]).toBe('Done');
  expect(copied).not.toContain(FOOD_CREATOR_ID);
});

test('the list page closed in the middle of a run: the run goes on in the background and finishes; no creator called twice', async ({ context, mockApi, extensionId }) => {
  test.setTimeout(45_000);
  const ids = FOUR_IDS;
  mockApi.setScenario('*', { delayMs: 1_500 });
  const listPage = await context.newPage();
  await openList(listPage, extensionId);
  await addCreators(listPage, ids.join('\n'));
  await startRun(listPage);
  await mockApi.waitForCalls(2, { path: DISTRIBUTION_PATH });
  await listPage.close();

  // Nothing of the extension is open; the remaining creators are still called.
  await allAnswered(mockApi, ids.length, 25_000);
  const again = await context.newPage();
  await openList(again, extensionId);
  await waitRunStatus(again, 'done');
  await expect(runProgress(again)).toContainText('4 / 4');
  for (const id of ids) await expect(row(again, `x:${id}`)).toHaveAttribute('data-status', 'done');
  expect(callCounts(mockApi)).toEqual(Object.fromEntries(ids.map((id) => [`${id}:SHORT_VIDEO`, 1])));
});

test('the service worker stopped in the middle of a run: it resumes by itself, finishes, calls nothing twice; Retry failed calls the interrupted once', async ({ context, page, mockApi, extensionId }) => {
  test.setTimeout(60_000); // the watchdog alarm fires 30 s after the calls began
  const ids = FOUR_IDS;
  const [first, second, ...rest] = ids as [string, string, ...string[]];
  // The first two answer only when the worker is gone (never, for it).
  mockApi.setScenario(first, { hang: true });
  mockApi.setScenario(second, { hang: true });
  await openList(page, extensionId);
  await addCreators(page, ids.join('\n'));
  await startRun(page);
  await mockApi.waitForCalls(2, { path: DISTRIBUTION_PATH });
  await expect(row(page, `x:${first}`)).toHaveAttribute('data-status', 'running');

  await stopServiceWorkers(await context.newCDPSession(page));
  mockApi.clearScenario(first);
  mockApi.clearScenario(second);
  expect(distributionCalls(mockApi, rest[0]!)).toBe(0);

  // Nobody touches anything: the watchdog alarm starts the worker again (Chrome's shortest alarm
  // period, 30 s) and the run resumes where it was.
  const stoppedAt = Date.now();
  await waitRunStatus(page, 'done', 45_000);
  test.info().annotations.push({ type: 'figures', description: `resumed and finished ${Date.now() - stoppedAt} ms after the worker stopped` });
  await expect(runProgress(page)).toContainText('4 / 4');
  for (const id of rest) await expect(row(page, `x:${id}`)).toHaveAttribute('data-status', 'done');
  for (const id of [first, second]) {
    await expect(row(page, `x:${id}`)).toHaveAttribute('data-status', 'interrupted');
    await expect(row(page, `x:${id}`)).toContainText('Press Retry failed to fetch it again.');
  }
  expect(callCounts(mockApi)).toEqual(Object.fromEntries(ids.map((id) => [`${id}:SHORT_VIDEO`, 1])));

  // Retry failed: the interrupted two, once each.
  await page.getByRole('button', { name: 'Retry failed' }).click();
  for (const id of ids) await expect(row(page, `x:${id}`)).toHaveAttribute('data-status', 'done', { timeout: 15_000 });
  await waitRunStatus(page, 'done');
  expect(callCounts(mockApi)).toEqual({
    [`${first}:SHORT_VIDEO`]: 2,
    [`${second}:SHORT_VIDEO`]: 2,
    ...Object.fromEntries(rest.map((id) => [`${id}:SHORT_VIDEO`, 1])),
  });
});

test('302 pauses the run until the cool-down ends (the page says until when) and nothing is called meanwhile', async ({ page, mockApi, extensionId }) => {
  test.setTimeout(45_000);
  mockApi.setScenario(FOOD_CREATOR_ID, { code: 302 });
  mockApi.setScenario(MUSIC_CREATOR_ID, { hang: true }); // holds the second slot
  await openList(page, extensionId);
  await addCreators(page, FOUR_IDS.join('\n'));
  await startRun(page);

  // The client's own back-off (3 attempts), then the run cools down.
  await waitRunStatus(page, 'cooling-down', 20_000);
  const lastRateLimited = mockApi.calls({ oAuthorId: FOOD_CREATOR_ID }).at(-1)?.doneAt ?? 0;
  const run = await storedRun(page);
  const resumeAt = run?.resumeAt ?? 0;
  expect(resumeAt - lastRateLimited).toBeGreaterThan(55_000);
  expect(resumeAt - lastRateLimited).toBeLessThan(65_000);
  const until = await page.evaluate(
    (at) => new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)),
    resumeAt,
  );
  await expect(runProgress(page).locator('.xdp-list__run-status')).toHaveText(`Too many requests: resumes by itself at ${until}`);
  await expect(row(page, `x:${FOOD_CREATOR_ID}`)).toHaveAttribute('data-status', 'queued');

  // The freed slot stays unused during the cool-down.
  const before = callCounts(mockApi);
  await page.waitForTimeout(1_500);
  expect(callCounts(mockApi)).toEqual(before);
  expect(distributionCalls(mockApi, TRAVEL_CREATOR_ID)).toBe(0);
  expect(distributionCalls(mockApi, BEAUTY_CREATOR_ID)).toBe(0);
  expect((await storedRun(page))?.status).toBe('cooling-down');
});

test('601 stops the run with the reason and what to do; nothing more is called', async ({ page, mockApi, extensionId }) => {
  mockApi.setScenario(FOOD_CREATOR_ID, { code: 601 });
  mockApi.setScenario(MUSIC_CREATOR_ID, { hang: true });
  await openList(page, extensionId);
  await addCreators(page, [FOOD_CREATOR_ID, MUSIC_CREATOR_ID, TRAVEL_CREATOR_ID].join('\n'));
  await startRun(page);

  await waitRunStatus(page, 'stopped');
  const progress = runProgress(page);
  await expect(progress.locator('.xdp-list__run-status')).toHaveText('Stopped');
  await expect(progress.locator('.xdp-list__stopped')).toContainText('Insufficient balance');
  await expect(progress.locator('.xdp-list__stopped')).toContainText('Your Just One API account balance is too low.');
  await expect(progress.locator('.xdp-list__stopped')).toContainText('Top up your account at Just One API, then try again.');
  expect(distributionCalls(mockApi, FOOD_CREATOR_ID)).toBe(1);
  await page.waitForTimeout(1_000);
  expect(distributionCalls(mockApi, TRAVEL_CREATOR_ID)).toBe(0);
  expect(distributionCalls(mockApi, FOOD_CREATOR_ID)).toBe(1);
});

test('panel "Add to list" adds the creator; the popup link opens list.html; "Recently viewed" shows it without a call', async ({ context, page, mockApi, extensionId }) => {
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  const { frame } = await waitForPanel(page);
  await frame.getByRole('button', { name: 'Add to list' }).click();
  await expect(frame.getByRole('status').filter({ hasText: /^Added to / })).toBeVisible();
  expect(mockApi.calls()).toHaveLength(1);

  // The popup's "Creator lists" opens the list page in a new tab.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const [listPage] = await Promise.all([context.waitForEvent('page'), popup.getByRole('button', { name: 'Creator lists' }).click()]);
  await listPage.waitForLoadState();
  expect(listPage.url()).toBe(listUrl(extensionId));
  await expect(listPage.getByRole('heading', { level: 1, name: 'Creator lists' })).toBeVisible();

  // The creator is in the current list (added from the panel) …
  await expect(row(listPage, `x:${FOOD_CREATOR_ID}`)).toBeVisible();
  await expect(row(listPage, `x:${FOOD_CREATOR_ID}`)).toHaveAttribute('data-status', 'new');
  // … and under "Recently viewed", from the cache.
  const recent = listPage.getByRole('region', { name: 'Recently viewed' });
  const item = recent.locator('li').filter({ hasText: FOOD_CREATOR_ID });
  await expect(item).toContainText('美食 53.0%');
  await expect(item).toContainText('In the list');
  expect(mockApi.calls()).toHaveLength(1);
});
