import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { boundUsageLog, createUsageLog, type UsageLogStore } from '../../utils/background/usage-log';
import { DEFAULT_USAGE_VIA, createApiClient } from '../../utils/background/api/client';
import { shanghaiDate, shanghaiDayStart } from '../../utils/shared/shanghai-day';
import { USAGE_KEYWORD_MAX, USAGE_MAX_DAYS, USAGE_MAX_ENTRIES, usageLogItem, type UsageEntry } from '../../utils/shared/usage';
import { ID, ID2, KEY, envelope, money, okSearch } from './money-setup';

/**
 * The usage log: one entry per paid request the background sends (each attempt, retries
 * included), with the view that asked; days in Beijing time; bounded; never the key; written in
 * batches.
 */

const DAY = 86_400_000;
const entry = (at: number, patch: Partial<UsageEntry> = {}): UsageEntry => ({
  at,
  endpoint: 'distribution',
  oAuthorId: ID,
  keyword: null,
  platform: 'SHORT_VIDEO',
  code: 0,
  via: 'panel',
  ...patch,
});

/** A store in memory that counts its writes. */
function memoryStore(initial: unknown = []) {
  let value: unknown = initial;
  const writes: UsageEntry[][] = [];
  const store: UsageLogStore = {
    get: async () => value,
    set: async (entries) => {
      writes.push(entries);
      value = entries;
    },
  };
  return { store, writes, value: () => value };
}

describe('Beijing days', () => {
  it.each([
    ['15:59:59.999Z is still the same Beijing day', Date.UTC(2025, 2, 1, 15, 59, 59, 999), '2025-03-01', Date.UTC(2025, 1, 28, 16)],
    ['16:00:00Z is the next Beijing day', Date.UTC(2025, 2, 1, 16, 0, 0), '2025-03-02', Date.UTC(2025, 2, 1, 16)],
    ['00:30Z is 08:30 in Beijing', Date.UTC(2025, 2, 1, 0, 30), '2025-03-01', Date.UTC(2025, 1, 28, 16)],
  ])('%s', (_label, at, date, start) => {
    expect(shanghaiDate(at)).toBe(date);
    expect(shanghaiDayStart(at)).toBe(start);
  });
});

describe('paid requests are logged', () => {
  it('each attempt of a distribution call, retries included, with its code', async () => {
    const m = money();
    m.script('distribution', envelope(500), envelope(301));
    const t = m.clock.t;
    await m.service.getDistribution({ oAuthorId: ID, platform: 'LIVE_STREAMING', via: 'popup' });
    expect(await m.stored()).toEqual([
      { at: t, endpoint: 'distribution', oAuthorId: ID, keyword: null, platform: 'LIVE_STREAMING', code: 500, via: 'popup' },
      { at: t, endpoint: 'distribution', oAuthorId: ID, keyword: null, platform: 'LIVE_STREAMING', code: 301, via: 'popup' },
      { at: t, endpoint: 'distribution', oAuthorId: ID, keyword: null, platform: 'LIVE_STREAMING', code: 0, via: 'popup' },
    ]);
  });

  it('no envelope (network, timeout, HTTP error page) is code null; Xingtu\'s refusal is code 0', async () => {
    const m = money();
    m.script('distribution', 'network', 'network');
    await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    m.script('distribution', { status: 403, body: '<html>forbidden</html>' });
    await m.service.getDistribution({ oAuthorId: ID2, platform: 'SHORT_VIDEO' });
    m.script('distribution', JSON.stringify({ code: 0, data: { base_resp: { status_code: 4001, status_message: 'no' } } }));
    await m.service.getDistribution({ oAuthorId: ID2, platform: 'PICTURE_TEXT' });
    expect((await m.stored()).map((e) => e.code)).toEqual([null, null, null, 0]);
  });

  it('searches: the keyword (at most 100 characters), no creator, no platform', async () => {
    const m = money();
    const long = `${'长'.repeat(60)}${'😀'.repeat(20)}`; // 60 + 40 UTF-16 units = 100
    await m.resolver.search('川味小厨娘', { via: 'popup' });
    await m.resolver.search(long, { via: 'popup' });
    const stored = await m.stored();
    expect(stored[0]).toEqual({ at: m.clock.t, endpoint: 'search', oAuthorId: null, keyword: '川味小厨娘', platform: null, code: 0, via: 'popup' });
    expect(stored[1]?.keyword).toBe(long);
    expect(stored[1]?.keyword?.length).toBeLessThanOrEqual(USAGE_KEYWORD_MAX);
  });

  it('a keyword longer than 100 units is cut, never through a surrogate pair', async () => {
    const logged: UsageEntry[] = [];
    const client = createApiClient({ fetch: async () => new Response(okSearch()), onPaidAttempt: (e) => logged.push(e) });
    await client.searchAuthors({ base: 'https://x.test', token: KEY, keyword: `a${'😀'.repeat(60)}` });
    expect(logged[0]?.keyword).toBe(`a${'😀'.repeat(49)}`);
  });

  it('a listener that throws changes nothing for the call', async () => {
    const client = createApiClient({
      fetch: async () => new Response(okSearch()),
      onPaidAttempt: () => {
        throw new Error('log broken');
      },
    });
    expect(await client.searchAuthors({ base: 'https://x.test', token: KEY, keyword: 'a' })).toEqual({ ok: true, value: { authors: [], hasMore: false } });
  });

  it('cached answers, refused requests and the balance are not logged', async () => {
    const m = money();
    await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO' }); // cache
    await m.service.getDistribution({ oAuthorId: 'x', platform: 'SHORT_VIDEO' }); // bad input
    await m.balance.get({ refresh: true });
    expect(await m.stored()).toHaveLength(1);
  });

  it('via: the service and the resolver default to the panel', async () => {
    expect(DEFAULT_USAGE_VIA).toBe('panel');
    const m = money();
    await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    await m.resolver.search('川味小厨娘');
    await m.resolver.resolve({ uid: '3429711218823623', secUid: null, nickname: '别的名字', uniqueId: null });
    expect((await m.stored()).map((e) => e.via)).toEqual(['panel', 'panel', 'panel']);
  });

  it('via reaches the log from each caller', async () => {
    const m = money();
    await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO', via: 'list' });
    await m.resolver.search('a', { via: 'popup' });
    await m.resolver.resolve({ uid: '3429711218823623', secUid: null, nickname: 'b', uniqueId: null }, { via: 'list' });
    expect((await m.stored()).map((e) => [e.endpoint, e.via])).toEqual([
      ['distribution', 'list'],
      ['search', 'popup'],
      ['search', 'list'],
    ]);
  });

  it('never holds the key, whatever the answers echo', async () => {
    const m = money();
    m.script('distribution', envelope(400, `bad token=${KEY}`), envelope(500, KEY));
    await m.service.getDistribution({ oAuthorId: ID, platform: 'SHORT_VIDEO' });
    await m.service.getDistribution({ oAuthorId: ID2, platform: 'SHORT_VIDEO' });
    m.script('search', 'network', 'network');
    await m.resolver.search('川味小厨娘');
    await m.stored();
    const raw = JSON.stringify(await fakeBrowser.storage.local.get('usageLog'));
    expect(raw).toContain(ID);
    expect(raw).not.toContain(KEY);
    expect(raw).not.toContain('token');
    expect(await m.stored()).toHaveLength(5); // 400; 500 then 0; two network attempts
    expect(Object.keys((await m.stored())[0] ?? {}).sort()).toEqual(['at', 'code', 'endpoint', 'keyword', 'oAuthorId', 'platform', 'via']);
  });
});

describe('createUsageLog', () => {
  it('counts today in Beijing time: 15:59:59Z belongs to the day before 16:00:00Z', async () => {
    const day1Last = Date.UTC(2025, 2, 1, 15, 59, 59);
    const day2First = Date.UTC(2025, 2, 1, 16, 0, 0);
    let t = day1Last;
    const mem = memoryStore([entry(Date.UTC(2025, 2, 1, 1, 0)), entry(day1Last - 1000)]);
    const log = createUsageLog({ now: () => t, store: mem.store });
    log.append(entry(day1Last));
    expect(await log.countToday()).toBe(3);
    t = day2First;
    expect(await log.countToday()).toBe(0);
    log.append(entry(day2First));
    expect(await log.countToday()).toBe(1);
    t = Date.UTC(2025, 2, 2, 15, 59, 59);
    expect(await log.countToday()).toBe(1);
  });

  it('reads the stored log once; counts what is not written yet too', async () => {
    const t = Date.UTC(2025, 2, 1, 6, 0);
    const mem = memoryStore([entry(t - 1000), entry(t - 2 * DAY)]);
    const get = vi.spyOn(mem.store, 'get');
    const log = createUsageLog({ now: () => t, store: mem.store });
    expect(await log.countToday()).toBe(1);
    log.append(entry(t));
    log.append(entry(t));
    expect(await log.countToday()).toBe(3);
    expect(await log.lastAt()).toBe(t);
    await log.flush();
    expect(await log.countToday()).toBe(3);
    expect(get).toHaveBeenCalledTimes(2); // the first count, and the one write
  });

  it('appends made together are written together; a write waits for the one before', async () => {
    const t = Date.UTC(2025, 2, 1, 6, 0);
    const mem = memoryStore();
    const log = createUsageLog({ now: () => t, store: mem.store });
    for (let i = 0; i < 50; i++) log.append(entry(t + i));
    await log.flush();
    expect(mem.writes).toHaveLength(1);
    expect(mem.writes[0]).toHaveLength(50);
  });

  it('appends made while a write runs wait for it, then go into one more write', async () => {
    const t = Date.UTC(2025, 2, 1, 6, 0);
    let stored: UsageEntry[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writes: number[] = [];
    const log = createUsageLog({
      now: () => t,
      store: {
        get: async () => stored,
        set: async (entries) => {
          writes.push(entries.length);
          await gate;
          stored = entries;
        },
      },
    });
    log.append(entry(t));
    while (writes.length === 0) await new Promise((resolve) => setImmediate(resolve));
    for (let i = 1; i <= 20; i++) log.append(entry(t + i));
    expect(await log.countToday()).toBe(21);
    release();
    await log.flush();
    expect(writes).toEqual([1, 21]);
    expect(stored).toHaveLength(21);
  });

  it('keeps entries in time order (parallel calls may finish out of order)', async () => {
    const t = Date.UTC(2025, 2, 1, 6, 0);
    const mem = memoryStore([entry(t - 10)]);
    const log = createUsageLog({ now: () => t, store: mem.store });
    log.append(entry(t - 5));
    log.append(entry(t - 20));
    await log.flush();
    expect((mem.value() as UsageEntry[]).map((e) => e.at)).toEqual([t - 20, t - 10, t - 5]);
  });

  it('an unreadable stored log is replaced; bad entries are dropped', async () => {
    const t = Date.UTC(2025, 2, 1, 6, 0);
    const mem = memoryStore([{ at: 'x' }, entry(t - 1), 'junk']);
    const log = createUsageLog({ now: () => t, store: mem.store });
    log.append(entry(t));
    await log.flush();
    expect(mem.value()).toEqual([entry(t - 1), entry(t)]);
    const broken = memoryStore({ not: 'a list' });
    const log2 = createUsageLog({ now: () => t, store: broken.store });
    log2.append(entry(t));
    await log2.flush();
    expect(broken.value()).toEqual([entry(t)]);
  });

  it('a failing storage loses nothing for today\'s count and never throws', async () => {
    const t = Date.UTC(2025, 2, 1, 6, 0);
    const log = createUsageLog({
      now: () => t,
      store: { get: async () => Promise.reject(new Error('gone')), set: async () => Promise.reject(new Error('full')) },
    });
    log.append(entry(t));
    await log.flush();
    expect(await log.countToday()).toBe(1);
  });

  it('is written to storage.local under usageLog by default, where parseUsageLog reads it', async () => {
    const t = Date.UTC(2025, 2, 1, 6, 0);
    const log = createUsageLog({ now: () => t });
    log.append(entry(t, { via: 'list' }));
    await log.flush();
    expect(await usageLogItem.getValue()).toEqual([entry(t, { via: 'list' })]);
  });
});

describe('bounds', () => {
  const now = Date.UTC(2025, 5, 1, 6, 0);

  it(`drops entries older than ${USAGE_MAX_DAYS} days`, () => {
    const edge = now - USAGE_MAX_DAYS * DAY;
    const kept = boundUsageLog([entry(edge - 1), entry(edge), entry(now)], now);
    expect(kept.map((e) => e.at)).toEqual([edge, now]);
  });

  it(`keeps the newest ${USAGE_MAX_ENTRIES} entries`, () => {
    const many = Array.from({ length: USAGE_MAX_ENTRIES + 5 }, (_, i) => entry(now - (USAGE_MAX_ENTRIES + 5 - i)));
    const kept = boundUsageLog(many, now);
    expect(kept).toHaveLength(USAGE_MAX_ENTRIES);
    expect(kept[0]?.at).toBe(now - USAGE_MAX_ENTRIES);
    expect(kept.at(-1)?.at).toBe(now - 1);
  });

  it('every write applies them', async () => {
    const full = Array.from({ length: USAGE_MAX_ENTRIES }, (_, i) => entry(now - DAY + i));
    const mem = memoryStore([entry(now - (USAGE_MAX_DAYS + 1) * DAY), ...full]);
    const log = createUsageLog({ now: () => now, store: mem.store });
    log.append(entry(now));
    log.append(entry(now));
    await log.flush();
    const stored = mem.value() as UsageEntry[];
    expect(stored).toHaveLength(USAGE_MAX_ENTRIES);
    expect(stored[0]?.at).toBe(now - DAY + 2);
    expect(stored.at(-1)?.at).toBe(now);
  });
});
