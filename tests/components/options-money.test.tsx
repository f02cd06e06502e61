// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { OptionsApp, type OptionsStore } from '../../components/OptionsApp';
import { UsageSection } from '../../components/UsageSection';
import { setLanguage } from '../../utils/views/i18n';
import type { SettingsInput } from '../../utils/shared/settings';
import type { Result } from '../../utils/shared/types';
import { usageLogItem, type BalanceInfo, type UsageEntry } from '../../utils/shared/usage';
import { followStoredUsageLog } from '../../utils/views/usage-source';
import { DEFAULT_INPUT } from './settings-fixtures';

const ID = '7006229624431689736';

const DEFAULTS: SettingsInput = { ...DEFAULT_INPUT, apiKey: 'k' };

const known = (amount: string): Result<BalanceInfo> => ({ ok: true, value: { state: 'known', amount, currency: 'CNY', fetchedAt: Date.now() } });

function moneyStore(initial: Partial<SettingsInput> = {}, balance: Result<BalanceInfo> = known('123.4500')) {
  let saved: SettingsInput = { ...DEFAULTS, ...initial };
  const store = {
    load: async () => ({ ...saved }),
    save: vi.fn(async (input: SettingsInput) => {
      saved = { ...input };
    }),
    checkKey: vi.fn(async () => ({ ok: true, value: { valid: true } }) as const),
    getBalance: vi.fn(async (_refresh: boolean) => balance),
    followUsage: followStoredUsageLog,
    saved: () => saved,
  } satisfies OptionsStore & { saved: () => SettingsInput };
  return store;
}

function call(over: Partial<UsageEntry> = {}): UsageEntry {
  return { at: Date.now() - 60_000, endpoint: 'distribution', oAuthorId: ID, keyword: null, platform: 'SHORT_VIDEO', code: 0, via: 'panel', ...over };
}

/** The cells of a row of the usage table, by its header. */
async function usageRow(name: string): Promise<string[]> {
  const table = await screen.findByRole('table', { name: 'Paid calls' });
  const row = within(table).getByRole('rowheader', { name }).closest('tr');
  return [...(row?.querySelectorAll('td') ?? [])].map((td) => td.textContent ?? '');
}

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  setLanguage(null);
  vi.useRealTimers();
});

describe('the balance on the options page', () => {
  it('shows "Balance ¥123.45" by the key, asked once on open (the cached answer)', async () => {
    const store = moneyStore();
    render(<OptionsApp store={store} />);
    expect(await screen.findByText('Balance ¥123.45')).toBeTruthy();
    expect(store.getBalance).toHaveBeenCalledTimes(1);
    expect(store.getBalance).toHaveBeenCalledWith(false);
  });

  it('in Chinese: 余额 ¥123.45', async () => {
    setLanguage('zh');
    render(<OptionsApp store={moneyStore()} />);
    expect(await screen.findByText('余额 ¥123.45')).toBeTruthy();
  });

  it('an endpoint without a balance says the balance is unknown there, quietly (no alert)', async () => {
    render(<OptionsApp store={moneyStore({ endpoint: 'custom', customUrl: 'http://127.0.0.1:9' }, { ok: true, value: { state: 'unknown', reason: 'not-supported', fetchedAt: 1 } })} />);
    expect(await screen.findByText(/Balance unknown: this endpoint does not report it/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a failed balance request is one line with the reason, not an error wall', async () => {
    render(<OptionsApp store={moneyStore({}, { ok: false, error: { kind: 'invalid-token', code: 100 } })} />);
    expect(await screen.findByText('Balance unknown: Invalid API key')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Refresh balance asks again past the cache and shows the new amount', async () => {
    const store = moneyStore();
    render(<OptionsApp store={store} />);
    await screen.findByText('Balance ¥123.45');
    store.getBalance.mockResolvedValueOnce(known('99.999'));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh balance' }));
    expect(await screen.findByText('Balance ¥100.00')).toBeTruthy();
    expect(store.getBalance).toHaveBeenLastCalledWith(true);
  });

  it('"Check key" shows the balance from its answer', async () => {
    const store = moneyStore({}, { ok: true, value: { state: 'unknown', reason: 'failed', fetchedAt: 1 } });
    store.checkKey.mockResolvedValueOnce({ ok: true, value: { valid: true, balance: { state: 'known', amount: '50.5', currency: 'CNY', fetchedAt: 2 } } } as never);
    render(<OptionsApp store={store} />);
    await screen.findByText(/could not be fetched/);
    expect(screen.getByText(/reads the balance, not a paid data call/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Check key' }));
    expect(await screen.findByText('Balance ¥50.50')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Key is valid');
    expect(store.getBalance).toHaveBeenCalledTimes(1); // the check's answer, no second request
  });

  it('saving another key asks for its balance', async () => {
    const store = moneyStore();
    render(<OptionsApp store={store} />);
    await screen.findByText('Balance ¥123.45');
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'other-key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(store.getBalance).toHaveBeenCalledTimes(2));
  });
});

describe('daily call limit and price per call', () => {
  it('empty by default; a limit and a price are saved as numbers, empty as null', async () => {
    const store = moneyStore();
    render(<OptionsApp store={store} />);
    const limit = (await screen.findByLabelText('Daily call limit')) as HTMLInputElement;
    const price = screen.getByLabelText('Price per call (CNY)') as HTMLInputElement;
    expect([limit.value, price.value]).toEqual(['', '']);
    fireEvent.input(limit, { target: { value: '200' } });
    fireEvent.input(price, { target: { value: '0.05' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(store.saved()).toMatchObject({ dailyCallLimit: 200, pricePerCall: 0.05 }));
    expect(price.value).toBe('0.05');

    fireEvent.input(limit, { target: { value: '' } });
    fireEvent.input(price, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(store.saved()).toMatchObject({ dailyCallLimit: null, pricePerCall: null }));
  });

  it.each([
    ['Daily call limit', '0', 'dailyCallLimit', /1 to 100000/],
    ['Daily call limit', '1.5', 'dailyCallLimit', /1 to 100000/],
    ['Daily call limit', '100001', 'dailyCallLimit', /1 to 100000/],
    ['Price per call (CNY)', 'abc', 'pricePerCall', /0 or more/],
    ['Price per call (CNY)', '-1', 'pricePerCall', /0 or more/],
    ['Price per call (CNY)', '0,05', 'pricePerCall', /0 or more/],
  ])('%s "%s" is refused with its reason, nothing saved', async (label, value, field, reason) => {
    const store = moneyStore();
    render(<OptionsApp store={store} />);
    const input = await screen.findByLabelText(label);
    fireEvent.input(input, { target: { value } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(document.getElementById(`${field}-error`)?.textContent).toMatch(reason));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(`${field}-error`);
    expect(store.save).not.toHaveBeenCalled();
  });

  it('a saved limit and price are shown (Chinese labels)', async () => {
    setLanguage('zh');
    render(<OptionsApp store={moneyStore({ dailyCallLimit: 50, pricePerCall: 0.125 })} />);
    expect(((await screen.findByLabelText('每日调用上限')) as HTMLInputElement).value).toBe('50');
    expect((screen.getByLabelText('每次调用价格（元）') as HTMLInputElement).value).toBe('0.125');
  });
});

describe('Usage (用量)', () => {
  it('three calls in the log show as 3, by endpoint and by view', async () => {
    await usageLogItem.setValue([call(), call({ via: 'list' }), call({ endpoint: 'search', oAuthorId: null, keyword: '美食', platform: null, via: 'popup' })]);
    render(<OptionsApp store={moneyStore()} />);
    expect(await usageRow('Calls')).toEqual(['3', '3']);
    expect(await usageRow('Distribution')).toEqual(['2', '2']);
    expect(await usageRow('Creator search')).toEqual(['1', '1']);
    expect(await usageRow('Page panel')).toEqual(['1', '1']);
    expect(await usageRow('Toolbar popup')).toEqual(['1', '1']);
    expect(await usageRow('Creator lists')).toEqual(['1', '1']);
    expect(screen.queryByRole('rowheader', { name: /Estimated cost/ })).toBeNull(); // no price: counts only
    expect(screen.getByRole('img', { name: /Calls per day, last 30 days: 3 in all/ })).toBeTruthy();
  });

  it('calls older than today count in the 30 days only; with a price, the cost', async () => {
    const day = 86_400_000;
    await usageLogItem.setValue([call({ at: Date.now() - 3 * day }), call({ at: Date.now() - 40 * day }), call()]);
    render(<OptionsApp store={moneyStore({ pricePerCall: 0.05 })} />);
    expect(await usageRow('Calls')).toEqual(['1', '2']);
    expect(await usageRow('Estimated cost (¥0.05 per call)')).toEqual(['¥0.05', '¥0.10']);
  });

  it('follows the log as calls are made', async () => {
    await usageLogItem.setValue([call()]);
    render(<OptionsApp store={moneyStore()} />);
    expect(await usageRow('Calls')).toEqual(['1', '1']);
    await usageLogItem.setValue([call(), call()]);
    await waitFor(async () => expect(await usageRow('Calls')).toEqual(['2', '2']));
  });

  it('an empty log says so; Export CSV waits for calls', async () => {
    render(<OptionsApp store={moneyStore()} />);
    expect(await screen.findByText('No paid calls yet.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('Export CSV saves the whole log: BOM, columns, Beijing time, ids as text', async () => {
    const at = Date.parse('2026-12-02T16:00:00Z');
    const entries = [call({ at }), call({ at: at + 1000, endpoint: 'search', oAuthorId: null, keyword: '@美食', platform: null, via: 'popup', code: 302 })];
    const follow = (onValue: (log: UsageEntry[]) => void) => {
      onValue(entries);
      return () => undefined;
    };
    const save = vi.fn((_blob: Blob, _name: string) => undefined);
    render(<UsageSection follow={follow} pricePerCall={null} now={() => at} save={save} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(save).toHaveBeenCalledTimes(1);
    const [blob, name] = save.mock.calls[0]!;
    expect(name).toBe('用量-2026-12-03.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
    expect(text).toBe(
      '\uFEFFtime,endpoint,xingtu_id,keyword,platform,code,via\r\n' +
        `2026-12-03T00:00:00+08:00,distribution,"=""${ID}""",,SHORT_VIDEO,0,panel\r\n` +
        `2026-12-03T00:00:01+08:00,search,,'@美食,,302,popup\r\n`,
    );
    expect(screen.getByText('Exported 用量-2026-12-03.csv')).toBeTruthy();
  });
});
