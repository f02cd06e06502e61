// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { PlatformSwitch } from '../../components/PlatformSwitch';
import { setLanguage } from '../../utils/views/i18n';
import type { Platform } from '../../utils/shared/platform';

beforeEach(() => setLanguage('zh'));
afterEach(() => {
  cleanup();
  setLanguage(null);
});

function Harness({ onChange }: { onChange: (p: Platform) => void }) {
  const [value, setValue] = useState<Platform>('SHORT_VIDEO');
  return (
    <PlatformSwitch
      value={value}
      onChange={(p) => {
        onChange(p);
        setValue(p);
      }}
    />
  );
}

const checked = () => screen.getAllByRole('radio').filter((r) => r.getAttribute('aria-checked') === 'true');

describe('PlatformSwitch', () => {
  it('is a labelled radio group of the four platforms, one checked and one tab stop', () => {
    render(<PlatformSwitch value="LIVE_STREAMING" onChange={() => undefined} />);
    screen.getByRole('radiogroup', { name: '平台' });
    const radios = screen.getAllByRole('radio');
    expect(radios.map((r) => r.textContent)).toEqual(['短视频', '直播', '图文', '短剧']);
    expect(checked().map((r) => r.textContent)).toEqual(['直播']);
    expect(radios.map((r) => r.tabIndex)).toEqual([-1, 0, -1, -1]);
  });

  it('click selects, and aria-checked moves', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    fireEvent.click(screen.getByRole('radio', { name: '图文' }));
    expect(onChange).toHaveBeenCalledWith('PICTURE_TEXT');
    expect(checked().map((r) => r.textContent)).toEqual(['图文']);
  });

  it('clicking the checked platform does nothing', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    fireEvent.click(screen.getByRole('radio', { name: '短视频' }));
    expect(onChange).not.toHaveBeenCalled();
  });

  it('arrow keys, Home and End move the selection and the focus (wrapping)', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const first = screen.getByRole('radio', { name: '短视频' });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(onChange).toHaveBeenLastCalledWith('LIVE_STREAMING');
    expect(document.activeElement?.textContent).toBe('直播');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(onChange).toHaveBeenLastCalledWith('SHORT_DRAMA');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(onChange).toHaveBeenLastCalledWith('SHORT_VIDEO');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(onChange).toHaveBeenLastCalledWith('SHORT_DRAMA');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(onChange).toHaveBeenLastCalledWith('SHORT_VIDEO');
    expect(checked().map((r) => r.textContent)).toEqual(['短视频']);
    expect(document.activeElement?.textContent).toBe('短视频');
  });

  it('English labels', () => {
    setLanguage('en');
    render(<PlatformSwitch value="SHORT_VIDEO" onChange={() => undefined} />);
    screen.getByRole('radiogroup', { name: 'Platform' });
    expect(screen.getAllByRole('radio').map((r) => r.textContent)).toEqual([
      'Short video',
      'Live',
      'Picture & text',
      'Short drama',
    ]);
  });
});
