// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { render as preactRender } from 'preact';
import { CreatorView, xingtuCreatorUrl } from '../../components/CreatorView';
import { setLanguage } from '../../utils/views/i18n';
import type { DistributionRequest } from '../../utils/shared/messaging';
import type { Platform } from '../../utils/shared/platform';
import type { CategoryRow, Distribution, Failure, Result } from '../../utils/shared/types';
import { errorBlock, findErrorBlock, queryErrorBlock, statusBlock } from './status-queries';

const ID_A = '7006229624431689736';
const ID_B = '6912345678901234567';
const FETCHED = Date.UTC(2025, 2, 1, 6, 5);

function dist(oAuthorId: string, platform: Platform, rows: CategoryRow[], fromCache = false): Distribution {
  return { oAuthorId, platform, rows, fetchedAt: FETCHED, fromCache };
}
const ok = (value: Distribution): Result<Distribution> => ({ ok: true, value });
const fail = (error: Failure): Result<Distribution> => ({ ok: false, error });

const ROWS: CategoryRow[] = [
  { name: '美食', count: 4, share: 0.5 },
  { name: '音乐', count: 2, share: 0.25 },
  { name: '随拍', count: 2, share: 0.25 },
];

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A `load` whose answers the test releases one by one. */
function controlledLoad() {
  const calls: { req: DistributionRequest; answer: Deferred<Result<Distribution>> }[] = [];
  const load = vi.fn((req: DistributionRequest) => {
    const answer = deferred<Result<Distribution>>();
    calls.push({ req, answer });
    return answer.promise;
  });
  return { load, calls };
}

async function settle(fn: () => void) {
  await act(async () => {
    fn();
    await Promise.resolve();
  });
}

const bodyRowNames = () => {
  const table = screen.getByRole('table');
  const [, body] = within(table).getAllByRole('rowgroup');
  return within(body!).getAllByRole('rowheader').map((h) => h.textContent);
};
const checkedPlatform = () =>
  screen.getAllByRole('tab').find((r) => r.getAttribute('aria-selected') === 'true')?.textContent;

beforeEach(() => setLanguage('zh'));
afterEach(() => {
  cleanup();
  setLanguage(null);
});

describe('CreatorView', () => {
  it('loads the default platform on mount and shows loading meanwhile', async () => {
    const { load, calls } = controlledLoad();
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    expect(load).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledWith({ oAuthorId: ID_A, platform: 'SHORT_VIDEO' });
    expect(statusBlock().textContent).toContain('加载中…');
    expect(checkedPlatform()).toBe('短视频');
    expect(screen.queryByRole('table')).toBeNull();
    await settle(() => calls[0]!.answer.resolve(ok(dist(ID_A, 'SHORT_VIDEO', ROWS))));
    expect(screen.queryByText('加载中…')).toBeNull();
  });

  it('shows the id link, chart, table and fetch time', async () => {
    const load = vi.fn(async (req: DistributionRequest) => ok(dist(req.oAuthorId, req.platform, ROWS)));
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    await screen.findByRole('table');
    const link = screen.getByRole('link', { name: ID_A });
    expect(link.getAttribute('href')).toBe(`https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID_A}`);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(bodyRowNames()).toEqual(['美食', '音乐', '随拍']);
    expect(screen.getByRole('table', { name: '短视频内容类型分布' })).toBeTruthy();
    // real Chart.js in happy-dom (no 2D context): the canvas is there with its label, nothing crashed
    const canvas = screen.getByRole('img');
    expect(canvas.tagName).toBe('CANVAS');
    expect(canvas.getAttribute('aria-label')).toBe('内容类型分布图：美食 50.0%、音乐 25.0%、随拍 25.0%');
    const time = document.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe(new Date(FETCHED).toISOString());
    // relative ("去年获取", from the clock of the test run), the exact local time in the tooltip
    expect(time.textContent).toMatch(/获取$/);
    expect(time.getAttribute('title')).toMatch(/2025/);
    expect(screen.queryByText('来自缓存，未调用')).toBeNull();
    expect(screen.getByText('共 8 个作品 · 3 个内容类型')).toBeTruthy();
  });

  it('marks an answer from the cache', async () => {
    const load = vi.fn(async (req: DistributionRequest) => ok(dist(req.oAuthorId, req.platform, ROWS, true)));
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    expect(await screen.findByText('来自缓存，未调用')).toBeTruthy();
  });

  it('English', async () => {
    setLanguage('en');
    const load = vi.fn(async (req: DistributionRequest) => ok(dist(req.oAuthorId, req.platform, ROWS, true)));
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    await screen.findByRole('table');
    expect(document.querySelector('time')!.textContent).toMatch(/^Fetched /);
    expect(screen.getByText('from cache, no call')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Refresh/ })).toBeTruthy();
  });

  it('no key: shows the no-key state and "Open settings" calls openOptions', async () => {
    const openOptions = vi.fn();
    const load = vi.fn(async () => fail({ kind: 'no-key' }));
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={openOptions} />);
    fireEvent.click(await screen.findByRole('button', { name: '打开设置' }));
    expect(openOptions).toHaveBeenCalledTimes(1);
    expect(screen.getByText('尚未设置 API 密钥')).toBeTruthy();
    expect(queryErrorBlock()).toBeNull();
  });

  it('empty list: "no videos on this platform"', async () => {
    const load = vi.fn(async (req: DistributionRequest) => ok(dist(req.oAuthorId, req.platform, [])));
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    expect(await screen.findByText('该平台暂无作品')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('an error answer shows its title and code', async () => {
    const load = vi.fn(async () => fail({ kind: 'rate-limited', code: 302, detail: 'Too Many Requests' }));
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    const alert = await findErrorBlock();
    expect(alert.textContent).toContain('请求过于频繁');
    expect(alert.textContent).toContain('错误码：302');
    expect(alert.textContent).toContain('Too Many Requests');
  });

  it('an invalid key offers the settings', async () => {
    const openOptions = vi.fn();
    const load = vi.fn(async () => fail({ kind: 'invalid-token', code: 100 }));
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={openOptions} />);
    await findErrorBlock();
    fireEvent.click(screen.getByRole('button', { name: '打开设置' }));
    expect(openOptions).toHaveBeenCalledTimes(1);
  });

  it('a rejected load shows a generic error, not a blank panel', async () => {
    const load = vi.fn(() => Promise.reject(new Error('Could not establish connection')));
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    const alert = await findErrorBlock();
    expect(alert.textContent).toContain('出错了');
    expect(document.querySelector('.xdp-view__status--loading')).toBeNull();
  });

  it('a load that throws synchronously, or answers garbage, also shows the generic error', async () => {
    const throwing = vi.fn((): Promise<Result<Distribution>> => {
      throw new Error('boom');
    });
    render(<CreatorView oAuthorId={ID_A} load={throwing} openOptions={() => undefined} />);
    expect((await findErrorBlock()).textContent).toContain('出错了');
    cleanup();
    const garbage = vi.fn(async () => undefined as unknown as Result<Distribution>);
    render(<CreatorView oAuthorId={ID_A} load={garbage} openOptions={() => undefined} />);
    expect((await findErrorBlock()).textContent).toContain('出错了');
  });

  it('a category name with markup is shown as text', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const load = vi.fn(async (req: DistributionRequest) =>
      ok(dist(req.oAuthorId, req.platform, [{ name: evil, count: 1, share: 1 }])),
    );
    const { container } = render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    await screen.findByRole('table');
    expect(bodyRowNames()).toEqual([evil]);
    expect(container.querySelector('img')).toBeNull();
  });

  it('switching platform loads that platform and moves aria-selected', async () => {
    const load = vi.fn(async (req: DistributionRequest) => ok(dist(req.oAuthorId, req.platform, ROWS)));
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('tab', { name: '直播' }));
    expect(load).toHaveBeenLastCalledWith({ oAuthorId: ID_A, platform: 'LIVE_STREAMING' });
    expect(checkedPlatform()).toBe('直播');
    expect(await screen.findByRole('table', { name: '直播内容类型分布' })).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('refresh calls load with refresh: true and keeps the data visible meanwhile', async () => {
    const { load, calls } = controlledLoad();
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    await settle(() => calls[0]!.answer.resolve(ok(dist(ID_A, 'SHORT_VIDEO', ROWS, true))));
    fireEvent.click(screen.getByRole('button', { name: /刷新/ }));
    expect(load).toHaveBeenLastCalledWith({ oAuthorId: ID_A, platform: 'SHORT_VIDEO', refresh: true });
    // Busy, but still focusable (a disabled button would drop the keyboard focus to <body>).
    const busy = screen.getByRole('button', { name: /刷新中/ }) as HTMLButtonElement;
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    expect(busy.disabled).toBe(false);
    fireEvent.click(busy);
    expect(load).toHaveBeenCalledTimes(2); // a click while busy asks for nothing
    expect(bodyRowNames()).toEqual(['美食', '音乐', '随拍']);
    await settle(() =>
      calls[1]!.answer.resolve(ok(dist(ID_A, 'SHORT_VIDEO', [{ name: '游戏', count: 9, share: 1 }]))),
    );
    expect(bodyRowNames()).toEqual(['游戏']);
    expect(screen.queryByText('来自缓存，未调用')).toBeNull();
    expect(screen.getByRole('button', { name: /刷新/ }).getAttribute('aria-disabled')).toBeNull();
  });

  it('a failed refresh shows the error and keeps the earlier data', async () => {
    const { load, calls } = controlledLoad();
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    await settle(() => calls[0]!.answer.resolve(ok(dist(ID_A, 'SHORT_VIDEO', ROWS))));
    fireEvent.click(screen.getByRole('button', { name: /刷新/ }));
    await settle(() => calls[1]!.answer.resolve(fail({ kind: 'quota-exceeded', code: 303 })));
    expect(errorBlock().textContent).toContain('今日额度已用完');
    expect(bodyRowNames()).toEqual(['美食', '音乐', '随拍']);
  });

  it('ignores a late answer for the previous creator', async () => {
    const { load, calls } = controlledLoad();
    const { rerender } = render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    rerender(<CreatorView oAuthorId={ID_B} load={load} openOptions={() => undefined} />);
    expect(calls.map((c) => c.req.oAuthorId)).toEqual([ID_A, ID_B]);
    // A answers after B was asked: it must not show
    await settle(() => calls[0]!.answer.resolve(ok(dist(ID_A, 'SHORT_VIDEO', [{ name: 'A的类目', count: 1, share: 1 }]))));
    expect(screen.queryByRole('table')).toBeNull();
    expect(statusBlock().textContent).toContain('加载中…');
    await settle(() => calls[1]!.answer.resolve(ok(dist(ID_B, 'SHORT_VIDEO', [{ name: 'B的类目', count: 1, share: 1 }]))));
    expect(bodyRowNames()).toEqual(['B的类目']);
    expect(screen.getByRole('link', { name: ID_B })).toBeTruthy();
  });

  it('ignores a late answer (or failure) for the previous creator that arrives after the current one', async () => {
    const { load, calls } = controlledLoad();
    const { rerender } = render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    rerender(<CreatorView oAuthorId={ID_B} load={load} openOptions={() => undefined} />);
    await settle(() => calls[1]!.answer.resolve(ok(dist(ID_B, 'SHORT_VIDEO', [{ name: 'B的类目', count: 1, share: 1 }]))));
    await settle(() => calls[0]!.answer.resolve(fail({ kind: 'server-error', code: 500 })));
    expect(queryErrorBlock()).toBeNull();
    expect(bodyRowNames()).toEqual(['B的类目']);
  });

  it('ignores a late answer for the previous platform', async () => {
    const { load, calls } = controlledLoad();
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    fireEvent.click(screen.getByRole('tab', { name: '图文' }));
    expect(calls.map((c) => c.req.platform)).toEqual(['SHORT_VIDEO', 'PICTURE_TEXT']);
    await settle(() => calls[1]!.answer.resolve(ok(dist(ID_A, 'PICTURE_TEXT', [{ name: '图文类目', count: 1, share: 1 }]))));
    await settle(() => calls[0]!.answer.resolve(ok(dist(ID_A, 'SHORT_VIDEO', [{ name: '短视频类目', count: 1, share: 1 }]))));
    expect(bodyRowNames()).toEqual(['图文类目']);
    expect(checkedPlatform()).toBe('图文');
  });

  it('going back to a platform: only the newest request for it counts', async () => {
    const { load, calls } = controlledLoad();
    render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    fireEvent.click(screen.getByRole('tab', { name: '直播' }));
    fireEvent.click(screen.getByRole('tab', { name: '短视频' }));
    expect(calls.map((c) => c.req.platform)).toEqual(['SHORT_VIDEO', 'LIVE_STREAMING', 'SHORT_VIDEO']);
    await settle(() => calls[2]!.answer.resolve(ok(dist(ID_A, 'SHORT_VIDEO', [{ name: '新', count: 1, share: 1 }]))));
    await settle(() => calls[0]!.answer.reject(new Error('late failure of the first request')));
    await settle(() => calls[1]!.answer.resolve(ok(dist(ID_A, 'LIVE_STREAMING', [{ name: '直播类目', count: 1, share: 1 }]))));
    expect(queryErrorBlock()).toBeNull();
    expect(bodyRowNames()).toEqual(['新']);
  });

  it('never shows the previous creator\'s data under the new id, not even for one frame', async () => {
    const { load, calls } = controlledLoad();
    const { container } = render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    await settle(() => calls[0]!.answer.resolve(ok(dist(ID_A, 'SHORT_VIDEO', ROWS))));
    expect(screen.getByRole('table')).toBeTruthy();
    // A plain synchronous render (outside act): effects have not run yet when we look.
    preactRender(<CreatorView oAuthorId={ID_B} load={load} openOptions={() => undefined} />, container);
    expect(screen.getByRole('link', { name: ID_B })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(statusBlock().textContent).toContain('加载中…');
    await act(async () => undefined);
  });

  it('a new creator starts on the default platform, with one call only', async () => {
    const load = vi.fn(async (req: DistributionRequest) => ok(dist(req.oAuthorId, req.platform, ROWS)));
    const { rerender } = render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('tab', { name: '短剧' }));
    await screen.findByRole('table', { name: '短剧内容类型分布' });
    load.mockClear();
    rerender(<CreatorView oAuthorId={ID_B} load={load} openOptions={() => undefined} />);
    expect(checkedPlatform()).toBe('短视频');
    await screen.findByRole('table', { name: '短视频内容类型分布' });
    expect(load.mock.calls).toEqual([[{ oAuthorId: ID_B, platform: 'SHORT_VIDEO' }]]);
  });

  it('a new load function does not trigger another call', async () => {
    const answer = async (req: DistributionRequest) => ok(dist(req.oAuthorId, req.platform, ROWS));
    const first = vi.fn(answer);
    const second = vi.fn(answer);
    const { rerender } = render(<CreatorView oAuthorId={ID_A} load={first} openOptions={() => undefined} />);
    await screen.findByRole('table');
    rerender(<CreatorView oAuthorId={ID_A} load={second} openOptions={() => undefined} />);
    await act(async () => undefined);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: /刷新/ }));
    expect(second).toHaveBeenCalledWith({ oAuthorId: ID_A, platform: 'SHORT_VIDEO', refresh: true });
  });

  it('an answer after unmount is dropped quietly', async () => {
    const { load, calls } = controlledLoad();
    const errors = vi.spyOn(console, 'error');
    const { unmount } = render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} />);
    unmount();
    await settle(() => calls[0]!.answer.resolve(ok(dist(ID_A, 'SHORT_VIDEO', ROWS))));
    expect(errors).not.toHaveBeenCalled();
  });

  it('the compact layout is marked', async () => {
    const { load } = controlledLoad();
    const { container } = render(<CreatorView oAuthorId={ID_A} load={load} openOptions={() => undefined} compact />);
    expect(container.querySelector('.xdp-view--compact')).not.toBeNull();
  });
});

describe('xingtuCreatorUrl', () => {
  it('keeps the id as a string and escapes anything odd', () => {
    expect(xingtuCreatorUrl(ID_A)).toBe(`https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID_A}`);
    expect(xingtuCreatorUrl('a/../b?x')).toBe('https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/a%2F..%2Fb%3Fx');
  });
});
