// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitForDouyinProfile } from '../../utils/page/douyin/wait-for-profile';
import type { DouyinPage } from '../../utils/shared/douyin-page-url';

const SEC = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';
const PAGE: DouyinPage = { kind: 'douyin-user', secUid: SEC };

function header(nickname: string, uniqueId: string): string {
  return `<div data-e2e="user-info"><h1 data-e2e="user-info-name">${nickname}</h1><p>抖音号：${uniqueId}</p></div>`;
}

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('waitForDouyinProfile', () => {
  it('reads at once when the profile is already there', async () => {
    document.body.innerHTML = header('川味小厨娘', 'chuanwei01');
    const profile = await waitForDouyinProfile(document, PAGE, { timeoutMs: 1000, signal: new AbortController().signal });
    expect(profile).toMatchObject({ nickname: '川味小厨娘', uniqueId: 'chuanwei01', secUid: SEC, source: 'header' });
  });

  it('waits for a page that fills in late', async () => {
    const waiting = waitForDouyinProfile(document, PAGE, { timeoutMs: 5000, intervalMs: 20, signal: new AbortController().signal });
    setTimeout(() => {
      document.body.innerHTML = header('吉他阿哲', 'guitar_zhe');
    }, 50);
    await expect(waiting).resolves.toMatchObject({ nickname: '吉他阿哲' });
  });

  it('gives up after the timeout with null (could not read this page)', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<div id="captcha">验证码</div>';
    const waiting = waitForDouyinProfile(document, PAGE, { timeoutMs: 10_000, signal: new AbortController().signal });
    await vi.advanceTimersByTimeAsync(10_001);
    await expect(waiting).resolves.toBeNull();
  });

  it('stops (null) when the user navigates away', async () => {
    const controller = new AbortController();
    const waiting = waitForDouyinProfile(document, PAGE, { timeoutMs: 10_000, signal: controller.signal });
    controller.abort();
    await expect(waiting).resolves.toBeNull();
  });

  it('ignores a stale profile (the previous creator still on screen) until the page updates', async () => {
    document.body.innerHTML = header('旧达人', 'old');
    const waiting = waitForDouyinProfile(document, PAGE, {
      timeoutMs: 5000,
      intervalMs: 20,
      signal: new AbortController().signal,
      isStale: (p) => p.nickname === '旧达人',
    });
    setTimeout(() => {
      document.body.innerHTML = header('新达人', 'new');
    }, 50);
    await expect(waiting).resolves.toMatchObject({ nickname: '新达人' });
  });
});
