/**
 * Updating to 1.0.0 in a real profile from the layout the build before it stored (creator lists,
 * usage log, the money settings; every earlier layout is covered in
 * tests/background/storage-upgrade-layouts.test.ts, 0.1.0 in a profile in
 * e2e/races-upgrade.spec.ts). Same mechanism as there: a copy of the build runs, the old layout is
 * written, the browser closes, the copy's version is raised, the same profile opens again.
 * The list page shows the stored list and its results, the panel the cached answer without a call.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { EXTENSION_DIR, creatorPageUrl, extensionServiceWorker, launchExtension, panel, waitForPanel } from './harness';
import { DISTRIBUTION_PATH, startMockApi } from './mock-api';
import { FOOD_CREATOR_ID } from './fixtures/creators';

const KEY = 'paid-key-before-1.0.0';

test('an update keeps the creator lists, their results, the usage log, the settings and the cache', async () => {
  test.setTimeout(90_000);
  const mock = await startMockApi({ token: KEY });
  const dir = await mkdtemp(path.join(tmpdir(), 'xdp-upgrade-lists-'));
  const extensionDir = path.join(dir, 'chrome-mv3');
  const userDataDir = path.join(dir, 'profile');
  await cp(EXTENSION_DIR, extensionDir, { recursive: true });
  try {
    const first = await launchExtension({ extensionDir, userDataDir });
    const before = await extensionServiceWorker(first.context);
    const version = await before.evaluate(() => chrome.runtime.getManifest().version);
    const now = Date.now();
    const rows = [{ name: '美食', count: 148, share: 0.8 }, { name: '探店', count: 37, share: 0.2 }];
    const settings = { endpoint: 'custom', customUrl: mock.url, cacheTtlHours: 24, timeoutSeconds: 30, runConcurrency: 3, dailyCallLimit: 200, pricePerCall: 0.05 };
    await before.evaluate(
      async ({ key, settings, id, rows, now }) => {
        const dist = `dist:SHORT_VIDEO:${id}`;
        const entry = { rows, fetchedAt: now - 3_600_000 };
        await chrome.storage.local.clear();
        await chrome.storage.local.set({
          apiKey: key,
          settings,
          [dist]: entry,
          distIndex: { version: 2, entries: { [dist]: [entry.fetchedAt, 200] } },
          creatorLists: {
            currentId: 'campaign_1',
            lists: [{ id: 'campaign_1', name: '618 美食', createdAt: now - 86_400_000, entries: [{ key: `x:${id}`, ref: { kind: 'xingtu', oAuthorId: id }, source: id, addedAt: now - 86_400_000 }] }],
          },
          'listResults:campaign_1': {
            [`x:${id}`]: { status: 'done', oAuthorId: id, nickname: '川味小厨娘', platforms: { SHORT_VIDEO: { ok: true, rows, fetchedAt: entry.fetchedAt, fromCache: false } }, updatedAt: now - 3_600_000 },
          },
          listRun: { runId: 'run-1', listId: 'campaign_1', platforms: ['SHORT_VIDEO'], status: 'done', total: 1, finished: 1, paidCalls: 1, fromCache: 0, startedAt: now - 3_700_000, updatedAt: now - 3_600_000 },
          recentViews: [{ oAuthorId: id, platform: 'SHORT_VIDEO', nickname: '川味小厨娘', viewedAt: now - 3_600_000 }],
          usageLog: [{ at: now - 3_600_000, endpoint: 'distribution', oAuthorId: id, keyword: null, platform: 'SHORT_VIDEO', code: 0, via: 'list' }],
          panelCollapsed: false,
        });
      },
      { key: KEY, settings, id: FOOD_CREATOR_ID, rows, now },
    );
    const id = new URL(before.url()).host;
    await first.close();

    const manifestPath = path.join(extensionDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { version: string };
    manifest.version = version.replace(/(\d+)$/, (n) => String(Number(n) + 1));
    await writeFile(manifestPath, JSON.stringify(manifest));
    const second = await launchExtension({ extensionDir, userDataDir });
    try {
      const { context } = second;
      const after = await extensionServiceWorker(context);
      expect(await after.evaluate(() => chrome.runtime.getManifest().version)).toBe(manifest.version);

      const lists = context.pages()[0] ?? (await context.newPage());
      await lists.goto(`chrome-extension://${id}/list.html`);
      await expect(lists.locator('select').first()).toContainText('618 美食');
      await expect(lists.getByRole('cell', { name: /川味小厨娘/ }).first()).toBeVisible();

      const page = await context.newPage();
      await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
      await waitForPanel(page);
      await expect(panel(page).frame.getByText(/from cache/i)).toBeVisible();
      expect(mock.calls({ path: DISTRIBUTION_PATH })).toHaveLength(0);

      const stored = await after.evaluate(async () => chrome.storage.local.get(null));
      expect(stored.apiKey).toBe(KEY);
      expect(stored.settings).toEqual(settings);
      expect(stored.usageLog).toHaveLength(1);
      expect(stored.notice).toBeUndefined();
    } finally {
      await second.close();
    }
  } finally {
    await mock.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});
