import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MAX_RECENT_VIEWS, RECENT_VIEWS_KEY, createRecentViews } from '../../utils/background/recent-views';
import type { DistributionRequest } from '../../utils/shared/messaging';
import type { Distribution } from '../../utils/shared/types';

const id = (n: number) => `7000000000${String(n).padStart(9, '0')}`;

function setup() {
  let t = 1_000;
  const cached = new Map<string, Distribution>();
  const peek = vi.fn(async (req: DistributionRequest) => cached.get(`${req.platform}:${req.oAuthorId}`) ?? null);
  const recent = createRecentViews({ service: { peek }, now: () => (t += 1) });
  return { recent, peek, cached };
}

describe('recent views', () => {
  it('lists the creators shown, newest first, once each, with the cached answer of the platform they were shown on', async () => {
    const { recent, cached, peek } = setup();
    const answer: Distribution = { oAuthorId: id(2), platform: 'LIVE_STREAMING', rows: [{ name: '美食', count: 1, share: 1 }], fetchedAt: 5, fromCache: true };
    cached.set(`LIVE_STREAMING:${id(2)}`, answer);
    await recent.record(id(1), 'SHORT_VIDEO');
    await recent.record(id(2), 'SHORT_VIDEO');
    await recent.record(id(1), 'SHORT_VIDEO');
    await recent.record(id(2), 'LIVE_STREAMING');
    const list = await recent.list();
    expect(list.map((r) => r.oAuthorId)).toEqual([id(2), id(1)]);
    expect(list[0]).toMatchObject({ distribution: answer, nickname: null });
    expect(list[1]?.distribution).toBeNull();
    expect(peek).toHaveBeenCalledWith({ oAuthorId: id(2), platform: 'LIVE_STREAMING' });
  });

  it('knows the name and avatar of a creator from a search answer, also after the worker restarts', async () => {
    const { recent } = setup();
    expect(await recent.known(id(1))).toBeNull();
    recent.noteNames([{ oAuthorId: id(1), nickname: ' 美食家 ', avatarUrl: 'https://p3.example.com/a.jpeg' }]);
    recent.noteNames([{ oAuthorId: id(1), nickname: '美食家', avatarUrl: null }]); // a link without the avatar keeps it
    recent.noteNames([{ oAuthorId: id(2), nickname: '二号', avatarUrl: 'javascript:alert(1)' }]);
    expect(await recent.known(id(1))).toEqual({ nickname: '美食家', avatarUrl: 'https://p3.example.com/a.jpeg' });
    expect(await recent.known(id(2))).toEqual({ nickname: '二号', avatarUrl: null });
    await recent.record(id(1), 'SHORT_VIDEO');
    const later = setup().recent; // a new worker: only what was stored with the view
    expect(await later.known(id(1))).toEqual({ nickname: '美食家', avatarUrl: 'https://p3.example.com/a.jpeg' });
    expect(await later.known(id(2))).toBeNull();
  });

  it(`keeps the last ${MAX_RECENT_VIEWS}`, async () => {
    const { recent } = setup();
    for (let i = 0; i < MAX_RECENT_VIEWS + 5; i += 1) await recent.record(id(i), 'SHORT_VIDEO');
    const list = await recent.list();
    expect(list).toHaveLength(MAX_RECENT_VIEWS);
    expect(list[0]?.oAuthorId).toBe(id(MAX_RECENT_VIEWS + 4));
  });

  it('records shown at the same time are all kept (one write after another)', async () => {
    const { recent } = setup();
    await Promise.all([1, 2, 3, 4].map((n) => recent.record(id(n), 'SHORT_VIDEO')));
    expect((await recent.list()).map((r) => r.oAuthorId).sort()).toEqual([1, 2, 3, 4].map(id));
  });

  it('names seen for a creator (search, link) come with it, and stay when it is shown again', async () => {
    const { recent } = setup();
    recent.noteNames([{ oAuthorId: id(1), nickname: ' 川味小厨娘 ' }, { oAuthorId: id(2), nickname: '' }]);
    await recent.record(id(1), 'SHORT_VIDEO');
    await recent.record(id(2), 'SHORT_VIDEO');
    const again = createRecentViews({ service: { peek: async () => null } });
    await again.record(id(1), 'SHORT_VIDEO');
    const list = await again.list();
    expect(list.find((r) => r.oAuthorId === id(1))?.nickname).toBe('川味小厨娘');
    expect(list.find((r) => r.oAuthorId === id(2))?.nickname).toBeNull();
  });

  it('an unreadable record, or unreadable items, read as nothing', async () => {
    const { recent } = setup();
    const name = RECENT_VIEWS_KEY.slice('local:'.length);
    await fakeBrowser.storage.local.set({ [name]: 'garbage' });
    expect(await recent.list()).toEqual([]);
    await fakeBrowser.storage.local.set({ [name]: [{ oAuthorId: 'x' }, { oAuthorId: id(1), platform: 'SHORT_VIDEO', nickname: null, viewedAt: 1 }] });
    expect((await recent.list()).map((r) => r.oAuthorId)).toEqual([id(1)]);
  });
});
