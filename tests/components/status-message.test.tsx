// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { StatusMessage, type ViewFailure } from '../../components/StatusMessage';
import { setLanguage, t } from '../../utils/views/i18n';
import type { Failure, FailureKind } from '../../utils/shared/types';
import { errorBlock, queryErrorBlock, statusBlock } from './status-queries';

beforeEach(() => setLanguage('zh'));
afterEach(() => {
  cleanup();
  setLanguage(null);
});

/** Every FailureKind with the business code it usually carries. */
const CASES: readonly [FailureKind, number | undefined, string][] = [
  ['no-key', undefined, '尚未设置 API 密钥'],
  ['invalid-token', 100, 'API 密钥无效'],
  ['collection-failed', 301, '数据采集失败'],
  ['rate-limited', 302, '请求过于频繁'],
  ['quota-exceeded', 303, '今日额度已用完'],
  ['invalid-params', 400, '请求参数无效'],
  ['server-error', 500, '接口服务器错误'],
  ['permission-denied', 600, '无权访问此接口'],
  ['insufficient-balance', 601, '余额不足'],
  ['spending-cap', 602, '已达到密钥的消费上限'],
  ['daily-cap', undefined, '已达到每日调用上限'],
  ['undocumented-code', 503, '接口返回错误'],
  ['unknown-code', 777, '未知错误码'],
  ['upstream', undefined, '星图拒绝了请求'],
  ['http', undefined, 'HTTP 错误'],
  ['network', undefined, '网络错误'],
  ['timeout', undefined, '请求超时'],
  ['bad-response', undefined, '无法识别的返回数据'],
  ['bad-input', undefined, '无效的达人ID'],
];

describe('StatusMessage', () => {
  it('loading: a status with a spinner and text', () => {
    render(<StatusMessage state="loading" />);
    const status = statusBlock();
    expect(status.textContent).toContain('加载中…');
    expect(status.querySelector('.xdp-view__spinner')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('no key: explains and the button opens the settings', () => {
    const open = vi.fn();
    render(<StatusMessage state="no-key" onOpenSettings={open} />);
    expect(screen.getByText('尚未设置 API 密钥')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '打开设置' }));
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('empty', () => {
    render(<StatusMessage state="empty" />);
    expect(statusBlock().textContent).toContain('该平台暂无作品');
    expect(queryErrorBlock()).toBeNull();
  });

  it.each(CASES)('error %s (code %s): title, meaning, code and action', (kind, code, title) => {
    const error: Failure = { kind, ...(code !== undefined ? { code } : {}) };
    render(<StatusMessage state="error" error={error} onOpenSettings={() => undefined} />);
    const alert = errorBlock();
    expect(alert.textContent).toContain(title);
    expect(alert.textContent).toContain(t(`error.${kind}.meaning`));
    expect(alert.textContent).toContain(t(`error.${kind}.action`));
    if (code !== undefined) expect(alert.textContent).toContain(`错误码：${code}`);
    else expect(alert.textContent).not.toContain('错误码');
  });

  it.each(CASES)('error %s in English', (kind, code) => {
    setLanguage('en');
    render(<StatusMessage state="error" error={{ kind, ...(code !== undefined ? { code } : {}) }} />);
    const alert = errorBlock();
    expect(alert.textContent).toContain(t(`error.${kind}.title`));
    if (code !== undefined) expect(alert.textContent).toContain(`Code: ${code}`);
  });

  it.each(['invalid-token', 'no-key', 'network', 'timeout'] as const)('error %s offers "Open settings"', (kind) => {
    const open = vi.fn();
    render(<StatusMessage state="error" error={{ kind }} onOpenSettings={open} />);
    fireEvent.click(screen.getByRole('button', { name: '打开设置' }));
    expect(open).toHaveBeenCalledTimes(1);
  });

  it.each(['rate-limited', 'quota-exceeded', 'insufficient-balance'] as const)(
    'error %s has no settings button',
    (kind) => {
      render(<StatusMessage state="error" error={{ kind }} onOpenSettings={() => undefined} />);
      expect(screen.queryByRole('button')).toBeNull();
    },
  );

  it.each([
    ['rate-limited', 302, Date.UTC(2025, 2, 1, 6, 6), /No API calls until .+, to respect the rate limit/],
    ['quota-exceeded', 303, Date.UTC(2025, 2, 1, 16, 0), /renews at 00:00 Beijing time \(.+\)/],
    ['insufficient-balance', 601, 'key-change', /until the API key is changed.+press Refresh to try once/],
  ] as const)('a blocked %s says why no call was made and until when', (kind, code, blockedUntil, text) => {
    setLanguage('en');
    render(<StatusMessage state="error" error={{ kind, code, blockedUntil }} />);
    const alert = errorBlock();
    expect(alert.getAttribute('data-blocked')).toBe('true');
    expect(alert.textContent).toMatch(text);
    expect(alert.textContent).not.toContain('{time}');
  });

  it('a failure that is not a block has no block line', () => {
    render(<StatusMessage state="error" error={{ kind: 'quota-exceeded', code: 303 }} />);
    expect(errorBlock().getAttribute('data-blocked')).toBeNull();
  });

  it('shows the server detail as text, the HTTP status, and the id for 400', () => {
    const detail = '<img src=x onerror=alert(1)> 参数错误';
    render(
      <StatusMessage
        state="error"
        error={{ kind: 'invalid-params', code: 400, httpStatus: 400, detail, oAuthorId: '7006229624431689736' }}
      />,
    );
    const alert = errorBlock();
    expect(alert.textContent).toContain(`服务器返回：${detail}`);
    expect(alert.textContent).toContain('HTTP 状态：400');
    expect(alert.textContent).toContain('达人ID：7006229624431689736');
    expect(alert.querySelector('img')).toBeNull();
  });

  it('upstream: shows the status message, and no "code 0"', () => {
    render(<StatusMessage state="error" error={{ kind: 'upstream', code: 0, detail: '达人不存在' }} />);
    const alert = errorBlock();
    expect(alert.textContent).toContain('达人不存在');
    expect(alert.textContent).not.toContain('错误码');
  });

  it('unexpected (a thrown load): generic title', () => {
    const error: ViewFailure = { kind: 'unexpected' };
    render(<StatusMessage state="error" error={error} />);
    expect(errorBlock().textContent).toContain('出错了');
  });
});
