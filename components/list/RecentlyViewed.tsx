import { useEffect, useState } from 'preact/hooks';
import { entryKey, type CreatorList } from '@/utils/shared/creator-lists';
import { formatShare } from '@/utils/shared/distribution';
import type { RecentCreator } from '@/utils/shared/messaging';
import { xingtuCreatorUrl } from '@/utils/shared/xingtu-link';
import { tl } from '@/utils/views/i18n-list';
import type { ListAnswer, ListBridge } from '@/utils/views/list-bridge';
import { failureParts } from '@/utils/views/list-text';
import { useAnnounce } from './announce';
import { TimeAgo } from '../TimeAgo';

export interface RecentlyViewedProps {
  bridge: ListBridge;
  /** The list "Add to list" adds to (null: the background makes one). */
  list: CreatorList | null;
  onAdded?: (listId: string) => void;
}

/** Creators looked at in the panel or the popup (from the cache: free), each with "Add to list". */
export function RecentlyViewed({ bridge, list, onAdded }: RecentlyViewedProps) {
  const announce = useAnnounce();
  const [recent, setRecent] = useState<ListAnswer<RecentCreator[]> | null>(null);
  useEffect(() => {
    let live = true;
    void bridge.recentlyViewed().then((answer) => live && setRecent(answer));
    return () => {
      live = false;
    };
  }, [bridge]);

  const inList = new Set(list?.entries.map((e) => e.key) ?? []);
  const add = async (creator: RecentCreator) => {
    const answer = await bridge.addToList({
      listId: list?.id ?? null,
      entries: [{ ref: { kind: 'xingtu', oAuthorId: creator.oAuthorId }, source: xingtuCreatorUrl(creator.oAuthorId) }],
    });
    if (!answer.ok) return announce(tl('listActionFailed', { reason: failureParts(answer.error).title }));
    announce(tl('addedToList', { list: list?.name ?? tl('listPageTitle') }));
    if (answer.value.listId !== list?.id) onAdded?.(answer.value.listId);
  };

  return (
    <section class="xdp-list__card xdp-list__recent" aria-labelledby="xdp-recent-title">
      <h2 id="xdp-recent-title">{tl('recentTitle')}</h2>
      {recent === null ? (
        <p class="xdp-list__help">{tl('loading')}</p>
      ) : !recent.ok ? (
        <p class="xdp-list__error">{failureParts(recent.error).title}</p>
      ) : recent.value.length === 0 ? (
        <p class="xdp-list__help">{tl('recentEmpty')}</p>
      ) : (
        <ul class="xdp-list__recent-list">
          {recent.value.map((creator) => {
            const top = creator.distribution?.rows.find((r) => r.count > 0);
            const added = inList.has(entryKey({ kind: 'xingtu', oAuthorId: creator.oAuthorId }));
            const name = creator.nickname ?? creator.oAuthorId;
            return (
              <li key={creator.oAuthorId} class="xdp-list__recent-item">
                <span class="xdp-list__recent-text">
                  <a href={xingtuCreatorUrl(creator.oAuthorId)} target="_blank" rel="noopener noreferrer" class="xdp-list__recent-name" title={name}>
                    {name}
                  </a>
                  <span class="xdp-list__help">
                    {creator.nickname && <span>{creator.oAuthorId} · </span>}
                    {top ? tl('topItem', { name: top.name, share: formatShare(top.share) }) : tl('recentNoData')}
                    {' · '}
                    <TimeAgo ms={creator.viewedAt} />
                  </span>
                </span>
                {added ? (
                  <span class="xdp-list__badge xdp-list__badge--done">{tl('recentInList')}</span>
                ) : (
                  <button
                    type="button"
                    class="xdp-list__button xdp-list__button--small"
                    aria-label={`${tl('recentAdd')}: ${name}`}
                    onClick={() => void add(creator)}
                  >
                    {tl('recentAdd')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
