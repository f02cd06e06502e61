/**
 * An extension update keeps the saved key and what the previous release stored. Chromium loads
 * a copy of the built extension in a profile of its own; the previous release's storage layout
 * (0.1.0: see tests/background/storage-upgrade.test.ts) is written; the browser is closed, the copy's
 * version raised, and the same profile opened again — Chrome updates the extension at that path
 * (same id, storage kept). The new version must use the key, the settings and the cached answer
 * as they were. (chrome.runtime.reload() would be closer, but an extension loaded with
 * --load-extension does not come back from it in this Chromium.)
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { EXTENSION_DIR, creatorPageUrl, extensionServiceWorker, launchExtension, waitForPanel, panel } from './harness';
import { DISTRIBUTION_PATH, startMockApi } from './mock-api';
import { FOOD_CREATOR_ID, MUSIC_CREATOR_ID } from './fixtures/creators';

const KEY = 'paid-key-from-0.1.0';

test('an update keeps the key, the settings and the cache of the previous storage layout', async () => {
  test.setTimeout(90_000);
  const mock = await startMockApi({ token: KEY });
  const dir = await mkdtemp(path.join(tmpdir(), 'xdp-upgrade-'));
  const extensionDir = path.join(dir, 'chrome-mv3');
  const userDataDir = path.join(dir, 'profile');
  await cp(EXTENSION_DIR, extensionDir, { recursive: true });
  try {
    // The previous version runs in the profile and leaves what 0.1.0 stored (as 0.1.0 wrote it:
    // no metadata, index version 1).
    const first = await launchExtension({ extensionDir, userDataDir });
    const before = await extensionServiceWorker(first.context);
    const id = new URL(before.url()).host;
    const version = await before.evaluate(() => chrome.runtime.getManifest().version);
    const cached = { rows: [{ name: '美食', count: 148, share: 1 }], fetchedAt: Date.now() - 3_600_000 };
    await before.evaluate(
      async ({ key, url, id, entry }) => {
        await chrome.storage.local.clear();
        await chrome.storage.local.set({
          apiKey: key,
          settings: { endpoint: 'custom', customUrl: url, cacheTtlHours: 24 },
          [`dist:SHORT_VIDEO:${id}`]: entry,
          distIndex: { [`dist:SHORT_VIDEO:${id}`]: entry.fetchedAt },
          panelCollapsed: false,
        });
      },
      { key: KEY, url: mock.url, id: FOOD_CREATOR_ID, entry: cached },
    );
    await first.close();

    // The update: a higher version on disk, the same profile (Chrome sees an update of the
    // extension at that path: same id, onInstalled 'update', storage kept).
    const manifestPath = path.join(extensionDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { version: string };
    const next = version.replace(/(\d+)$/, (n) => String(Number(n) + 1));
    manifest.version = next;
    await writeFile(manifestPath, JSON.stringify(manifest));
    const second = await launchExtension({ extensionDir, userDataDir });
    try {
      const { context } = second;
      const after = await extensionServiceWorker(context);
      expect(await after.evaluate(() => chrome.runtime.getManifest().version)).toBe(next);
      expect(new URL(after.url()).host).toBe(id);

      // The key is there and used; the cached answer is shown without a call.
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
      await waitForPanel(page);
      await expect(panel(page).frame.getByText(/from cache/i)).toBeVisible();
      expect(mock.calls({ path: DISTRIBUTION_PATH })).toHaveLength(0);
      await page.locator(`a.similar-author[data-author-id="${MUSIC_CREATOR_ID}"]`).click();
      await expect(panel(page).frame.locator('table tbody tr').first()).toContainText('音乐');
      expect(mock.calls({ path: DISTRIBUTION_PATH }).map((c) => [c.oAuthorId, c.token])).toEqual([[MUSIC_CREATOR_ID, KEY]]);

      const stored = await after.evaluate(async () => chrome.storage.local.get(null));
      expect(stored.apiKey).toBe(KEY);
      expect(stored.notice).toBeUndefined(); // nothing was reset
      expect(stored.distIndex).toMatchObject({ version: 2 });
    } finally {
      await second.close();
    }
  } finally {
    await mock.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});

test('corrupt settings are reset with a notice for the options page, never a crash', async () => {
  const mock = await startMockApi({ token: KEY });
  const launched = await launchExtension();
  try {
    const { context } = launched;
    const worker = await extensionServiceWorker(context);
    await worker.evaluate(async (key) => {
      await chrome.storage.local.set({ apiKey: key, settings: { endpoint: 'evil', customUrl: 42, cacheTtlHours: 'many' } });
    }, KEY);
    // The next start of the background (an MV3 worker starts often) finds and resets them.
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const id = new URL(worker.url()).host;
    await page.goto(`chrome-extension://${id}/options.html`);
    // Any message wakes the worker up.
    await page.evaluate(() => chrome.runtime.sendMessage({ id: 1, type: 'hasApiKey', data: null, timestamp: Date.now() }));
    await expect
      .poll(() => page.evaluate(async () => (await chrome.storage.local.get('notice')).notice as unknown), { timeout: 15_000 })
      .toMatchObject({ kinds: ['settings-reset'] });
    const stored = await page.evaluate(async () => chrome.storage.local.get(null));
    expect(stored.settings).toMatchObject({ endpoint: 'global', customUrl: '', cacheTtlHours: 24 });
    expect(stored.apiKey).toBe(KEY); // the key is kept
    await expect(page.getByLabel('API key').and(page.locator('input'))).toBeVisible();
  } finally {
    await launched.close();
    await mock.close();
  }
});
