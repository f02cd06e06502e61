/**
 * User Timing marks the benchmark (scripts/bench/main.ts) reads. They cost one `performance.mark` per
 * event and are made only on creator pages / in the panel, never on other pages.
 */

/** On the page (content script): the URL is a creator page and the panel was told. */
export const DETECTED_MARK = 'xingtu-distribution:detected';

/** In the panel document: its code started (all its modules loaded and run). */
export const PANEL_STARTED_MARK = 'xingtu-distribution:panel-started';

/** In the panel document: the content script said which creator the tab shows (first time). */
export const CREATOR_KNOWN_MARK = 'xingtu-distribution:creator-known';

/** In the panel / popup document: a chart finished its first draw (also `data-drawn` on the canvas). */
export const CHART_DRAWN_MARK = 'xingtu-distribution:chart-drawn';

/** `performance.mark` that never throws (a page may have replaced or broken it). */
export function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // no timing then; nothing depends on it
  }
}
