import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { EXTENSION_DIR, builtManifest } from './harness';
import { DEPENDENCY_SIGNATURES, SIZE_BUDGETS, kb, readBundle, type BundleReport } from '../scripts/bundle-sizes';

// Checks on the built extension itself (no browser needed). The size budgets (docs/performance.md)
// are enforced here; `npm run bench` reports the same sizes with the timings.

let bundle: BundleReport;
test.beforeAll(() => {
  bundle = readBundle(EXTENSION_DIR);
});

const file = (name: string) => {
  const found = bundle.files.find((f) => f.file === name);
  if (!found) throw new Error(`${name} is not in the build`);
  return found;
};
const withDependency = (dep: string) => bundle.files.filter((f) => f.dependencies.includes(dep)).map((f) => f.file);

test('the content script on every Douyin/Xingtu page stays under 8 KB gzipped and carries no UI, chart or polyfill code', () => {
  const script = file('content-scripts/creator-pages.js');
  expect(script.gzip, `content script is ${kb(script.gzip)} gzipped`).toBeLessThanOrEqual(SIZE_BUDGETS.contentScript);
  // Chart.js, Preact and the panel load only inside the panel iframe, on creator pages.
  expect(script.dependencies).toEqual([]);
  expect(bundle.entryTotals['content script'].files).toEqual(['content-scripts/creator-pages.js']);
});

test('the panel, popup, options and list pages and the background stay within their size caps', () => {
  const caps = {
    panel: SIZE_BUDGETS.panelPage,
    popup: SIZE_BUDGETS.popupPage,
    options: SIZE_BUDGETS.optionsPage,
    list: SIZE_BUDGETS.listPage,
  } as const;
  for (const [entry, cap] of Object.entries(caps)) {
    const total = bundle.entryTotals[entry as keyof typeof caps];
    expect(total.files.length, `${entry} loads something`).toBeGreaterThan(1);
    expect(total.gzip, `${entry} page loads ${kb(total.gzip)} gzipped (${total.files.join(', ')})`).toBeLessThanOrEqual(cap);
  }
  // Before the settings form shows, the options page loads no chart (the Usage section comes after).
  const optionsFirst = bundle.initialTotals.options;
  expect(optionsFirst.gzip, `options page first loads ${kb(optionsFirst.gzip)} gzipped (${optionsFirst.files.join(', ')})`).toBeLessThanOrEqual(
    SIZE_BUDGETS.optionsInitial,
  );
  expect(optionsFirst.files.filter((f) => file(f).dependencies.includes('chart.js'))).toEqual([]);
  const background = file('background.js');
  expect(background.gzip, `background is ${kb(background.gzip)} gzipped`).toBeLessThanOrEqual(SIZE_BUDGETS.background);
  for (const f of bundle.files) expect(f.gzip, `${f.file} is ${kb(f.gzip)} gzipped`).toBeLessThanOrEqual(SIZE_BUDGETS.anyFile);
});

test('the signatures still find Chart.js and Preact (so the checks below see what they claim)', () => {
  // Other libraries may come and go (a build without one is fine); these two must be there.
  for (const dep of ['chart.js', 'preact']) expect(withDependency(dep), dep).not.toEqual([]);
});

test('Preact is bundled exactly once, and only for the extension pages', () => {
  const files = withDependency('preact');
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^chunks\//);
});

test('Chart.js: the doughnut copy for the panel and the popup, the bar copy for the list page and the options page’s Usage; no page loads both', () => {
  // One shared copy would carry the list page's bar chart into every panel (scripts/list-chart-plugin.ts).
  const copies = withDependency('chart.js').map(file);
  expect(copies.map((c) => c.file).every((f) => f.startsWith('chunks/'))).toBe(true);
  expect(copies.map((c) => [...c.loadedBy].sort().join(' ')).sort()).toEqual(['list options', 'panel popup']);
});

test('no other dependency is bundled twice among the chunks the extension pages share', () => {
  // The background and the content script are separate builds (no shared chunks): a library
  // both need is in each once. Within the pages' build, every library is in one chunk, except
  // Chart.js (see above: each page still loads it once).
  for (const dep of Object.keys(DEPENDENCY_SIGNATURES).filter((d) => d !== 'chart.js')) {
    const chunks = withDependency(dep).filter((f) => f.startsWith('chunks/'));
    expect(chunks.length, `${dep} in ${chunks.join(', ')}`).toBeLessThanOrEqual(1);
  }
});

test('the manifest asks only for what is used', () => {
  const manifest = builtManifest();
  expect(manifest.permissions).toEqual(['storage', 'alarms']);
  // Each permission is used: alarms wake a creator-list run at the end of a 302 cool-down.
  const background = readFileSync(path.join(EXTENSION_DIR, 'background.js'), 'utf8');
  expect(background).toMatch(/alarms\.create/);
  expect(background).toMatch(/alarms\.onAlarm/);
  expect(manifest.host_permissions).toEqual(['https://api.justoneapi.com/*', 'http://47.117.133.51:30015/*']);
  expect(manifest.optional_permissions).toBeUndefined();
  const csp = manifest.content_security_policy as { extension_pages?: string } | undefined;
  // No remote code: the default MV3 policy (script-src 'self') or a stricter one.
  if (csp?.extension_pages) expect(csp.extension_pages).not.toMatch(/unsafe-eval|https?:/);
});
