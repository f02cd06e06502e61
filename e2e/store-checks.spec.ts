/**
 * The stores' checks, on the packages `npm run zip` makes (issue 13, items 8–9):
 * - the four files carry the version in their names (chrome, edge, firefox, sources);
 * - `web-ext lint` (Mozilla's own linter, as AMO runs it) passes on the Firefox package: no
 *   errors, and only the warnings docs/store.md explains;
 * - the Chrome package uses every permission it asks for, loads no remote code, and its
 *   minimum_chrome_version is the newest feature it uses (scripts/store/chrome-features.ts);
 * - the Edge package is the Chrome one and loads: unzipped into Chromium (the engine Edge is
 *   built on; no Edge binary here), its background starts and its options page renders.
 * The zips go to a folder of their own (<WXT_OUT_DIR>-zip), so the build the other specs use
 * is left alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { extensionIdOf, extensionServiceWorker, launchExtension } from './harness';
import { requiredChromeVersion } from '../scripts/store/chrome-features';
import { ROOT, STORE_PACKAGES, packageFileName, packageInfo } from '../scripts/store/packages';

const ZIP_DIR_NAME = `${process.env.WXT_OUT_DIR ?? '.output'}-zip`;
const ZIP_DIR = path.resolve(ROOT, ZIP_DIR_NAME);
const info = packageInfo();
const zipPath = (which: (typeof STORE_PACKAGES)[number]): string => path.join(ZIP_DIR, packageFileName(info, which));
const unpacked: string[] = [];

function unzip(file: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'xdl-pkg-'));
  unpacked.push(dir);
  execFileSync('unzip', ['-q', file, '-d', dir]);
  return dir;
}

function filesOf(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(ext)).map((f) => path.join(dir, f));
}
const readAll = (files: string[]): string => files.map((f) => readFileSync(f, 'utf8')).join('\n');

test.beforeAll(() => {
  test.setTimeout(180_000);
  rmSync(ZIP_DIR, { recursive: true, force: true });
  execFileSync('npm', ['run', 'zip'], { cwd: ROOT, env: { ...process.env, WXT_OUT_DIR: ZIP_DIR_NAME }, stdio: 'pipe' });
});

test.afterAll(() => {
  for (const dir of unpacked) rmSync(dir, { recursive: true, force: true });
});

test('npm run zip writes the chrome, edge, firefox and sources packages with the version in their names', () => {
  expect(info.version).toBe('1.0.0');
  const zips = readdirSync(ZIP_DIR).filter((f) => f.endsWith('.zip')).sort();
  expect(zips).toEqual(STORE_PACKAGES.map((w) => packageFileName(info, w)).sort());
  expect(zips).toContain('xingtu-distribution-lens-1.0.0-firefox.zip');
  // Edge gets the Chrome package, byte for byte.
  expect(readFileSync(zipPath('edge')).equals(readFileSync(zipPath('chrome')))).toBe(true);
  for (const which of ['chrome', 'firefox'] as const) {
    const manifest = JSON.parse(readFileSync(path.join(unzip(zipPath(which)), 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.version, which).toBe(info.version);
  }
});

test('both packages take their name and description from _locales (zh_CN by default, en)', () => {
  for (const which of ['chrome', 'firefox'] as const) {
    const dir = unzip(zipPath(which));
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.name, which).toBe('__MSG_extName__');
    expect(manifest.description, which).toBe('__MSG_extDescription__');
    expect(manifest.default_locale, which).toBe('zh_CN');
    const action = (manifest.action ?? manifest.browser_action) as { default_title?: string } | undefined;
    expect(action?.default_title, which).toBe('__MSG_extName__');
    for (const locale of ['zh_CN', 'en']) {
      const messages = JSON.parse(readFileSync(path.join(dir, '_locales', locale, 'messages.json'), 'utf8')) as Record<string, { message?: string }>;
      expect(messages.extName?.message, `${which} ${locale}`).toBeTruthy();
      expect(messages.extDescription?.message, `${which} ${locale}`).toBeTruthy();
    }
  }
});

test('the sources package has what a reviewer needs to rebuild, and no build output or dependencies', () => {
  const list = execFileSync('unzip', ['-Z1', zipPath('sources')], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'docs/store.md', 'entrypoints/background.ts', 'public/_locales/zh_CN/messages.json']) {
    expect(list, needed).toContain(needed);
  }
  expect(list.filter((f) => /(^|\/)node_modules\/|^\.output|^demo-output\/|^test-results\//.test(f))).toEqual([]);
});

test('web-ext lint passes on the Firefox package: no errors, only the explained warnings', () => {
  const dir = unzip(zipPath('firefox'));
  const bin = path.join(ROOT, 'node_modules', '.bin', 'web-ext');
  let out: string;
  try {
    out = execFileSync(bin, ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // web-ext exits 1 on errors; the JSON is still on stdout.
    out = String((error as { stdout?: unknown }).stdout ?? '');
  }
  const report = JSON.parse(out) as {
    errors: { code: string; message: string; file?: string }[];
    warnings: { code: string; message: string; file?: string }[];
    notices: { code: string }[];
  };
  expect(report.errors).toEqual([]);
  expect(report.notices).toEqual([]);
  // Explained in docs/store.md: Preact's renderer can set innerHTML for `dangerouslySetInnerHTML`,
  // which no component uses (checked below); the content script imports its two chunks of the
  // extension's own (checked below). Any other warning fails.
  const isImport = (w: { code: string; message: string; file?: string }) =>
    w.code === 'UNSAFE_VAR_ASSIGNMENT' && /call to import/.test(w.message) && w.file === 'content-scripts/creator-pages.js';
  const unexplained = report.warnings.filter((w) => !(w.code === 'UNSAFE_VAR_ASSIGNMENT' && /innerHTML/.test(w.message)) && !isImport(w));
  expect(unexplained).toEqual([]);
  const imports = report.warnings.filter(isImport);
  if (imports.length > 0) {
    const script = readFileSync(path.join(dir, 'content-scripts/creator-pages.js'), 'utf8');
    expect(imports.length, 'one import( per loader').toBeLessThanOrEqual(2);
    expect(script.match(/\bimport\(/g)?.length ?? 0).toBe(imports.length);
    expect(script).toContain('/list-badges.js');
    expect(script).toContain('/douyin-reader.js');
  }
  for (const w of report.warnings.filter((x) => !isImport(x))) {
    const text = readFileSync(path.join(dir, w.file ?? ''), 'utf8');
    expect(text, `${w.file} should hold Preact's renderer`).toContain('dangerouslySetInnerHTML');
  }
  const ownCode = readAll(['components', 'entrypoints', 'utils'].flatMap((d) => [...filesOf(path.join(ROOT, d), '.ts'), ...filesOf(path.join(ROOT, d), '.tsx')]));
  expect(ownCode).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML/);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  expect(manifest.manifest_version).toBe(2);
});

test('the Chrome package uses every permission it asks for and loads no remote code', () => {
  const dir = unzip(zipPath('chrome'));
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { permissions?: string[]; host_permissions?: string[] };
  const js = readAll(filesOf(dir, '.js'));
  const background = readFileSync(path.join(dir, 'background.js'), 'utf8');
  // How each permission shows in the code that needs it. A permission without a row fails:
  // add one saying where it is used, or drop the permission.
  const uses: Record<string, RegExp> = {
    storage: /\.storage\.(local|session|sync)\b/,
    alarms: /\.alarms\.(create|onAlarm)\b/,
  };
  for (const permission of manifest.permissions ?? []) {
    const use = uses[permission];
    expect(use, `no usage rule for the permission "${permission}"`).toBeDefined();
    expect(js, `the permission "${permission}" is not used`).toMatch(use ?? /$^/);
  }
  // Each host permission is an API endpoint the background calls.
  for (const host of manifest.host_permissions ?? []) {
    const origin = host.replace(/\/\*$/, '');
    expect(background, `host ${host} is not called by the background`).toContain(origin);
  }
  // No remote code: every script a page loads is in the package; no code is fetched or evaluated.
  for (const html of filesOf(dir, '.html')) {
    const srcs = [...readFileSync(html, 'utf8').matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1] ?? '');
    for (const src of srcs) {
      expect(src, `${path.basename(html)}: ${src}`).toMatch(/^\/(?!\/)/);
      expect(existsSync(path.join(dir, src)), src).toBe(true);
    }
  }
  expect(js).not.toMatch(/importScripts\(|import\(\s*["'`]https?:|\beval\(|new Function\(/);
});

test('minimum_chrome_version is the newest Chrome feature the package uses', () => {
  const dir = unzip(zipPath('chrome'));
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const need = requiredChromeVersion({
    js: readAll(filesOf(dir, '.js')),
    css: readAll(filesOf(dir, '.css')),
    manifest,
    source: (file) => readFileSync(path.join(ROOT, file), 'utf8'),
  });
  expect(manifest.minimum_chrome_version, `needed by: ${need.because.join('; ')}`).toBe(String(need.version));
});

test('the Edge package (the Chrome zip) loads: background starts, options page renders', async () => {
  test.setTimeout(60_000);
  const dir = unzip(zipPath('edge'));
  const launched = await launchExtension({ extensionDir: dir });
  try {
    const worker = await extensionServiceWorker(launched.context);
    const id = extensionIdOf(worker);
    const version = await worker.evaluate(() => chrome.runtime.getManifest().version);
    expect(version).toBe(info.version);
    const page = await launched.context.newPage();
    await page.goto(`chrome-extension://${id}/options.html`);
    await expect(page.locator('#app input').first()).toBeVisible();
    const icon = await page.evaluate(async () => (await fetch('/icon/128.png')).status);
    expect(icon).toBe(200);
  } finally {
    await launched.close();
  }
});
