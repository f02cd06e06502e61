/**
 * Helpers for the fault-injection suites (e2e/faults*.spec.ts): fresh creator ids, reading what
 * the panel shows, running a table of scenarios in a few tabs of one browser, and the summary
 * table (scenario → calls made → what the user saw) written to test-results/faults-summary.json
 * and printed at the end of each file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type BrowserContext, type FrameLocator, type Page, type Worker } from '@playwright/test';
import { creatorPageUrl, panel, ROOT } from './harness';
import type { MockApi, Scenario } from './mock-api';

export const DIST_PATH = '/api/douyin-xingtu/gw/api/data_sp/author_video_distribution/v1';

let serial = 0;
/**
 * A creator id nobody used yet in this run (19 digits, beyond 2^53): a fresh cache key, so every
 * case makes its own calls. Unknown ids get an empty list from the mock unless a scenario says
 * otherwise.
 */
export function freshId(): string {
  serial += 1;
  return `79${String(Date.now() % 1e9).padStart(9, '0')}${String(serial).padStart(8, '0')}`;
}

/** What the panel shows once it has settled. */
export interface Seen {
  state: 'table' | 'empty' | 'error' | 'no-key' | 'blank';
  /** data-kind of the alert (the Failure kind). */
  kind: string | null;
  title: string;
  /** Every text of the alert (title, meaning, codes, detail, action, block). */
  text: string;
  /** The alert's "why no call / until when" line (call-guard blocks). */
  blocked: string | null;
  settingsButton: boolean;
  /** Body rows of the table as [name, count, share]. */
  rows: string[][];
  /** A spinner is still visible. */
  spinner: boolean;
}

/**
 * Wait until the panel's view is no longer busy (for creator `id`, when given), then read it.
 * (locator.waitFor polls in the page: no assertion back-off adds to the measured times.)
 */
export async function settledPanel(frame: FrameLocator, timeout = 20_000, id?: string): Promise<Seen> {
  let view = frame.locator('.xdp-view[aria-busy="false"]');
  if (id !== undefined) view = view.filter({ has: frame.locator('.xdp-view__id-link', { hasText: new RegExp(`^${id}$`) }) });
  try {
    await view.waitFor({ state: 'attached', timeout });
  } catch {
    throw new Error(`the panel did not settle within ${timeout} ms (endless spinner or blank panel)${id ? ` for ${id}` : ''}`);
  }
  return view.evaluate((root): Seen => {
    const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const alert = root.querySelector('.xdp-view__status--error');
    const rows = Array.from(root.querySelectorAll('table tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('th, td')).map((cell) => text(cell)),
    );
    const spinner = Array.from(root.querySelectorAll('.xdp-view__spinner')).some(
      (el) => (el as HTMLElement).offsetParent !== null,
    );
    const base = { rows, spinner, blocked: null, settingsButton: false, kind: null, title: '', text: '' };
    if (alert) {
      return {
        ...base,
        state: 'error',
        kind: alert.getAttribute('data-kind'),
        title: text(alert.querySelector('.xdp-view__status-title')),
        text: text(alert),
        blocked: alert.querySelector('.xdp-view__status-blocked') ? text(alert.querySelector('.xdp-view__status-blocked')) : null,
        settingsButton: alert.querySelector('button') !== null,
      };
    }
    if (root.querySelector('.xdp-view__status--no-key')) return { ...base, state: 'no-key', title: text(root.querySelector('.xdp-view__status-title')) };
    if (rows.length > 0) return { ...base, state: 'table' };
    const empty = root.querySelector('.xdp-view__status--empty');
    if (empty) return { ...base, state: 'empty', title: text(empty.querySelector('.xdp-view__status-title')) };
    return { ...base, state: 'blank' };
  });
}

/** One line for the summary: what the user saw. */
export function describeSeen(seen: Seen): string {
  switch (seen.state) {
    case 'table': {
      const first = seen.rows[0]?.map((cell) => (cell.length > 24 ? `${cell.slice(0, 20)}…(${cell.length})` : cell)).join(' ');
      return `table, ${seen.rows.length} row(s); first: ${first ?? ''}`;
    }
    case 'empty':
      return `"${seen.title}"`;
    case 'error': {
      const codes = /Code: -?\d+|HTTP status: \d+/g;
      const found = seen.text.match(codes)?.join(', ');
      const parts = [`"${seen.title}"`];
      if (found) parts.push(found);
      if (seen.blocked) parts.push(`blocked: "${seen.blocked}"`);
      if (seen.settingsButton) parts.push('[Open settings]');
      return parts.join(' · ');
    }
    default:
      return seen.state;
  }
}

// ---- the summary -------------------------------------------------------------------------------

export interface SummaryRow {
  group: string;
  scenario: string;
  /** Calls the mock recorded for this case. */
  calls: number;
  /** What the case allows (a number, or a range such as "2–4"). */
  expectedCalls: string;
  saw: string;
  /** From navigation to the settled panel. */
  ms: number;
}

const rows: SummaryRow[] = [];

export function record(row: SummaryRow): void {
  rows.push(row);
}

export const SUMMARY_FILE = path.join(ROOT, 'test-results', 'faults-summary.json');

/** Merge this file's rows into the summary JSON (rows of the same groups are replaced) and print them. */
export function writeSummary(): void {
  if (rows.length === 0) return;
  const groups = new Set(rows.map((r) => r.group));
  let existing: SummaryRow[];
  try {
    existing = (JSON.parse(readFileSync(SUMMARY_FILE, 'utf8')) as { rows?: SummaryRow[] }).rows ?? [];
  } catch {
    existing = [];
  }
  const merged = [...existing.filter((r) => !groups.has(r.group)), ...rows];
  mkdirSync(path.dirname(SUMMARY_FILE), { recursive: true });
  writeFileSync(SUMMARY_FILE, `${JSON.stringify({ written: new Date().toISOString(), rows: merged }, null, 2)}\n`);
  const lines = rows.map((r) => `| ${r.group} | ${r.scenario} | ${r.calls} (${r.expectedCalls}) | ${r.saw} |`);
  console.log(['', '| group | scenario | calls (allowed) | what the user saw |', '|---|---|---|---|', ...lines].join('\n'));
  rows.length = 0;
}

// ---- running cases -----------------------------------------------------------------------------

export interface FaultCase {
  scenario: string;
  /** What the mock answers for this case's creator id (a sequence: one per request). */
  mock: Scenario | Scenario[];
  /** Exact number of calls, or [min, max]. */
  calls: number | readonly [number, number];
  /** Checks on what the panel shows. */
  expect: (seen: Seen, ctx: { id: string; page: Page }) => void | Promise<void>;
  /** Settle timeout (default 20 s). */
  timeout?: number;
}

export function callsLabel(calls: FaultCase['calls']): string {
  return typeof calls === 'number' ? String(calls) : `${calls[0]}–${calls[1]}`;
}

function expectCalls(actual: number, calls: FaultCase['calls'], label: string): void {
  if (typeof calls === 'number') expect(actual, `${label}: calls`).toBe(calls);
  else {
    expect(actual, `${label}: calls`).toBeGreaterThanOrEqual(calls[0]);
    expect(actual, `${label}: calls`).toBeLessThanOrEqual(calls[1]);
  }
}

/**
 * Show one creator on `page` and read the settled panel. When the page already shows a creator,
 * it moves in the app (history.pushState, like a click on Xingtu: the panel stays and follows);
 * `reload: true` loads the page afresh instead.
 */
export async function showCreator(page: Page, id: string, options: { timeout?: number; reload?: boolean } = {}): Promise<{ seen: Seen; ms: number }> {
  const start = Date.now();
  const url = creatorPageUrl(id);
  const { frame } = panel(page);
  const inApp = !options.reload && page.url().startsWith(creatorPageUrl('')) && (await frame.locator('.xdp-view').count()) > 0;
  if (inApp) {
    await page.evaluate((href) => {
      history.pushState({}, '', href);
      dispatchEvent(new PopStateEvent('popstate'));
    }, url);
  } else {
    await page.goto(url);
  }
  // The panel shows this creator (not the previous one's settled state), settled.
  const seen = await settledPanel(frame, options.timeout, id);
  return { seen, ms: Date.now() - start };
}

/**
 * Run a table of cases in `tabs` tabs of one browser (cases are independent: each has its own
 * creator id and scenario), check what each panel shows and how many calls were made, and
 * record the figures. After the table, the counts are checked again (no late retries).
 */
export async function runCases(
  context: BrowserContext,
  mockApi: MockApi,
  group: string,
  cases: readonly FaultCase[],
  options: { tabs?: number; settleMs?: number } = {},
): Promise<void> {
  const tabs = Math.max(1, Math.min(options.tabs ?? 4, cases.length));
  // Longest first (retried cases wait for their back-off), so the waits overlap the quick cases.
  const weight = (c: FaultCase) => (c.timeout ?? 0) + (typeof c.calls === 'number' ? c.calls : c.calls[1]);
  const order = [...cases].sort((a, b) => weight(b) - weight(a));
  const pages: Page[] = [];
  for (let i = 0; i < tabs; i++) pages.push(await context.newPage());
  const done: { c: FaultCase; id: string }[] = [];
  let next = 0;
  const failures: string[] = [];
  await Promise.all(
    pages.map(async (page) => {
      for (let i = next++; i < order.length; i = next++) {
        const c = order[i];
        if (!c) continue;
        const id = freshId();
        mockApi.setScenario(id, c.mock);
        try {
          const { seen, ms } = await showCreator(page, id, { timeout: c.timeout });
          expect(seen.spinner, `${c.scenario}: no spinner left`).toBe(false);
          expect(seen.state, `${c.scenario}: never a blank panel`).not.toBe('blank');
          await c.expect(seen, { id, page });
          const calls = mockApi.calls({ path: DIST_PATH, oAuthorId: id }).length;
          expectCalls(calls, c.calls, c.scenario);
          record({ group, scenario: c.scenario, calls, expectedCalls: callsLabel(c.calls), saw: describeSeen(seen), ms });
          done.push({ c, id });
        } catch (error) {
          failures.push(`${c.scenario}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }),
  );
  await Promise.all(pages.map((p) => p.close()));
  expect(failures, `${group}: failed cases`).toEqual([]);
  // Nothing is called after the panel showed its answer (a late retry would cost money unseen).
  await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 1_200));
  for (const { c, id } of done) expectCalls(mockApi.calls({ path: DIST_PATH, oAuthorId: id }).length, c.calls, `${c.scenario} (later)`);
}

// ---- settings and key --------------------------------------------------------------------------

/** Set the request timeout through the options page's Advanced section. */
export async function setRequestTimeout(page: Page, extensionId: string, seconds: number): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const field = page.getByLabel('Request timeout (seconds)');
  if (!(await field.isVisible())) await page.getByText('Advanced', { exact: true }).click();
  await field.fill(String(seconds));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
}

/** Another API key, written straight into the extension's storage (as the options page would). */
export async function useKey(serviceWorker: Worker, key: string): Promise<void> {
  await serviceWorker.evaluate(async (k) => {
    await chrome.storage.local.set({ apiKey: k });
  }, key);
}

/** The gaps between consecutive calls, in ms. */
export function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] ?? t));
}
