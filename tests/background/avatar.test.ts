import { describe, expect, it, vi } from 'vitest';
import { createAvatarStore, fetchAvatar, FAILURE_TTL_MS, MAX_AVATAR_BYTES, MAX_AVATARS, sniffImage } from '@/utils/background/avatar';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const SVG = new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>');
const HTML = new TextEncoder().encode('<html><script>alert(1)</script></html>');

function answer(body: Uint8Array, type: string, status = 200): Response {
  return new Response(body as Uint8Array<ArrayBuffer>, { status, headers: { 'content-type': type } });
}

describe('sniffImage', () => {
  it('knows images by their first bytes, not by their name', () => {
    expect(sniffImage(PNG)).toBe('image/png');
    expect(sniffImage(JPEG)).toBe('image/jpeg');
    expect(sniffImage(new TextEncoder().encode('GIF89a....'))).toBe('image/gif');
    expect(sniffImage(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(new TextEncoder().encode('\0\0\0\x1cftypavif'))).toBe('image/avif');
    expect(sniffImage(SVG)).toBe('image/svg+xml');
    expect(sniffImage(HTML)).toBeNull();
    expect(sniffImage(new TextEncoder().encode('{"code":0}'))).toBeNull();
  });
});

describe('fetchAvatar', () => {
  it('asks without cookies or referrer and answers a data: URL of the sniffed type', async () => {
    const fetchImpl = vi.fn(async (_url: string, _init: RequestInit) => answer(PNG, 'image/jpeg'));
    const url = await fetchAvatar('https://p3.example.com/a.jpeg', fetchImpl as unknown as typeof fetch);
    expect(url).toBe(`data:image/png;base64,${Buffer.from(PNG).toString('base64')}`);
    const init = fetchImpl.mock.calls[0]?.[1];
    expect(init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', mode: 'cors' });
  });

  it('refuses what is not an image, too big, an error, or not http(s)', async () => {
    const ok = (b: Uint8Array, type = 'image/png', status = 200) => vi.fn(async () => answer(b, type, status)) as unknown as typeof fetch;
    expect(await fetchAvatar('https://x.example/a', ok(HTML, 'image/svg+xml'))).toBeNull(); // says image, is HTML
    expect(await fetchAvatar('https://x.example/a', ok(PNG, 'text/html'))).toBeNull(); // is an image, says HTML
    expect(await fetchAvatar('https://x.example/a', ok(PNG, 'image/png', 404))).toBeNull();
    const big = new Uint8Array(MAX_AVATAR_BYTES + 1);
    big.set(PNG);
    expect(await fetchAvatar('https://x.example/a', ok(big))).toBeNull();
    const never = vi.fn();
    expect(await fetchAvatar('javascript:alert(1)', never as unknown as typeof fetch)).toBeNull();
    expect(await fetchAvatar('https://user:pw@x.example/a', never as unknown as typeof fetch)).toBeNull();
    expect(never).not.toHaveBeenCalled();
    expect(await fetchAvatar('https://x.example/a', vi.fn(async () => Promise.reject(new TypeError('CORS'))) as unknown as typeof fetch)).toBeNull();
  });

  it('a body exactly at the cap is fine', async () => {
    const body = new Uint8Array(MAX_AVATAR_BYTES);
    body.set(JPEG);
    expect(await fetchAvatar('https://x.example/a', vi.fn(async () => answer(body, 'image/jpeg')) as unknown as typeof fetch)).toMatch(/^data:image\/jpeg;base64,/);
  });
});

describe('createAvatarStore', () => {
  it('fetches a URL once (shared in flight, then kept), and a failure again only after a while', async () => {
    let clock = 0;
    const fetchImpl = vi.fn(async (url: string) => (url.endsWith('bad') ? answer(HTML, 'image/png') : answer(PNG, 'image/png')));
    const store = createAvatarStore({ fetch: fetchImpl as unknown as typeof fetch, now: () => clock });
    const [a, b] = await Promise.all([store.get('https://x.example/ok'), store.get('https://x.example/ok')]);
    expect(a).toMatch(/^data:image\/png/);
    expect(b).toBe(a);
    expect(await store.get('https://x.example/ok')).toBe(a);
    expect(fetchImpl).toHaveBeenCalledTimes(1);

    expect(await store.get('https://x.example/bad')).toBeNull();
    expect(await store.get('https://x.example/bad')).toBeNull();
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    clock += FAILURE_TTL_MS;
    expect(await store.get('https://x.example/bad')).toBeNull();
    expect(fetchImpl).toHaveBeenCalledTimes(3);
  });

  it('keeps at most MAX_AVATARS', async () => {
    const fetchImpl = vi.fn(async () => answer(PNG, 'image/png'));
    const store = createAvatarStore({ fetch: fetchImpl as unknown as typeof fetch });
    for (let i = 0; i <= MAX_AVATARS; i++) await store.get(`https://x.example/${i}`);
    await store.get('https://x.example/0'); // the oldest was dropped
    expect(fetchImpl).toHaveBeenCalledTimes(MAX_AVATARS + 2);
    await store.get(`https://x.example/${MAX_AVATARS}`); // the newest was kept
    expect(fetchImpl).toHaveBeenCalledTimes(MAX_AVATARS + 2);
  });
});
