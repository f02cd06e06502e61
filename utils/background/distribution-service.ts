import { DEFAULT_USAGE_VIA, type ApiClient, type FetchedDistribution } from './api/client';
import { NO_GUARD, type CallGuard } from './api/call-guard';
import type { DistributionCache } from './cache';
import { NO_CAP, type DailyCap } from './daily-cap';
import { createInFlight } from './inflight';
import type { DistributionRequest } from '../shared/messaging';
import type { UsageVia } from '../shared/usage';
import { isPlatform, type Platform } from '../shared/platform';
import { resolveBaseUrl, type Settings } from '../shared/settings';
import type { Distribution, Failure, Result } from '../shared/types';

export interface DistributionServiceDeps {
  client: Pick<ApiClient, 'getDistribution' | 'checkKey'>;
  cache: DistributionCache;
  /** The saved key ('' when none). */
  loadApiKey: () => Promise<string>;
  /** The validated settings (utils/shared/settings.ts loadSettings). */
  loadSettings: () => Promise<Settings>;
  /** Stops calls after 302/303/601/602 (utils/background/api/call-guard.ts); default: none. */
  guard?: CallGuard;
  /** The user's daily call limit (utils/background/daily-cap.ts); default: none. */
  cap?: DailyCap;
}

/** A request as the background makes it: the message's, and which view asked (for the usage log). */
export interface ServiceRequest extends DistributionRequest {
  /** Default DEFAULT_USAGE_VIA (utils/background/api/client.ts). */
  via?: UsageVia;
}

export interface DistributionService {
  getDistribution(req: ServiceRequest): Promise<Result<Distribution>>;
  /** The cached answer within the cache lifetime, or null; never calls the API. */
  peek(req: DistributionRequest): Promise<Distribution | null>;
  /**
   * Check the saved key with one distribution call (see ApiClient.checkKey; logged as usage from
   * the options page). Not held back by the daily call limit: the user asked for this one call.
   */
  checkKey(): Promise<Result<{ valid: true }>>;
}

/** What the service accepts as an oAuthorId: 1–24 decimal digits, as a string. */
const O_AUTHOR_ID = /^\d{1,24}$/;

const HOUR_MS = 3_600_000;

function failure(error: Failure): { ok: false; error: Failure } {
  return { ok: false, error };
}

/**
 * The background's answer to "distribution of creator X on platform P". Order of checks, each
 * before any paid call: request shape ('bad-input'), key present ('no-key'), cache (unless
 * `refresh`), the call guard (a 302/303/601/602 block answers without a call; `refresh` is an
 * explicit request), the daily call limit ('daily-cap' without a call), then one API call shared
 * by identical requests in flight, with the timeout of the settings. Only successful answers are
 * cached. Never rejects.
 */
export function createDistributionService(deps: DistributionServiceDeps): DistributionService {
  const { client, cache, loadApiKey, loadSettings } = deps;
  const guard = deps.guard ?? NO_GUARD;
  const cap = deps.cap ?? NO_CAP;
  const inFlight = createInFlight<Result<FetchedDistribution>>();

  async function fetchAndStore(oAuthorId: string, platform: Platform, token: string, settings: Settings, explicit: boolean, via: UsageVia) {
    const timeoutMs = settings.timeoutSeconds * 1000;
    const result = await guard.run(token, explicit, () =>
      cap.run(() => client.getDistribution({ base: resolveBaseUrl(settings), token, oAuthorId, platform, timeoutMs, via })),
    );
    if (result.ok) {
      try {
        await cache.set(oAuthorId, platform, result.value);
      } catch {
        // A full or failing storage must not cost the user the answer they paid for.
      }
    }
    return result;
  }

  /** An unreadable cache is a miss. The entry is read while the settings still load. */
  async function cached(oAuthorId: string, platform: Platform, settings: Promise<Settings>): Promise<Distribution | null> {
    const ttlMs = settings.then((s) => s.cacheTtlHours * HOUR_MS);
    const hit = await cache.get(oAuthorId, platform, ttlMs).catch(() => null);
    return hit ? { oAuthorId, platform, rows: hit.rows, fetchedAt: hit.fetchedAt, fromCache: true } : null;
  }

  return {
    async peek({ oAuthorId, platform }) {
      if (typeof oAuthorId !== 'string' || !O_AUTHOR_ID.test(oAuthorId) || !isPlatform(platform)) return null;
      // Key, settings and entry are read at once: a cached answer costs one storage round.
      const settings = loadSettings();
      const [key, hit] = await Promise.all([loadApiKey(), cached(oAuthorId, platform, settings)]);
      return key.trim() === '' ? null : hit; // without a key the full request says "no key"
    },

    async getDistribution(req) {
      const { oAuthorId, platform, via } = req as Partial<ServiceRequest>;
      if (typeof oAuthorId !== 'string' || !O_AUTHOR_ID.test(oAuthorId)) {
        return failure({ kind: 'bad-input', detail: 'oAuthorId must be 1–24 decimal digits' });
      }
      if (!isPlatform(platform)) return failure({ kind: 'bad-input', oAuthorId, detail: 'unknown platform' });
      const loadingSettings = loadSettings();
      const lookup = req.refresh === true ? Promise.resolve(null) : cached(oAuthorId, platform, loadingSettings);
      const [key, settings, hit] = await Promise.all([loadApiKey(), loadingSettings, lookup]);
      const token = key.trim();
      if (token === '') return failure({ kind: 'no-key' });
      if (hit) return { ok: true, value: hit };

      // A refresh joins a call already running for the same creator: its answer is just as new.
      const explicit = req.refresh === true;
      const result = await inFlight.run(`${platform}:${oAuthorId}`, () =>
        fetchAndStore(oAuthorId, platform, token, settings, explicit, via ?? DEFAULT_USAGE_VIA),
      );
      if (!result.ok) return result.error.oAuthorId === oAuthorId ? result : failure({ ...result.error, oAuthorId });
      return { ok: true, value: { oAuthorId, platform, rows: result.value.rows, fetchedAt: result.value.fetchedAt, fromCache: false } };
    },

    async checkKey() {
      const token = (await loadApiKey()).trim();
      if (token === '') return failure({ kind: 'no-key' });
      const settings = await loadSettings();
      const timeoutMs = settings.timeoutSeconds * 1000;
      // The user asked: a 303/601 block lets this one call through (not a rate-limit cool-down).
      return guard.run(token, true, () => client.checkKey({ base: resolveBaseUrl(settings), token, timeoutMs, via: 'options' }));
    },
  };
}
