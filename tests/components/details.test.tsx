// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';

const avatarAsked = vi.hoisted(() => [] as string[]);
vi.mock('../../utils/views/view-bridge', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../utils/views/view-bridge')>()),
  // The background's answer for an avatar URL: a checked data: URL (utils/background/avatar.ts).
  avatarDataUrl: async (url: string) => {
    avatarAsked.push(url);
    return url.endsWith('.broken') ? null : 'data:image/png;base64,iVBORw0KGgo=';
  },
}));

import { CreatorView } from '../../components/CreatorView';
import { DouyinCreatorView } from '../../components/DouyinCreatorView';
import { PageCreatorView } from '../../components/PageCreatorView';
import { PopupApp } from '../../components/PopupApp';
import { AuthorCard } from '../../components/AuthorCard';
import { TimeAgo } from '../../components/TimeAgo';
import { setLanguage } from '../../utils/views/i18n';
import type { DouyinAccount } from '../../utils/shared/creator';
import type { DistributionRequest, KnownAuthor, LinkedAuthor, Resolution } from '../../utils/shared/messaging';
import type { XingtuAuthor } from '../../utils/shared/xingtu-author';
import type { Distribution, Failure, Result } from '../../utils/shared/types';
import type { ViewBridge } from '../../utils/views/view-bridge';

const ID = '7006229624431689736';
const ACCOUNT: DouyinAccount = { uid: null, secUid: 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM', nickname: '川味小厨娘', uniqueId: 'chuanwei' };
const AUTHOR: XingtuAuthor = { oAuthorId: ID, douyinUid: null, nickname: '川味小厨娘', followers: 3_862_000, avatarUrl: 'https://p3.example.com/a.jpeg', city: '成都' };
const noBalance = async () => ({ ok: false as const, error: { kind: 'no-key' as const } });

const dist = (req: DistributionRequest, rows: Distribution['rows'], fetchedAt = Date.now()): Distribution => ({
  oAuthorId: req.oAuthorId,
  platform: req.platform,
  rows,
  fetchedAt,
  fromCache: false,
});

function bridgeWith(overrides: Partial<ViewBridge>): ViewBridge {
  return {
    load: vi.fn(async (req: DistributionRequest): Promise<Result<Distribution>> => ({ ok: true, value: dist(req, [{ name: '美食', count: 1, share: 1 }]) })),
    resolveDouyin: vi.fn(async (): Promise<Result<Resolution>> => ({ ok: true, value: { kind: 'none' } })),
    linkDouyin: vi.fn(async (_a: DouyinAccount, author: LinkedAuthor): Promise<Result<Resolution>> => ({ ok: true, value: { kind: 'sure', author, source: 'user' } })),
    searchCreators: vi.fn(async (): Promise<Result<XingtuAuthor[]>> => ({ ok: true, value: [] })),
    openOptions: vi.fn(),
    ...overrides,
  };
}

beforeEach(() => {
  setLanguage('en');
  avatarAsked.length = 0;
});
afterEach(() => {
  cleanup();
  setLanguage(null);
  vi.useRealTimers();
});

describe('numbers and times for the language', () => {
  it('follower counts: 3,862,000 in English, 386.2万 in Chinese', () => {
    render(<AuthorCard author={AUTHOR} />);
    expect(screen.getByText('3,862,000 followers')).toBeTruthy();
    cleanup();
    setLanguage('zh');
    render(<AuthorCard author={AUTHOR} />);
    expect(screen.getByText('386.2万 粉丝')).toBeTruthy();
  });

  it('a fetch time reads "2 hours ago" / "2小时前" with the exact time in its tooltip', () => {
    const at = Date.now() - 2 * 3_600_000 - 60_000;
    render(<TimeAgo ms={at} wrap={(time) => `Fetched ${time}`} />);
    const time = document.querySelector('time')!;
    expect(time.textContent).toBe('Fetched 2 hours ago');
    expect(time.getAttribute('title')).toMatch(new RegExp(String(new Date(at).getFullYear())));
    expect(time.getAttribute('datetime')).toBe(new Date(at).toISOString());
    cleanup();
    setLanguage('zh');
    render(<TimeAgo ms={at} />);
    expect(document.querySelector('time')!.textContent).toBe('2小时前');
  });

  it('the relative time moves on while the panel stays open', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1, 12) });
    render(<TimeAgo ms={Date.now()} />);
    expect(document.querySelector('time')!.textContent).toBe('just now');
    act(() => void vi.advanceTimersByTime(3 * 60_000));
    expect(document.querySelector('time')!.textContent).toBe('3 minutes ago');
  });
});

describe('copy the Xingtu id', () => {
  it('puts the 19-digit id on the clipboard and says "Copied" in a live region', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<CreatorView oAuthorId={ID} load={bridgeWith({}).load} openOptions={() => undefined} />);
    await waitFor(() => expect(document.querySelector('[aria-live]')?.textContent).toMatch(/^Short video: /));
    fireEvent.click(screen.getByRole('button', { name: 'Copy Xingtu ID' }));
    // Shown beside the button, and said through the view's one live region (not one of its own).
    await waitFor(() => expect(document.querySelector('.xdp-view__copied')?.textContent).toBe('Copied'));
    expect(document.querySelectorAll('[aria-live]')).toHaveLength(1);
    expect(document.querySelector('[aria-live="polite"]')?.textContent).toBe('Copied');
    expect(writeText).toHaveBeenCalledWith(ID);
  });

  it('says so when the clipboard refuses', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async () => Promise.reject(new Error('denied')) }, configurable: true });
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    render(<CreatorView oAuthorId={ID} load={bridgeWith({}).load} openOptions={() => undefined} />);
    await waitFor(() => expect(document.querySelector('[aria-live]')?.textContent).toMatch(/^Short video: /));
    fireEvent.click(screen.getByRole('button', { name: 'Copy Xingtu ID' }));
    await waitFor(() => expect(document.querySelector('[aria-live="polite"]')?.textContent).toBe('Could not copy'));
  });
});

describe('Refresh during a 302 cool-down', () => {
  it('is disabled and says until when, then works again when it ends', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1, 12), shouldAdvanceTime: true });
    const until = Date.now() + 60_000;
    const rateLimited: Failure = { kind: 'rate-limited', code: 302, blockedUntil: until };
    const load = vi.fn(async (): Promise<Result<Distribution>> => ({ ok: false, error: rateLimited }));
    render(<CreatorView oAuthorId={ID} load={load} openOptions={() => undefined} />);
    const refresh = await screen.findByRole('button', { name: /^↻?\s*Paused until/ });
    // aria-disabled (the focus stays on it) and a click does nothing.
    expect(refresh.getAttribute('aria-disabled')).toBe('true');
    expect(refresh.textContent).toContain(new Date(until).toLocaleTimeString('en'));
    fireEvent.click(refresh);
    expect(load).toHaveBeenCalledTimes(1);
    await act(async () => void vi.advanceTimersByTime(61_000));
    const again = screen.getByRole('button', { name: /Refresh/ });
    expect(again.getAttribute('aria-disabled')).toBeNull();
    fireEvent.click(again);
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
  });
});

describe('the empty state says which platforms have data', () => {
  it('from the cache only: with videos (a button to switch), none, not looked up yet', async () => {
    const load = vi.fn(async (req: DistributionRequest): Promise<Result<Distribution>> => ({
      ok: true,
      value: dist(req, req.platform === 'LIVE_STREAMING' ? [{ name: '美食', count: 12_000, share: 1 }] : []),
    }));
    const peek = vi.fn(async (req: DistributionRequest) =>
      req.platform === 'LIVE_STREAMING' ? dist(req, [{ name: '美食', count: 12_000, share: 1 }]) : req.platform === 'PICTURE_TEXT' ? dist(req, []) : null,
    );
    render(<CreatorView oAuthorId={ID} load={load} openOptions={() => undefined} peek={peek} />);
    const live = await screen.findByRole('button', { name: 'Live (12,000 videos)' });
    expect(screen.getByText('No videos either: Picture & text')).toBeTruthy();
    expect(screen.getByText(/Not looked up: Short drama/)).toBeTruthy();
    expect(peek).toHaveBeenCalledTimes(3);
    expect(load).toHaveBeenCalledTimes(1); // peeking is free
    fireEvent.click(live);
    await screen.findByRole('table');
    expect(load).toHaveBeenLastCalledWith({ oAuthorId: ID, platform: 'LIVE_STREAMING' });
  });
});

describe('creator search failures', () => {
  it('network: offers to search again (one call), and a retry searches again', async () => {
    const resolveDouyin = vi
      .fn<ViewBridge['resolveDouyin']>()
      .mockResolvedValueOnce({ ok: false, error: { kind: 'network' } })
      .mockResolvedValueOnce({ ok: true, value: { kind: 'none' } });
    render(<DouyinCreatorView account={ACCOUNT} bridge={bridgeWith({ resolveDouyin })} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Search again (1 call)' }));
    await screen.findByText('This creator is not on Xingtu');
    expect(resolveDouyin).toHaveBeenCalledTimes(2);
  });

  it('600 says it is the search endpoint that is refused, and the server\'s words are labelled', async () => {
    setLanguage('zh');
    const resolveDouyin = vi.fn(async (): Promise<Result<Resolution>> => ({ ok: false, error: { kind: 'permission-denied', code: 600, detail: 'permission denied' } }));
    render(<DouyinCreatorView account={ACCOUNT} bridge={bridgeWith({ resolveDouyin })} />);
    expect(await screen.findByText(/无权调用「星图达人搜索」接口/)).toBeTruthy();
    expect(screen.getByText('服务器返回：permission denied')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重新搜索（1 次调用）' })).toBeTruthy();
  });

  it('the popup\'s nickname search offers a retry too', async () => {
    const searchCreators = vi
      .fn<ViewBridge['searchCreators']>()
      .mockResolvedValueOnce({ ok: false, error: { kind: 'permission-denied', code: 600 } })
      .mockResolvedValueOnce({ ok: true, value: [AUTHOR] });
    render(<PopupApp pageCreator={null} bridge={bridgeWith({ searchCreators })} balance={noBalance} />);
    fireEvent.input(screen.getByRole('textbox'), { target: { value: '川味' } });
    fireEvent.submit(screen.getByRole('textbox').closest('form')!);
    expect(await screen.findByText(/may not call the Creator Search endpoint/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Search again (1 call)' }));
    expect(await screen.findByRole('link', { name: '川味小厨娘' })).toBeTruthy();
    expect(searchCreators).toHaveBeenCalledTimes(2);
  });

  it('no retry where retrying cannot help (a bad key)', async () => {
    const resolveDouyin = vi.fn(async (): Promise<Result<Resolution>> => ({ ok: false, error: { kind: 'invalid-token', code: 100 } }));
    render(<DouyinCreatorView account={ACCOUNT} bridge={bridgeWith({ resolveDouyin })} />);
    await screen.findByText('Invalid API key');
    expect(screen.queryByRole('button', { name: /Search again/ })).toBeNull();
  });
});

describe('"No, not this creator"', () => {
  it('stores the user\'s answer and shows the correction', async () => {
    const rejectDouyin = vi.fn(async (_a: DouyinAccount, oAuthorId: string): Promise<Result<Resolution>> => ({ ok: true, value: { kind: 'none', rejected: oAuthorId } }));
    const bridge = bridgeWith({ resolveDouyin: vi.fn(async () => ({ ok: true as const, value: { kind: 'likely' as const, author: AUTHOR } })), rejectDouyin });
    render(<DouyinCreatorView account={ACCOUNT} bridge={bridge} />);
    fireEvent.click(await screen.findByRole('button', { name: 'No, not this creator' }));
    expect(await screen.findByText('You said this is not the creator')).toBeTruthy();
    expect(rejectDouyin).toHaveBeenCalledWith(ACCOUNT, ID);
    expect(screen.getByRole('textbox', { name: 'Xingtu link or id' })).toBeTruthy();
    expect(bridge.load).not.toHaveBeenCalled();
  });
});

describe('names and avatars', () => {
  it('a long Douyin nickname has the full name in its tooltip', async () => {
    const long = '超长的抖音昵称'.repeat(12);
    render(<DouyinCreatorView account={{ ...ACCOUNT, nickname: long }} bridge={bridgeWith({})} />);
    await screen.findByText('This creator is not on Xingtu');
    expect(screen.getByText(long).getAttribute('title')).toBe(long);
  });

  it('the avatar is the data: URL the background checked, never the image host\'s URL', async () => {
    render(<AuthorCard author={AUTHOR} />);
    await waitFor(() => expect(document.querySelector('img')?.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo='));
    expect(avatarAsked).toEqual([AUTHOR.avatarUrl]);
    expect(document.querySelector(`img[src^="https:"]`)).toBeNull();
  });

  it('without an image: the first character of the name, no <img>', async () => {
    render(<AuthorCard author={{ ...AUTHOR, avatarUrl: 'https://p3.example.com/a.broken' }} />);
    await waitFor(() => expect(avatarAsked).toHaveLength(1));
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('.xdp-author__avatar--none')?.textContent).toBe('川');
  });

  it('on a Xingtu page: the known name and avatar above the distribution, nothing when unknown', async () => {
    const known: KnownAuthor = { nickname: '川味小厨娘', avatarUrl: AUTHOR.avatarUrl };
    const knownAuthor = vi.fn(async (id: string) => (id === ID ? known : null));
    const bridge = bridgeWith({ knownAuthor });
    const { rerender } = render(<PageCreatorView creator={{ kind: 'xingtu', oAuthorId: ID }} bridge={bridge} />);
    expect(await screen.findByRole('link', { name: '川味小厨娘' })).toBeTruthy();
    await waitFor(() => expect(document.querySelector('img')).toBeTruthy());
    const other = '6912345678901234567';
    rerender(<PageCreatorView creator={{ kind: 'xingtu', oAuthorId: other }} bridge={bridge} />);
    await waitFor(() => expect(knownAuthor).toHaveBeenCalledWith(other));
    expect(screen.queryByRole('link', { name: '川味小厨娘' })).toBeNull();
    expect(bridge.load).toHaveBeenCalledTimes(2); // the distribution only: the name cost nothing
  });
});
