import { useRef } from 'preact/hooks';
import { PLATFORMS, type Platform } from '@/utils/shared/platform';
import { platformKey, t } from '@/utils/views/i18n';
import './view.css';

export interface PlatformSwitchProps {
  value: Platform;
  onChange: (platform: Platform) => void;
  disabled?: boolean;
}

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown']);
const PREV_KEYS = new Set(['ArrowLeft', 'ArrowUp']);

/**
 * The four Xingtu platforms as a radio group (ARIA radio pattern): one tab stop, arrow keys move
 * and select, Home/End jump, Enter/Space/click select.
 */
export function PlatformSwitch({ value, onChange, disabled = false }: PlatformSwitchProps) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const select = (index: number) => {
    const n = PLATFORMS.length;
    const i = ((index % n) + n) % n;
    const platform = PLATFORMS[i];
    if (!platform) return;
    buttons.current[i]?.focus();
    if (platform !== value) onChange(platform);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (disabled) return;
    const current = PLATFORMS.indexOf(value);
    let target: number | null = null;
    if (NEXT_KEYS.has(event.key)) target = current + 1;
    else if (PREV_KEYS.has(event.key)) target = current - 1;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = PLATFORMS.length - 1;
    if (target === null) return;
    event.preventDefault();
    select(target);
  };

  return (
    <div class="xdp-view__platforms" role="radiogroup" aria-label={t('platformLabel')} onKeyDown={onKeyDown}>
      {PLATFORMS.map((platform, i) => {
        const checked = platform === value;
        return (
          <button
            key={platform}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="radio"
            aria-checked={checked ? 'true' : 'false'}
            tabIndex={checked ? 0 : -1}
            disabled={disabled}
            class={`xdp-view__platform${checked ? ' xdp-view__platform--on' : ''}`}
            onClick={() => select(i)}
          >
            {t(platformKey(platform))}
          </button>
        );
      })}
    </div>
  );
}
