import { vi } from 'vitest';
import { createApiClient, type FetchLike } from '../../utils/background/api/client';
import { createCallGuard } from '../../utils/background/api/call-guard';
import { createDistributionCache } from '../../utils/background/cache';
import { createDistributionService } from '../../utils/background/distribution-service';
import { createAccountLinks } from '../../utils/background/account-links';
import { createCreatorResolver } from '../../utils/background/creator-resolver';
import { createUsageLog } from '../../utils/background/usage-log';
import { createDailyCap } from '../../utils/background/daily-cap';
import { createBalanceService } from '../../utils/background/balance';
import { BALANCE_PATH, DISTRIBUTION_PATH, SEARCH_PATH } from '../../utils/shared/api-endpoints';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/shared/settings';
import { usageLogItem, type UsageEntry } from '../../utils/shared/usage';

/**
 * Test helpers for the money part (balance, usage log, daily call limit): the background pieces
 * wired as entrypoints/background.ts wires them, on a fake clock and a fetch that answers by path.
 */

/** 2025-03-01 14:05 in Beijing (06:05 UTC). */
export const T0 = Date.UTC(2025, 2, 1, 6, 5);
/** 2025-03-02 00:00 in Beijing. */
export const NEXT_MIDNIGHT = Date.UTC(2025, 2, 1, 16, 0);
export const KEY = 'sk-secret-key-123';
export const ID = '7006229624431689736';
export const ID2 = '6912345678901234567';

export const okDistribution = (name = '美食'): string =>
  JSON.stringify({ code: 0, data: { base_resp: { status_code: 0 }, video_content_distribution: [{ name, cnt: 3, proportion: 1 }] } });
export const okSearch = (authors: unknown[] = []): string =>
  JSON.stringify({ code: 0, data: { base_resp: { status_code: 0 }, authors } });
export const okBalance = (balance: unknown = '123.4500', currency: unknown = 'CNY'): string =>
  JSON.stringify({ code: 0, message: null, data: { balance, currency } });
export const envelope = (code: number, message = `m${code}`): string => JSON.stringify({ code, data: null, message });

/** One answer of the fake fetch: a body (status 200), or status + body, or a thrown error, or never. */
export type Answer = string | { status: number; body: string } | 'network' | 'hang';

type Route = 'distribution' | 'search' | 'balance';

function routeOf(url: string): Route {
  const path = new URL(url).pathname;
  if (path.endsWith(BALANCE_PATH)) return 'balance';
  if (path.endsWith(SEARCH_PATH)) return 'search';
  if (path.endsWith(DISTRIBUTION_PATH)) return 'distribution';
  throw new Error(`unexpected request ${path}`);
}

export function money(opts: { settings?: Partial<Settings>; key?: string } = {}) {
  const clock = { t: T0 };
  const now = () => clock.t;
  const defaults: Record<Route, Answer> = { distribution: okDistribution(), search: okSearch(), balance: okBalance() };
  const scripts: Record<Route, Answer[]> = { distribution: [], search: [], balance: [] };
  const requests: { route: Route; url: string }[] = [];
  const fetch = vi.fn<FetchLike>(async (input, init) => {
    const route = routeOf(input);
    requests.push({ route, url: input });
    const answer = scripts[route].shift() ?? defaults[route];
    if (answer === 'network') throw new TypeError('Failed to fetch');
    if (answer === 'hang') {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    }
    return typeof answer === 'string' ? new Response(answer) : new Response(answer.body, { status: answer.status });
  });
  let settings: Settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  let key = opts.key ?? KEY;
  const loadSettings = async () => settings;
  const loadApiKey = async () => key;
  const usage = createUsageLog({ now });
  const client = createApiClient({ fetch, now, sleep: async () => undefined, onPaidAttempt: (e) => usage.append(e) });
  const guard = createCallGuard({ now });
  const cap = createDailyCap({ usage, loadSettings, now });
  const cache = createDistributionCache({ now });
  const links = createAccountLinks({ now });
  const service = createDistributionService({ client, cache, loadApiKey, loadSettings, guard, cap });
  const resolver = createCreatorResolver({ client, links, loadApiKey, loadSettings, now, guard, cap });
  const balance = createBalanceService({ client, loadApiKey, loadSettings, usage, now });
  return {
    clock,
    now,
    fetch,
    usage,
    client,
    guard,
    cap,
    cache,
    links,
    service,
    resolver,
    balance,
    /** Requests of one kind the fake fetch saw. */
    sent: (route: Route) => requests.filter((r) => r.route === route),
    /** The next answers of one kind (then the default). */
    script: (route: Route, ...answers: Answer[]) => scripts[route].push(...answers),
    /** The answer of one kind from now on. */
    answer: (route: Route, answer: Answer) => {
      defaults[route] = answer;
    },
    setSettings: (patch: Partial<Settings>) => {
      settings = { ...settings, ...patch };
    },
    setKey: (k: string) => (key = k),
    /** The stored usage log, once every append is written. */
    async stored(): Promise<UsageEntry[]> {
      await usage.flush();
      return usageLogItem.getValue();
    },
  };
}
