/**
 * Timings read inside the list page (list.html) for the benchmark (scripts/bench/lists.ts): how
 * long the seeded table takes to appear, and how long a user's action (a column header clicked,
 * a focus category chosen, a word typed into the filter box) takes until the table is updated.
 * Everything is timed with performance.now() in the page, so Playwright's round trips add nothing.
 * In-page code has no named helper functions: tsx would wrap them in one the page does not have.
 */
import type { Page } from '@playwright/test';
import type { LongTask } from './page-timing';

/**
 * Installed before the list page's scripts (with BENCH_INIT_SCRIPT, which records long tasks).
 * Opened as list.html#rows=N, it records when the table first has a row, the end of the frame
 * that first shows a row with its results (`data-status="done"`; the page renders a long table in
 * chunks, the first ones at once), when it has N rows with their results, and the end of the frame
 * that shows them (a timer queued from requestAnimationFrame runs once that frame's style, layout
 * and paint are done).
 */
export const LIST_INIT_SCRIPT = `(() => {
  if (location.protocol !== 'chrome-extension:' || location.pathname !== '/list.html') return;
  const want = Number(new URLSearchParams(location.hash.slice(1)).get('rows') || 0);
  const marks = (window.__benchList = { firstRow: null, firstShown: null, filled: null, shown: null });
  if (want <= 0) return;
  let firstDone = false;
  const observer = new MutationObserver(() => {
    if (marks.firstRow === null && document.querySelector('table tbody tr')) marks.firstRow = performance.now();
    if (!firstDone && document.querySelector('table tbody tr[data-status="done"]')) {
      firstDone = true;
      requestAnimationFrame(() => setTimeout(() => { marks.firstShown = performance.now(); }, 0));
    }
    if (document.querySelectorAll('table tbody tr[data-status="done"]').length >= want) {
      marks.filled = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => { marks.shown = performance.now(); }, 0));
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-status'] });
})();`;

/** One opening of list.html: ms from navigation start, and the long tasks until then. */
export interface ListLoad {
  firstRow: number;
  /** The end of the frame that first showed a row with its results. */
  firstShown: number;
  filled: number;
  shown: number;
  longTasks: LongTask[];
}

/** Wait for the table of list.html#rows=N to be shown; its times and long tasks so far. */
export async function listLoad(page: Page, timeout: number): Promise<ListLoad> {
  await page
    .waitForFunction(() => (window as unknown as { __benchList?: { shown: number | null } }).__benchList?.shown != null, undefined, { timeout })
    .catch((error: unknown) => {
      throw new Error(`bench: ${page.url()} never showed its rows with results (records not read as seeded?)`, { cause: error });
    });
  return page.evaluate(() => {
    const w = window as unknown as { __benchList: Omit<ListLoad, 'longTasks'>; __benchLongTasks?: LongTask[] };
    return { ...w.__benchList, longTasks: [...(w.__benchLongTasks ?? [])] };
  });
}

/**
 * What the user does: click a column header (by its label, any of the page's languages), tick
 * or untick a focus category, or type into the filter box (a word at once, as a Chinese input
 * method commits it; '' clears the box).
 */
export type ListAction =
  | { kind: 'sort'; labels: readonly string[] }
  | { kind: 'focus'; category: string }
  | { kind: 'filter'; text: string };

/**
 * One action, in page time: started, DOM changed (null: it did not), the next frame done, and the
 * frame done after the table has every row (it renders long tables in chunks and is aria-busy
 * until the last one is in; `complete` is `frame` when it had them at once).
 */
export interface ActionTiming {
  start: number;
  dom: number | null;
  frame: number;
  complete: number;
}

/**
 * Do `action` inside the page and time it: performance.now() just before the click (or input
 * event), the first DOM change after it (a MutationObserver: Preact renders in a microtask, so
 * this is the end of its commit), the end of the next frame (style, layout and paint of the
 * changed table), and the end of the frame after the table stopped being aria-busy.
 */
export async function timeAction(page: Page, action: ListAction): Promise<ActionTiming> {
  return page.evaluate(async (a) => {
    let target: HTMLElement | undefined;
    if (a.kind === 'sort') {
      target = [...document.querySelectorAll<HTMLButtonElement>('table thead th button')].find((b) =>
        a.labels.includes((b.textContent ?? '').replace(/[▲▼↕]/g, '').trim()),
      );
    } else if (a.kind === 'focus') {
      target = [...document.querySelectorAll<HTMLInputElement>('.xdp-list__focus-picker input[type="checkbox"]')].find(
        (input) => (input.closest('label')?.textContent ?? '').trim().split(/\s/)[0] === a.category,
      );
    } else {
      target = document.querySelector<HTMLInputElement>('input[type="search"]') ?? undefined;
    }
    if (!target) throw new Error(`bench: no target on the list page for ${JSON.stringify(a)}`);
    let dom: number | null = null;
    const observer = new MutationObserver(() => {
      if (dom === null) dom = performance.now();
    });
    observer.observe(document.querySelector('main') ?? document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    const start = performance.now();
    if (a.kind === 'filter') {
      (target as HTMLInputElement).value = a.text;
      target.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: a.text }));
    } else {
      target.click();
    }
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    observer.disconnect();
    const frame = performance.now();
    if (!document.querySelector('table[aria-busy="true"]')) return { start, dom, frame, complete: frame };
    await new Promise<void>((resolve) => {
      const busy = new MutationObserver(() => {
        if (document.querySelector('table[aria-busy="true"]')) return;
        busy.disconnect();
        requestAnimationFrame(() => setTimeout(resolve, 0));
      });
      busy.observe(document.querySelector('main') ?? document.body, { subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
    });
    return { start, dom, frame, complete: performance.now() };
  }, action);
}

/** Rows in the table body now. */
export async function tableRowCount(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('table tbody tr').length);
}

/** The long tasks the page has recorded so far. */
export async function longTasksOf(page: Page): Promise<LongTask[]> {
  return page.evaluate(() => [...((window as unknown as { __benchLongTasks?: LongTask[] }).__benchLongTasks ?? [])]);
}
