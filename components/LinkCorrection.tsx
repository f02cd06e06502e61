import { useState } from 'preact/hooks';
import { t } from '@/utils/views/i18n';
import { parseCreatorInput } from '@/utils/views/creator-input';

/** "Wrong match?": paste a Xingtu link or id; the parent stores it as the user's choice. */
export function LinkCorrection({ onLink, startOpen = false }: { onLink: (oAuthorId: string) => void; startOpen?: boolean }) {
  const [open, setOpen] = useState(startOpen);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (!open) {
    return (
      <button type="button" class="xdp-link-button xdp-correct__toggle" onClick={() => setOpen(true)}>
        {t('wrongMatch')}
      </button>
    );
  }
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const parsed = parseCreatorInput(value);
    if (parsed.kind !== 'xingtu') {
      setError(t('correctInvalid'));
      return;
    }
    setError(null);
    setOpen(startOpen);
    setValue('');
    onLink(parsed.oAuthorId);
  };
  return (
    <form class="xdp-correct" onSubmit={onSubmit} noValidate>
      <label for="xdp-correct-input">{t('correctLabel')}</label>
      <div class="xdp-correct__row">
        <input
          id="xdp-correct-input"
          type="text"
          value={value}
          placeholder="https://www.xingtu.cn/ad/creator/author-homepage/…"
          aria-invalid={error ? 'true' : undefined}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <button type="submit" class="xdp-view__button xdp-view__button--primary">
          {t('correctSubmit')}
        </button>
        {!startOpen && (
          <button type="button" class="xdp-view__button" onClick={() => setOpen(false)}>
            {t('correctCancel')}
          </button>
        )}
      </div>
      {error && (
        <p class="xdp-correct__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
