// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { PanelApp } from '../../components/PanelApp';
import { PopupApp } from '../../components/PopupApp';
import { OptionsApp, type OptionsStore } from '../../components/OptionsApp';
import { setLanguage } from '../../utils/views/i18n';
import type { SettingsInput } from '../../utils/shared/settings';
import { DEFAULT_INPUT as DEFAULTS } from './settings-fixtures';
import type { Distribution, Result } from '../../utils/shared/types';
import type { DistributionRequest } from '../../utils/shared/messaging';
import type { ViewBridge } from '../../utils/views/view-bridge';

/** The popup's balance footer, answered without a background (no key: the footer shows nothing). */
const noBalance = async () => ({ ok: false as const, error: { kind: 'no-key' as const } });

const ID = '7006229624431689736';
const OTHER = '6912345678901234567';

function okLoad() {
  return vi.fn(
    async (req: DistributionRequest): Promise<Result<Distribution>> => ({
      ok: true,
      value: { oAuthorId: req.oAuthorId, platform: req.platform, rows: [{ name: '美食', count: 3, share: 1 }], fetchedAt: 1, fromCache: false },
    }),
  );
}

/** A bridge whose distribution answers succeed; the other calls fail loudly if used. */
function bridgeWith(load: ViewBridge['load']): ViewBridge {
  const unused = () => Promise.reject(new Error('not expected in this test'));
  return { load, resolveDouyin: unused, linkDouyin: unused, searchCreators: unused, openOptions: () => {} };
}

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  setLanguage(null);
});

describe('PanelApp', () => {
  it('shows the creator view and collapses to a pill', async () => {
    const load = okLoad();
    const onToggle = vi.fn();
    const { rerender } = render(
      <PanelApp creator={{ kind: 'xingtu', oAuthorId: ID }} collapsed={false} onToggle={onToggle} bridge={bridgeWith(load)} />,
    );
    await screen.findByRole('table');
    expect(load).toHaveBeenCalledWith({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    fireEvent.click(screen.getByRole('button', { name: 'Collapse' }));
    expect(onToggle).toHaveBeenCalledTimes(1);

    rerender(<PanelApp creator={{ kind: 'xingtu', oAuthorId: ID }} collapsed onToggle={onToggle} bridge={bridgeWith(load)} />);
    expect(screen.queryByRole('table')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Show distribution/ }));
    expect(onToggle).toHaveBeenCalledTimes(2);
  });

  it('follows the creator the page shows', async () => {
    const load = okLoad();
    const { rerender } = render(<PanelApp creator={{ kind: 'xingtu', oAuthorId: ID }} collapsed={false} onToggle={() => {}} bridge={bridgeWith(load)} />);
    await screen.findByRole('table');
    rerender(<PanelApp creator={{ kind: 'xingtu', oAuthorId: OTHER }} collapsed={false} onToggle={() => {}} bridge={bridgeWith(load)} />);
    await waitFor(() => expect(load).toHaveBeenLastCalledWith({ oAuthorId: OTHER, platform: 'SHORT_VIDEO' }));
  });

  it('says so when the page shows no creator (never a blank panel)', () => {
    const load = okLoad();
    render(<PanelApp creator={null} collapsed={false} onToggle={() => {}} bridge={bridgeWith(load)} />);
    expect(load).not.toHaveBeenCalled();
    expect(document.body.textContent?.trim()).not.toBe('');
  });
});

describe('PopupApp', () => {
  it("shows the tab's creator", async () => {
    const load = okLoad();
    render(<PopupApp pageCreator={{ kind: 'xingtu', oAuthorId: ID }} bridge={bridgeWith(load)} balance={noBalance} />);
    await screen.findByRole('table');
    expect(load).toHaveBeenCalledWith({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
  });

  it('looks up a creator by Xingtu link', async () => {
    const load = okLoad();
    render(<PopupApp pageCreator={null} bridge={bridgeWith(load)} balance={noBalance} />);
    expect(load).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('Creator'), {
      target: { value: `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${OTHER}` },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Look up' }));
    await screen.findByRole('table');
    expect(load).toHaveBeenCalledWith({ oAuthorId: OTHER, platform: 'SHORT_VIDEO' });
  });

  it('shows first the creator a list page badge opened, with a way back to the tab’s creator', async () => {
    const load = okLoad();
    render(<PopupApp pageCreator={{ kind: 'xingtu', oAuthorId: ID }} opened={{ kind: 'xingtu', oAuthorId: OTHER }} bridge={bridgeWith(load)} balance={noBalance} />);
    await screen.findByRole('table');
    expect(load).toHaveBeenCalledWith({ oAuthorId: OTHER, platform: 'SHORT_VIDEO' });
    expect(load).not.toHaveBeenCalledWith({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    fireEvent.click(screen.getByRole('button', { name: "Back to this page's creator" }));
    await waitFor(() => expect(load).toHaveBeenLastCalledWith({ oAuthorId: ID, platform: 'SHORT_VIDEO' }));
  });

  it('refuses input that is neither an id nor a Xingtu link', () => {
    const load = okLoad();
    render(<PopupApp pageCreator={null} bridge={bridgeWith(load)} balance={noBalance} />);
    fireEvent.input(screen.getByLabelText('Creator'), { target: { value: 'https://example.com/abc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Look up' }));
    expect(screen.getByRole('alert').textContent).toMatch(/Xingtu/);
    expect(load).not.toHaveBeenCalled();
  });
});

function memoryStore(initial: SettingsInput) {
  let saved = { ...initial };
  const store: OptionsStore & { saved: () => SettingsInput } = {
    load: async () => ({ ...saved }),
    save: vi.fn(async (input: SettingsInput) => {
      saved = { ...input };
    }),
    checkKey: vi.fn(async () => ({ ok: true, value: { valid: true } }) as const),
    saved: () => saved,
  };
  return store;
}


describe('OptionsApp', () => {
  it('saves a key and a custom endpoint, with a visible confirmation', async () => {
    const store = memoryStore(DEFAULTS);
    render(<OptionsApp store={store} />);
    fireEvent.input(await screen.findByLabelText('API key'), { target: { value: '  my-key  ' } });
    fireEvent.change(screen.getByLabelText('API endpoint'), { target: { value: 'custom' } });
    fireEvent.input(await screen.findByLabelText('Custom endpoint URL'), { target: { value: 'http://127.0.0.1:8787' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Saved/));
    expect(store.saved()).toEqual({ ...DEFAULTS, apiKey: 'my-key', endpoint: 'custom', customUrl: 'http://127.0.0.1:8787' });
  });

  it('the request timeout is under Advanced: default 60, saved when valid, refused outside 5–120', async () => {
    const store = memoryStore({ ...DEFAULTS, apiKey: 'k' });
    render(<OptionsApp store={store} />);
    const input = (await screen.findByLabelText('Request timeout (seconds)')) as HTMLInputElement;
    expect(input.value).toBe('60');
    expect(input.closest('details')?.open).toBe(false);
    fireEvent.input(input, { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(document.getElementById('timeoutSeconds-error')?.textContent).toMatch(/5 to 120/));
    expect(input.closest('details')?.open).toBe(true);
    expect(store.save).not.toHaveBeenCalled();
    fireEvent.input(input, { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Saved/));
    expect(store.saved()).toEqual({ ...DEFAULTS, apiKey: 'k', timeoutSeconds: 5 });
  });

  it('parallel requests are under Advanced: default 2, saved when valid, refused outside 1–4', async () => {
    const store = memoryStore({ ...DEFAULTS, apiKey: 'k' });
    render(<OptionsApp store={store} />);
    const input = (await screen.findByLabelText('Parallel requests')) as HTMLInputElement;
    expect(input.value).toBe('2');
    expect(input.closest('details')?.open).toBe(false);
    fireEvent.input(input, { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(document.getElementById('runConcurrency-error')?.textContent).toMatch(/1 to 4/));
    expect(input.closest('details')?.open).toBe(true);
    expect(store.save).not.toHaveBeenCalled();
    fireEvent.input(input, { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Saved/));
    expect(store.saved()).toEqual({ ...DEFAULTS, apiKey: 'k', runConcurrency: 4 });
  });

  it('parallel requests other than the default show the Advanced section open (Chinese label)', async () => {
    setLanguage('zh');
    render(<OptionsApp store={memoryStore({ ...DEFAULTS, apiKey: 'k', runConcurrency: 1 })} />);
    const input = (await screen.findByLabelText('并行请求数')) as HTMLInputElement;
    expect(input.value).toBe('1');
    await waitFor(() => expect(input.closest('details')?.open).toBe(true));
  });

  it('a saved timeout other than the default shows the Advanced section open', async () => {
    render(<OptionsApp store={memoryStore({ ...DEFAULTS, apiKey: 'k', timeoutSeconds: 90 })} />);
    const input = (await screen.findByLabelText('Request timeout (seconds)')) as HTMLInputElement;
    expect(input.value).toBe('90');
    await waitFor(() => expect(input.closest('details')?.open).toBe(true));
  });

  it('masks the key and can show it', async () => {
    render(<OptionsApp store={memoryStore({ ...DEFAULTS, apiKey: 'secret' })} />);
    const input = (await screen.findByLabelText('API key')) as HTMLInputElement;
    expect(input.type).toBe('password');
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(input.type).toBe('text');
  });

  it.each([
    ['an empty key', { apiKey: '' }, 'apiKey'],
    ['a custom URL that is not http(s)', { apiKey: 'k', endpoint: 'custom', customUrl: 'ftp://x.example' }, 'customUrl'],
  ] as const)('refuses %s and keeps what was saved', async (_label, change, field) => {
    const before: SettingsInput = { ...DEFAULTS, apiKey: 'old-key' };
    const store = memoryStore(before);
    render(<OptionsApp store={store} />);
    fireEvent.input(await screen.findByLabelText('API key'), { target: { value: change.apiKey } });
    if ('endpoint' in change) {
      fireEvent.change(screen.getByLabelText('API endpoint'), { target: { value: change.endpoint } });
      fireEvent.input(await screen.findByLabelText('Custom endpoint URL'), { target: { value: change.customUrl } });
    }
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(document.getElementById(`${field}-error`)).not.toBeNull());
    expect(store.save).not.toHaveBeenCalled();
    expect(store.saved()).toEqual(before);
    expect(screen.getByRole('status').textContent).not.toMatch(/^Saved/);
  });

  it('a key check the background never answers ends in "Timed out" after the timeout and a margin', async () => {
    const store = memoryStore({ ...DEFAULTS, apiKey: 'k', timeoutSeconds: 5 });
    store.checkKey = vi.fn(() => new Promise<never>(() => undefined));
    render(<OptionsApp store={store} />);
    const check = await screen.findByRole('button', { name: 'Check key' });
    vi.useFakeTimers();
    try {
      fireEvent.click(check);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(19_999);
      });
      expect(screen.getByRole('status').textContent).toBe('Checking…');
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1);
      });
      expect(screen.getByRole('status').textContent).toMatch(/^Timed out/);
      expect((screen.getByRole('button', { name: 'Check key' }) as HTMLButtonElement).disabled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('checks the key on demand and says the result', async () => {
    const store = memoryStore({ ...DEFAULTS, apiKey: 'k' });
    store.checkKey = vi.fn(async () => ({ ok: false, error: { kind: 'invalid-token', code: 100 } }) as const);
    render(<OptionsApp store={store} />);
    expect(await screen.findByText(/not a paid data call/i)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Check key' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/100/));
    expect(store.checkKey).toHaveBeenCalledTimes(1);
  });
});

describe('OptionsApp storage notice', () => {
  it('says what was reset, until dismissed', async () => {
    const store = memoryStore(DEFAULTS);
    const clear = vi.fn(async () => {});
    render(<OptionsApp store={{ ...store, loadStorageNotice: async () => ['settings-reset', 'key-reset'], clearStorageNotice: clear }} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/settings could not be read/);
    expect(alert.textContent).toMatch(/API key could not be read/);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(clear).toHaveBeenCalledTimes(1);
  });
});
