import { tl, tlCount } from '@/utils/views/i18n-list';

export interface FocusPickerProps {
  /** The categories of the fetched rows, most creators first. */
  categories: readonly { name: string; creators: number }[];
  focus: readonly string[];
  onChange: (focus: string[]) => void;
}

/** "Focus categories": the categories whose combined share the "Focus share" column shows. */
export function FocusPicker({ categories, focus, onChange }: FocusPickerProps) {
  const chosen = new Set(focus);
  const toggle = (name: string) => onChange(chosen.has(name) ? focus.filter((f) => f !== name) : [...focus, name]);
  return (
    <fieldset class="xdp-list__focus-picker">
      <legend>{tl('focusLabel')}</legend>
      {categories.length === 0 ? (
        <p class="xdp-list__help">{tl('focusNone')}</p>
      ) : (
        <div class="xdp-list__focus-options">
          {categories.map((c) => (
            <label key={c.name} class={`xdp-list__check${chosen.has(c.name) ? ' xdp-list__check--on' : ''}`}>
              <input type="checkbox" checked={chosen.has(c.name)} onChange={() => toggle(c.name)} />
              {c.name} <span class="xdp-list__check-count">{tlCount('creatorsCount', c.creators)}</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
