import { PageCreatorView } from './PageCreatorView';
import { t } from '@/utils/views/i18n';
import type { PageCreator } from '@/utils/shared/creator';
import { messagingBridge, type ViewBridge } from '@/utils/views/view-bridge';
import { messagingListShortcuts, type ListShortcuts } from '@/utils/views/list-shortcuts';
import { ListShortcutsContext } from './AddToList';
import './panel.css';

export interface PanelAppProps {
  creator: PageCreator | null;
  collapsed: boolean;
  onToggle: () => void;
  bridge?: ViewBridge;
  /** "Add to list" and "Open lists" (creator lists). */
  lists?: ListShortcuts;
}

/** The in-page panel: a title bar that collapses it, and the creator's distribution view. */
export function PanelApp({ creator, collapsed, onToggle, bridge = messagingBridge, lists = messagingListShortcuts }: PanelAppProps) {
  if (collapsed) {
    return (
      <main class="xdp-panel xdp-panel--collapsed">
        <h1 class="xdp-sr-only">{t('panelTitle')}</h1>
        <button type="button" class="xdp-pill" onClick={onToggle} aria-expanded="false">
          <span class="xdp-pill__dot" aria-hidden="true" />
          {t('showDistribution')}
        </button>
      </main>
    );
  }
  return (
    <main class="xdp-panel" aria-label={t('panelTitle')}>
      <header class="xdp-panel__bar">
        <h1 class="xdp-panel__title">{t('panelTitle')}</h1>
        <button type="button" class="xdp-panel__collapse" onClick={onToggle} aria-expanded="true" title={t('collapse')}>
          <span aria-hidden="true">—</span>
          <span class="xdp-sr-only">{t('collapse')}</span>
        </button>
      </header>
      <div class="xdp-panel__body">
        {creator ? (
          <ListShortcutsContext.Provider value={lists}>
            <PageCreatorView creator={creator} bridge={bridge} compact />
          </ListShortcutsContext.Provider>
        ) : (
          <p class="xdp-panel__empty">{t('noCreatorOnPage')}</p>
        )}
      </div>
    </main>
  );
}
