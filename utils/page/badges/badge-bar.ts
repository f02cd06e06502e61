import { onTrusted } from './badge-element';
import { badgeText } from './badge-text';
import type { RunEstimate } from '../../shared/creator-lists';

/**
 * "Look up all visible" (查看本页全部): a small bar fixed to the corner of a list page, in a
 * closed shadow root of its own. First the estimate of the creators in view ("12 paid calls ·
 * 8 from cache"), then, on a second trusted click, the run (a creator list run).
 */
export const BAR_TAG = 'xdp-list-badges-bar';

export interface BarActions {
  /** The creators in view now and what looking them up costs; null: none in view. */
  estimate(): Promise<{ estimate: RunEstimate; token: string } | null>;
  /** Run the estimate; resolves with the list's name, or null when it did not start. */
  run(token: string): Promise<string | null>;
}

const STYLE = `
:host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483000;
  font: 13px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1d2129; }
div { display: flex; gap: 8px; align-items: center; background: #fff; border: 1px solid #e5e6eb; border-radius: 8px;
  box-shadow: 0 4px 16px rgba(0,0,0,.12); padding: 6px 10px; }
button { font: inherit; cursor: pointer; border: 1px solid #c9cdd4; border-radius: 6px; background: #fff; padding: 2px 10px; }
button.primary { background: #165dff; border-color: #165dff; color: #fff; }
:focus-visible { outline: 2px solid #165dff; outline-offset: 1px; }
`;

export interface Bar {
  readonly host: HTMLElement;
}

export function createBar(doc: Document, actions: BarActions): Bar {
  const host = doc.createElement(BAR_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const box = doc.createElement('div');
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', badgeText('barLabel'));
  const status = doc.createElement('span');
  status.setAttribute('role', 'status');
  status.tabIndex = -1; // holds the focus while the bar is busy (estimating, starting the run)
  shadow.append(style, box);

  /**
   * Show these nodes; when the bar had the focus, `focus` (or the status, while there is no
   * button) gets it back: replacing a focused button would drop the focus to the page.
   */
  const show = (nodes: Node[], focus: HTMLElement = status) => {
    const had = shadow.activeElement !== null;
    box.replaceChildren(...nodes);
    if (had) focus.focus();
  };

  const button = (text: string, onClick: () => void, primary = false) => {
    const b = doc.createElement('button');
    b.type = 'button';
    b.textContent = text;
    if (primary) b.className = 'primary';
    b.addEventListener('click', onTrusted(onClick));
    return b;
  };

  const idle = () => {
    const all = button(badgeText('all'), estimate);
    show([all, status], all);
  };

  const estimate = () => {
    status.textContent = badgeText('estimating');
    show([status]);
    void actions.estimate().then((answer) => {
      if (!answer) {
        idle();
        status.textContent = badgeText('noneVisible');
        return;
      }
      const { paidCalls, fromCache } = answer.estimate;
      status.textContent = badgeText('estimate', { paid: paidCalls, cached: fromCache });
      const run = button(badgeText('run'), () => {
        show([status]);
        void actions.run(answer.token).then((list) => {
          idle();
          status.textContent = list === null ? '' : badgeText('running', { list });
        });
      }, true);
      show([status, run, button(badgeText('cancel'), () => {
        idle();
        status.textContent = '';
      })], run);
      run.focus();
    });
  };

  idle();
  return { host };
}
