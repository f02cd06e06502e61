import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { createApiClient, type FetchLike } from '../../utils/background/api/client';
import { removeAllListeners } from '../../utils/shared/messaging';
import { saveSettings, loadSettings } from '../../utils/shared/settings';
import { apiKeyItem } from '../../utils/key/api-key';

/**
 * Every failure the API client can produce — every business code, HTTP status and body shape,
 * network errors that quote the URL, timeouts — and every answer the background sends a page,
 * never contains the key: not whole, not URL-encoded, not a fragment of it (a message cut to
 * length must not keep half a key either).
 */

const KEYS = ['k9Qz7XwP3mLr8TbV', 'Ab+/=9%kQ&x#y?z!'];
const BASE = 'https://api.example.test';
const ID = '7006229624431689736';
const FRAGMENT = 6;

/** Every run of FRAGMENT characters of the key (and of its encodings) found in `text`. */
function fragmentsIn(text: string, key: string): string[] {
  const forms = new Set([key, encodeURIComponent(key), new URLSearchParams({ t: key }).toString().slice(2)]);
  const found = new Set<string>();
  for (const form of forms) {
    for (let i = 0; i + FRAGMENT <= form.length; i++) {
      const piece = form.slice(i, i + FRAGMENT);
      if (text.includes(piece)) found.add(piece);
    }
  }
  return [...found];
}

type Reply = { status?: number; body?: string; contentType?: string } | { throws: unknown } | { hang: true };

/** Ways a server, a proxy or the network can echo the key back. */
function replies(key: string): [string, Reply][] {
  const enc = encodeURIComponent(key);
  const url = `${BASE}/api/x?token=${enc}&oAuthorId=${ID}`;
  const echoes = [key, `token=${key}`, `token=${enc}`, url, `${'x'.repeat(190)}${key}`, `${'x'.repeat(195)} ${key}`, `${key}\n${key}`];
  const out: [string, Reply][] = [];
  const codes = [0, 100, 101, 202, 300, 301, 302, 303, 400, 404, 500, 503, 600, 601, 602, 999];
  for (const [i, echo] of echoes.entries()) {
    for (const code of codes) {
      const envelope =
        code === 0
          ? { code: 0, message: echo, data: { base_resp: { status_code: 4003, status_message: echo } } }
          : { code, message: echo, data: { base_resp: { status_code: 1, status_message: echo } } };
      out.push([`code ${code}, echo ${i}`, { status: 200, body: JSON.stringify(envelope) }]);
    }
    for (const status of [400, 401, 403, 404, 429, 500, 502, 503]) {
      out.push([`HTTP ${status} envelope, echo ${i}`, { status, body: JSON.stringify({ code: 100, message: echo }) }]);
      out.push([`HTTP ${status} HTML, echo ${i}`, { status, body: `<html><title>${echo}</title><body>${echo}</body></html>`, contentType: 'text/html' }]);
      out.push([`HTTP ${status} text, echo ${i}`, { status, body: echo, contentType: 'text/plain' }]);
    }
    out.push([`truncated JSON, echo ${i}`, { status: 200, body: `{"code":0,"message":"${echo}","data":{"video_con` }]);
    out.push([`JSON array, echo ${i}`, { status: 200, body: JSON.stringify([echo]) }]);
    out.push([`data as text, echo ${i}`, { status: 200, body: JSON.stringify({ code: 0, data: echo }) }]);
    out.push([`categories named with it, echo ${i}`, { status: 200, body: JSON.stringify({ code: 0, data: { base_resp: { status_code: 0 }, video_content_distribution: 'x', message: echo } }) }]);
    out.push([`fetch rejects with an Error quoting it, echo ${i}`, { throws: new TypeError(`Failed to fetch ${echo}`) }]);
    out.push([`fetch rejects with a string, echo ${i}`, { throws: `net::ERR_FAILED ${echo}` }]);
    out.push([`fetch rejects with an object, echo ${i}`, { throws: { message: echo, url: echo } }]);
  }
  out.push(['empty body', { status: 500, body: '' }]);
  out.push(['never answers', { hang: true }]);
  return out;
}

function fetchFor(reply: Reply): FetchLike {
  return async (_input, init) => {
    if ('throws' in reply) throw reply.throws;
    if ('hang' in reply) {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException(`aborted ${String(_input)}`, 'AbortError'))));
    }
    return new Response(reply.body ?? '', { status: reply.status ?? 200, headers: { 'Content-Type': reply.contentType ?? 'application/json' } });
  };
}

describe('the API client: no failure carries the key', () => {
  for (const key of KEYS) {
    it(`distribution, search and key check, for a key like ${JSON.stringify(key.slice(0, 3))}…`, async () => {
      const problems: string[] = [];
      let scrubbed = 0;
      for (const [label, reply] of replies(key)) {
        const client = createApiClient({ fetch: fetchFor(reply), sleep: async () => undefined, timeoutMs: 20, maxAttempts: 2 });
        const results = await Promise.all([
          client.getDistribution({ base: BASE, token: key, oAuthorId: ID, platform: 'SHORT_VIDEO' }),
          client.searchAuthors({ base: BASE, token: key, keyword: '川味' }),
          client.checkKey({ base: BASE, token: key }),
        ]);
        for (const result of results) {
          const text = JSON.stringify(result);
          if (text.includes('***')) scrubbed++;
          const found = fragmentsIn(text, key);
          if (found.length > 0) problems.push(`${label}: ${found.join(', ')} in ${text}`);
        }
      }
      expect(problems).toEqual([]);
      // The echoes did reach the failures (and were scrubbed there): the test is not vacuous.
      expect(scrubbed).toBeGreaterThan(100);
    });
  }
});

describe('the background: no answer to a page carries the key', () => {
  it('every message type, with servers echoing the key', async () => {
    const key = KEYS[1] ?? '';
    const problems: string[] = [];
    let scrubbed = 0;
    // Retry delays and timeouts pass at once (the background's client waits for real).
    const realSetTimeout = globalThis.setTimeout;
    const sample = replies(key).filter((_, i) => i % 5 === 0);
    for (const [label, reply] of sample) {
      fakeBrowser.reset();
      removeAllListeners();
      background.main();
      await apiKeyItem.setValue(key);
      await saveSettings({ ...(await loadSettings()), endpoint: 'custom', customUrl: BASE });
      const fake = fetchFor('hang' in reply ? { throws: new TypeError(`timed out ${key}`) } : reply);
      vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => fake(String(input instanceof Request ? input.url : input), init));
      vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void) => realSetTimeout(fn, 0)) as typeof setTimeout);
      const page = fakeBrowser.runtime.getURL('/panel.html');
      const answers = await Promise.all(
        (
          [
            ['getDistribution', { oAuthorId: ID, platform: 'SHORT_VIDEO', refresh: true }, page],
            ['searchCreators', { keyword: '川味' }, fakeBrowser.runtime.getURL('/popup.html')],
            ['resolveDouyin', { uid: '3429711218823623', secUid: null, nickname: '川味小厨娘', uniqueId: null }, page],
            ['checkApiKey', undefined, fakeBrowser.runtime.getURL('/options.html')],
            ['hasApiKey', undefined, page],
          ] as const
        ).map(
          ([type, data, url]) =>
            new Promise<unknown>((resolve) => {
              const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
              void trigger({ id: 1, type, data, timestamp: Date.now() }, { id: fakeBrowser.runtime.id, url }, resolve);
            }),
        ),
      );
      for (const answer of answers) {
        const text = JSON.stringify(answer);
        if (text.includes('***')) scrubbed++;
        const found = fragmentsIn(text, key);
        if (found.length > 0) problems.push(`${label}: ${found.join(', ')} in ${text}`);
      }
      vi.restoreAllMocks();
    }
    expect(problems).toEqual([]);
    expect(scrubbed).toBeGreaterThan(10);
  }, 60_000);
});
