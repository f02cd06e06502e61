// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { storage } from 'wxt/utils/storage';
import { CreatorView } from '../../components/CreatorView';
import { PanelApp } from '../../components/PanelApp';
import { PopupApp } from '../../components/PopupApp';
import { DouyinCreatorView } from '../../components/DouyinCreatorView';
import { setLanguage } from '../../utils/views/i18n';
import type { DistributionRequest, Resolution } from '../../utils/shared/messaging';
import type { Distribution, Failure, Result } from '../../utils/shared/types';
import type { BalanceInfo } from '../../utils/shared/usage';
import type { ViewBridge } from '../../utils/views/view-bridge';
import { LIST, LIST_ID, RESULTS, fakeListBridge, renderListApp, runView, seed } from './list-fixtures';
import { findErrorBlock, queryErrorBlock, statusBlock } from './status-queries';

const ID = '7006229624431689736';
const DAILY_CAP: Failure = { kind: 'daily-cap', blockedUntil: Date.UTC(2026, 11, 3, 16) };

function dist(req: DistributionRequest, fromCache = false): Distribution {
  return { oAuthorId: req.oAuthorId, platform: req.platform, rows: [{ name: '美食', count: 3, share: 1 }], fetchedAt: 1, fromCache };
}

/** Loads that fail with `first` once, then succeed. */
function loadsAfter(first: Failure) {
  let calls = 0;
  return vi.fn(async (req: DistributionRequest): Promise<Result<Distribution>> => (calls++ === 0 ? { ok: false, error: first } : { ok: true, value: dist(req) }));
}

const allowed = () => vi.fn(async (): Promise<Result<true>> => ({ ok: true, value: true }));

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  setLanguage(null);
});

describe('the panel at the daily call limit', () => {
  it('says so and offers "Allow one call": allowOneCall first, then the load once more', async () => {
    const load = loadsAfter(DAILY_CAP);
    const allowOneCall = allowed();
    render(<CreatorView oAuthorId={ID} load={load} openOptions={() => {}} allowOneCall={allowOneCall} />);
    const alert = await findErrorBlock();
    expect(alert.textContent).toContain('Daily call limit reached');
    expect(alert.textContent).toContain('calls resume at 00:00 Beijing time');
    expect(load).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('button', { name: 'Allow one call' }));
    await screen.findByRole('table');
    expect(allowOneCall).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledTimes(2);
    expect(allowOneCall.mock.invocationCallOrder[0]).toBeLessThan(load.mock.invocationCallOrder[1]!);
    expect(load).toHaveBeenLastCalledWith({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
  });

  it('a Refresh the limit stopped is a Refresh again after "Allow one call"', async () => {
    const load = vi.fn(async (req: DistributionRequest): Promise<Result<Distribution>> => ({ ok: true, value: dist(req, true) }));
    render(<CreatorView oAuthorId={ID} load={load} openOptions={() => {}} allowOneCall={allowed()} />);
    await screen.findByRole('table');
    load.mockResolvedValueOnce({ ok: false, error: DAILY_CAP });
    fireEvent.click(screen.getByRole('button', { name: /Refresh/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Allow one call' }));
    await waitFor(() => expect(load).toHaveBeenCalledTimes(3));
    expect(load).toHaveBeenLastCalledWith({ oAuthorId: ID, platform: 'SHORT_VIDEO', refresh: true });
  });

  it('when the background refuses, says why and makes no load', async () => {
    const load = loadsAfter(DAILY_CAP);
    const allowOneCall = vi.fn(async (): Promise<Result<true>> => ({ ok: false, error: { kind: 'no-key' } }));
    render(<CreatorView oAuthorId={ID} load={load} openOptions={() => {}} allowOneCall={allowOneCall} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow one call' }));
    await waitFor(() => expect(statusBlock().textContent).toContain('No API key yet'));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('offers no button where the view cannot ask, nor for other failures', async () => {
    render(<CreatorView oAuthorId={ID} load={loadsAfter(DAILY_CAP)} openOptions={() => {}} />);
    await findErrorBlock();
    expect(screen.queryByRole('button', { name: 'Allow one call' })).toBeNull();
    cleanup();
    render(<CreatorView oAuthorId={ID} load={loadsAfter({ kind: 'server-error', code: 500 })} openOptions={() => {}} allowOneCall={allowed()} />);
    await findErrorBlock();
    expect(screen.queryByRole('button', { name: 'Allow one call' })).toBeNull();
  });

  it('reaches the panel through its bridge (Chinese: 允许调用一次)', async () => {
    setLanguage('zh');
    const bridge: ViewBridge = {
      load: loadsAfter(DAILY_CAP),
      resolveDouyin: () => Promise.reject(new Error('unused')),
      linkDouyin: () => Promise.reject(new Error('unused')),
      searchCreators: () => Promise.reject(new Error('unused')),
      openOptions: () => {},
      allowOneCall: allowed(),
    };
    render(<PanelApp creator={{ kind: 'xingtu', oAuthorId: ID }} collapsed={false} onToggle={() => {}} bridge={bridge} />);
    expect((await findErrorBlock()).textContent).toContain('已达到每日调用上限');
    fireEvent.click(screen.getByRole('button', { name: '允许调用一次' }));
    await screen.findByRole('table');
    expect(bridge.allowOneCall).toHaveBeenCalledTimes(1);
  });

  it('a Douyin creator whose search the limit stopped: "Allow one call" searches again', async () => {
    const sure: Resolution = { kind: 'sure', author: { oAuthorId: ID, nickname: '达人' }, source: 'search' };
    let searches = 0;
    const bridge: ViewBridge = {
      load: async (req) => ({ ok: true, value: dist(req) }),
      resolveDouyin: vi.fn(async () => (searches++ === 0 ? { ok: false as const, error: DAILY_CAP } : { ok: true as const, value: sure })),
      linkDouyin: () => Promise.reject(new Error('unused')),
      searchCreators: () => Promise.reject(new Error('unused')),
      openOptions: () => {},
      allowOneCall: allowed(),
    };
    render(<DouyinCreatorView account={{ secUid: 'MS4wLjABAAAA' + 'x'.repeat(20), uid: '1234567890', nickname: '达人', uniqueId: null }} bridge={bridge} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow one call' }));
    await screen.findByRole('table');
    expect(bridge.resolveDouyin).toHaveBeenCalledTimes(2);
    expect(bridge.allowOneCall).toHaveBeenCalledTimes(1);
  });
});

describe('what a call costs, in the panel', () => {
  it('Refresh says it costs one call, in its name and its description', async () => {
    render(<CreatorView oAuthorId={ID} load={async (req) => ({ ok: true, value: dist(req) })} openOptions={() => {}} />);
    await screen.findByRole('table');
    const refresh = screen.getByRole('button', { name: 'Refresh (1 call)' });
    expect(refresh.getAttribute('title')).toBe('Refresh skips the cache and calls the API once more (a paid call)');
    cleanup();
    setLanguage('zh');
    render(<CreatorView oAuthorId={ID} load={async (req) => ({ ok: true, value: dist(req) })} openOptions={() => {}} />);
    await screen.findByRole('table');
    // (the accessible-name computation here puts a space between the two spans; a browser does not)
    expect(screen.getByRole('button', { name: /^刷新\s?（1 次调用）$/ })).toBeTruthy();
  });

  it('a cached answer says "from cache" and that it made no call', async () => {
    render(<CreatorView oAuthorId={ID} load={async (req) => ({ ok: true, value: dist(req, true) })} openOptions={() => {}} />);
    expect(await screen.findByText('from cache, no call')).toBeTruthy();
  });
});

describe('code 602 and the server’s own words', () => {
  it('the spending cap has its own message, the settings at hand, and the provider’s text as plain text', async () => {
    const detail = 'Spending limit <b>reached</b> <img src=x onerror=alert(1)>';
    render(
      <CreatorView
        oAuthorId={ID}
        load={async () => ({ ok: false, error: { kind: 'spending-cap', code: 602, detail, blockedUntil: 'key-change' } })}
        openOptions={() => {}}
      />,
    );
    const alert = await findErrorBlock();
    expect(alert.textContent).toContain("The key's spending cap is reached");
    expect(alert.textContent).toContain('Code: 602');
    expect(alert.textContent).toContain(`Server said: ${detail}`);
    expect(alert.querySelector('b, img')).toBeNull();
    expect(screen.getByRole('button', { name: 'Open settings' })).toBeTruthy();
    cleanup();
    setLanguage('zh');
    render(<CreatorView oAuthorId={ID} load={async () => ({ ok: false, error: { kind: 'spending-cap', code: 602, detail } })} openOptions={() => {}} />);
    expect((await findErrorBlock()).textContent).toContain(`服务器返回：${detail}`);
  });
});

describe('the popup footer', () => {
  const bridge: ViewBridge = {
    load: async (req) => ({ ok: true, value: dist(req) }),
    resolveDouyin: () => Promise.reject(new Error('unused')),
    linkDouyin: () => Promise.reject(new Error('unused')),
    searchCreators: () => Promise.reject(new Error('unused')),
    openOptions: () => {},
  };
  const footer = () => document.querySelector('footer');

  it('shows the cached balance: "Balance ¥123.45" / "余额 ¥123.45"', async () => {
    const balance = vi.fn(async (): Promise<Result<BalanceInfo>> => ({ ok: true, value: { state: 'known', amount: '123.4500', currency: 'CNY', fetchedAt: 1 } }));
    render(<PopupApp pageCreator={null} bridge={bridge} balance={balance} />);
    await waitFor(() => expect(footer()?.textContent).toBe('Balance ¥123.45'));
    expect(balance).toHaveBeenCalledWith(false);
    cleanup();
    setLanguage('zh');
    render(<PopupApp pageCreator={null} bridge={bridge} balance={balance} />);
    await waitFor(() => expect(footer()?.textContent).toBe('余额 ¥123.45'));
  });

  it('quiet when not known: "Balance unknown" for an endpoint without it, nothing without a key or on failure', async () => {
    render(<PopupApp pageCreator={null} bridge={bridge} balance={async () => ({ ok: true, value: { state: 'unknown', reason: 'not-supported', fetchedAt: 1 } })} />);
    await waitFor(() => expect(footer()?.textContent).toBe('Balance unknown'));
    expect(queryErrorBlock()).toBeNull();
    cleanup();
    const noKey = vi.fn(async (): Promise<Result<BalanceInfo>> => ({ ok: true, value: { state: 'unknown', reason: 'no-key', fetchedAt: 1 } }));
    render(<PopupApp pageCreator={null} bridge={bridge} balance={noKey} />);
    await waitFor(() => expect(noKey).toHaveBeenCalled());
    await act(async () => {});
    expect(footer()).toBeNull();
    cleanup();
    render(<PopupApp pageCreator={null} bridge={bridge} balance={() => Promise.reject(new Error('no background'))} />);
    await act(async () => {});
    expect(footer()).toBeNull();
    expect(queryErrorBlock()).toBeNull();
  });

  it('a nickname search the limit stopped: "Allow one call" searches again', async () => {
    let searches = 0;
    const searching: ViewBridge = {
      ...bridge,
      searchCreators: vi.fn(async () => (searches++ === 0 ? { ok: false as const, error: DAILY_CAP } : { ok: true as const, value: [] })),
      allowOneCall: allowed(),
    };
    render(<PopupApp pageCreator={null} bridge={searching} balance={async () => ({ ok: false, error: { kind: 'no-key' } })} />);
    fireEvent.input(screen.getByLabelText('Creator'), { target: { value: '美食达人' } });
    fireEvent.click(screen.getByRole('button', { name: 'Look up' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Allow one call' }));
    expect(await screen.findByText('No Xingtu creator has a matching nickname')).toBeTruthy();
    expect(searching.searchCreators).toHaveBeenCalledTimes(2);
    expect(searching.allowOneCall).toHaveBeenCalledTimes(1);
  });
});

describe('a list run and the limits', () => {
  it('paused by the daily call limit: says so, "Allow one call" lets one call through and resumes; Resume is there too', async () => {
    await seed({ currentId: LIST_ID, lists: [LIST] }, RESULTS, runView({ status: 'paused', stopReason: DAILY_CAP }));
    const bridge = fakeListBridge();
    renderListApp(bridge);
    expect(await screen.findByText('Paused: the daily call limit is reached')).toBeTruthy();
    expect(screen.getByText('Daily call limit reached')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Allow one call' }));
    await waitFor(() => expect(bridge.resumeRun).toHaveBeenCalledTimes(1));
    expect(bridge.allowOneCall).toHaveBeenCalledTimes(1);
    expect(bridge.allowOneCall.mock.invocationCallOrder[0]).toBeLessThan(bridge.resumeRun.mock.invocationCallOrder[0]!);
  });

  it('a refused "Allow one call" does not resume and says why', async () => {
    await seed({ currentId: LIST_ID, lists: [LIST] }, RESULTS, runView({ status: 'paused', stopReason: DAILY_CAP }));
    const bridge = fakeListBridge();
    bridge.allowOneCall.mockResolvedValueOnce({ ok: false, error: { kind: 'no-key' } } as never);
    renderListApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow one call' }));
    expect(await screen.findByText('Not done: No API key yet', { selector: '.xdp-list__error' })).toBeTruthy();
    expect(bridge.resumeRun).not.toHaveBeenCalled();
  });

  it('a pause by the user offers no "Allow one call"', async () => {
    await seed({ currentId: LIST_ID, lists: [LIST] }, RESULTS, runView({ status: 'paused' }));
    renderListApp();
    expect(await screen.findByRole('button', { name: 'Resume' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Allow one call' })).toBeNull();
  });

  it('stopped by the spending cap (602): its own reason and the settings', async () => {
    await seed({ currentId: LIST_ID, lists: [LIST] }, RESULTS, runView({ status: 'running' }));
    renderListApp();
    await act(() => storage.setItem('local:listRun', runView({ status: 'stopped', stopReason: { kind: 'spending-cap', code: 602 } })));
    expect(await screen.findByText("The key's spending cap is reached")).toBeTruthy();
    expect(screen.getByText(/Raise the key's spending cap in the Just One API console/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open settings' })).toBeTruthy();
  });
});
