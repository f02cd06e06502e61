import type { AccountLinks } from './account-links';
import type { CreatorResolver } from './creator-resolver';
import type { DistributionService } from './distribution-service';
import { estimateRun, gatherKnowledge, type KnowledgeSources } from './list-estimate';
import type { ListRunner } from './list-runner';
import type { ListStore } from './list-store';
import { BADGE_TOP, badgeRefUrl, type BadgeEstimateAnswer, type BadgeInfo, type BadgeLookUpAnswer, type BadgeNamed, type BadgePeekAnswer, type BadgeRef } from '../shared/badges';
import { MAX_LIST_NAME_LENGTH, entryKey, type ListEntry, type NewEntry } from '../shared/creator-lists';
import type { AddedToList, Resolution } from '../shared/messaging';
import { DEFAULT_PLATFORM } from '../shared/platform';
import type { Settings } from '../shared/settings';
import type { Distribution, Result } from '../shared/types';

/**
 * The background's side of the list page badges (utils/shared/badges.ts). Every answer carries
 * only what a badge shows: the top categories of a cached creator and the creator list's name.
 * The platform is the default one (short videos), as in a list run started from the list page.
 */
export interface BadgeService {
  peek(refs: readonly BadgeRef[]): Promise<BadgePeekAnswer>;
  lookUp(req: BadgeNamed): Promise<BadgeLookUpAnswer>;
  addToList(req: BadgeNamed): Promise<Result<AddedToList & { listName: string }>>;
  estimate(creators: readonly BadgeNamed[]): Promise<Result<BadgeEstimateAnswer>>;
  run(token: string): Promise<Result<{ listId: string; listName: string }>>;
  /**
   * The Xingtu creator "Open" shows (in the popup): a Xingtu card's own, or the one a Douyin
   * account is surely linked to; null when there is none (no link, or one waiting for the user).
   */
  openTarget(ref: BadgeRef): Promise<string | null>;
}

export interface BadgeServiceDeps {
  service: Pick<DistributionService, 'peek' | 'getDistribution'>;
  links: Pick<AccountLinks, 'get'>;
  resolver: Pick<CreatorResolver, 'resolve'>;
  lists: Pick<ListStore, 'state' | 'create' | 'add' | 'select'>;
  runner: Pick<ListRunner, 'startRun'>;
  knowledge: () => KnowledgeSources;
  loadSettings: () => Promise<Settings>;
  now: () => number;
  /** A fresh estimate token (default: random). */
  newToken?: () => string;
}

const PLATFORMS = [DEFAULT_PLATFORM];
/** Estimates kept for "run" (the newest). */
const KEPT_ESTIMATES = 8;

function cachedInfo(d: Distribution): BadgeInfo {
  return { state: 'cached', oAuthorId: d.oAuthorId, top: d.rows.slice(0, BADGE_TOP), total: d.rows.length, fetchedAt: d.fetchedAt };
}

/** What a stored Douyin answer means for a badge, before the cache is read. */
function linkInfo(resolution: Resolution | null): BadgeInfo | { oAuthorId: string } {
  if (resolution === null) return { state: 'uncached', search: true };
  switch (resolution.kind) {
    case 'sure':
      return { oAuthorId: resolution.author.oAuthorId };
    case 'none':
      return { state: 'not-on-xingtu' };
    default:
      return { state: 'confirm' };
  }
}

/** The list row for a badge's creator (the card's link text, if any, is the name a search needs). */
export function newEntryOf({ ref, nickname }: BadgeNamed): NewEntry {
  const name = nickname?.trim() || null;
  if (ref.kind === 'xingtu') return { ref, source: badgeRefUrl(ref) };
  return { ref: { kind: 'douyin', secUid: ref.secUid, uid: null, nickname: name }, source: badgeRefUrl(ref) };
}

function randomToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => (b % 36).toString(36)).join('');
}

/** "达人广场 12-03 11:20": the list a "look up all visible" run fills. */
export function visibleListName(now: number): string {
  const d = new Date(now);
  const two = (n: number) => String(n).padStart(2, '0');
  return `列表页 ${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`.slice(0, MAX_LIST_NAME_LENGTH);
}

export function createBadgeService(deps: BadgeServiceDeps): BadgeService {
  const estimates = new Map<string, NewEntry[]>();
  const newToken = deps.newToken ?? randomToken;

  /** The card's Xingtu creator, or what a stored Douyin answer says instead (no call). */
  async function knownOf(ref: BadgeRef): Promise<BadgeInfo | { oAuthorId: string }> {
    if (ref.kind === 'xingtu') return { oAuthorId: ref.oAuthorId };
    const link = await deps.links.get({ uid: null, secUid: ref.secUid }).catch(() => null);
    return linkInfo(link?.resolution ?? null);
  }

  async function infoOf(ref: BadgeRef): Promise<BadgeInfo> {
    const known = await knownOf(ref);
    if (!('oAuthorId' in known)) return known;
    const { oAuthorId } = known;
    const hit = await deps.service.peek({ oAuthorId, platform: DEFAULT_PLATFORM }).catch(() => null);
    return hit ? cachedInfo(hit) : { state: 'uncached', search: false };
  }

  async function currentListName(listId: string): Promise<string> {
    const state = await deps.lists.state();
    return state.lists.find((l) => l.id === listId)?.name ?? '';
  }

  return {
    async openTarget(ref) {
      const known = await knownOf(ref);
      return 'oAuthorId' in known ? known.oAuthorId : null;
    },

    async peek(refs) {
      const settings = await deps.loadSettings();
      if (!settings.listBadges) return { enabled: false, items: [] };
      return { enabled: true, items: await Promise.all(refs.map(infoOf)) };
    },

    async lookUp({ ref, nickname }) {
      if (!(await deps.loadSettings()).listBadges) return { ok: false, error: 'bad-input' };
      let oAuthorId: string;
      if (ref.kind === 'xingtu') oAuthorId = ref.oAuthorId;
      else {
        const keyword = nickname?.trim() ?? '';
        const stored = await deps.links.get({ uid: null, secUid: ref.secUid }).catch(() => null);
        let resolution = stored?.resolution ?? null;
        if (resolution === null) {
          // Nothing to search for: the card's link had no text.
          if (keyword === '') return { ok: false, error: 'bad-input' };
          const found = await deps.resolver.resolve({ uid: null, secUid: ref.secUid, nickname: keyword, uniqueId: null }, { via: 'badge' });
          if (!found.ok) return { ok: false, error: found.error.kind };
          resolution = found.value;
        }
        const known = linkInfo(resolution);
        if (!('oAuthorId' in known)) return { ok: true, info: known };
        oAuthorId = known.oAuthorId;
      }
      const answer = await deps.service.getDistribution({ oAuthorId, platform: DEFAULT_PLATFORM, via: 'badge' });
      return answer.ok ? { ok: true, info: cachedInfo(answer.value) } : { ok: false, error: answer.error.kind };
    },

    async addToList(req) {
      const added = await deps.lists.add(null, [newEntryOf(req)]);
      if (!added.ok) return added;
      return { ok: true, value: { ...added.value, listName: await currentListName(added.value.listId) } };
    },

    async estimate(creators) {
      const seen = new Set<string>();
      const entries: ListEntry[] = [];
      for (const creator of creators) {
        const entry = newEntryOf(creator);
        const key = entryKey(entry.ref);
        if (seen.has(key)) continue;
        seen.add(key);
        entries.push({ key, ref: entry.ref, source: entry.source, addedAt: deps.now() });
      }
      const knowledge = await gatherKnowledge(entries, {}, PLATFORMS, deps.knowledge());
      const token = newToken();
      estimates.set(token, entries.map(({ ref, source }) => ({ ref, source })));
      while (estimates.size > KEPT_ESTIMATES) estimates.delete(estimates.keys().next().value as string);
      return { ok: true, value: { estimate: estimateRun(entries, {}, PLATFORMS, knowledge), token } };
    },

    async run(token) {
      const entries = estimates.get(token);
      if (!entries) return { ok: false, error: { kind: 'bad-input', detail: 'estimate first' } };
      estimates.delete(token);
      const before = (await deps.lists.state()).currentId;
      const listName = visibleListName(deps.now());
      const made = await deps.lists.create(listName);
      if (!made.ok) return made;
      const { listId } = made.value;
      // The new list holds this run; "Add to list" keeps going to the list the user chose.
      if (before !== null) await deps.lists.select(before);
      const added = await deps.lists.add(listId, entries);
      if (!added.ok) return added;
      const started = await deps.runner.startRun(listId, PLATFORMS);
      return started.ok ? { ok: true, value: { listId, listName } } : started;
    },
  };
}
