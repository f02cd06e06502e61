import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkStoredRecords, restrictStorageToExtensionPages } from '../../utils/background/storage-health';
import { addNotice, clearNotice, loadNotice, parseNotice } from '../../utils/shared/notice';
import { DEFAULT_SETTINGS, loadSettings } from '../../utils/shared/settings';
import { loadApiKey } from '../../utils/key/api-key';

const local = fakeBrowser.storage.local;
const raw = async (key: string): Promise<unknown> => (await local.get(key))[key];
const now = () => 1_700_000_000_000;

describe('checkStoredRecords', () => {
  it('leaves good records (and no records) alone, without a notice', async () => {
    await checkStoredRecords(now);
    expect(await local.get(null)).toEqual({});
    const settings = { endpoint: 'custom', customUrl: 'http://127.0.0.1:8787', cacheTtlHours: 48 };
    await local.set({ apiKey: ' k ', settings });
    await checkStoredRecords(now);
    expect(await local.get(null)).toEqual({ apiKey: ' k ', settings });
  });

  it.each<[string, unknown]>([
    ['a string', 'global'],
    ['an array', ['global', '', 24]],
    ['an unknown endpoint', { endpoint: 'evil', customUrl: '', cacheTtlHours: 24 }],
    ['a custom endpoint that is not http(s)', { endpoint: 'custom', customUrl: 'javascript:alert(1)', cacheTtlHours: 24 }],
    ['a lifetime out of range', { endpoint: 'global', customUrl: '', cacheTtlHours: 100_000 }],
    ['a lifetime of the wrong type', { endpoint: 'global', customUrl: '', cacheTtlHours: '24' }],
    ['a number', 42],
  ])('resets settings that are %s to the defaults, with a notice', async (_label, settings) => {
    await local.set({ apiKey: 'k', settings });
    await checkStoredRecords(now);
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS });
    expect(await raw('settings')).toEqual({ ...DEFAULT_SETTINGS });
    expect(await loadNotice()).toEqual({ kinds: ['settings-reset'], at: now() });
    expect(await loadApiKey()).toBe('k'); // the key is not touched
  });

  it.each<[string, unknown]>([
    ['a number', 12345],
    ['an object', { key: 'k' }],
    ['an array', ['k']],
  ])('removes a key that is %s, with a notice', async (_label, apiKey) => {
    await local.set({ apiKey });
    await checkStoredRecords(now);
    expect(await raw('apiKey')).toBeUndefined();
    expect(await loadApiKey()).toBe('');
    expect(await loadNotice()).toEqual({ kinds: ['key-reset'], at: now() });
  });

  it('both at once: one notice naming both', async () => {
    await local.set({ apiKey: 7, settings: 'x' });
    await checkStoredRecords(now);
    expect((await loadNotice())?.kinds.sort()).toEqual(['key-reset', 'settings-reset']);
  });

  it('never throws, even when storage fails', async () => {
    vi.spyOn(local, 'get').mockRejectedValue(new Error('storage is gone'));
    await expect(checkStoredRecords(now)).resolves.toBeUndefined();
  });
});

describe('notice', () => {
  it('collects kinds once each, keeps the latest time, and is cleared', async () => {
    await addNotice('settings-reset', 1);
    await addNotice('settings-reset', 2);
    await addNotice('key-reset', 3);
    expect(await loadNotice()).toEqual({ kinds: ['settings-reset', 'key-reset'], at: 3 });
    await clearNotice();
    expect(await loadNotice()).toBeNull();
  });

  it.each<[string, unknown]>([
    ['nothing', null],
    ['no kinds', { kinds: [], at: 1 }],
    ['an unknown kind', { kinds: ['pwned'], at: 1 }],
    ['no time', { kinds: ['key-reset'] }],
    ['a string', 'settings-reset'],
  ])('an unreadable notice (%s) is none', (_label, value) => {
    expect(parseNotice(value)).toBeNull();
  });

  it('a corrupt stored notice is replaced by the next one', async () => {
    await local.set({ notice: { kinds: 'x' } });
    expect(await loadNotice()).toBeNull();
    await addNotice('key-reset', 5);
    expect(await loadNotice()).toEqual({ kinds: ['key-reset'], at: 5 });
  });
});

describe('restrictStorageToExtensionPages', () => {
  it('sets TRUSTED_CONTEXTS where the browser can', async () => {
    const setAccessLevel = vi.fn(async () => undefined);
    Object.assign(fakeBrowser.storage.local, { setAccessLevel });
    try {
      expect(await restrictStorageToExtensionPages()).toBe(true);
      expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
      setAccessLevel.mockRejectedValueOnce(new Error('not supported for this area'));
      expect(await restrictStorageToExtensionPages()).toBe(false);
    } finally {
      delete (fakeBrowser.storage.local as { setAccessLevel?: unknown }).setAccessLevel;
    }
  });

  it('is a no-op (false) where it does not exist (Firefox)', async () => {
    expect(await restrictStorageToExtensionPages()).toBe(false);
  });
});
