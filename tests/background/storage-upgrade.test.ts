import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { createAccountLinks } from '../../utils/background/account-links';
import { createDistributionCache } from '../../utils/background/cache';
import { INDEX_VERSION } from '../../utils/background/lru-index';
import { removeAllListeners } from '../../utils/shared/messaging';
import { loadNotice } from '../../utils/shared/notice';
import { DEFAULT_SETTINGS, loadSettings, settingsItem } from '../../utils/shared/settings';
import { apiKeyItem, loadApiKey } from '../../utils/key/api-key';

/**
 * An update keeps what the previous release (0.1.0) stored. Its layout in chrome.storage.local:
 *   apiKey   → the key (a string; storage items at version 1 write no `apiKey$` metadata)
 *   settings → { endpoint, customUrl, cacheTtlHours }   (no timeoutSeconds yet)
 *   dist:<platform>:<id> → { rows, fetchedAt };  distIndex → { <name>: lastUsed }   (index v1)
 *   link:uid:<uid> / link:sec:<secUid> → { resolution, source, savedAt };  linkIndex → v1 too
 *   panelCollapsed → boolean
 * Nothing is bumped in version for the settings items (the new field has a default), so they
 * need no migration; the two indexes are migrated to version 2 (with sizes) on first use.
 */

const KEY = 'my-paid-key-0123';
const ID = '7006229624431689736';
const UID = '3429711218823623';
const NOW = 1_800_000_000_000;
const ENTRY = { rows: [{ name: '美食', count: 3, share: 1 }], fetchedAt: NOW - 3_600_000 };
const LINK = { resolution: { kind: 'sure', author: { oAuthorId: ID }, source: 'user' }, source: 'user', savedAt: NOW - 86_400_000 };

function previousRelease(withMeta: boolean): Record<string, unknown> {
  return {
    apiKey: KEY,
    ...(withMeta ? { apiKey$: { v: 1 }, settings$: { v: 1 } } : {}),
    settings: { endpoint: 'custom', customUrl: 'http://127.0.0.1:8787', cacheTtlHours: 48 },
    [`dist:SHORT_VIDEO:${ID}`]: ENTRY,
    distIndex: { [`dist:SHORT_VIDEO:${ID}`]: NOW - 3_600_000 },
    [`link:uid:${UID}`]: LINK,
    linkIndex: { [`link:uid:${UID}`]: NOW - 86_400_000 },
    panelCollapsed: true,
  };
}

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});

describe('upgrade from the previous storage layout', () => {
  it.each([
    ['as written (no metadata)', false],
    ['with version-1 metadata', true],
  ])('%s: the key, the settings, the cache and the links load; no notice', async (_label, withMeta) => {
    await fakeBrowser.storage.local.set(previousRelease(withMeta));
    removeAllListeners();
    background.main(); // the new version's background starts (and checks storage)
    const fetch = vi.spyOn(globalThis, 'fetch');

    expect(await loadApiKey()).toBe(KEY);
    expect(await apiKeyItem.getValue()).toBe(KEY);
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, endpoint: 'custom', customUrl: 'http://127.0.0.1:8787', cacheTtlHours: 48 });
    expect(await settingsItem.getValue()).toMatchObject({ endpoint: 'custom', cacheTtlHours: 48 });

    // The cached answer is served by the background without a call.
    const answer = await new Promise((resolve) => {
      const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
      void trigger(
        { id: 1, type: 'getDistribution', data: { oAuthorId: ID, platform: 'SHORT_VIDEO' }, timestamp: NOW },
        { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/panel.html') },
        (a: { res?: unknown }) => resolve(a.res),
      );
    });
    expect(answer).toEqual({ ok: true, value: { oAuthorId: ID, platform: 'SHORT_VIDEO', rows: ENTRY.rows, fetchedAt: ENTRY.fetchedAt, fromCache: true } });
    expect(fetch).not.toHaveBeenCalled();
    expect(await createAccountLinks({ now: () => NOW }).get({ uid: UID, secUid: null })).toEqual(LINK);

    // Indexes are now version 2, nothing was lost; the key is where it was.
    const all = await fakeBrowser.storage.local.get(null);
    expect(all.distIndex).toMatchObject({ version: INDEX_VERSION });
    expect(all.linkIndex).toMatchObject({ version: INDEX_VERSION });
    expect(all.apiKey).toBe(KEY);
    expect(all.panelCollapsed).toBe(true);
    expect(await loadNotice()).toBeNull();
  });

  it('a cache written by the previous release keeps being bounded (its entries can be evicted)', async () => {
    await fakeBrowser.storage.local.set(previousRelease(false));
    const cache = createDistributionCache({ now: () => NOW, maxEntries: 1 });
    await cache.set('6837402915726381063', 'SHORT_VIDEO', { rows: [], fetchedAt: NOW });
    const all = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(all).filter((k) => k.startsWith('dist:'))).toEqual(['dist:SHORT_VIDEO:6837402915726381063']);
  });
});
