import { useEffect, useRef } from 'preact/hooks';
import { PageCreatorView } from './PageCreatorView';
import { t } from '@/utils/views/i18n';
import { tp } from '@/utils/views/i18n-panel';
import type { PageCreator } from '@/utils/shared/creator';
import { messagingBridge, type ViewBridge } from '@/utils/views/view-bridge';
import { messagingListShortcuts, type ListShortcuts } from '@/utils/views/list-shortcuts';
import { ListShortcutsContext } from './AddToList';
import './panel.css';

/** What the panel can ask of its frame on the page (over the port: entrypoints/panel/main.tsx). */
export interface PanelFrameControls {
  /** The side it is docked to now. */
  side: 'left' | 'right';
  /** Move by (dx, dy) CSS pixels (a key step). */
  move(dx: number, dy: number): void;
  /** The pointer dragging the title bar, at (x, y) in the panel. */
  drag(x: number, y: number, phase: 'start' | 'move' | 'end'): void;
  /** Dock to the other side. */
  dock(): void;
  /** Escape: fold, and give focus back to the page. */
  escape(): void;
  /** The keyboard shortcut that focuses the panel ("Alt+Shift+D"), if one is set. */
  shortcut?: string;
}

export interface PanelAppProps {
  creator: PageCreator | null;
  collapsed: boolean;
  onToggle: () => void;
  bridge?: ViewBridge;
  /** "Add to list" and "Open lists" (creator lists). */
  lists?: ListShortcuts;
  frame?: PanelFrameControls;
  /** Bumped by the keyboard shortcut: move focus into the panel (where it last was). */
  focusRequest?: number;
}

const KEY_STEP = 16;
const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * The in-page panel: a title bar (drag it, or the move handle with arrow keys, to move the panel;
 * dock it to the other side; fold it) and the creator's distribution view. Escape folds it and
 * gives focus back to the page; the pill opens it again and puts focus back where it was. Once
 * opened, the view stays mounted while folded (hidden), so the focused control and the data
 * survive; a panel that starts folded loads nothing until opened.
 */
export function PanelApp({ creator, collapsed, onToggle, bridge = messagingBridge, lists = messagingListShortcuts, frame, focusRequest = 0 }: PanelAppProps) {
  const opened = useRef(!collapsed);
  if (!collapsed) opened.current = true;
  const pill = useRef<HTMLButtonElement>(null);
  const section = useRef<HTMLElement>(null);
  const collapseButton = useRef<HTMLButtonElement>(null);
  const lastInside = useRef<HTMLElement | null>(null);
  const focusNext = useRef<'pill' | 'inside' | null>(null);
  const seenRequest = useRef(focusRequest);

  useEffect(() => {
    let next = focusNext.current;
    focusNext.current = null;
    if (focusRequest !== seenRequest.current) {
      seenRequest.current = focusRequest;
      next = collapsed ? 'pill' : 'inside';
    }
    if (next === 'pill' && collapsed) pill.current?.focus();
    if (next === 'inside' && !collapsed) {
      const back = lastInside.current;
      (back?.isConnected && section.current?.contains(back) ? back : collapseButton.current)?.focus();
    }
  }, [collapsed, focusRequest]);

  const fold = () => {
    focusNext.current = 'pill';
    onToggle();
  };
  const unfold = () => {
    focusNext.current = 'inside';
    onToggle();
  };

  const dragging = useRef<number | null>(null);
  const onPointerDown = (event: PointerEvent) => {
    if (!frame || event.button !== 0 || (event.target as Element).closest('button')) return;
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    dragging.current = event.pointerId;
    frame.drag(event.clientX, event.clientY, 'start');
    event.preventDefault();
  };
  // Once the pointer leaves the frame, the content script's layer on the page follows it.
  const onPointerMove = (event: PointerEvent) => {
    if (frame && dragging.current === event.pointerId) frame.drag(event.clientX, event.clientY, 'move');
  };
  const onPointerEnd = (event: PointerEvent) => {
    if (!frame || dragging.current !== event.pointerId) return;
    dragging.current = null;
    frame.drag(event.clientX, event.clientY, 'end');
  };
  const onHandleKey = (event: KeyboardEvent) => {
    const step = ARROWS[event.key];
    if (!frame || !step) return;
    event.preventDefault();
    const by = event.shiftKey ? KEY_STEP * 4 : KEY_STEP;
    frame.move(step[0] * by, step[1] * by);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !frame) return;
    event.preventDefault();
    frame.escape();
  };

  const shortcut = frame?.shortcut ? ` · ${tp('shortcutHint', { keys: frame.shortcut })}` : '';
  return (
    <>
      {collapsed && (
        <main class="xdp-panel xdp-panel--collapsed" onKeyDown={onKeyDown}>
          <h1 class="xdp-sr-only">{t('panelTitle')}</h1>
          <button ref={pill} type="button" class="xdp-pill" onClick={unfold} aria-expanded="false" title={t('showDistribution') + shortcut}>
            <span class="xdp-pill__dot" aria-hidden="true" />
            {t('showDistribution')}
          </button>
        </main>
      )}
      {opened.current && (
        <main
          ref={section}
          class="xdp-panel"
          aria-label={t('panelTitle')}
          hidden={collapsed}
          onKeyDown={onKeyDown}
          onFocusIn={(event) => {
            if (event.target instanceof HTMLElement) lastInside.current = event.target;
          }}
        >
          <header
            class={`xdp-panel__bar${frame ? ' xdp-panel__bar--movable' : ''}`}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerEnd}
            onPointerCancel={onPointerEnd}
          >
            <h1 class="xdp-panel__title">{t('panelTitle')}</h1>
            {frame && (
              <>
                <button type="button" class="xdp-panel__tool" onKeyDown={onHandleKey} title={tp('movePanel')} aria-label={tp('movePanel')}>
                  <span aria-hidden="true">✥</span>
                </button>
                <button type="button" class="xdp-panel__tool" onClick={frame.dock} title={frame.side === 'right' ? tp('dockLeft') : tp('dockRight')}>
                  <span aria-hidden="true">{frame.side === 'right' ? '⇤' : '⇥'}</span>
                  <span class="xdp-sr-only">{frame.side === 'right' ? tp('dockLeft') : tp('dockRight')}</span>
                </button>
              </>
            )}
            <button
              ref={collapseButton}
              type="button"
              class="xdp-panel__tool"
              onClick={fold}
              aria-expanded="true"
              title={tp('collapseHint') + shortcut}
            >
              <span aria-hidden="true">—</span>
              <span class="xdp-sr-only">{t('collapse')}</span>
            </button>
          </header>
          <div class="xdp-panel__body">
            {creator ? (
              <ListShortcutsContext.Provider value={lists}>
                <PageCreatorView creator={creator} bridge={bridge} compact />
              </ListShortcutsContext.Provider>
            ) : (
              <p class="xdp-panel__empty">{t('noCreatorOnPage')}</p>
            )}
          </div>
        </main>
      )}
    </>
  );
}
