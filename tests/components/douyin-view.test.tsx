// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { DouyinCreatorView } from '../../components/DouyinCreatorView';
import { PageCreatorView } from '../../components/PageCreatorView';
import { PopupApp } from '../../components/PopupApp';
import { setLanguage } from '../../utils/views/i18n';
import type { DouyinAccount } from '../../utils/shared/creator';
import type { LinkedAuthor, Resolution } from '../../utils/shared/messaging';
import type { XingtuAuthor } from '../../utils/shared/xingtu-author';
import type { Distribution, Result } from '../../utils/shared/types';
import type { ViewBridge } from '../../utils/views/view-bridge';
import { findErrorBlock, queryErrorBlock, statusBlock } from './status-queries';

/** The popup's balance footer, answered without a background (no key: the footer shows nothing). */
const noBalance = async () => ({ ok: false as const, error: { kind: 'no-key' as const } });

const ACCOUNT: DouyinAccount = { uid: '3429711218823623', secUid: 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM', nickname: '川味小厨娘', uniqueId: 'chuanwei' };
const AUTHOR: XingtuAuthor = { oAuthorId: '7006229624431689736', douyinUid: ACCOUNT.uid, nickname: '川味小厨娘', followers: 3862000, avatarUrl: null, city: '成都' };
const NAMESAKE: XingtuAuthor = { ...AUTHOR, oAuthorId: '6912345678901234567', douyinUid: '111', followers: 12 };

function fakeBridge(resolution: Result<Resolution>) {
  const bridge = {
    load: vi.fn(
      async (req): Promise<Result<Distribution>> => ({
        ok: true,
        value: { oAuthorId: req.oAuthorId, platform: req.platform, rows: [{ name: '美食', count: 1, share: 1 }], fetchedAt: 1, fromCache: false },
      }),
    ),
    resolveDouyin: vi.fn(async () => resolution),
    linkDouyin: vi.fn(async (_account: DouyinAccount, author: LinkedAuthor): Promise<Result<Resolution>> => ({
      ok: true,
      value: { kind: 'sure', author, source: 'user' },
    })),
    searchCreators: vi.fn(async (): Promise<Result<XingtuAuthor[]>> => ({ ok: true, value: [AUTHOR, NAMESAKE] })),
    openOptions: vi.fn(),
  } satisfies ViewBridge;
  return bridge;
}

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  setLanguage(null);
});

describe('DouyinCreatorView', () => {
  it('a sure match shows which Xingtu creator the data belongs to, then the distribution', async () => {
    const bridge = fakeBridge({ ok: true, value: { kind: 'sure', author: AUTHOR, source: 'search' } });
    render(<DouyinCreatorView account={ACCOUNT} bridge={bridge} />);
    await screen.findByRole('table');
    expect(bridge.resolveDouyin).toHaveBeenCalledWith(ACCOUNT);
    expect(bridge.load).toHaveBeenCalledWith({ oAuthorId: AUTHOR.oAuthorId, platform: 'SHORT_VIDEO' });
    const link = screen.getAllByRole('link', { name: '川味小厨娘' })[0] as HTMLAnchorElement;
    expect(link.href).toContain(AUTHOR.oAuthorId);
    expect(screen.getByText(/matched by Douyin UID/)).toBeTruthy();
  });

  it('a likely (nickname-only) match costs no distribution call until the user confirms', async () => {
    const bridge = fakeBridge({ ok: true, value: { kind: 'likely', author: AUTHOR } });
    render(<DouyinCreatorView account={{ ...ACCOUNT, uid: null }} bridge={bridge} />);
    const confirm = await screen.findByRole('button', { name: /Yes, load the distribution/ });
    expect(bridge.load).not.toHaveBeenCalled();
    fireEvent.click(confirm);
    await screen.findByRole('table');
    expect(bridge.linkDouyin).toHaveBeenCalledWith({ ...ACCOUNT, uid: null }, AUTHOR);
    expect(bridge.load).toHaveBeenCalledTimes(1);
  });

  it('namesakes: the user picks one', async () => {
    const bridge = fakeBridge({ ok: true, value: { kind: 'ambiguous', candidates: [AUTHOR, NAMESAKE] } });
    render(<DouyinCreatorView account={{ ...ACCOUNT, uid: null }} bridge={bridge} />);
    const picks = await screen.findAllByRole('button', { name: 'Choose' });
    expect(picks).toHaveLength(2);
    fireEvent.click(picks[1]!);
    await screen.findByRole('table');
    expect(bridge.load).toHaveBeenCalledWith({ oAuthorId: NAMESAKE.oAuthorId, platform: 'SHORT_VIDEO' });
  });

  it('"not on Xingtu" is a normal state with a way to paste the right creator', async () => {
    const bridge = fakeBridge({ ok: true, value: { kind: 'none' } });
    render(<DouyinCreatorView account={ACCOUNT} bridge={bridge} />);
    await screen.findByText('This creator is not on Xingtu');
    expect(queryErrorBlock()).toBeNull();
    fireEvent.input(screen.getByLabelText('Xingtu link or id'), { target: { value: 'not a link' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use' }));
    // The error is tied to the input (its description), and the input keeps the focus.
    const input = screen.getByLabelText('Xingtu link or id');
    const described = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toMatch(/Not a Xingtu/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input);
    expect(bridge.linkDouyin).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('Xingtu link or id'), {
      target: { value: `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${AUTHOR.oAuthorId}` },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Use' }));
    await screen.findByRole('table');
    expect(bridge.linkDouyin).toHaveBeenCalledWith(ACCOUNT, { oAuthorId: AUTHOR.oAuthorId });
    expect(screen.getByText(/set by you/)).toBeTruthy();
  });

  it('an error while searching is shown with its meaning, never a blank view', async () => {
    const bridge = fakeBridge({ ok: false, error: { kind: 'quota-exceeded', code: 303 } });
    render(<DouyinCreatorView account={ACCOUNT} bridge={bridge} />);
    const alert = await findErrorBlock();
    expect(alert.textContent).toContain('303');
  });

  it('a rejected resolve (background gone) is an error too', async () => {
    const bridge = fakeBridge({ ok: true, value: { kind: 'none' } });
    bridge.resolveDouyin.mockRejectedValueOnce(new Error('Extension context invalidated'));
    render(<DouyinCreatorView account={ACCOUNT} bridge={bridge} />);
    await findErrorBlock();
  });

  it('a late answer for the previous account never shows for the next one', async () => {
    let releaseFirst!: (r: Result<Resolution>) => void;
    const bridge = fakeBridge({ ok: true, value: { kind: 'none' } });
    bridge.resolveDouyin.mockImplementationOnce(() => new Promise((resolve) => (releaseFirst = resolve)));
    const { rerender } = render(<DouyinCreatorView account={ACCOUNT} bridge={bridge} />);
    rerender(<DouyinCreatorView account={{ ...ACCOUNT, uid: '99', secUid: null, nickname: '别人' }} bridge={bridge} />);
    await screen.findByText('This creator is not on Xingtu');
    releaseFirst({ ok: true, value: { kind: 'sure', author: AUTHOR, source: 'search' } });
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('This creator is not on Xingtu')).toBeTruthy();
  });
});

describe('PageCreatorView', () => {
  it('says when a Douyin page could not be read', () => {
    render(<PageCreatorView creator={{ kind: 'douyin-unreadable' }} bridge={fakeBridge({ ok: true, value: { kind: 'none' } })} />);
    expect(screen.getByText('Could not read this page', { selector: '.xdp-view__status-title' })).toBeTruthy();
  });
  it('shows that it is reading a Douyin page', () => {
    render(<PageCreatorView creator={{ kind: 'douyin-reading' }} bridge={fakeBridge({ ok: true, value: { kind: 'none' } })} />);
    expect(statusBlock().textContent).toMatch(/Reading this page/);
  });
});

describe('PopupApp with Douyin input', () => {
  it('a nickname lists the matching Xingtu creators to pick from', async () => {
    const bridge = fakeBridge({ ok: true, value: { kind: 'none' } });
    render(<PopupApp pageCreator={null} bridge={bridge} balance={noBalance} />);
    fireEvent.input(screen.getByLabelText('Creator'), { target: { value: '川味小厨娘' } });
    fireEvent.click(screen.getByRole('button', { name: 'Look up' }));
    const picks = await screen.findAllByRole('button', { name: 'Choose' });
    expect(bridge.searchCreators).toHaveBeenCalledWith('川味小厨娘');
    expect(screen.getByText(/3,862,000 followers|386/)).toBeTruthy();
    fireEvent.click(picks[0]!);
    await screen.findByRole('table');
    expect(bridge.load).toHaveBeenCalledWith({ oAuthorId: AUTHOR.oAuthorId, platform: 'SHORT_VIDEO' });
  });

  it("a Douyin link of the open tab uses the tab's page data", async () => {
    const bridge = fakeBridge({ ok: true, value: { kind: 'sure', author: AUTHOR, source: 'search' } });
    render(<PopupApp pageCreator={{ kind: 'douyin', account: ACCOUNT }} bridge={bridge} balance={noBalance} />);
    await screen.findByRole('table');
    fireEvent.input(screen.getByLabelText('Creator'), { target: { value: `https://www.douyin.com/user/${ACCOUNT.secUid}?modal_id=1` } });
    fireEvent.click(screen.getByRole('button', { name: 'Look up' }));
    expect(queryErrorBlock()).toBeNull();
    expect(bridge.resolveDouyin).toHaveBeenCalledWith(ACCOUNT);
  });

  it('a Douyin link of another page asks the user to open it', () => {
    const bridge = fakeBridge({ ok: true, value: { kind: 'none' } });
    render(<PopupApp pageCreator={null} bridge={bridge} balance={noBalance} />);
    fireEvent.input(screen.getByLabelText('Creator'), { target: { value: 'https://www.douyin.com/user/MS4wLjABAAAAdGhpcy1pcy1hLWRpZmZlcmVudC1jcmVhdG9yLTAwMDE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Look up' }));
    expect(screen.getByRole('alert').textContent).toMatch(/Open this Douyin profile/);
    expect(bridge.resolveDouyin).not.toHaveBeenCalled();
    expect(bridge.searchCreators).not.toHaveBeenCalled();
  });
});
