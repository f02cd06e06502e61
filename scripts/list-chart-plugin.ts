import type { Plugin } from 'vite';

/** The module that registers the list page's bar chart (components/list/chart-bars.ts). */
const LIST_CHART_MODULE = '/components/list/chart-bars.ts';

/**
 * Chart.js is one ES module: shared by two pages, its chunk would hold everything either page
 * registers, and the panel and the popup (the doughnut, components/chart-js.ts) would load the
 * list page's bar chart too (~8 KB gzipped more, parsed on every creator page). The list page
 * therefore gets a copy of its own, tree-shaken to the bar parts: its import of `chart.js` is
 * given another module id. Chart.js's helpers (its own shared chunk) stay shared.
 * e2e/bundle.spec.ts checks that no page loads both copies.
 */
export function listChartCopy(): Plugin {
  return {
    name: 'xdp-list-chart-copy',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source !== 'chart.js' || !importer?.replace(/\\/g, '/').endsWith(LIST_CHART_MODULE)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? { ...resolved, id: `${resolved.id}?list-page` } : null;
    },
  };
}
