/**
 * The list page's figures (scripts/bench/main.ts), in a Chromium of their own with the extension:
 *   - a list of LIST_TABLE_ROWS creators with results, written into storage.local through the
 *     service worker in the background's shapes (scripts/bench/list-seed.ts): list.html opened
 *     RUNS times (→ first rows, → every row shown), then RUNS rounds of the user's table actions
 *     (LIST_ACTIONS), each timed inside the page (scripts/bench/list-timing.ts) with its long tasks;
 *   - a run of LIST_RUN_CREATORS fresh Xingtu creators for each API delay of LIST_RUN_DELAYS,
 *     started with the page's Start button, until the stored run is 'done', against the mock's
 *     record of the calls (scripts/bench/list-run-figures.ts).
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { configureExtension, extensionIdOf, extensionServiceWorker, launchExtension } from '../../e2e/harness';
import { DISTRIBUTION_PATH, type MockApi } from '../../e2e/mock-api';
import { DEFAULT_RUN_CONCURRENCY, type CreatorList } from '../../utils/shared/creator-lists';
import { mainThreadTasks, traceDuring, type MainThreadTask } from './cdp';
import { API_KEY, RUNS, TIMEOUT } from './config';
import type { ListRunSample } from './list-run-figures';
import { LISTS_STORAGE_KEY, SEED_FILTER_WORD, SEED_FOCUS_CATEGORY, resultsStorageKey, seedIds, seedList, seedResults, seedState } from './list-seed';
import { LIST_INIT_SCRIPT, listLoad, longTasksOf, tableRowCount, timeAction, type ListAction, type ListLoad } from './list-timing';
import { HANDS_OFF_MS, type LongTask } from './page-timing';
import type { Report } from './report';
import { BENCH_INIT_SCRIPT, freshCreator } from './setup';

export const LIST_TABLE_ROWS = 200;
export const LIST_RUN_CREATORS = 50;
/** The mock API's answer time per call in the timed runs: a fixed delay, and none. */
export const LIST_RUN_DELAYS = [100, 0] as const;
/** Column header and button labels, in either language of the page. */
const NAME_LABELS = ['Creator', '达人'];
const FOCUS_LABELS = ['Focus share', '关注占比'];
const START_LABELS = ['Start', '开始'];
/** Pause after each action, so its effects and long tasks are over before the next. */
const SETTLE_MS = 300;

/** The timed table actions, in the order of a round (the last restores the first's state); label '' is not reported. */
export const LIST_ACTIONS: readonly { key: string; label: string; action: ListAction }[] = [
  { key: 'focus', label: `tick the focus category ${SEED_FOCUS_CATEGORY} (adds Focus share)`, action: { kind: 'focus', category: SEED_FOCUS_CATEGORY } },
  { key: 'sort-focus', label: 'sort by Focus share', action: { kind: 'sort', labels: FOCUS_LABELS } },
  { key: 'sort-name', label: 'sort by name', action: { kind: 'sort', labels: NAME_LABELS } },
  { key: 'filter', label: `filter: type ${SEED_FILTER_WORD}`, action: { kind: 'filter', text: SEED_FILTER_WORD } },
  { key: 'filter-clear', label: 'filter: clear the box', action: { kind: 'filter', text: '' } },
  { key: 'unfocus', label: '', action: { kind: 'focus', category: SEED_FOCUS_CATEGORY } },
];

/** One timed action: ms from the click to the next frame, to the DOM change and to every row in, its longest task, rows shown after. */
export interface ListActionSample {
  ms: number;
  dom: number | null;
  complete: number;
  longest: number;
  rows: number;
}

export interface ListFigures {
  rows: number;
  loads: ListLoad[];
  actions: Record<string, ListActionSample[]>;
  /** Main-thread tasks of the extension's renderer during one more round of the actions, traced. */
  tracedTasks: MainThreadTask[];
  runs: ListRunSample[];
}

export async function measureLists(report: Report, mock: MockApi): Promise<void> {
  const launched = await launchExtension({ onBlocked: (url) => report.blocked.push(url), routing: 'fixtures' });
  const { context } = launched;
  try {
    await context.addInitScript({ content: BENCH_INIT_SCRIPT });
    await context.addInitScript({ content: LIST_INIT_SCRIPT });
    const worker = await extensionServiceWorker(context);
    const extensionId = extensionIdOf(worker);
    const options = context.pages()[0] ?? (await context.newPage());
    await configureExtension(options, { apiKey: API_KEY, endpoint: 'custom', customUrl: mock.url, extensionId });
    const listUrl = `chrome-extension://${extensionId}/list.html`;

    const now = Date.now();
    const table = seedList('bench-table', `Bench ${LIST_TABLE_ROWS}`, seedIds(LIST_TABLE_ROWS), now);
    await seed(worker, { [LISTS_STORAGE_KEY]: seedState([table], table.id), [resultsStorageKey(table.id)]: seedResults(table, now) });

    const figures: ListFigures = { rows: LIST_TABLE_ROWS, loads: [], actions: {}, tracedTasks: [], runs: [] };
    let page: Page | null = null;
    for (let i = 0; i <= RUNS; i += 1) {
      await page?.close();
      page = await openTable(context, `${listUrl}#rows=${LIST_TABLE_ROWS}`);
      const load = await listLoad(page, TIMEOUT);
      load.longTasks = load.longTasks.filter((t) => t.start < load.shown);
      if (i > 0) figures.loads.push(load); // the first opening warms up, not counted
    }
    if (!page) throw new Error('bench: no list page');
    figures.actions = await tableActions(page);
    // One more round, traced: the CPU time of each main-thread task (on a busy machine a task can
    // take long because another process had the core).
    const shown = page;
    const events = await traceDuring(context, shown, async () => void (await actionRound(shown)), 'toplevel');
    figures.tracedTasks = mainThreadTasks(events).extension;
    await page.close();

    for (const delayMs of LIST_RUN_DELAYS) figures.runs.push(await timedRun(context, worker, mock, listUrl, table, delayMs));
    report.lists = figures;
  } finally {
    await launched.close();
  }
}

/** Write records into storage.local from the service worker (as the background does). */
async function seed(worker: Worker, records: Record<string, unknown>): Promise<void> {
  await worker.evaluate((items) => chrome.storage.local.set(items), records);
}

async function openTable(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForTimeout(HANDS_OFF_MS);
  return page;
}

interface TimedAction {
  key: string;
  start: number;
  ms: number;
  dom: number | null;
  complete: number;
  rows: number;
}

/** Every action of LIST_ACTIONS once, each followed by SETTLE_MS. */
async function actionRound(page: Page): Promise<TimedAction[]> {
  const done: TimedAction[] = [];
  for (const { key, action } of LIST_ACTIONS) {
    const t = await timeAction(page, action);
    await page.waitForTimeout(SETTLE_MS);
    done.push({
      key,
      start: t.start,
      ms: t.frame - t.start,
      dom: t.dom === null ? null : t.dom - t.start,
      complete: t.complete - t.start,
      rows: await tableRowCount(page),
    });
  }
  return done;
}

/** RUNS rounds of LIST_ACTIONS on the open table; each with the long tasks from its start to the next action's. */
async function tableActions(page: Page): Promise<Record<string, ListActionSample[]>> {
  await page.waitForTimeout(SETTLE_MS);
  const done: TimedAction[] = [];
  for (let round = 0; round < RUNS; round += 1) done.push(...(await actionRound(page)));
  const tasks: LongTask[] = await longTasksOf(page);
  const out: Record<string, ListActionSample[]> = {};
  done.forEach((d, i) => {
    const until = done[i + 1]?.start ?? Number.POSITIVE_INFINITY;
    const mine = tasks.filter((t) => t.start + t.duration > d.start && t.start < until);
    (out[d.key] ??= []).push({ ms: d.ms, dom: d.dom, complete: d.complete, rows: d.rows, longest: Math.max(0, ...mine.map((t) => t.duration)) });
  });
  return out;
}

/** A run of LIST_RUN_CREATORS fresh creators the mock answers in `delayMs`, started from the page. */
async function timedRun(context: BrowserContext, worker: Worker, mock: MockApi, listUrl: string, table: CreatorList, delayMs: number): Promise<ListRunSample> {
  const ids = Array.from({ length: LIST_RUN_CREATORS }, () => freshCreator(mock));
  for (const id of ids) if (delayMs > 0) mock.setScenario(id, { delayMs });
  const list = seedList(`bench-run-${delayMs}`, `Bench run ${delayMs} ms`, ids, Date.now());
  await seed(worker, { [LISTS_STORAGE_KEY]: seedState([table, list], list.id) });
  const page = await context.newPage();
  try {
    await page.goto(listUrl, { waitUntil: 'commit' });
    await page.waitForTimeout(HANDS_OFF_MS);
    // Start is enabled once the page has the run's estimate.
    await page.waitForFunction(
      (labels) => [...document.querySelectorAll<HTMLButtonElement>('.xdp-list__run button')].some((b) => labels.includes((b.textContent ?? '').trim()) && !b.disabled),
      START_LABELS,
      { timeout: TIMEOUT },
    );
    const estimate = (await page.locator('[data-testid="estimate"]').textContent()) ?? '';
    const times = await page.evaluate(
      async ({ listId, labels, timeout }) => {
        const start = [...document.querySelectorAll<HTMLButtonElement>('.xdp-list__run button')].find((b) => labels.includes((b.textContent ?? '').trim()));
        if (!start) throw new Error('bench: no Start button');
        const done = new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('bench: the list run did not finish')), timeout);
          chrome.storage.onChanged.addListener((changes, area) => {
            const run = changes.listRun?.newValue as { listId?: string; status?: string; stopReason?: unknown } | undefined;
            if (area !== 'local' || run?.listId !== listId) return;
            if (run.status === 'done') resolve(Date.now());
            if (run.status === 'stopped') reject(new Error(`bench: the list run stopped: ${JSON.stringify(run.stopReason)}`));
            if (run.status === 'done' || run.status === 'stopped') clearTimeout(timer);
          });
        });
        const clickedAt = Date.now();
        start.click();
        return { clickedAt, doneAt: await done };
      },
      { listId: list.id, labels: START_LABELS, timeout: TIMEOUT * 6 },
    );
    const run = await worker.evaluate(async () => (await chrome.storage.local.get('listRun')).listRun as ListRunSample['run']);
    const mine = new Set(ids);
    const calls = mock
      .calls({ path: DISTRIBUTION_PATH })
      .filter((c) => c.oAuthorId !== null && mine.has(c.oAuthorId))
      .map(({ oAuthorId, platform, time, doneAt }) => ({ oAuthorId, platform, time, doneAt }));
    const { status, finished, total, paidCalls, startedAt, updatedAt } = run;
    return {
      delayMs,
      concurrency: DEFAULT_RUN_CONCURRENCY,
      creators: ids.length,
      estimate: estimate.trim(),
      ...times,
      run: { status, finished, total, paidCalls, startedAt, updatedAt },
      calls,
    };
  } finally {
    for (const id of ids) mock.clearScenario(id);
    await page.close();
  }
}
