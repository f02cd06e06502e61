// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { PanelApp, type PanelFrameControls } from '../../components/PanelApp';
import { setLanguage } from '../../utils/views/i18n';
import type { ViewBridge } from '../../utils/views/view-bridge';

const creator = { kind: 'xingtu', oAuthorId: '7006229624431689736' } as const;

function bridge(): ViewBridge {
  const never = () => new Promise<never>(() => {});
  return { load: never, resolveDouyin: never, linkDouyin: never, searchCreators: never, openOptions: () => {} };
}

function controls() {
  return {
    side: 'right' as const,
    move: vi.fn<PanelFrameControls['move']>(),
    drag: vi.fn<PanelFrameControls['drag']>(),
    dock: vi.fn<PanelFrameControls['dock']>(),
    escape: vi.fn<PanelFrameControls['escape']>(),
    shortcut: 'Alt+Shift+D',
  };
}

beforeEach(() => setLanguage('en'));
afterEach(() => {
  cleanup();
  setLanguage(null);
});

describe('PanelApp by keyboard', () => {
  it('Escape inside the panel asks to fold and give focus back to the page', () => {
    const frame = controls();
    render(<PanelApp creator={creator} collapsed={false} onToggle={() => {}} bridge={bridge()} frame={frame} />);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Collapse' }), { key: 'Escape' });
    expect(frame.escape).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Collapse' }), { key: 'a' });
    expect(frame.escape).toHaveBeenCalledTimes(1);
  });

  it('Escape on the pill gives focus back to the page too', () => {
    const frame = controls();
    render(<PanelApp creator={creator} collapsed onToggle={() => {}} bridge={bridge()} frame={frame} />);
    fireEvent.keyDown(screen.getByRole('button', { name: /Show distribution/ }), { key: 'Escape' });
    expect(frame.escape).toHaveBeenCalledTimes(1);
  });

  it('Collapse puts focus on the pill; the pill puts it back where it was', () => {
    const frame = controls();
    let collapsed = false;
    const props = { creator, bridge: bridge(), frame, onToggle: () => (collapsed = !collapsed) };
    const { rerender } = render(<PanelApp {...props} collapsed={collapsed} />);
    const dock = screen.getByRole('button', { name: 'Dock to the left' });
    dock.focus();
    fireEvent.focusIn(dock);
    screen.getByRole('button', { name: 'Collapse' }).click();
    rerender(<PanelApp {...props} collapsed={collapsed} />);
    const pill = screen.getByRole('button', { name: /Show distribution/ });
    expect(document.activeElement).toBe(pill);
    expect(pill.title).toContain('Alt+Shift+D');
    // The view stayed mounted (hidden) while folded, so the same control gets focus back.
    pill.click();
    rerender(<PanelApp {...props} collapsed={collapsed} />);
    expect(document.activeElement).toBe(dock);
  });

  it('the shortcut’s focus request moves focus into an open panel', () => {
    const frame = controls();
    const { rerender } = render(<PanelApp creator={creator} collapsed={false} onToggle={() => {}} bridge={bridge()} frame={frame} focusRequest={0} />);
    expect(document.activeElement).toBe(document.body); // never on its own at start
    rerender(<PanelApp creator={creator} collapsed={false} onToggle={() => {}} bridge={bridge()} frame={frame} focusRequest={1} />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Collapse' }));
  });

  it('a panel that starts folded mounts no view (loads nothing) until opened', () => {
    const load = vi.fn(() => new Promise<never>(() => {}));
    render(<PanelApp creator={creator} collapsed onToggle={() => {}} bridge={{ ...bridge(), load }} frame={controls()} />);
    expect(screen.queryByRole('region')).toBeNull();
    expect(load).not.toHaveBeenCalled();
  });

  it('the move handle moves by 16 px per arrow key (64 with Shift); the dock button docks', () => {
    const frame = controls();
    render(<PanelApp creator={creator} collapsed={false} onToggle={() => {}} bridge={bridge()} frame={frame} />);
    const handle = screen.getByRole('button', { name: /Move panel/ });
    fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    fireEvent.keyDown(handle, { key: 'ArrowDown', shiftKey: true });
    fireEvent.keyDown(handle, { key: 'Enter' });
    expect(frame.move.mock.calls).toEqual([
      [-16, 0],
      [0, 64],
    ]);
    screen.getByRole('button', { name: 'Dock to the left' }).click();
    expect(frame.dock).toHaveBeenCalledTimes(1);
  });
});
