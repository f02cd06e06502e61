// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { CreatorView } from '../../components/CreatorView';
import { DouyinCreatorView } from '../../components/DouyinCreatorView';
import { PageCreatorView } from '../../components/PageCreatorView';
import { PopupApp } from '../../components/PopupApp';
import { setLanguage } from '../../utils/views/i18n';
import type { DouyinAccount } from '../../utils/shared/creator';
import type { LinkedAuthor, Resolution } from '../../utils/shared/messaging';
import type { XingtuAuthor } from '../../utils/shared/xingtu-author';
import type { Distribution, Result } from '../../utils/shared/types';
import type { DistributionRequest } from '../../utils/shared/messaging';
import type { ViewBridge } from '../../utils/views/view-bridge';

const ID = '7006229624431689736';
const ACCOUNT: DouyinAccount = { uid: null, secUid: 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM', nickname: '吉他阿哲', uniqueId: 'guitar' };
const AUTHOR: XingtuAuthor = { oAuthorId: ID, douyinUid: '1', nickname: '吉他阿哲', followers: 10, avatarUrl: null, city: null };
const ROWS = [
  { name: '美食', count: 6, share: 0.6 },
  { name: '音乐', count: 3, share: 0.3 },
  { name: '随拍', count: 1, share: 0.1 },
];

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Every text the view's live region took, in order (a mutation observer: each change is one announcement). */
function recordAnnouncements(): { texts: string[]; stop: () => void } {
  const regions = document.querySelectorAll('[aria-live]');
  expect(regions).toHaveLength(1);
  const region = regions[0]!;
  expect(region.getAttribute('aria-live')).toBe('polite');
  const texts: string[] = [];
  let last = region.textContent ?? '';
  const observer = new MutationObserver(() => {
    const now = region.textContent ?? '';
    if (now !== last) texts.push(now);
    last = now;
  });
  observer.observe(region, { childList: true, characterData: true, subtree: true });
  return { texts, stop: () => observer.disconnect() };
}

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  setLanguage(null);
});

describe('the view announces its state through one polite live region', () => {
  it('loading, the result and an error once each, not on re-renders', async () => {
    const answers: Deferred<Result<Distribution>>[] = [];
    const load = vi.fn((_req: DistributionRequest) => {
      const d = deferred<Result<Distribution>>();
      answers.push(d);
      return d.promise;
    });
    const view = () => <CreatorView oAuthorId={ID} load={load} openOptions={() => undefined} />;
    const { rerender } = render(view());
    await flush();
    const region = document.querySelector('[aria-live]')!;
    expect(region.textContent).toBe('Loading…');
    const { texts, stop } = recordAnnouncements();
    for (let i = 0; i < 3; i++) rerender(view());
    await flush();
    expect(texts).toEqual([]);

    await act(async () => answers[0]!.resolve({ ok: true, value: { oAuthorId: ID, platform: 'SHORT_VIDEO', rows: ROWS, fetchedAt: 1, fromCache: false } }));
    await flush();
    for (let i = 0; i < 3; i++) rerender(view());
    await flush();
    expect(texts).toEqual(['Short video: 美食 60.0%, 音乐 30.0%, 随拍 10.0%']);

    fireEvent.click(screen.getByRole('button', { name: /Refresh/ }));
    await flush();
    await act(async () => answers[1]!.resolve({ ok: false, error: { kind: 'invalid-token', code: 100 } }));
    await flush();
    rerender(view());
    await flush();
    stop();
    expect(texts).toHaveLength(3);
    expect(texts[1]).toBe('Refreshing…');
    expect(texts[2]).toMatch(/^Invalid API key\. /);
    // No other live region: the error block is not an alert of its own.
    expect(document.querySelectorAll('[aria-live], [role="alert"], [role="status"]')).toHaveLength(1);
  });

  it('a Douyin creator: one region for the page, the resolving, the likely match, then the distribution', async () => {
    const resolve = deferred<Result<Resolution>>();
    const bridge = {
      load: vi.fn(async (req: DistributionRequest): Promise<Result<Distribution>> => ({
        ok: true,
        value: { oAuthorId: req.oAuthorId, platform: req.platform, rows: ROWS, fetchedAt: 1, fromCache: false },
      })),
      resolveDouyin: vi.fn(() => resolve.promise),
      linkDouyin: vi.fn(async (_a: DouyinAccount, author: LinkedAuthor): Promise<Result<Resolution>> => ({
        ok: true,
        value: { kind: 'sure', author: { ...AUTHOR, ...author }, source: 'user' },
      })),
      searchCreators: vi.fn(async (): Promise<Result<XingtuAuthor[]>> => ({ ok: true, value: [] })),
      openOptions: vi.fn(),
    } satisfies ViewBridge;
    render(<PageCreatorView creator={{ kind: 'douyin', account: ACCOUNT }} bridge={bridge} />);
    await flush();
    expect(document.querySelector('[aria-live]')!.textContent).toBe('Finding this creator on Xingtu…');
    const { texts, stop } = recordAnnouncements();
    await act(async () => resolve.resolve({ ok: true, value: { kind: 'likely', author: AUTHOR } }));
    await flush();
    expect(texts).toEqual(['Likely this Xingtu creator: 吉他阿哲']);

    // "Yes, load the distribution": the focus goes to the new state's heading, never to <body>.
    const yes = screen.getByRole('button', { name: /Yes, load the distribution/ });
    yes.focus();
    fireEvent.click(yes);
    await waitFor(() => expect(screen.queryByRole('table')).not.toBeNull());
    await waitFor(() => expect(texts.at(-1)).toMatch(/^Short video: /));
    stop();
    await waitFor(() => expect(document.activeElement?.hasAttribute('data-focus-target')).toBe(true));
    expect(document.activeElement?.textContent).toBe('Xingtu creator · set by you');
    expect(texts.at(-1)).toBe('Short video: 美食 60.0%, 音乐 30.0%, 随拍 10.0%');
    expect(document.querySelectorAll('[aria-live]')).toHaveLength(1);
  });

  it('"Wrong match?" moves the focus into the form, Cancel back to the button', async () => {
    const bridge = {
      load: vi.fn(async (req: DistributionRequest): Promise<Result<Distribution>> => ({
        ok: true,
        value: { oAuthorId: req.oAuthorId, platform: req.platform, rows: ROWS, fetchedAt: 1, fromCache: false },
      })),
      resolveDouyin: vi.fn(async (): Promise<Result<Resolution>> => ({ ok: true, value: { kind: 'sure', author: AUTHOR, source: 'search' } })),
      linkDouyin: vi.fn(),
      searchCreators: vi.fn(),
      openOptions: vi.fn(),
    } as unknown as ViewBridge;
    render(<DouyinCreatorView account={ACCOUNT} bridge={bridge} />);
    const toggle = await screen.findByRole('button', { name: 'Wrong match?' });
    fireEvent.click(toggle);
    await flush();
    expect(document.activeElement).toBe(screen.getByLabelText('Xingtu link or id'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await flush();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Wrong match?' }));
  });

  it('the popup search: searching, then how many were found', async () => {
    const found = deferred<Result<XingtuAuthor[]>>();
    const bridge = {
      load: vi.fn(),
      resolveDouyin: vi.fn(),
      linkDouyin: vi.fn(),
      searchCreators: vi.fn(() => found.promise),
      openOptions: vi.fn(),
    } as unknown as ViewBridge;
    render(<PopupApp pageCreator={null} bridge={bridge} balance={async () => ({ ok: false as const, error: { kind: 'no-key' as const } })} />);
    fireEvent.input(screen.getByLabelText('Creator'), { target: { value: '吉他阿哲' } });
    fireEvent.click(screen.getByRole('button', { name: 'Look up' }));
    await flush();
    expect(document.querySelector('[aria-live]')!.textContent).toBe('Searching…');
    const { texts, stop } = recordAnnouncements();
    await act(async () => found.resolve({ ok: true, value: [AUTHOR, { ...AUTHOR, oAuthorId: '6912345678901234567' }] }));
    await waitFor(() => expect(texts).toEqual(['Xingtu search results: 2']));
    stop();
  });
});
