import { test, expect } from '@playwright/test';
import { EXTENSION_DIR } from './harness';
import { kb, readBundle } from '../scripts/bundle-sizes';

// The list page badges are a chunk of their own (entrypoints/list-badges.ts), which the content
// script imports only on list pages (utils/page/badge-loader.ts): no other page pays for it.

test('the badge chunk is separate, small, and carries no UI library, chart or polyfill', () => {
  const bundle = readBundle(EXTENSION_DIR);
  const chunk = bundle.files.find((f) => f.file === 'list-badges.js');
  expect(chunk, 'list-badges.js in the build').toBeDefined();
  expect(chunk!.gzip, `list-badges.js is ${kb(chunk!.gzip)} gzipped`).toBeLessThanOrEqual(8 * 1024);
  expect(chunk!.dependencies).toEqual([]);
  // Not part of what the content script loads on every page.
  expect(bundle.entryTotals['content script'].files).not.toContain('list-badges.js');
});
