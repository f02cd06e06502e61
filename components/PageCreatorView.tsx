import { t } from '@/utils/views/i18n';
import type { PageCreator } from '@/utils/shared/creator';
import type { ViewBridge } from '@/utils/views/view-bridge';
import { CreatorView } from './CreatorView';
import { DouyinCreatorView } from './DouyinCreatorView';
import { StatusMessage } from './StatusMessage';
import { LiveRegion } from './LiveRegion';

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
        <CreatorView
          oAuthorId={creator.oAuthorId}
          load={bridge.load}
          openOptions={bridge.openOptions}
          compact={compact}
          allowOneCall={bridge.allowOneCall}
        />
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
