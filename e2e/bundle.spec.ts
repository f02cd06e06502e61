import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { test, expect } from '@playwright/test';
import { EXTENSION_DIR, builtManifest } from './harness';

// Checks on the built extension itself (no browser needed).

const contentScript = () => readFileSync(path.join(EXTENSION_DIR, 'content-scripts', 'creator-pages.js'));

test('the content script on every Xingtu page stays tiny and carries no UI or chart code', () => {
  const code = contentScript();
  expect(gzipSync(code).length).toBeLessThanOrEqual(8 * 1024);
  const text = code.toString('utf8');
  // Chart.js and Preact load only inside the panel iframe, on creator pages.
  expect(text).not.toMatch(/doughnut/i); // Chart.js's controller id
  expect(text).not.toContain('dangerouslySetInnerHTML'); // a name only Preact's renderer carries
});

test('Chart.js is bundled once, in the chunk shared by the panel and the popup', () => {
  const dir = path.join(EXTENSION_DIR, 'chunks');
  const withChart = readdirSync(dir).filter((f) => /doughnut/.test(readFileSync(path.join(dir, f), 'utf8')));
  expect(withChart).toHaveLength(1);
  expect(readFileSync(path.join(EXTENSION_DIR, 'background.js'), 'utf8')).not.toMatch(/doughnut/);
});

test('the manifest asks only for what is used', () => {
  const manifest = builtManifest();
  expect(manifest.permissions).toEqual(['storage']);
  expect(manifest.host_permissions).toEqual(['https://api.justoneapi.com/*', 'http://47.117.133.51:30015/*']);
  expect(manifest.optional_permissions).toBeUndefined();
  const csp = manifest.content_security_policy as { extension_pages?: string } | undefined;
  // No remote code: the default MV3 policy (script-src 'self') or a stricter one.
  if (csp?.extension_pages) expect(csp.extension_pages).not.toMatch(/unsafe-eval|https?:/);
});
