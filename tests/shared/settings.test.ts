import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, loadSettings, parseStoredSettings, resolveBaseUrl, saveSettings, settingsItem, validateSettingsInput, type SettingsInput } from '../../utils/shared/settings';
import { apiKeyItem, loadApiKey } from '../../utils/key/api-key';

/** The fields added with the usage log and the list page badges, at their defaults. */
const NO_CAP = { dailyCallLimit: null, pricePerCall: null, listBadges: true };
const VALID: SettingsInput = { apiKey: 'abc123', endpoint: 'global', customUrl: '', cacheTtlHours: 24, timeoutSeconds: 60, runConcurrency: 2, ...NO_CAP };

describe('validateSettingsInput', () => {
  it('accepts valid input and trims key and URL', () => {
    expect(validateSettingsInput({ ...VALID, apiKey: '  abc123\n', customUrl: ' http://x.test ' })).toEqual({
      ok: true,
      value: { apiKey: 'abc123', endpoint: 'global', customUrl: 'http://x.test', cacheTtlHours: 24, timeoutSeconds: 60, runConcurrency: 2, ...NO_CAP },
    });
  });

  it.each(['', '   ', '\n\t'])('refuses an empty key %j', (apiKey) => {
    expect(validateSettingsInput({ ...VALID, apiKey })).toEqual({ ok: false, errors: [{ field: 'apiKey', reason: 'empty' }] });
  });

  it.each(['ab c', 'ab\nc', 'ab\tc'])('refuses whitespace inside the key %j', (apiKey) => {
    expect(validateSettingsInput({ ...VALID, apiKey })).toEqual({ ok: false, errors: [{ field: 'apiKey', reason: 'whitespace' }] });
  });

  it.each([
    'http://127.0.0.1:8080',
    'http://127.0.0.1:8080/proxy/',
    'https://proxy.example.com/api',
    'http://localhost:3000',
  ])('accepts the custom URL %s', (customUrl) => {
    const r = validateSettingsInput({ ...VALID, endpoint: 'custom', customUrl });
    expect(r.ok).toBe(true);
  });

  it('requires a custom URL only for the custom endpoint', () => {
    expect(validateSettingsInput({ ...VALID, endpoint: 'custom', customUrl: '  ' })).toEqual({
      ok: false,
      errors: [{ field: 'customUrl', reason: 'empty' }],
    });
    expect(validateSettingsInput({ ...VALID, endpoint: 'cn', customUrl: 'garbage' }).ok).toBe(true);
  });

  it.each(['ftp://x.test', 'javascript:alert(1)', 'example.com', '127.0.0.1:8080', 'http://', 'file:///etc/passwd'])(
    'refuses the custom URL %s',
    (customUrl) => {
      expect(validateSettingsInput({ ...VALID, endpoint: 'custom', customUrl })).toEqual({
        ok: false,
        errors: [{ field: 'customUrl', reason: 'not-http-url' }],
      });
    },
  );

  it.each([1, 24, 720])('accepts a TTL of %i hours', (cacheTtlHours) => {
    expect(validateSettingsInput({ ...VALID, cacheTtlHours }).ok).toBe(true);
  });

  it.each([0, -1, 721, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a TTL of %s hours', (cacheTtlHours) => {
    expect(validateSettingsInput({ ...VALID, cacheTtlHours })).toEqual({
      ok: false,
      errors: [{ field: 'cacheTtlHours', reason: 'out-of-range' }],
    });
  });

  it.each([5, 60, 120])('accepts a timeout of %i seconds', (timeoutSeconds) => {
    expect(validateSettingsInput({ ...VALID, timeoutSeconds })).toMatchObject({ ok: true, value: { timeoutSeconds } });
  });

  it.each([0, 4, 121, 7.5, -60, Number.NaN, Number.POSITIVE_INFINITY])('refuses a timeout of %s seconds', (timeoutSeconds) => {
    expect(validateSettingsInput({ ...VALID, timeoutSeconds })).toEqual({
      ok: false,
      errors: [{ field: 'timeoutSeconds', reason: 'out-of-range' }],
    });
  });

  it.each([1, 2, 4])('accepts %i parallel requests for a list run', (runConcurrency) => {
    expect(validateSettingsInput({ ...VALID, runConcurrency })).toMatchObject({ ok: true, value: { runConcurrency } });
  });

  it.each([0, 5, 1.5, -2, Number.NaN])('refuses %s parallel requests', (runConcurrency) => {
    expect(validateSettingsInput({ ...VALID, runConcurrency })).toEqual({
      ok: false,
      errors: [{ field: 'runConcurrency', reason: 'out-of-range' }],
    });
  });

  it.each([null, 1, 50, 100_000])('accepts a daily call limit of %s', (dailyCallLimit) => {
    expect(validateSettingsInput({ ...VALID, dailyCallLimit })).toMatchObject({ ok: true, value: { dailyCallLimit } });
  });

  it.each([0, -1, 1.5, 100_001, Number.NaN, Number.POSITIVE_INFINITY])('refuses a daily call limit of %s', (dailyCallLimit) => {
    expect(validateSettingsInput({ ...VALID, dailyCallLimit })).toEqual({
      ok: false,
      errors: [{ field: 'dailyCallLimit', reason: 'out-of-range' }],
    });
  });

  it.each([null, 0, 0.05, 1, 12.5])('accepts a price per call of %s', (pricePerCall) => {
    expect(validateSettingsInput({ ...VALID, pricePerCall })).toMatchObject({ ok: true, value: { pricePerCall } });
  });

  it.each([-0.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses a price per call of %s', (pricePerCall) => {
    expect(validateSettingsInput({ ...VALID, pricePerCall })).toEqual({
      ok: false,
      errors: [{ field: 'pricePerCall', reason: 'out-of-range' }],
    });
  });

  it('reports every bad field at once', () => {
    const r = validateSettingsInput({ ...VALID, apiKey: '', endpoint: 'custom', customUrl: 'nope', cacheTtlHours: 0 });
    expect(r).toEqual({
      ok: false,
      errors: [
        { field: 'apiKey', reason: 'empty' },
        { field: 'customUrl', reason: 'not-http-url' },
        { field: 'cacheTtlHours', reason: 'out-of-range' },
      ],
    });
  });
});

describe('resolveBaseUrl', () => {
  it('maps each endpoint', () => {
    expect(resolveBaseUrl({ ...DEFAULT_SETTINGS, endpoint: 'global' })).toBe('https://api.justoneapi.com');
    expect(resolveBaseUrl({ ...DEFAULT_SETTINGS, endpoint: 'cn' })).toBe('http://47.117.133.51:30015');
    expect(resolveBaseUrl({ ...DEFAULT_SETTINGS, endpoint: 'custom', customUrl: ' http://127.0.0.1:9/p/ ' })).toBe('http://127.0.0.1:9/p/');
  });
});

describe('parseStoredSettings', () => {
  it('keeps a valid record', () => {
    const s = { endpoint: 'custom', customUrl: 'http://127.0.0.1:8080', cacheTtlHours: 48, timeoutSeconds: 15, runConcurrency: 3, dailyCallLimit: 50, pricePerCall: 0.05, listBadges: false };
    expect(parseStoredSettings(s)).toEqual(s);
    expect(parseStoredSettings({ ...s, extra: true })).toEqual(s);
  });

  it('a record saved before the timeout existed keeps its fields and gets the default timeout', () => {
    const old = { endpoint: 'custom', customUrl: 'http://127.0.0.1:8080', cacheTtlHours: 48 };
    expect(parseStoredSettings(old)).toEqual({ ...old, timeoutSeconds: 60, runConcurrency: 2, ...NO_CAP });
  });

  it('a record saved before the parallel-requests setting existed loads with 2', () => {
    const old = { endpoint: 'cn', customUrl: '', cacheTtlHours: 48, timeoutSeconds: 30 };
    expect(parseStoredSettings(old)).toEqual({ ...old, runConcurrency: 2, ...NO_CAP });
  });

  it.each([['0', 0], ['5', 5], ['a string', '3'], ['null', null], ['a fraction', 1.5]])(
    'an unusable parallel-requests value (%s) alone gives 2, not the default settings',
    (_label, runConcurrency) => {
      const s = { endpoint: 'cn', customUrl: '', cacheTtlHours: 3, timeoutSeconds: 30, runConcurrency };
      expect(parseStoredSettings(s)).toEqual({ endpoint: 'cn', customUrl: '', cacheTtlHours: 3, timeoutSeconds: 30, runConcurrency: 2, ...NO_CAP });
    },
  );

  it.each([['0', 0], ['a string', '30'], ['a fraction', 7.5], ['too many', 100_001]])(
    'an unusable daily call limit (%s) alone gives no limit, not the default settings',
    (_label, dailyCallLimit) => {
      const s = { endpoint: 'cn', customUrl: '', cacheTtlHours: 3, timeoutSeconds: 30, runConcurrency: 2, dailyCallLimit, pricePerCall: 0.1, listBadges: true };
      expect(parseStoredSettings(s)).toEqual({ ...s, dailyCallLimit: null });
    },
  );

  it.each([['negative', -1], ['a string', '0.05'], ['an object', {}]])(
    'an unusable price per call (%s) alone gives no price',
    (_label, pricePerCall) => {
      const s = { endpoint: 'cn', customUrl: '', cacheTtlHours: 3, timeoutSeconds: 30, runConcurrency: 2, dailyCallLimit: 10, pricePerCall, listBadges: true };
      expect(parseStoredSettings(s)).toEqual({ ...s, pricePerCall: null });
    },
  );

  it.each([['0', 0], ['999', 999], ['a string', '30'], ['null', null], ['a fraction', 7.5]])(
    'an unusable timeout (%s) alone gives the default timeout, not the default settings',
    (_label, timeoutSeconds) => {
      const s = { endpoint: 'cn', customUrl: '', cacheTtlHours: 3, timeoutSeconds, runConcurrency: 4 };
      expect(parseStoredSettings(s)).toEqual({ endpoint: 'cn', customUrl: '', cacheTtlHours: 3, timeoutSeconds: 60, runConcurrency: 4, ...NO_CAP });
    },
  );

  it.each([
    ['null', null],
    ['a string', 'global'],
    ['an array', []],
    ['unknown endpoint', { endpoint: 'mars', customUrl: '', cacheTtlHours: 24 }],
    ['TTL as string', { endpoint: 'cn', customUrl: '', cacheTtlHours: '24' }],
    ['TTL out of range', { endpoint: 'cn', customUrl: '', cacheTtlHours: 0 }],
    ['missing field', { endpoint: 'cn', cacheTtlHours: 24 }],
    ['custom without URL', { endpoint: 'custom', customUrl: '', cacheTtlHours: 24 }],
    ['custom with bad URL', { endpoint: 'custom', customUrl: 'ftp://x', cacheTtlHours: 24 }],
  ])('falls back to the defaults on %s', (_label, raw) => {
    expect(parseStoredSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('returns a fresh object (defaults cannot be mutated through it)', () => {
    const s = parseStoredSettings(null);
    s.cacheTtlHours = 5;
    expect(DEFAULT_SETTINGS.cacheTtlHours).toBe(24);
  });
});

describe('storage', () => {
  it('loads the defaults and an empty key when nothing is stored', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await apiKeyItem.getValue()).toBe('');
    expect(await loadApiKey()).toBe('');
  });

  it('saves and loads settings in local storage', async () => {
    await saveSettings({ endpoint: 'custom', customUrl: ' http://127.0.0.1:8080/ ', cacheTtlHours: 2, timeoutSeconds: 5, runConcurrency: 3, dailyCallLimit: 20, pricePerCall: 0.05, listBadges: false });
    const stored = { endpoint: 'custom', customUrl: 'http://127.0.0.1:8080/', cacheTtlHours: 2, timeoutSeconds: 5, runConcurrency: 3, dailyCallLimit: 20, pricePerCall: 0.05, listBadges: false };
    expect(await loadSettings()).toEqual(stored);
    const raw = await fakeBrowser.storage.local.get('settings');
    expect(raw.settings).toEqual(stored);
  });

  it('"Badges on list pages" is on by default, also for records saved before it existed; an unusable value is on', async () => {
    expect(DEFAULT_SETTINGS.listBadges).toBe(true);
    await fakeBrowser.storage.local.set({ settings: { endpoint: 'cn', customUrl: '', cacheTtlHours: 3, timeoutSeconds: 60, runConcurrency: 2 } });
    expect((await loadSettings()).listBadges).toBe(true);
    await fakeBrowser.storage.local.set({ settings: { endpoint: 'cn', customUrl: '', cacheTtlHours: 3, timeoutSeconds: 60, runConcurrency: 2, listBadges: 'no' } });
    expect((await loadSettings()).listBadges).toBe(true);
    expect(parseStoredSettings({ ...DEFAULT_SETTINGS, listBadges: false }).listBadges).toBe(false);
    const form = validateSettingsInput({ ...VALID, listBadges: false });
    expect(form.ok && form.value.listBadges).toBe(false);
  });

  it('refuses to save invalid settings', async () => {
    await expect(saveSettings({ endpoint: 'custom', customUrl: 'nope', cacheTtlHours: 2, timeoutSeconds: 60, runConcurrency: 2, ...NO_CAP })).rejects.toThrow();
    await expect(saveSettings({ endpoint: 'cn', customUrl: '', cacheTtlHours: 9999, timeoutSeconds: 60, runConcurrency: 2, ...NO_CAP })).rejects.toThrow();
    await expect(saveSettings({ endpoint: 'cn', customUrl: '', cacheTtlHours: 2, timeoutSeconds: 4, runConcurrency: 2, ...NO_CAP })).rejects.toThrow();
    await expect(saveSettings({ endpoint: 'cn', customUrl: '', cacheTtlHours: 2, timeoutSeconds: 60, runConcurrency: 5, ...NO_CAP })).rejects.toThrow();
    await expect(saveSettings({ ...DEFAULT_SETTINGS, dailyCallLimit: 0 })).rejects.toThrow();
    await expect(saveSettings({ ...DEFAULT_SETTINGS, pricePerCall: -1 })).rejects.toThrow();
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('a corrupt stored record loads as the defaults', async () => {
    await fakeBrowser.storage.local.set({ settings: { endpoint: 'custom', customUrl: 42, cacheTtlHours: 'x' } });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await settingsItem.setValue({ endpoint: 'cn', customUrl: '', cacheTtlHours: 3, timeoutSeconds: 90, runConcurrency: 1, ...NO_CAP });
    expect(await loadSettings()).toEqual({ endpoint: 'cn', customUrl: '', cacheTtlHours: 3, timeoutSeconds: 90, runConcurrency: 1, ...NO_CAP });
  });

  it('a record stored by the previous version (no timeout) loads with the default timeout', async () => {
    // Exactly what version 0.1.0 wrote: the record and WXT's version marker.
    await fakeBrowser.storage.local.set({
      settings: { endpoint: 'custom', customUrl: 'http://127.0.0.1:8787', cacheTtlHours: 12 },
      settings$: { v: 1 },
    });
    expect(await loadSettings()).toEqual({ endpoint: 'custom', customUrl: 'http://127.0.0.1:8787', cacheTtlHours: 12, timeoutSeconds: 60, runConcurrency: 2, ...NO_CAP });
  });

  it('the key lives under local:apiKey; loadApiKey trims and ignores non-strings', async () => {
    await apiKeyItem.setValue(' k-1 ');
    expect((await fakeBrowser.storage.local.get('apiKey')).apiKey).toBe(' k-1 ');
    expect(await loadApiKey()).toBe('k-1');
    await fakeBrowser.storage.local.set({ apiKey: 12 });
    expect(await loadApiKey()).toBe('');
  });
});
