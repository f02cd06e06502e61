/**
 * Money (issue 12) end to end: the built extension in Chromium against the mock API.
 * - "Check key" reads the account balance (api.md §4), not a billed distribution call, and the
 *   options page shows it; an endpoint without the balance falls back to one distribution call
 *   and says the balance is unknown; balance faults (hang, code 100, 503, HTML) are reported as
 *   they are in the key check and never as an error wall in the popup.
 * - The Usage section counts the paid calls the views made, and its CSV holds them (never the key).
 * - The daily call limit: the creator past it is not called; "Allow one call" makes exactly one
 *   call; a list run pauses at the limit.
 * - The popup's footer balance (fetched again after paid calls, not more often), its lookup of a
 *   cached creator ("from cache", no call), and the panel's Refresh that says it costs a call.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Locator, Page } from '@playwright/test';
import { test, expect, creatorPageUrl, optionsPageUrl, panel, waitForPanel, TEST_API_KEY, ERROR_BLOCK } from './fixtures';
import { DISTRIBUTION_PATH, SEARCH_PATH, type MockApi } from './mock-api';
import { setRequestTimeout, settledPanel } from './faults-helpers';
import { SECRET_KEY, findKey } from './security-helpers';
import {
  BEAUTY_CREATOR_ID,
  FOOD_CREATOR_ID,
  MANY_CATEGORIES_CREATOR_ID,
  MUSIC_CREATOR_ID,
  TRAVEL_CREATOR_ID,
} from './fixtures/creators';

// ---- the options page ----------------------------------------------------------------------

/** The balance line under the key (components/BalanceLine.tsx). */
function balanceLine(page: Page): Locator {
  return page.locator('.xdp-balance');
}

/** The options page's notice (what "Check key" and Save say). */
function notice(page: Page): Locator {
  return page.locator('p.xdp-notice[role="status"]');
}

async function checkKey(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check key', exact: true }).click();
}

/** The Usage section's cells [today, last 30 days] of one row ("Calls", "Distribution", "Page panel", …). */
function usageCells(page: Page, label: string): Locator {
  const usage = page.getByRole('region', { name: 'Usage', exact: true });
  return usage
    .locator('table tbody tr')
    .filter({ has: page.locator('th[scope="row"]', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
    .locator('td');
}

/** The options page's "Daily call limit", saved (empty: no limit). */
async function setDailyCallLimit(page: Page, extensionId: string, limit: number | null): Promise<void> {
  await page.goto(optionsPageUrl(extensionId));
  const field = page.getByRole('spinbutton', { name: 'Daily call limit' });
  await expect(field).toBeEditable();
  await field.fill(limit === null ? '' : String(limit));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();
  const stored = await page.evaluate(async () => (await chrome.storage.local.get('settings')).settings as { dailyCallLimit?: number | null });
  expect(stored.dailyCallLimit ?? null).toBe(limit);
}

// ---- the mock ------------------------------------------------------------------------------

function distCalls(mockApi: MockApi, oAuthorId?: string): number {
  return mockApi.calls(oAuthorId === undefined ? { path: DISTRIBUTION_PATH } : { path: DISTRIBUTION_PATH, oAuthorId }).length;
}

/** Distribution and search calls (the paid ones). */
function paidCalls(mockApi: MockApi): number {
  return distCalls(mockApi) + mockApi.calls({ path: SEARCH_PATH }).length;
}

/** Every balance request so far has been answered (or given up by the client). */
async function balanceSettled(mockApi: MockApi, count: number): Promise<void> {
  await expect
    .poll(() => {
      const calls = mockApi.balanceCalls();
      return calls.length >= count && calls.every((c) => c.doneAt !== null);
    }, { message: `${count} balance request(s) answered` })
    .toBe(true);
}

// ---- views ---------------------------------------------------------------------------------

/** Open a Xingtu creator page and wait for the panel's table. */
async function viewInPanel(page: Page, oAuthorId: string): Promise<void> {
  await page.goto(creatorPageUrl(oAuthorId));
  const { frame } = await waitForPanel(page);
  await expect(frame.locator('table tbody tr').first()).toBeVisible();
}

function popupUrl(extensionId: string): string {
  return `chrome-extension://${extensionId}/popup.html`;
}

/** The popup's lookup (by Xingtu id), waiting for the table. */
async function lookUpInPopup(popup: Page, oAuthorId: string): Promise<void> {
  await popup.getByLabel('Creator').fill(oAuthorId);
  await popup.getByRole('button', { name: 'Look up' }).click();
  await expect(popup.locator('.xdp-view__id-link', { hasText: oAuthorId })).toBeVisible();
  await expect(popup.locator('.xdp-view[aria-busy="false"] table tbody tr').first()).toBeVisible();
}

function popupFooter(popup: Page): Locator {
  return popup.locator('footer.xdp-popup__foot');
}

// ---- tests ---------------------------------------------------------------------------------

test.describe('"Check key" and the balance on the options page', () => {
  test('reads the balance: no distribution call, one balance request, and "Balance ¥123.45"', async ({ page, mockApi, configureExtension }) => {
    // Saving the key shows the balance as it was then …
    mockApi.setBalance('1.0000');
    await configureExtension(page, { via: 'form' });
    await expect(balanceLine(page)).toContainText('Balance ¥1.00');
    expect(mockApi.calls()).toHaveLength(0);
    await balanceSettled(mockApi, 1);

    // … and "Check key" asks it again (the line shows the new one), without a data call.
    mockApi.reset(); // count from here; the balance is "123.4500" again
    expect(mockApi.balanceCalls()).toHaveLength(0);
    await checkKey(page);
    await expect(notice(page)).toHaveText('Key is valid');
    await expect(balanceLine(page)).toContainText('Balance ¥123.45');
    expect(mockApi.calls({ method: '*' })).toHaveLength(0);
    expect(mockApi.balanceCalls()).toHaveLength(1);
    expect(mockApi.balanceCalls()[0]?.token).toBe(TEST_API_KEY);
    await expect(usageCells(page, 'Calls')).toHaveText(['0', '0']);
  });

  test('an endpoint without the balance: "Balance unknown" (not an error), and "Check key" falls back to exactly one distribution call', async ({ page, mockApi, configureExtension }) => {
    mockApi.setBalanceSupported(false);
    await configureExtension(page, { via: 'form' });
    await expect(balanceLine(page)).toContainText('Balance unknown: this endpoint does not report it.');
    await expect(balanceLine(page)).toHaveAttribute('data-balance', 'unknown');
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(mockApi.calls()).toHaveLength(0);
    await balanceSettled(mockApi, 1);

    const balanceBefore = mockApi.balanceCalls().length;
    await checkKey(page);
    await expect(notice(page)).toHaveText('Key is valid');
    // The balance request first (404 HTML), then one distribution call decides.
    expect(mockApi.balanceCalls()).toHaveLength(balanceBefore + 1);
    expect(mockApi.balanceCalls().at(-1)?.status).toBe(404);
    expect(distCalls(mockApi)).toBe(1);
    expect(mockApi.calls()).toHaveLength(1);
    await expect(balanceLine(page)).toContainText('Balance unknown');
    await expect(page.getByRole('alert')).toHaveCount(0);
    // That call was paid: the Usage section counts it, from the settings page.
    await expect(usageCells(page, 'Calls')).toHaveText(['1', '1']);
    await expect(usageCells(page, 'Settings (key check)')).toHaveText(['1', '1']);
  });
});

test.describe('balance faults', () => {
  test('a balance endpoint that never answers (timeout 5 s): "Check key" says it timed out and makes no data call', async ({ page, mockApi, extensionId, configureExtension }) => {
    test.setTimeout(45_000);
    await configureExtension(page, { via: 'form' });
    await setRequestTimeout(page, extensionId, 5);
    await expect(balanceLine(page)).toContainText('Balance ¥123.45');
    await balanceSettled(mockApi, 1);
    const before = mockApi.balanceCalls().length;

    mockApi.setBalanceScenario({ hang: true });
    const start = Date.now();
    await checkKey(page);
    await expect(notice(page)).toHaveText(/^Timed out/, { timeout: 20_000 });
    const ms = Date.now() - start;
    expect(ms).toBeGreaterThanOrEqual(5_000 - 200);
    expect(ms).toBeLessThan(5_000 + 8_000);
    expect(mockApi.balanceCalls()).toHaveLength(before + 1);
    expect(mockApi.calls({ method: '*' })).toHaveLength(0);
    test.info().annotations.push({ type: 'figures', description: `hung balance request: "Timed out" after ${ms} ms` });
  });

  test('code 100 from the balance endpoint: "Check key" says the key is invalid and makes no data call', async ({ page, mockApi, configureExtension }) => {
    await configureExtension(page, { via: 'form' });
    await balanceSettled(mockApi, 1);
    const before = mockApi.balanceCalls().length;

    mockApi.setBalanceScenario({ code: 100 });
    await checkKey(page);
    await expect(notice(page)).toHaveText(/^Invalid API key/);
    expect(mockApi.balanceCalls()).toHaveLength(before + 1);
    expect(mockApi.calls({ method: '*' })).toHaveLength(0);
  });

  test('HTTP 503 and an HTML page from the balance endpoint: the popup footer says "Balance unknown", never an error wall', async ({ page, context, mockApi, extensionId, configureExtension }) => {
    // A failed balance request is not kept: every view that shows the balance asks again.
    mockApi.setBalanceScenario({ http: 503 });
    await configureExtension(page, { via: 'form' });
    await expect(balanceLine(page)).toContainText('The balance could not be fetched just now; refresh later.');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await balanceSettled(mockApi, 1);

    const popup = await context.newPage();
    for (const [scenario, fault] of [
      ['HTTP 503, HTML error page', { http: 503 }],
      ['HTTP 200, an HTML page', { body: '<html><body><h1>Maintenance</h1></body></html>' }],
    ] as const) {
      mockApi.setBalanceScenario(fault);
      const before = mockApi.balanceCalls().length;
      await popup.goto(popupUrl(extensionId));
      await expect(popup.getByText(/Open a creator page/i)).toBeVisible();
      await expect.poll(() => mockApi.balanceCalls().length, { message: `${scenario}: the popup asked the balance` }).toBe(before + 1);
      await expect(popupFooter(popup), scenario).toHaveText('Balance unknown');
      await expect(popupFooter(popup)).toHaveAttribute('data-balance', 'unknown');
      await expect(popup.locator(`[role="alert"], ${ERROR_BLOCK}`), `${scenario}: no error wall`).toHaveCount(0);
      await expect(popup.locator('body')).not.toContainText(/HTTP|error|503/i);
    }
    expect(mockApi.calls({ method: '*' })).toHaveLength(0);
  });
});

test('three creators viewed → Usage shows 3 paid calls today (by endpoint and view); the CSV holds those 3 and never the key', async ({ page, context, mockApi, extensionId, configureExtension }) => {
  mockApi.setToken(SECRET_KEY);
  await configureExtension(page, { apiKey: SECRET_KEY, via: 'form' });

  // Two in the page panel, one looked up in the popup.
  await viewInPanel(page, FOOD_CREATOR_ID);
  await viewInPanel(page, MUSIC_CREATOR_ID);
  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));
  await lookUpInPopup(popup, TRAVEL_CREATOR_ID);
  await popup.close();
  expect(distCalls(mockApi)).toBe(3);
  expect(mockApi.calls()).toHaveLength(3);

  await page.goto(optionsPageUrl(extensionId));
  await expect(page.getByRole('heading', { name: 'Usage', exact: true })).toBeVisible();
  await expect(usageCells(page, 'Calls')).toHaveText(['3', '3']);
  await expect(usageCells(page, 'Distribution')).toHaveText(['3', '3']);
  await expect(usageCells(page, 'Creator search')).toHaveText(['0', '0']);
  await expect(usageCells(page, 'Page panel')).toHaveText(['2', '2']);
  await expect(usageCells(page, 'Toolbar popup')).toHaveText(['1', '1']);
  await expect(usageCells(page, 'Creator lists')).toHaveText(['0', '0']);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^用量-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.split('\r\n')[0]).toBe('time,endpoint,xingtu_id,keyword,platform,code,via');
  expect(findKey(bytes.toString('utf8')), 'the key in the CSV').toEqual([]);
  const parsed = Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const rows = parsed.data.slice(1);
  expect(rows).toHaveLength(3);
  // Oldest first; the 19-digit ids intact (as text formulas, never rounded).
  expect(rows.map((cells) => cells.slice(1))).toEqual([
    ['distribution', `="${FOOD_CREATOR_ID}"`, '', 'SHORT_VIDEO', '0', 'panel'],
    ['distribution', `="${MUSIC_CREATOR_ID}"`, '', 'SHORT_VIDEO', '0', 'panel'],
    ['distribution', `="${TRAVEL_CREATOR_ID}"`, '', 'SHORT_VIDEO', '0', 'popup'],
  ]);
  const sentAt = mockApi.calls().map((c) => c.time);
  rows.forEach((cells, i) => {
    expect(cells[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    // The logged time is when the request was sent (to the second, Beijing time).
    expect(Math.abs(Date.parse(cells[0] ?? '') - (sentAt[i] ?? 0))).toBeLessThan(2_000);
  });

  // The stored log never holds the key either.
  const stored = await page.evaluate(async () => JSON.stringify(await chrome.storage.local.get('usageLog')));
  expect(JSON.parse(stored)).toHaveProperty('usageLog');
  expect(findKey(stored)).toEqual([]);
});

test('daily call limit 2: two creators load, the third waits for "Allow one call" (exactly one call), the fourth is blocked, a list run pauses', async ({ page, mockApi, extensionId, configureExtension }) => {
  test.setTimeout(60_000);
  await configureExtension(page, { via: 'form' });
  await setDailyCallLimit(page, extensionId, 2);

  await viewInPanel(page, FOOD_CREATOR_ID);
  await viewInPanel(page, MUSIC_CREATOR_ID);
  expect(distCalls(mockApi)).toBe(2);

  // The third: not called; the panel says why and offers one call.
  await page.goto(creatorPageUrl(TRAVEL_CREATOR_ID));
  const { frame } = panel(page);
  const third = await settledPanel(frame, 20_000, TRAVEL_CREATOR_ID);
  expect(third.state).toBe('error');
  expect(third.kind).toBe('daily-cap');
  expect(third.title).toBe('Daily call limit reached');
  const allow = frame.getByRole('button', { name: 'Allow one call' });
  await expect(allow).toBeVisible();
  expect(distCalls(mockApi, TRAVEL_CREATOR_ID)).toBe(0);
  expect(distCalls(mockApi)).toBe(2);

  // "Allow one call": this creator loads with exactly one more call.
  await allow.click();
  await expect(frame.locator('.xdp-view[aria-busy="false"] table tbody')).toContainText('旅行');
  await expect(frame.locator(ERROR_BLOCK)).toHaveCount(0);
  expect(distCalls(mockApi, TRAVEL_CREATOR_ID)).toBe(1);
  expect(distCalls(mockApi)).toBe(3);

  // The fourth: blocked again (the allowance was used up).
  await page.goto(creatorPageUrl(BEAUTY_CREATOR_ID));
  const fourth = await settledPanel(panel(page).frame, 20_000, BEAUTY_CREATOR_ID);
  expect(fourth.kind).toBe('daily-cap');
  expect(fourth.title).toBe('Daily call limit reached');
  await expect(panel(page).frame.getByRole('button', { name: 'Allow one call' })).toBeVisible();
  expect(distCalls(mockApi, BEAUTY_CREATOR_ID)).toBe(0);

  // A creator-list run with the limit reached: it pauses, says so, and calls nothing.
  await page.goto(`chrome-extension://${extensionId}/list.html`);
  await expect(page.locator('main.xdp-list')).toHaveAttribute('aria-busy', 'false');
  await page.getByRole('textbox', { name: 'Creators', exact: true }).fill([BEAUTY_CREATOR_ID, MANY_CATEGORIES_CREATOR_ID].join('\n'));
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('add-outcome')).toBeVisible();
  await expect(page.getByTestId('estimate')).not.toHaveText(/Estimating/);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const progress = page.locator('.xdp-list__progress');
  await expect(progress).toHaveAttribute('data-status', 'paused', { timeout: 20_000 });
  await expect(progress.locator('.xdp-list__run-status')).toHaveText('Paused: the daily call limit is reached');
  await expect(progress.getByRole('button', { name: 'Allow one call' })).toBeVisible();
  expect(paidCalls(mockApi)).toBe(3);
  // Still nothing a moment later (a paused run does not call by itself).
  await page.waitForTimeout(1_500);
  expect(paidCalls(mockApi)).toBe(3);
  expect((await page.evaluate(async () => (await chrome.storage.local.get('listRun')).listRun as { status?: string } | undefined))?.status).toBe('paused');
});

test('the popup footer shows the balance (asked again after paid calls, not more often); its lookup of a cached creator is "from cache" with no call; the panel\'s Refresh says it costs one call', async ({ page, context, mockApi, extensionId, configureExtension }) => {
  await configureExtension(page, { via: 'form' });
  await balanceSettled(mockApi, 1);
  const afterSave = mockApi.balanceCalls().length;

  // The popup: the balance the options page fetched (kept for 10 minutes: no request).
  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));
  await expect(popupFooter(popup)).toHaveText('Balance ¥123.45');
  await expect(popupFooter(popup)).toHaveAttribute('data-balance', 'known');
  expect(mockApi.balanceCalls()).toHaveLength(afterSave);

  // The panel on a creator page: never a balance request from there.
  mockApi.setBalance('88.1000');
  await viewInPanel(page, FOOD_CREATOR_ID);
  const { frame } = panel(page);
  const refresh = frame.getByRole('button', { name: /Refresh/ });
  await expect(refresh).toContainText('(1 call)');
  await expect(refresh).toHaveAttribute('title', 'Refresh skips the cache and calls the API once more (a paid call)');
  // It costs what it says: one call.
  await refresh.click();
  await expect.poll(() => distCalls(mockApi, FOOD_CREATOR_ID)).toBe(2);
  await expect(frame.locator('.xdp-view[aria-busy="false"] table tbody tr').first()).toContainText('美食');
  await expect(frame.locator('.xdp-view__badge')).toHaveCount(0);
  expect(distCalls(mockApi, FOOD_CREATOR_ID)).toBe(2);
  expect(mockApi.balanceCalls()).toHaveLength(afterSave);

  // Paid calls were made since: the popup asks the balance again, once.
  await popup.reload();
  await expect(popupFooter(popup)).toHaveText('Balance ¥88.10');
  expect(mockApi.balanceCalls()).toHaveLength(afterSave + 1);

  // Its lookup of the creator the panel just fetched: from the cache, no call.
  const before = paidCalls(mockApi);
  await lookUpInPopup(popup, FOOD_CREATOR_ID);
  await expect(popup.locator('.xdp-view__badge')).toHaveText('from cache, no call');
  await expect(popup.locator('.xdp-view__meta')).toContainText('from cache');
  expect(paidCalls(mockApi)).toBe(before);
  // A creator not in the cache is a call (and says nothing about a cache).
  await lookUpInPopup(popup, MUSIC_CREATOR_ID);
  await expect(popup.locator('.xdp-view__badge')).toHaveCount(0);
  expect(paidCalls(mockApi)).toBe(before + 1);
});
