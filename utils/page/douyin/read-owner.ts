import type { DouyinPage } from '../../shared/douyin-page-url';
import type { DouyinAccount, PageCreator } from '../../shared/creator';
import { detectCreatorPage } from '../../shared/page-detect';
import type { DouyinProfile } from './profile';
import { waitForDouyinProfile } from './wait-for-profile';
import { createOwnerFetcher, secUidToFetch } from './fetch-profile';

/** How long a Douyin page may take to show who it is before the panel says it cannot tell. */
export const READ_TIMEOUT_MS = 10_000;

function accountOf(profile: DouyinProfile): DouyinAccount {
  return { uid: profile.uid, secUid: profile.secUid, nickname: profile.nickname, uniqueId: profile.uniqueId };
}

/** The sec_uid of the creator page this document was loaded for (its server data is about it). */
function loadedSecUid(): string | null {
  const entry = performance.getEntriesByType('navigation')[0];
  const loaded = detectCreatorPage(entry?.name ?? location.href);
  return loaded?.site === 'douyin' && loaded.page.kind === 'douyin-user' ? loaded.page.secUid : null;
}

export interface DouyinOwnerReader {
  /**
   * Find out whose Douyin page `page` is, telling `show` each step (reading, then the account or
   * "unreadable"). `previous` is the creator shown before (its header can still be on screen
   * right after an in-app move). Stops when `signal` aborts: a late answer never shows.
   */
  read(page: DouyinPage, previous: PageCreator | null, signal: AbortSignal, show: (creator: PageCreator) => void): void;
  /** Stop every page request (the content script stops). */
  stop(): void;
}

/**
 * Who a Douyin page shows, for the panel controller (utils/page/panel-controller.ts). This module
 * and the readers it uses are a chunk of their own (entrypoints/douyin-reader.ts), which the
 * controller imports only on Douyin creator pages (./load-reader.ts). The page's own data first; after an in-app move,
 * the uid comes from the profile page's own HTML: one same-origin GET per sec_uid per page
 * lifetime (./fetch-profile.ts).
 */
export function createDouyinOwnerReader(): DouyinOwnerReader {
  const stopAll = new AbortController();
  const fetchOwner = createOwnerFetcher(location.origin, { signal: stopAll.signal });
  const loadedFor = loadedSecUid();
  return {
    read(page, previous, signal, show) {
      const before = previous?.kind === 'douyin' ? previous.account : null;
      void waitForDouyinProfile(document, page, {
        timeoutMs: READ_TIMEOUT_MS,
        signal,
        // Right after an in-app move the previous creator's header can still be on screen.
        isStale: (p) => before !== null && p.source === 'header' && p.nickname === before.nickname && p.uniqueId === before.uniqueId,
      }).then((profile) => {
        if (signal.aborted) return; // the user moved on: a late answer never shows
        const secUid = secUidToFetch(page, profile, loadedFor);
        // The panel shows what the page has at once; a page read may add the uid afterwards.
        if (profile || secUid === null) show(profile ? { kind: 'douyin', account: accountOf(profile) } : { kind: 'douyin-unreadable' });
        if (secUid === null) return;
        void fetchOwner(secUid).then((owner) => {
          if (signal.aborted) return;
          if (owner) show({ kind: 'douyin', account: accountOf(owner) });
          else if (!profile) show({ kind: 'douyin-unreadable' });
        });
      });
    },
    stop: () => stopAll.abort(),
  };
}
