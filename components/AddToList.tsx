import { createContext } from 'preact';
import { useContext, useRef, useState } from 'preact/hooks';
import { MAX_LIST_ENTRIES } from '@/utils/shared/creator-lists';
import { failureKey, t } from '@/utils/views/i18n';
import type { ListAddition, ListShortcuts } from '@/utils/views/list-shortcuts';
import type { ListAnswer } from '@/utils/views/list-bridge';
import './view.css';
import './add-to-list.css';
import { useAnnounce } from './LiveRegion';

/**
 * The creator-list shortcuts of a view (the panel and the popup provide them; a view without
 * them shows no "Add to list").
 */
export const ListShortcutsContext = createContext<ListShortcuts | null>(null);

type Shown = { id: string; busy: boolean; answer: ListAnswer<ListAddition> | null };

/** What an answer says: added, already there, full, or why not. */
export function additionText(answer: ListAnswer<ListAddition>): string {
  if (!answer.ok) return t(failureKey(answer.error.kind, 'title'));
  const { added, refused, listName } = answer.value;
  const list = listName ?? t('listPageTitle');
  if (added > 0) return t('addedToList', { list });
  if (refused > 0) return t('listFull', { list, max: MAX_LIST_ENTRIES });
  return t('alreadyInList', { list });
}

/** "Add to list" for a creator whose Xingtu id is known, then "Added to <list>" and "Open lists". */
export function AddToList({ oAuthorId }: { oAuthorId: string }) {
  const lists = useContext(ListShortcutsContext);
  const [shown, setShown] = useState<Shown>({ id: oAuthorId, busy: false, answer: null });
  const token = useRef(0);
  const announce = useAnnounce();
  if (!lists) return null;
  const current: Shown = shown.id === oAuthorId ? shown : { id: oAuthorId, busy: false, answer: null };

  const add = () => {
    if (current.busy) return;
    const mine = ++token.current;
    setShown({ id: oAuthorId, busy: true, answer: null });
    lists.addCreator(oAuthorId).then(
      (answer) => {
        if (mine !== token.current) return;
        setShown({ id: oAuthorId, busy: false, answer });
        announce(additionText(answer)); // through the view's one live region
      },
      () => mine === token.current && setShown({ id: oAuthorId, busy: false, answer: { ok: false, error: { kind: 'unexpected' } } }),
    );
  };

  return (
    <div class="xdp-view__list">
      {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus to <body>. */}
      <button type="button" class="xdp-view__button" onClick={add} aria-disabled={current.busy ? 'true' : undefined}>
        {current.busy ? t('addingToList') : t('addToList')}
      </button>
      <span class="xdp-view__list-status">
        {current.answer && additionText(current.answer)}
      </span>
      {current.answer?.ok && (
        <button type="button" class="xdp-view__link" onClick={lists.openLists}>
          {t('openLists')}
        </button>
      )}
    </div>
  );
}
