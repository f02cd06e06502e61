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

const selected = () => screen.getAllByRole('tab').filter((r) => r.getAttribute('aria-selected') === 'true');

describe('PlatformSwitch', () => {
  it('is a labelled tab list of the four platforms, one selected and one tab stop', () => {
    render(<PlatformSwitch value="LIVE_STREAMING" onChange={() => undefined} panelId="p" />);
    screen.getByRole('tablist', { name: '平台' });
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((r) => r.textContent)).toEqual(['短视频', '直播', '图文', '短剧']);
    expect(selected().map((r) => r.textContent)).toEqual(['直播']);
    expect(tabs.map((r) => r.tabIndex)).toEqual([-1, 0, -1, -1]);
    expect(tabs.map((r) => r.id)).toEqual(['p-SHORT_VIDEO', 'p-LIVE_STREAMING', 'p-PICTURE_TEXT', 'p-SHORT_DRAMA']);
    expect(tabs.every((r) => r.getAttribute('aria-controls') === 'p')).toBe(true);
  });

  it('click selects, and aria-selected and the tab stop move', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    fireEvent.click(screen.getByRole('tab', { name: '图文' }));
    expect(onChange).toHaveBeenCalledWith('PICTURE_TEXT');
    expect(selected().map((r) => r.textContent)).toEqual(['图文']);
    expect(screen.getAllByRole('tab').map((r) => r.tabIndex)).toEqual([-1, -1, 0, -1]);
  });

  it('clicking the selected platform does nothing', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    fireEvent.click(screen.getByRole('tab', { name: '短视频' }));
    expect(onChange).not.toHaveBeenCalled();
  });

  it('arrow keys, Home and End move the focus (wrapping) without selecting: a selection may cost a call', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const first = screen.getByRole('tab', { name: '短视频' });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(document.activeElement?.textContent).toBe('直播');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.textContent).toBe('短剧');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('短视频');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(document.activeElement?.textContent).toBe('短剧');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement?.textContent).toBe('短视频');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(onChange).not.toHaveBeenCalled();
    expect(selected().map((r) => r.textContent)).toEqual(['短视频']);
    // Enter / Space on a button is a click: the focused tab is selected.
    fireEvent.click(document.activeElement!);
    expect(onChange).toHaveBeenCalledWith('LIVE_STREAMING');
    expect(selected().map((r) => r.textContent)).toEqual(['直播']);
  });

  it('English labels', () => {
    setLanguage('en');
    render(<PlatformSwitch value="SHORT_VIDEO" onChange={() => undefined} />);
    screen.getByRole('tablist', { name: 'Platform' });
    expect(screen.getAllByRole('tab').map((r) => r.textContent)).toEqual([
      'Short video',
      'Live',
      'Picture & text',
      'Short drama',
    ]);
  });
});
