// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { StatusMessage } from '../../components/StatusMessage';
import { createApiClient, type FetchLike } from '../../utils/background/api/client';
import { setLanguage } from '../../utils/views/i18n';

/**
 * The provider's `message` is data: a 602 answer whose message holds markup reaches the view as
 * the failure's detail and is shown as text — no element, no script, no attribute from it.
 */

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  setLanguage(null);
});

const MARKUP = '<img src=x onerror="window.__xss=1"><a href="javascript:alert(1)">raise</a> <b>cap</b>';

describe('a 602 message with markup', () => {
  it('stays text from the answer to the view', async () => {
    const fetch: FetchLike = async () => new Response(JSON.stringify({ code: 602, data: null, message: MARKUP }));
    const answer = await createApiClient({ fetch }).getDistribution({
      base: 'https://api.example.com',
      token: 'k',
      oAuthorId: '7006229624431689736',
      platform: 'SHORT_VIDEO',
    });
    if (answer.ok) throw new Error('expected a failure');
    expect(answer.error).toMatchObject({ kind: 'spending-cap', code: 602, detail: MARKUP });

    const { container } = render(<StatusMessage state="error" error={answer.error} />);
    const alert = container.querySelector('.xdp-view__status--error');
    expect(alert?.getAttribute('data-kind')).toBe('spending-cap');
    expect(container.querySelector('img, a, b, script')).toBeNull();
    expect(container.querySelector('.xdp-view__status-detail')?.textContent).toContain(MARKUP);
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });
});
