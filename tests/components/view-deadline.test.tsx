// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/preact';
import { CreatorView } from '../../components/CreatorView';
import { DouyinCreatorView } from '../../components/DouyinCreatorView';
import { setLanguage } from '../../utils/views/i18n';
import type { DouyinAccount } from '../../utils/shared/creator';
import type { Resolution } from '../../utils/shared/messaging';
import type { Distribution, Result } from '../../utils/shared/types';
import { withDeadlines, type ViewBridge } from '../../utils/views/view-bridge';
import { errorBlock, queryErrorBlock, statusBlock } from './status-queries';

// A background that died (an MV3 service worker stopped mid-request) or hangs never answers:
// with the bridge's deadline the views still end in an error the user can act on.

const ID = '7006229624431689736';
const ACCOUNT: DouyinAccount = { uid: '3429711218823623', secUid: null, nickname: '川味小厨娘', uniqueId: null };
const never = <T,>() => new Promise<T>(() => undefined);

function deadBackground(deadlineMs: number): ViewBridge {
  return withDeadlines(
    {
      load: () => never<Result<Distribution>>(),
      resolveDouyin: () => never<Result<Resolution>>(),
      linkDouyin: () => never<Result<Resolution>>(),
      searchCreators: () => never<Result<never[]>>(),
      openOptions: vi.fn(),
    },
    async () => deadlineMs,
  );
}

beforeEach(() => {
  setLanguage('en');
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  setLanguage(null);
});

async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('a background that never answers', () => {
  it('CreatorView: loading, then "Timed out" with Refresh and the settings at hand', async () => {
    const bridge = deadBackground(30_000);
    render(<CreatorView oAuthorId={ID} load={bridge.load} openOptions={bridge.openOptions} />);
    expect(statusBlock().textContent).toContain('Loading');
    await advance(29_999);
    expect(queryErrorBlock()).toBeNull();
    await advance(1);
    const alert = errorBlock();
    expect(alert.getAttribute('data-kind')).toBe('timeout');
    expect(alert.textContent).toContain('Timed out');
    expect(screen.getByRole('button', { name: 'Open settings' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Refresh/ }).hasAttribute('disabled')).toBe(false);
    expect(document.querySelector('.xdp-view__spinner')).toBeNull();
  });

  it('DouyinCreatorView: "Finding this creator…", then "Timed out"', async () => {
    const bridge = deadBackground(30_000);
    render(<DouyinCreatorView account={ACCOUNT} bridge={bridge} />);
    expect(statusBlock().textContent).toContain('Finding this creator on Xingtu');
    await advance(30_000);
    expect(errorBlock().getAttribute('data-kind')).toBe('timeout');
    expect(document.querySelector('.xdp-view__spinner')).toBeNull();
  });
});
