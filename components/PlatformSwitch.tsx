import { useRef } from 'preact/hooks';
import { PLATFORMS, type Platform } from '@/utils/shared/platform';
import { platformKey, t } from '@/utils/views/i18n';
import './view.css';

export interface PlatformSwitchProps {
  value: Platform;
  onChange: (platform: Platform) => void;
  disabled?: boolean;
  /** Id of the tab panel the tabs control; each tab is `${panelId}-${platform}`. */
  panelId?: string;
}

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown']);
const PREV_KEYS = new Set(['ArrowLeft', 'ArrowUp']);

/** Id of a platform's tab (the tab panel is labelled by the selected one). */
export const platformTabId = (panelId: string, platform: Platform): string => `${panelId}-${platform}`;

/**
 * The four Xingtu platforms as a tab list (ARIA tabs pattern, manual activation): one tab stop
 * (the selected tab), arrow keys and Home/End move the focus, Enter/Space/click select. Selecting
 * may cost a paid call, so moving through the tabs does not select them.
 */
export function PlatformSwitch({ value, onChange, disabled = false, panelId }: PlatformSwitchProps) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent) => {
    const n = PLATFORMS.length;
    const focused = tabs.current.findIndex((el) => el !== null && el === document.activeElement);
    const current = focused >= 0 ? focused : PLATFORMS.indexOf(value);
    let target: number | null = null;
    if (NEXT_KEYS.has(event.key)) target = current + 1;
    else if (PREV_KEYS.has(event.key)) target = current - 1;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = n - 1;
    if (target === null) return;
    event.preventDefault();
    tabs.current[((target % n) + n) % n]?.focus();
  };

  return (
    <div class="xdp-view__platforms" role="tablist" aria-label={t('platformLabel')} onKeyDown={onKeyDown}>
      {PLATFORMS.map((platform, i) => {
        const selected = platform === value;
        return (
          <button
            key={platform}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={panelId ? platformTabId(panelId, platform) : undefined}
            aria-controls={panelId}
            aria-selected={selected ? 'true' : 'false'}
            tabIndex={selected ? 0 : -1}
            disabled={disabled}
            class={`xdp-view__platform${selected ? ' xdp-view__platform--on' : ''}`}
            onClick={() => {
              if (!selected) onChange(platform);
            }}
          >
            {t(platformKey(platform))}
          </button>
        );
      })}
    </div>
  );
}
