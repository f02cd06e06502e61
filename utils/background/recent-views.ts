import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import type { DistributionService } from './distribution-service';
import type { KnownAuthor, RecentCreator } from '../shared/messaging';
import { O_AUTHOR_ID } from '../shared/page-detect';
import { PLATFORMS, type Platform } from '../shared/platform';
import { MAX_ENTRY_NICKNAME_LENGTH } from '../shared/creator-lists';
import { createSerial } from './serial';

/**
 * The creators the panel and the popup showed, newest first (the list page's "Recently
 * viewed"), with the platform they were shown on. Stored (storage.local RECENT_VIEWS_KEY), so it
 * survives the worker and the browser; bounded to MAX_RECENT_VIEWS. Nicknames come from what the
 * background saw for the creator (a search answer, a resolved or linked account) while it lived.
 */
export interface RecentViews {
  /** A creator was shown (a successful getDistribution of the panel or the popup). */
  record(oAuthorId: string, platform: Platform): Promise<void>;
  /** Names (and avatars) seen for creators (search answers, links): used when they are shown. */
  noteNames(authors: readonly { oAuthorId: string; nickname?: string | null; avatarUrl?: string | null }[]): void;
  /** The name and avatar known for a creator (noted, or stored with a view), or null: never a call. */
  known(oAuthorId: string): Promise<KnownAuthor | null>;
  /** The creators, newest first, each with its cached distribution (or null): never a call. */
  list(): Promise<RecentCreator[]>;
}

export const RECENT_VIEWS_KEY = 'local:recentViews';
export const MAX_RECENT_VIEWS = 30;
/** Most names remembered in memory between a search and a view. */
const MAX_NOTED_NAMES = 200;
const MAX_AVATAR_URL_LENGTH = 2048;

const ViewSchema = v.object({
  oAuthorId: v.pipe(v.string(), v.regex(O_AUTHOR_ID)),
  platform: v.picklist(PLATFORMS),
  nickname: v.nullable(v.pipe(v.string(), v.maxLength(MAX_ENTRY_NICKNAME_LENGTH))),
  /** Since 1.0: the avatar URL a search answer gave (an http(s) URL). */
  avatarUrl: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(MAX_AVATAR_URL_LENGTH), v.regex(/^https?:\/\//i)))),
  viewedAt: v.number(),
});
type StoredView = v.InferOutput<typeof ViewSchema>;

const recentItem = storage.defineItem<StoredView[]>(RECENT_VIEWS_KEY, { fallback: [], version: 1 });

/** The stored views, validated one by one (an unreadable one is left out). */
function parseViews(raw: unknown): StoredView[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const parsed = v.safeParse(ViewSchema, item);
    return parsed.success ? [parsed.output] : [];
  });
}

export function createRecentViews(deps: { service: Pick<DistributionService, 'peek'>; now?: () => number }): RecentViews {
  const now = deps.now ?? Date.now;
  const names = new Map<string, { nickname: string; avatarUrl: string | null }>();
  const serial = createSerial(); // read-modify-write, one at a time

  return {
    record: (oAuthorId, platform) =>
      serial(async () => {
        const views = parseViews(await recentItem.getValue());
        const before = views.find((view) => view.oAuthorId === oAuthorId);
        const noted = names.get(oAuthorId);
        const nickname = noted?.nickname ?? before?.nickname ?? null;
        const avatarUrl = noted?.avatarUrl ?? before?.avatarUrl ?? null;
        const view: StoredView = { oAuthorId, platform, nickname, ...(avatarUrl ? { avatarUrl } : {}), viewedAt: now() };
        const next = [view, ...views.filter((v2) => v2.oAuthorId !== oAuthorId)];
        await recentItem.setValue(next.slice(0, MAX_RECENT_VIEWS));
      }),

    noteNames(authors) {
      for (const { oAuthorId, nickname, avatarUrl } of authors) {
        const name = nickname?.trim().slice(0, MAX_ENTRY_NICKNAME_LENGTH);
        if (!name) continue;
        const avatar = typeof avatarUrl === 'string' && avatarUrl.length <= MAX_AVATAR_URL_LENGTH && /^https?:\/\//i.test(avatarUrl) ? avatarUrl : null;
        const before = names.get(oAuthorId)?.avatarUrl ?? null;
        names.delete(oAuthorId); // most recently noted last
        names.set(oAuthorId, { nickname: name, avatarUrl: avatar ?? before });
      }
      for (const oldest of names.keys()) {
        if (names.size <= MAX_NOTED_NAMES) break;
        names.delete(oldest);
      }
    },

    async known(oAuthorId) {
      const noted = names.get(oAuthorId);
      if (noted) return { nickname: noted.nickname, avatarUrl: noted.avatarUrl };
      const view = parseViews(await recentItem.getValue()).find((v2) => v2.oAuthorId === oAuthorId);
      return view && (view.nickname || view.avatarUrl) ? { nickname: view.nickname, avatarUrl: view.avatarUrl ?? null } : null;
    },

    async list() {
      const views = parseViews(await recentItem.getValue());
      return Promise.all(
        views.map(async (view): Promise<RecentCreator> => ({
          oAuthorId: view.oAuthorId,
          nickname: view.nickname,
          viewedAt: view.viewedAt,
          distribution: await deps.service.peek({ oAuthorId: view.oAuthorId, platform: view.platform }).catch(() => null),
        })),
      );
    },
  };
}
