import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import type { DistributionService } from './distribution-service';
import type { RecentCreator } from '../shared/messaging';
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
  /** Names seen for creators (search answers, links): used when they are shown. */
  noteNames(authors: readonly { oAuthorId: string; nickname?: string | null }[]): void;
  /** The creators, newest first, each with its cached distribution (or null): never a call. */
  list(): Promise<RecentCreator[]>;
}

export const RECENT_VIEWS_KEY = 'local:recentViews';
export const MAX_RECENT_VIEWS = 30;
/** Most names remembered in memory between a search and a view. */
const MAX_NOTED_NAMES = 200;

const ViewSchema = v.object({
  oAuthorId: v.pipe(v.string(), v.regex(O_AUTHOR_ID)),
  platform: v.picklist(PLATFORMS),
  nickname: v.nullable(v.pipe(v.string(), v.maxLength(MAX_ENTRY_NICKNAME_LENGTH))),
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
  const names = new Map<string, string>();
  const serial = createSerial(); // read-modify-write, one at a time

  return {
    record: (oAuthorId, platform) =>
      serial(async () => {
        const views = parseViews(await recentItem.getValue());
        const before = views.find((view) => view.oAuthorId === oAuthorId);
        const nickname = names.get(oAuthorId) ?? before?.nickname ?? null;
        const next = [{ oAuthorId, platform, nickname, viewedAt: now() }, ...views.filter((view) => view.oAuthorId !== oAuthorId)];
        await recentItem.setValue(next.slice(0, MAX_RECENT_VIEWS));
      }),

    noteNames(authors) {
      for (const { oAuthorId, nickname } of authors) {
        const name = nickname?.trim().slice(0, MAX_ENTRY_NICKNAME_LENGTH);
        if (!name) continue;
        names.delete(oAuthorId);
        names.set(oAuthorId, name);
      }
      for (const oldest of names.keys()) {
        if (names.size <= MAX_NOTED_NAMES) break;
        names.delete(oldest);
      }
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
