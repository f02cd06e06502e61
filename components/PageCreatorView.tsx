import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/views/i18n';
import type { KnownAuthor } from '@/utils/shared/messaging';
import type { PageCreator } from '@/utils/shared/creator';
import type { ViewBridge } from '@/utils/views/view-bridge';
import { CreatorView } from './CreatorView';
import { DouyinCreatorView } from './DouyinCreatorView';
import { StatusMessage } from './StatusMessage';
import { AuthorCard } from './AuthorCard';
import { LiveRegion } from './LiveRegion';

/**
 * On a Xingtu page only the id is in the URL: the creator's name and avatar when the extension
 * already knows them (a search answer, a link, a recent view) — never from a call of its own.
 */
function KnownAuthorCard({ oAuthorId, bridge }: { oAuthorId: string; bridge: ViewBridge }) {
  const [known, setKnown] = useState<{ id: string; author: KnownAuthor } | null>(null);
  useEffect(() => {
    let live = true;
    void bridge.knownAuthor?.(oAuthorId).then((author) => live && author?.nickname && setKnown({ id: oAuthorId, author }));
    return () => {
      live = false;
    };
  }, [oAuthorId]);
  if (!known || known.id !== oAuthorId || !known.author.nickname) return null;
  return (
    <div class="xdp-view xdp-known">
      <AuthorCard author={{ oAuthorId, nickname: known.author.nickname, avatarUrl: known.author.avatarUrl }} />
    </div>
  );
}

/**
 * Whatever a tab shows: a Xingtu creator, a Douyin creator (resolved first), or why not. Owns the
 * view's one live region: the creator views inside announce through it.
 */
export function PageCreatorView(props: { creator: PageCreator; bridge: ViewBridge; compact?: boolean }) {
  const { kind } = props.creator;
  const message = kind === 'douyin-reading' ? t('readingPage') : kind === 'douyin-unreadable' ? t('unreadableTitle') : null;
  return <LiveRegion message={message}>{pageView(props)}</LiveRegion>;
}

function pageView({ creator, bridge, compact = false }: { creator: PageCreator; bridge: ViewBridge; compact?: boolean }) {
  switch (creator.kind) {
    case 'xingtu':
      return (
        <>
          <KnownAuthorCard oAuthorId={creator.oAuthorId} bridge={bridge} />
          <CreatorView
            oAuthorId={creator.oAuthorId}
            load={bridge.load}
            openOptions={bridge.openOptions}
            compact={compact}
            allowOneCall={bridge.allowOneCall}
            peek={bridge.peek}
          />
        </>
      );
    case 'douyin':
      return <DouyinCreatorView account={creator.account} bridge={bridge} compact={compact} />;
    case 'douyin-reading':
      return (
        <div class="xdp-view">
          <StatusMessage state="loading" text={t('readingPage')} />
        </div>
      );
    case 'douyin-unreadable':
      return (
        <div class="xdp-view">
          <div class="xdp-view__status" data-kind="unreadable">
            <p class="xdp-view__status-title">{t('unreadableTitle')}</p>
            <p>{t('unreadableHint')}</p>
          </div>
        </div>
      );
  }
}
