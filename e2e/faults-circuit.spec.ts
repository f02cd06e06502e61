/**
 * Fault injection, part 2: answers after which calling again cannot help for a while, and the
 * background's call guard (utils/background/api/call-guard.ts) against the real mock API over HTTP:
 * 302 / HTTP 429 back off and then cool down; 303 stops automatic calls until the next day in
 * Asia/Shanghai or another key; 601 (balance) and 602 (the key's spending cap) until another key
 * (an explicit Refresh tries once). Each check counts the calls the mock received and reads what
 * the panel says.
 */
import type { BrowserContext, FrameLocator, Page } from '@playwright/test';
import { test, expect, panel } from './fixtures';
import {
  DIST_PATH,
  describeSeen,
  freshId,
  gaps,
  record,
  settledPanel,
  showCreator,
  useKey,
  writeSummary,
  type Seen,
} from './faults-helpers';
import type { MockApi, Scenario } from './mock-api';

test.afterAll(() => writeSummary());

test.beforeEach(async ({ page, configureExtension }) => {
  await configureExtension(page);
});

const ROWS = [{ cnt: 4, name: '美食', proportion: 0.8 }, { cnt: 1, name: '音乐', proportion: 0.2 }];

function distCalls(mockApi: MockApi, oAuthorId?: string): number {
  return mockApi.calls(oAuthorId === undefined ? { path: DIST_PATH } : { path: DIST_PATH, oAuthorId }).length;
}

/** The panel shows this block: the failure, its code, and the "why no call / until when" line. */
function blocked(seen: Seen, kind: string, title: string, line: RegExp): void {
  expect(seen.state, describeSeen(seen)).toBe('error');
  expect(seen.kind).toBe(kind);
  expect(seen.title).toBe(title);
  expect(seen.blocked ?? '', 'says why no call is made, and until when').toMatch(line);
}

/** Press the panel's Refresh and wait until the view has settled again. */
async function refresh(frame: FrameLocator, id: string, mockApi: MockApi, expectCall: boolean): Promise<Seen> {
  const before = distCalls(mockApi, id);
  await frame.getByRole('button', { name: /Refresh/ }).click();
  if (expectCall) await expect.poll(() => distCalls(mockApi, id)).toBeGreaterThan(before);
  else await new Promise((resolve) => setTimeout(resolve, 500));
  return settledPanel(frame, 20_000, id);
}

/** The time format the panel uses (utils/views/i18n.ts formatDateTime, English UI, this machine's zone). */
function panelTime(ms: number): string {
  return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** 00:00 of the next day in Asia/Shanghai (UTC+8, no daylight saving). */
function nextShanghaiMidnight(now: number): number {
  const day = 86_400_000;
  const offset = 8 * 3_600_000;
  return Math.floor((now + offset) / day) * day + day - offset;
}

/**
 * Stop the extension's service worker (as Chrome does when it is idle), through the DevTools
 * protocol from a page of the extension's origin. Resolves once it is stopped; `restarted()`
 * then resolves when the next message has started a new one.
 */
async function stopServiceWorker(context: BrowserContext, extensionId: string): Promise<{ restarted: () => Promise<void> }> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const cdp = await context.newCDPSession(page);
  const status = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.endsWith('/background.js')) status.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => [...status.values()].includes('running'), { message: 'the background worker runs' }).toBe(true);
  for (const [versionId, running] of status) if (running === 'running') await cdp.send('ServiceWorker.stopWorker', { versionId });
  await expect.poll(() => [...status.values()].every((s) => s === 'stopped'), { message: 'the background worker stopped' }).toBe(true);
  return {
    async restarted() {
      await expect.poll(() => [...status.values()].includes('running'), { message: 'a new background worker started' }).toBe(true);
      await cdp.detach();
      await page.close();
    },
  };
}

/** One storage.local record, read from an extension page (the old worker handle may be gone). */
async function readStorage(context: BrowserContext, extensionId: string, key: string): Promise<Record<string, unknown>> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const value = await page.evaluate((k) => chrome.storage.local.get(k), key);
  await page.close();
  return value;
}

const RATE_TITLE = 'Too many requests';
const RATE_LINE = /^No API calls until .+, to respect the rate limit\.$/;

test('302 and HTTP 429: three calls with growing back-off, then a cool-down with no calls at all', async ({ page, mockApi, serviceWorker }) => {
  test.setTimeout(90_000);
  mockApi.setToken(null); // the cases below switch keys; any key is valid for normal answers
  const { frame } = panel(page);

  // Code 302 (HTTP 200): 3 calls, 2 s then 4 s apart (rate limiting waits twice as long).
  const first = freshId();
  mockApi.setScenario(first, { code: 302 });
  const t0 = Date.now();
  const shown = await showCreator(page, first, { reload: true });
  blocked(shown.seen, 'rate-limited', RATE_TITLE, RATE_LINE);
  expect(shown.seen.text).toContain('Code: 302');
  const times = mockApi.calls({ path: DIST_PATH, oAuthorId: first }).map((c) => c.time);
  expect(times).toHaveLength(3);
  const [g1 = 0, g2 = 0] = gaps(times);
  expect(g1).toBeGreaterThanOrEqual(1_900);
  expect(g2).toBeGreaterThanOrEqual(3_900);
  record({ group: 'rate limit', scenario: `code 302: calls ${g1} ms, then ${g2} ms apart`, calls: 3, expectedCalls: '3', saw: describeSeen(shown.seen), ms: shown.ms });

  // During the cool-down: another creator, Refresh, and a reload make no call.
  const second = freshId();
  mockApi.setCreator(second, { SHORT_VIDEO: ROWS });
  const other = await showCreator(page, second);
  blocked(other.seen, 'rate-limited', RATE_TITLE, RATE_LINE);
  record({ group: 'rate limit', scenario: 'cool-down: another creator', calls: distCalls(mockApi, second), expectedCalls: '0', saw: describeSeen(other.seen), ms: other.ms });
  // Refresh cannot call during the cool-down: it is disabled and says until when (not a silent no-op).
  const paused = frame.locator('.xdp-view__refresh');
  await expect(paused).toBeDisabled();
  await expect(paused).toHaveText(/^↻?\s*Paused until \d{1,2}:\d{2}:\d{2}/);
  await paused.click({ force: true, timeout: 2_000 }).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const pressed = await settledPanel(frame, 20_000, second);
  blocked(pressed, 'rate-limited', RATE_TITLE, RATE_LINE);
  record({ group: 'rate limit', scenario: 'cool-down: Refresh disabled, "Paused until …"', calls: distCalls(mockApi, second), expectedCalls: '0', saw: `${(await paused.textContent())?.trim()}; ${describeSeen(pressed)}`, ms: 0 });
  const reloaded = await showCreator(page, second, { reload: true });
  blocked(reloaded.seen, 'rate-limited', RATE_TITLE, RATE_LINE);
  record({ group: 'rate limit', scenario: 'cool-down: page reloaded', calls: distCalls(mockApi, second), expectedCalls: '0', saw: describeSeen(reloaded.seen), ms: reloaded.ms });
  expect(distCalls(mockApi, second)).toBe(0);

  // Over the whole window: 3 calls, never 2 within a second.
  const windowMs = Date.now() - t0;
  const all = mockApi.calls({ path: DIST_PATH }).map((c) => c.time);
  expect(all).toHaveLength(3);
  expect(Math.min(...gaps(all))).toBeGreaterThanOrEqual(1_900);
  record({ group: 'rate limit', scenario: `all calls in the first ${(windowMs / 1000).toFixed(0)} s`, calls: all.length, expectedCalls: '3', saw: 'no two calls within 1.9 s', ms: windowMs });

  // HTTP 429 with the envelope, an HTML page, an empty body: rate limiting too (a new key each,
  // since the cool-down rightly holds for the key).
  const variants: [string, object, string | null][] = [
    ['HTTP 429 + envelope code 302', { http: 429, code: 302 }, 'Code: 302'],
    ['HTTP 429, HTML page', { http: 429 }, null],
    ['HTTP 429, empty body', { http: 429, body: '' }, null],
  ];
  let n = 0;
  for (const [scenario, mock, code] of variants) {
    await useKey(serviceWorker, `rotated-key-${++n}`);
    const id = freshId();
    mockApi.setScenario(id, mock);
    const { seen, ms } = await showCreator(page, id);
    blocked(seen, 'rate-limited', RATE_TITLE, RATE_LINE);
    expect(seen.text).toContain('HTTP status: 429');
    if (code) expect(seen.text).toContain(code);
    const calls = distCalls(mockApi, id);
    expect(calls, scenario).toBe(3);
    record({ group: 'rate limit', scenario, calls, expectedCalls: '3', saw: describeSeen(seen), ms });
  }
});

const QUOTA_TITLE = 'Daily quota used up';

test('303 quota: no automatic calls until 00:00 Beijing time or another key, across reloads and a worker restart', async ({ page, context, mockApi, extensionId, configureExtension }) => {
  test.setTimeout(60_000);
  const { frame } = panel(page);
  const renews = panelTime(nextShanghaiMidnight(Date.now()));
  const line = new RegExp(`renews at 00:00 Beijing time \\(${renews.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`);

  const first = freshId();
  mockApi.setScenario(first, { code: 303 });
  const shown = await showCreator(page, first, { reload: true });
  blocked(shown.seen, 'quota-exceeded', QUOTA_TITLE, line);
  expect(shown.seen.text).toContain('Code: 303');
  expect(distCalls(mockApi, first)).toBe(1);
  record({ group: 'quota 303', scenario: 'code 303', calls: 1, expectedCalls: '1', saw: describeSeen(shown.seen), ms: shown.ms });

  const again = await showCreator(page, first, { reload: true });
  blocked(again.seen, 'quota-exceeded', QUOTA_TITLE, line);
  record({ group: 'quota 303', scenario: 'same creator, page reloaded', calls: distCalls(mockApi, first) - 1, expectedCalls: '0 more', saw: describeSeen(again.seen), ms: again.ms });

  const second = freshId();
  mockApi.setCreator(second, { SHORT_VIDEO: ROWS });
  const other = await showCreator(page, second);
  blocked(other.seen, 'quota-exceeded', QUOTA_TITLE, line);
  record({ group: 'quota 303', scenario: 'another creator', calls: distCalls(mockApi, second), expectedCalls: '0', saw: describeSeen(other.seen), ms: other.ms });

  // The service worker is stopped (MV3 does this whenever it likes): the block comes back from storage.
  const stopped = await stopServiceWorker(context, extensionId);
  const third = freshId();
  const afterRestart = await showCreator(page, third, { reload: true });
  await stopped.restarted();
  blocked(afterRestart.seen, 'quota-exceeded', QUOTA_TITLE, line);
  record({ group: 'quota 303', scenario: 'another creator after a service-worker restart', calls: distCalls(mockApi, third), expectedCalls: '0', saw: describeSeen(afterRestart.seen), ms: afterRestart.ms });

  // An explicit Refresh may try once (the quota may have been raised); still 303 → still blocked.
  const pressed = await refresh(frame, third, mockApi, true);
  expect(distCalls(mockApi, third)).toBe(1);
  // The mock answers this unknown id normally (an empty list): the refresh got through and lifted the block.
  expect(pressed.state).toBe('empty');
  record({ group: 'quota 303', scenario: 'Refresh pressed (quota raised meanwhile)', calls: 1, expectedCalls: '1', saw: describeSeen(pressed), ms: 0 });

  // Blocked again by a new 303; then the user saves another key in the options page.
  const fourth = freshId();
  mockApi.setScenario(fourth, { code: 303 });
  await showCreator(page, fourth);
  expect(distCalls(mockApi)).toBe(3);
  const stored = await readStorage(context, extensionId, 'callGuard');
  expect(JSON.stringify(stored)).not.toContain('test-key'); // a fingerprint, never the key
  expect(stored).toHaveProperty('callGuard.kind', 'quota-exceeded');

  mockApi.setToken('second-key');
  await configureExtension(page, { apiKey: 'second-key' });
  const withNewKey = await showCreator(page, second, { reload: true });
  expect(withNewKey.seen.rows).toEqual([['美食', '4', '80.0%'], ['音乐', '1', '20.0%']]);
  expect(distCalls(mockApi, second)).toBe(1);
  record({ group: 'quota 303', scenario: 'another key saved in the options page', calls: 1, expectedCalls: '1', saw: describeSeen(withNewKey.seen), ms: withNewKey.ms });
  expect(distCalls(mockApi)).toBe(4);
});

/**
 * What 601 and 602 share: the code blocks the key. The same creator reloaded and another creator
 * make no call; Refresh tries exactly once (answered with the code again: still blocked); a third
 * creator (with data) is still blocked and not called. Every step is checked with `check` and
 * recorded under `group`. Returns what the first creator showed and the third creator's id.
 */
async function blocksUntilAnotherKey(
  page: Page,
  mockApi: MockApi,
  options: { group: string; first: Scenario & { code: number }; stillScenario: string; check: (seen: Seen) => void },
): Promise<{ first: Seen; third: string }> {
  const { group, check } = options;
  const code = options.first.code;
  const { frame } = panel(page);

  const first = freshId();
  mockApi.setScenario(first, options.first);
  const shown = await showCreator(page, first, { reload: true });
  check(shown.seen);
  expect(shown.seen.text).toContain(`Code: ${code}`);
  expect(distCalls(mockApi, first)).toBe(1);
  record({ group, scenario: `code ${code}`, calls: 1, expectedCalls: '1', saw: describeSeen(shown.seen), ms: shown.ms });

  const again = await showCreator(page, first, { reload: true });
  check(again.seen);
  expect(distCalls(mockApi, first)).toBe(1);
  record({ group, scenario: 'same creator, page reloaded', calls: 0, expectedCalls: '0 more', saw: describeSeen(again.seen), ms: again.ms });

  const second = freshId();
  const other = await showCreator(page, second);
  check(other.seen);
  record({ group, scenario: 'another creator', calls: distCalls(mockApi, second), expectedCalls: '0', saw: describeSeen(other.seen), ms: other.ms });
  expect(distCalls(mockApi, second)).toBe(0);

  // Refresh while the cause still holds: exactly one call, then blocked again.
  mockApi.setScenario('*', { code });
  const pressed = await refresh(frame, second, mockApi, true);
  check(pressed);
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  expect(distCalls(mockApi, second)).toBe(1);
  record({ group, scenario: `Refresh pressed, ${options.stillScenario}`, calls: 1, expectedCalls: '1', saw: describeSeen(pressed), ms: 0 });

  const third = freshId();
  mockApi.setCreator(third, { SHORT_VIDEO: ROWS });
  const stillBlocked = await showCreator(page, third);
  check(stillBlocked.seen);
  expect(distCalls(mockApi, third)).toBe(0);
  record({ group, scenario: 'another creator after the Refresh', calls: 0, expectedCalls: '0', saw: describeSeen(stillBlocked.seen), ms: stillBlocked.ms });
  return { first: shown.seen, third };
}

const BALANCE_TITLE = 'Insufficient balance';
const BALANCE_LINE = /until the API key is changed\. After topping up, press Refresh to try once\./;

test('601 balance: no automatic calls until another key; Refresh tries once, and after a top-up calls resume', async ({ page, mockApi }) => {
  test.setTimeout(60_000);
  const group = 'balance 601';
  const { third } = await blocksUntilAnotherKey(page, mockApi, {
    group,
    first: { code: 601 },
    stillScenario: 'still unpaid',
    check: (seen) => blocked(seen, 'insufficient-balance', BALANCE_TITLE, BALANCE_LINE),
  });

  // Topped up: Refresh gets the data, and automatic calls resume.
  mockApi.clearScenario('*');
  const paid = await refresh(panel(page).frame, third, mockApi, true);
  expect(paid.rows).toEqual([['美食', '4', '80.0%'], ['音乐', '1', '20.0%']]);
  record({ group, scenario: 'topped up, Refresh pressed', calls: distCalls(mockApi, third), expectedCalls: '1', saw: describeSeen(paid), ms: 0 });
  const fourth = freshId();
  const resumed = await showCreator(page, fourth);
  expect(resumed.seen.state).toBe('empty');
  expect(distCalls(mockApi, fourth)).toBe(1);
  record({ group, scenario: 'next creator after the top-up', calls: 1, expectedCalls: '1', saw: describeSeen(resumed.seen), ms: resumed.ms });
  expect(distCalls(mockApi)).toBe(4);
});

const SPENDING_CAP_TITLE = "The key's spending cap is reached";

/** The panel shows the 602 block: its own title and meaning, and "Open settings" (another key). */
function spendingCapped(seen: Seen): void {
  expect(seen.state, describeSeen(seen)).toBe('error');
  expect(seen.kind).toBe('spending-cap');
  expect(seen.title).toBe(SPENDING_CAP_TITLE);
  expect(seen.text).toContain('No automatic calls until the key is changed.');
  expect(seen.settingsButton, 'an "Open settings" button (save another key)').toBe(true);
}

test('602 spending cap: no automatic calls until another key; Refresh tries once, and saving another key resumes', async ({ page, mockApi, configureExtension }) => {
  test.setTimeout(60_000);
  const group = 'spending cap 602';
  const { first, third } = await blocksUntilAnotherKey(page, mockApi, {
    group,
    // The provider's message is data: shown as text (its tags as characters), never as markup.
    first: { code: 602, message: '<b>spending cap</b> reached' },
    stillScenario: 'cap still reached',
    check: spendingCapped,
  });
  expect(first.text).toContain('Server said: <b>spending cap</b> reached');

  // The user saves another key in the options page: automatic calls resume with it.
  mockApi.clearScenario('*');
  mockApi.setToken('second-key');
  await configureExtension(page, { apiKey: 'second-key' });
  const withNewKey = await showCreator(page, third, { reload: true });
  expect(withNewKey.seen.rows).toEqual([['美食', '4', '80.0%'], ['音乐', '1', '20.0%']]);
  expect(distCalls(mockApi, third)).toBe(1);
  expect(mockApi.calls({ path: DIST_PATH, oAuthorId: third }).every((c) => c.token === 'second-key')).toBe(true);
  record({ group, scenario: 'another key saved in the options page', calls: 1, expectedCalls: '1', saw: describeSeen(withNewKey.seen), ms: withNewKey.ms });
  expect(distCalls(mockApi)).toBe(3);
});
