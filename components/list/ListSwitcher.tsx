import { useEffect, useRef, useState } from 'preact/hooks';
import * as v from 'valibot';
import { ListNameSchema, MAX_LIST_NAME_LENGTH, type CreatorList } from '@/utils/shared/creator-lists';
import { formatCount } from '@/utils/views/i18n';
import { tl } from '@/utils/views/i18n-list';
import type { ListBridge } from '@/utils/views/list-bridge';
import { failureParts } from '@/utils/views/list-text';
import { useAnnounce } from './announce';

export interface ListSwitcherProps {
  lists: readonly CreatorList[];
  /** The list shown (null: none yet). */
  current: CreatorList | null;
  bridge: ListBridge;
  /** The user chose, or created, this list. */
  onShow: (listId: string) => void;
}

type Mode = 'idle' | 'create' | 'rename' | 'delete';

/** Choose the list shown; create, rename and delete lists (delete asks first). */
export function ListSwitcher({ lists, current, bridge, onShow }: ListSwitcherProps) {
  const announce = useAnnounce();
  const [mode, setMode] = useState<Mode>('idle');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement | null>(null);

  useEffect(() => {
    if (mode === 'create' || mode === 'rename') nameRef.current?.focus();
    if (mode === 'delete') confirmRef.current?.focus();
  }, [mode]);

  const open = (next: Mode, opener: EventTarget | null) => {
    openerRef.current = opener instanceof HTMLButtonElement ? opener : null;
    setName(next === 'rename' && current ? current.name : '');
    setError(null);
    setMode(next);
  };
  const close = () => {
    setMode('idle');
    setError(null);
    openerRef.current?.focus();
  };
  const failed = (reason: Parameters<typeof failureParts>[0]) => {
    const text = tl('listActionFailed', { reason: failureParts(reason).title });
    setError(text);
    announce(text);
  };

  const onSubmitName = async (event: Event) => {
    event.preventDefault();
    const parsed = v.safeParse(ListNameSchema, name);
    if (!parsed.success) {
      setError(tl('listNameInvalid'));
      nameRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      if (mode === 'create') {
        const answer = await bridge.createList({ name: parsed.output });
        if (!answer.ok) return failed(answer.error);
        onShow(answer.value.listId);
        announce(tl('listCreated', { name: parsed.output }));
      } else if (mode === 'rename' && current) {
        const answer = await bridge.renameList({ listId: current.id, name: parsed.output });
        if (!answer.ok) return failed(answer.error);
        announce(tl('listRenamed', { name: parsed.output }));
      }
      setMode('idle');
    } finally {
      setBusy(false);
    }
  };

  const onDelete = async () => {
    if (!current) return;
    setBusy(true);
    try {
      const answer = await bridge.deleteList({ listId: current.id });
      if (!answer.ok) return failed(answer.error);
      announce(tl('listDeleted', { name: current.name }));
      setMode('idle');
    } finally {
      setBusy(false);
    }
  };

  const onSelect = (listId: string) => {
    const chosen = lists.find((l) => l.id === listId);
    if (!chosen) return;
    onShow(listId);
    announce(tl('listSwitched', { name: chosen.name }));
    void bridge.selectList({ listId });
  };

  return (
    <div class="xdp-list__switcher">
      {lists.length > 0 && (
        <div class="xdp-list__field xdp-list__field--inline">
          <label for="xdp-list-select">{tl('listSelectLabel')}</label>
          <select id="xdp-list-select" value={current?.id ?? ''} onChange={(e) => onSelect(e.currentTarget.value)} disabled={busy}>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {tl('listOption', { name: l.name, count: formatCount(l.entries.length) })}
              </option>
            ))}
          </select>
        </div>
      )}
      {mode === 'idle' && (
        <div class="xdp-list__buttons">
          <button type="button" class="xdp-list__button" onClick={(e) => open('create', e.currentTarget)}>
            {tl('listNew')}
          </button>
          {current && (
            <>
              <button type="button" class="xdp-list__button" onClick={(e) => open('rename', e.currentTarget)}>
                {tl('listRename')}
              </button>
              <button type="button" class="xdp-list__button xdp-list__button--danger" onClick={(e) => open('delete', e.currentTarget)}>
                {tl('listDelete')}
              </button>
            </>
          )}
        </div>
      )}
      {(mode === 'create' || mode === 'rename') && (
        <form class="xdp-list__name-form" onSubmit={onSubmitName} noValidate>
          <label for="xdp-list-name">{tl('listNameLabel')}</label>
          <input
            id="xdp-list-name"
            ref={nameRef}
            type="text"
            value={name}
            maxLength={MAX_LIST_NAME_LENGTH}
            placeholder={tl('listNamePlaceholder')}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'xdp-list-name-error' : undefined}
            onInput={(e) => setName(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Escape' && close()}
          />
          <button type="submit" class="xdp-list__button xdp-list__button--primary" disabled={busy}>
            {mode === 'create' ? tl('listCreate') : tl('listRenameSave')}
          </button>
          <button type="button" class="xdp-list__button" onClick={close}>
            {tl('listCancel')}
          </button>
          {error && (
            <p id="xdp-list-name-error" class="xdp-list__error">
              {error}
            </p>
          )}
        </form>
      )}
      {mode === 'delete' && current && (
        <div class="xdp-list__confirm" role="group" aria-labelledby="xdp-list-delete-question">
          <p id="xdp-list-delete-question">{tl('listDeleteConfirm', { name: current.name })}</p>
          <button
            type="button"
            ref={confirmRef}
            class="xdp-list__button xdp-list__button--danger"
            onClick={() => void onDelete()}
            disabled={busy}
          >
            {tl('listDeleteYes')}
          </button>
          <button type="button" class="xdp-list__button" onClick={close} onKeyDown={(e) => e.key === 'Escape' && close()}>
            {tl('listCancel')}
          </button>
          {error && <p class="xdp-list__error">{error}</p>}
        </div>
      )}
    </div>
  );
}
