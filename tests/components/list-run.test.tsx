// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { storage } from 'wxt/utils/storage';
import { setLanguage } from '../../utils/views/i18n';
import { estimateText } from '../../utils/views/list-text';
import { PLATFORMS } from '../../utils/shared/platform';
import { ESTIMATE, LIST, LIST_ID, RESULTS, fakeListBridge, renderListApp, runView, seed } from './list-fixtures';

const estimate = () => screen.findByTestId('estimate');
const liveRegion = () => document.querySelector('[aria-live="polite"]')!;

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  setLanguage(null);
});

describe('the estimate, before any paid call', () => {
  it('says the numbers in English and in Chinese', () => {
    expect(estimateText(ESTIMATE)).toBe('3 paid calls (1 creator search, 2 distribution calls) · 4 from cache, free');
    setLanguage('zh');
    expect(estimateText(ESTIMATE)).toBe('需付费调用 3 次（1 次达人搜索，2 次分布查询）· 4 个来自缓存，免费');
  });

  it('says "at most" when searches may be followed by distribution calls, and what waits or needs a nickname', () => {
    const text = estimateText({ ...ESTIMATE, paidCalls: 5, afterSearchCalls: 2, waitingConfirm: 1, needsNickname: 2, knownLinks: 1 });
    expect(text).toBe(
      'at most 5 paid calls (1 creator search, at most 4 distribution calls) · 4 from cache, free · 1 with a known Xingtu link, free · ' +
        '1 to confirm first (no call before) · 2 without a nickname (no search, no call)',
    );
    setLanguage('zh');
    expect(estimateText({ ...ESTIMATE, paidCalls: 5, afterSearchCalls: 2, waitingConfirm: 1 })).toBe(
      '最多需付费调用 5 次（1 次达人搜索，最多 4 次分布查询）· 4 个来自缓存，免费 · 1 位待你确认（确认前不调用）',
    );
  });

  it('singular and nothing to pay', () => {
    expect(estimateText({ ...ESTIMATE, paidCalls: 1, searchCalls: 0, distributionCalls: 1, fromCache: 0 })).toBe(
      '1 paid call (0 creator searches, 1 distribution call) · 0 from cache, free',
    );
    expect(estimateText({ ...ESTIMATE, paidCalls: 0, searchCalls: 0, distributionCalls: 0, alreadyDone: 7 })).toBe(
      'No paid calls · 4 from cache, free · 7 already done',
    );
  });

  it('is shown on the page before Start, asked again for all four platforms', async () => {
    await seed({ currentId: LIST_ID, lists: [LIST] }, RESULTS);
    const bridge = fakeListBridge();
    renderListApp(bridge);
    await waitFor(async () => expect((await estimate()).textContent).toBe(estimateText(ESTIMATE)));
    expect(bridge.estimateRun).toHaveBeenLastCalledWith({ listId: LIST_ID, platforms: ['SHORT_VIDEO'] });
    const start = screen.getByRole('button', { name: 'Start' });
    expect(start.getAttribute('aria-describedby')).toBe('xdp-run-estimate');

    bridge.estimateRun.mockImplementation(() => Promise.resolve({ ok: true, value: { ...ESTIMATE, platforms: [...PLATFORMS] } }));
    fireEvent.click(screen.getByLabelText('All four platforms'));
    await waitFor(() => expect(bridge.estimateRun).toHaveBeenLastCalledWith({ listId: LIST_ID, platforms: [...PLATFORMS] }));
    await waitFor(async () => expect((await estimate()).textContent).toContain('4 platforms per creator'));
  });
});

describe('running', () => {
  it('Start, Pause and Resume ask the background; progress shows from storage', async () => {
    await seed({ currentId: LIST_ID, lists: [LIST] }, RESULTS);
    const bridge = fakeListBridge();
    renderListApp(bridge);
    await waitFor(async () => expect((await estimate()).textContent).toBe(estimateText(ESTIMATE)));
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(bridge.startRun).toHaveBeenCalledWith({ listId: LIST_ID, platforms: ['SHORT_VIDEO'] }));

    // The background writes the run; the page follows it.
    await act(() => storage.setItem('local:listRun', runView({ finished: 3, total: 7 })));
    const bar = (await screen.findByRole('progressbar')) as HTMLProgressElement;
    expect(bar.value).toBe(3);
    expect(bar.max).toBe(7);
    expect(screen.getByText('3 / 7')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(bridge.pauseRun).toHaveBeenCalledTimes(1);

    await act(() => storage.setItem('local:listRun', runView({ status: 'paused', finished: 4 })));
    await waitFor(() => expect(bar.value).toBe(4));
    expect(liveRegion().textContent).toContain('Paused');
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(bridge.resumeRun).toHaveBeenCalledTimes(1);
  });

  it('Retry failed asks for the failed rows again', async () => {
    await seed({ currentId: LIST_ID, lists: [LIST] }, RESULTS, runView({ status: 'done', finished: 7 }));
    const bridge = fakeListBridge();
    renderListApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Retry failed' }));
    expect(bridge.retryFailed).toHaveBeenCalledWith({ listId: LIST_ID, platforms: ['SHORT_VIDEO'] });
  });

  it('a 302 cool-down says until when; a stop says why and what to do', async () => {
    const resumeAt = Date.UTC(2025, 2, 1, 7, 30);
    await seed({ currentId: LIST_ID, lists: [LIST] }, RESULTS, runView({ status: 'cooling-down', resumeAt }));
    renderListApp();
    const status = await screen.findByText(/Too many requests: resumes by itself at/);
    expect(status.textContent).toContain(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(resumeAt));

    await act(() =>
      storage.setItem('local:listRun', runView({ status: 'stopped', stopReason: { kind: 'insufficient-balance', code: 601 } })),
    );
    expect(await screen.findByText('Insufficient balance')).toBeTruthy();
    expect(screen.getByText('Top up your account at Just One API, then try again.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Start' })).toBeTruthy();
  });

  it('a run of another list blocks Start and says which', async () => {
    const other = { ...LIST, id: 'other', name: 'Other campaign' };
    await seed({ currentId: LIST_ID, lists: [LIST, other] }, RESULTS, runView({ listId: 'other' }));
    renderListApp();
    expect(await screen.findByText(/The list "Other campaign" is running/)).toBeTruthy();
    await waitFor(() => expect((screen.getByRole('button', { name: 'Start' }) as HTMLButtonElement).disabled).toBe(true));
  });
});
