import { useEffect, useState } from 'preact/hooks';

/**
 * Rows the table renders at once after the user changes what it shows (a sort, the filter, the
 * focus categories): more than the scrolling box shows on a tall screen. The rest follow in
 * chunks of GROW_ROWS, one task each, after the browser has drawn the previous ones; so no task
 * lays out and paints the whole table (200 rows at once took 90–170 ms on a busy 2-core machine).
 */
export const FIRST_ROWS = 40;
export const GROW_ROWS = 40;
/** The longest a chunk waits for the browser to be idle. */
const GROW_TIMEOUT_MS = 100;

type Cancel = () => void;

/** Run `task` once the browser is idle (after its next frame), or after GROW_TIMEOUT_MS at the latest. */
function whenIdle(task: () => void): Cancel {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: GROW_TIMEOUT_MS });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 16);
  return () => clearTimeout(handle);
}

/**
 * How many of `total` rows to render now. `view` names what the rows are (sort, filter, focus …):
 * when it changes, the count starts again at FIRST_ROWS and grows to `total`. Other changes (a
 * run's progress) keep the rows already rendered; more rows than before (creators added) come
 * in chunks too. Every row is rendered in the end.
 */
export function useGrowingCount(total: number, view: string): number {
  const [grown, setGrown] = useState({ view, count: FIRST_ROWS });
  const count = grown.view === view ? grown.count : FIRST_ROWS;
  useEffect(() => {
    // Fewer rows than rendered before (some were removed): count from those, so rows added later grow.
    const most = Math.max(total, FIRST_ROWS);
    if (count > most) setGrown({ view, count: most });
    if (count >= total) return undefined;
    return whenIdle(() => setGrown({ view, count: count + GROW_ROWS }));
  }, [view, count, total]);
  return Math.min(count, total);
}
