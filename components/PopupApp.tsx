import { useState } from 'preact/hooks';
import { CreatorView } from './CreatorView';
import { t } from '@/utils/i18n';
import type { PageCreator } from '@/utils/creator';
import { parseCreatorInput } from '@/utils/creator-input';
import { loadDistribution, openOptionsPage } from '@/utils/view-bridge';
import './popup.css';

export interface PopupAppProps {
  /** The creator shown in the current tab, if it is a creator page. */
  pageCreator: PageCreator | null;
  load?: typeof loadDistribution;
  openOptions?: () => void;
}

/** Toolbar popup: the current tab's creator, and a lookup for any creator by id or link. */
export function PopupApp({ pageCreator, load = loadDistribution, openOptions = openOptionsPage }: PopupAppProps) {
  const [input, setInput] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const [looked, setLooked] = useState<PageCreator | null>(null);
  const shown = looked ?? pageCreator;

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const parsed = parseCreatorInput(input);
    if (parsed.kind === 'invalid') {
      setInputError(parsed.reason === 'empty' ? t('creatorInputEmpty') : t('creatorInputInvalid'));
      return;
    }
    setInputError(null);
    setLooked({ kind: 'xingtu', oAuthorId: parsed.oAuthorId });
  };

  return (
    <main class="xdp-popup">
      <header class="xdp-popup__head">
        <h1>{t('panelTitle')}</h1>
        <button type="button" class="xdp-link-button" onClick={openOptions}>
          {t('openSettings')}
        </button>
      </header>
      <form class="xdp-lookup" onSubmit={onSubmit} noValidate>
        <label for="creator-input">{t('creatorLabel')}</label>
        <div class="xdp-lookup__row">
          <input
            id="creator-input"
            type="text"
            value={input}
            placeholder={t('creatorPlaceholder')}
            aria-invalid={inputError ? 'true' : undefined}
            aria-describedby={inputError ? 'creator-input-error' : undefined}
            onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit">{t('lookUp')}</button>
        </div>
        {inputError && (
          <p id="creator-input-error" class="xdp-lookup__error" role="alert">
            {inputError}
          </p>
        )}
        {looked && pageCreator && looked.oAuthorId !== pageCreator.oAuthorId && (
          <button type="button" class="xdp-link-button" onClick={() => setLooked(null)}>
            {t('backToPageCreator')}
          </button>
        )}
      </form>
      {shown ? (
        <CreatorView oAuthorId={shown.oAuthorId} load={load} openOptions={openOptions} />
      ) : (
        <p class="xdp-popup__hint">{t('openCreatorPageOrLookUp')}</p>
      )}
    </main>
  );
}
