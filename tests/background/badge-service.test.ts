import { describe, expect, it, vi } from 'vitest';
import { createBadgeService, type BadgeServiceDeps } from '../../utils/background/badge-service';
import { DEFAULT_SETTINGS } from '../../utils/shared/settings';
import type { Resolution } from '../../utils/shared/messaging';
import type { Distribution } from '../../utils/shared/types';

const ID = '7006229624431689736';
const OTHER = '6837402915726381063';
const SEC = 'MS4wLjABAAAAwfAmWC_m6MtiDQyFpy_kId3e11ZmKo7ADtTCl60QZ2v';
const SEC2 = 'MS4wLjABAAAAgPGJmE5cpwKH0TNC9tqg20XLo8ExxORtyBNg86TE9pD';

const rows = Array.from({ length: 7 }, (_, i) => ({ name: `c${i}`, count: 10 - i, share: (10 - i) / 49 }));
const dist = (oAuthorId: string): Distribution => ({ oAuthorId, platform: 'SHORT_VIDEO', rows, fetchedAt: 1000, fromCache: true });

function setup(over: { cached?: string[]; links?: Record<string, Resolution>; listBadges?: boolean } = {}) {
  const cached = new Set(over.cached ?? []);
  const deps = {
    service: {
      peek: vi.fn(async ({ oAuthorId }: { oAuthorId: string }) => (cached.has(oAuthorId) ? dist(oAuthorId) : null)),
      getDistribution: vi.fn(async ({ oAuthorId }: { oAuthorId: string }) => ({ ok: true as const, value: { ...dist(oAuthorId), fromCache: false } })),
    },
    links: { get: vi.fn(async ({ secUid }: { secUid: string | null }) => (secUid && over.links?.[secUid] ? { resolution: over.links[secUid], source: 'search' as const, savedAt: 1 } : null)) },
    resolver: { resolve: vi.fn(async () => ({ ok: true as const, value: { kind: 'sure', author: { oAuthorId: OTHER }, source: 'search' } as Resolution })) },
    lists: {
      state: vi.fn(async () => ({ currentId: 'mine', lists: [{ id: 'mine', name: 'Campaign', createdAt: 0, entries: [] }, { id: 'new1', name: 'made', createdAt: 0, entries: [] }] })),
      create: vi.fn(async () => ({ ok: true as const, value: { listId: 'new1' } })),
      select: vi.fn(async () => ({ ok: true as const, value: true as const })),
      add: vi.fn(async (listId: string | null) => ({ ok: true as const, value: { listId: listId ?? 'mine', added: 1, duplicates: 0, refused: 0 } })),
    },
    runner: { startRun: vi.fn(async () => ({ ok: true as const, value: {} as never })) },
    knowledge: () => ({ link: async () => null, isCached: async (id: string) => cached.has(id) }),
    loadSettings: async () => ({ ...DEFAULT_SETTINGS, listBadges: over.listBadges ?? true }),
    now: () => Date.UTC(2026, 11, 3, 3, 20),
    newToken: () => 'token0000001',
  } satisfies BadgeServiceDeps;
  return { deps, badges: createBadgeService(deps) };
}

describe('badge service', () => {
  it('peek: cached creators get their top five, the others a look-up; no call', async () => {
    const { deps, badges } = setup({ cached: [ID], links: { [SEC2]: { kind: 'none' } } });
    const answer = await badges.peek([
      { kind: 'xingtu', oAuthorId: ID },
      { kind: 'xingtu', oAuthorId: OTHER },
      { kind: 'douyin', secUid: SEC },
      { kind: 'douyin', secUid: SEC2 },
    ]);
    expect(answer.enabled).toBe(true);
    expect(answer.items[0]).toEqual({ state: 'cached', oAuthorId: ID, top: rows.slice(0, 5), total: 7, fetchedAt: 1000 });
    expect(answer.items.slice(1)).toEqual([{ state: 'uncached', search: false }, { state: 'uncached', search: true }, { state: 'not-on-xingtu' }]);
    expect(deps.service.getDistribution).not.toHaveBeenCalled();
    expect(deps.resolver.resolve).not.toHaveBeenCalled();
  });

  it('peek with the setting off: nothing', async () => {
    const { deps, badges } = setup({ cached: [ID], listBadges: false });
    expect(await badges.peek([{ kind: 'xingtu', oAuthorId: ID }])).toEqual({ enabled: false, items: [] });
    expect(deps.service.peek).not.toHaveBeenCalled();
  });

  it('a Douyin account with a stored sure link reads the linked creator from the cache', async () => {
    const { badges } = setup({ cached: [OTHER], links: { [SEC]: { kind: 'sure', author: { oAuthorId: OTHER }, source: 'user' } } });
    const [info] = (await badges.peek([{ kind: 'douyin', secUid: SEC }])).items;
    expect(info).toMatchObject({ state: 'cached', oAuthorId: OTHER });
  });

  it('look-up: one distribution call for a Xingtu creator, logged as the badges’', async () => {
    const { deps, badges } = setup();
    const answer = await badges.lookUp({ ref: { kind: 'xingtu', oAuthorId: ID }, nickname: null });
    expect(answer).toMatchObject({ ok: true, info: { state: 'cached', oAuthorId: ID } });
    expect(deps.service.getDistribution).toHaveBeenCalledTimes(1);
    expect(deps.service.getDistribution).toHaveBeenCalledWith({ oAuthorId: ID, platform: 'SHORT_VIDEO', via: 'badge' });
  });

  it('look-up of an unlinked Douyin account: a search by the card’s name, then the call', async () => {
    const { deps, badges } = setup();
    const answer = await badges.lookUp({ ref: { kind: 'douyin', secUid: SEC }, nickname: ' 川味小厨娘 ' });
    expect(deps.resolver.resolve).toHaveBeenCalledWith({ uid: null, secUid: SEC, nickname: '川味小厨娘', uniqueId: null }, { via: 'badge' });
    expect(answer).toMatchObject({ ok: true, info: { state: 'cached', oAuthorId: OTHER } });
  });

  it('look-up with the setting off, or of a Douyin card without a name: refused without a call', async () => {
    const off = setup({ listBadges: false });
    expect(await off.badges.lookUp({ ref: { kind: 'xingtu', oAuthorId: ID }, nickname: null })).toEqual({ ok: false, error: 'bad-input' });
    const nameless = setup();
    expect(await nameless.badges.lookUp({ ref: { kind: 'douyin', secUid: SEC }, nickname: null })).toEqual({ ok: false, error: 'bad-input' });
    expect(off.deps.service.getDistribution).not.toHaveBeenCalled();
    expect(nameless.deps.resolver.resolve).not.toHaveBeenCalled();
  });

  it('estimate, then run: a new list with the creators, the current list kept, one run', async () => {
    const { deps, badges } = setup({ cached: [ID] });
    const creators = [
      { ref: { kind: 'xingtu' as const, oAuthorId: ID }, nickname: 'a' },
      { ref: { kind: 'xingtu' as const, oAuthorId: OTHER }, nickname: 'b' },
      { ref: { kind: 'xingtu' as const, oAuthorId: OTHER }, nickname: 'b again' },
    ];
    const estimated = await badges.estimate(creators);
    expect(estimated).toMatchObject({ ok: true, value: { token: 'token0000001', estimate: { creators: 2, paidCalls: 1, fromCache: 1 } } });
    expect(deps.lists.create).not.toHaveBeenCalled(); // the estimate changes nothing
    expect(await badges.run('token0000001')).toMatchObject({ ok: true, value: { listId: 'new1' } });
    expect(deps.lists.select).toHaveBeenCalledWith('mine');
    expect(deps.lists.add).toHaveBeenCalledWith('new1', [
      expect.objectContaining({ ref: { kind: 'xingtu', oAuthorId: ID } }),
      expect.objectContaining({ ref: { kind: 'xingtu', oAuthorId: OTHER } }),
    ]);
    expect(deps.runner.startRun).toHaveBeenCalledWith('new1', ['SHORT_VIDEO']);
    // A token runs once; an unknown one never.
    expect(await badges.run('token0000001')).toMatchObject({ ok: false });
    expect(await badges.run('nottokenxyz1')).toMatchObject({ ok: false });
    expect(deps.runner.startRun).toHaveBeenCalledTimes(1);
  });

  it('add to list: the current list, answered with its name', async () => {
    const { deps, badges } = setup();
    expect(await badges.addToList({ ref: { kind: 'xingtu', oAuthorId: ID }, nickname: 'x' })).toEqual({
      ok: true,
      value: { listId: 'mine', added: 1, duplicates: 0, refused: 0, listName: 'Campaign' },
    });
    expect(deps.lists.add).toHaveBeenCalledWith(null, [expect.objectContaining({ ref: { kind: 'xingtu', oAuthorId: ID } })]);
  });
});

describe('badge service: openTarget (the creator "Open" shows)', () => {
  it('a Xingtu card’s own creator; a Douyin account’s surely linked one; none for a link waiting for the user or none at all', async () => {
    const { badges } = setup({
      links: {
        [SEC]: { kind: 'sure', author: { oAuthorId: OTHER }, source: 'user' },
        [SEC2]: { kind: 'likely', author: { oAuthorId: ID }, source: 'search' } as unknown as Resolution,
      },
    });
    expect(await badges.openTarget({ kind: 'xingtu', oAuthorId: ID })).toBe(ID);
    expect(await badges.openTarget({ kind: 'douyin', secUid: SEC })).toBe(OTHER);
    expect(await badges.openTarget({ kind: 'douyin', secUid: SEC2 })).toBeNull();
    expect(await badges.openTarget({ kind: 'douyin', secUid: 'MS4wLjABAAAAnone000000000000000000000000000000000000000' })).toBeNull();
  });
});
