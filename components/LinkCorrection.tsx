import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/views/i18n';
import { parseCreatorInput } from '@/utils/views/creator-input';
import { useAnnounce } from './LiveRegion';

/** "Wrong match?": paste a Xingtu link or id; the parent stores it as the user's choice. */
export function LinkCorrection({ onLink, startOpen = false }: { onLink: (oAuthorId: string) => void; startOpen?: boolean }) {
  const [open, setOpen] = useState(startOpen);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const announce = useAnnounce();
  const inputRef = useRef<HTMLInputElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  // Where focus goes after the user opened or closed the form (not on the first render).
  const focusNext = useRef<'input' | 'toggle' | null>(null);
  useEffect(() => {
    const target = open ? inputRef.current : toggleRef.current;
    if (focusNext.current !== (open ? 'input' : 'toggle') || !target) return;
    focusNext.current = null;
    target.focus();
  }, [open]);
  const toggle = (next: boolean) => {
    focusNext.current = next ? 'input' : 'toggle';
    setError(null);
    setOpen(next);
  };

  if (!open) {
    return (
      <button type="button" ref={toggleRef} class="xdp-link-button xdp-correct__toggle" onClick={() => toggle(true)}>
        {t('wrongMatch')}
      </button>
    );
  }
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const parsed = parseCreatorInput(value);
    if (parsed.kind !== 'xingtu') {
      setError(t('correctInvalid'));
      announce(t('correctInvalid'));
      inputRef.current?.focus();
      return;
    }
    setError(null);
    setOpen(startOpen);
    setValue('');
    onLink(parsed.oAuthorId);
  };
  const inputId = `${id}-input`;
  const errorId = `${id}-error`;
  return (
    <form class="xdp-correct" onSubmit={onSubmit} noValidate>
      <label for={inputId}>{t('correctLabel')}</label>
      <div class="xdp-correct__row">
        <input
          id={inputId}
          ref={inputRef}
          type="text"
          value={value}
          placeholder="https://www.xingtu.cn/ad/creator/author-homepage/…"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? errorId : undefined}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <button type="submit" class="xdp-view__button xdp-view__button--primary">
          {t('correctSubmit')}
        </button>
        {!startOpen && (
          <button type="button" class="xdp-view__button" onClick={() => toggle(false)}>
            {t('correctCancel')}
          </button>
        )}
      </div>
      {error && (
        <p id={errorId} class="xdp-correct__error">
          {error}
        </p>
      )}
    </form>
  );
}
