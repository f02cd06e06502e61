import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/views/i18n';
import { useAnnounce } from './LiveRegion';

/** Put `text` on the clipboard: the async API, else a selected textarea (a frame the page did not allow). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.cssText = 'position:fixed;opacity:0;';
    document.body.append(area);
    area.select();
    let done: boolean;
    try {
      done = document.execCommand('copy');
    } catch {
      done = false;
    }
    area.remove();
    return done;
  }
}

/** A button that copies the Xingtu id; "Copied" (or why not) shows beside it and is announced through the view's live region. */
export function CopyId({ id }: { id: string }) {
  const [said, setSaid] = useState('');
  const announce = useAnnounce();
  useEffect(() => {
    if (!said) return undefined;
    const timer = setTimeout(() => setSaid(''), 2500);
    return () => clearTimeout(timer);
  }, [said]);
  useEffect(() => setSaid(''), [id]);
  return (
    <>
      <button
        type="button"
        class="xdp-view__copy"
        title={t('copyId')}
        aria-label={t('copyId')}
        onClick={() =>
          void copyText(id).then((ok) => {
            const text = t(ok ? 'idCopied' : 'idCopyFailed');
            setSaid(text);
            announce(text);
          })
        }
      >
        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" fill="none" stroke="currentColor">
          <rect x="3.5" y="3.5" width="7" height="7" rx="1" />
          <path d="M8.5 1.5h-7v7" />
        </svg>
      </button>
      <span class="xdp-view__copied">
        {said}
      </span>
    </>
  );
}
