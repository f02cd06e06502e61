import { useEffect, useRef, useState } from 'preact/hooks';
import type { CreatorList, ListResults, ListRunView, RunEstimate } from '@/utils/shared/creator-lists';
import type { Platform } from '@/utils/shared/platform';
import { formatCount } from '@/utils/views/i18n';
import { tl } from '@/utils/views/i18n-list';
import type { ListAnswer, ListBridge } from '@/utils/views/list-bridge';
import { estimateText, failureParts, runAnnouncement, runStatusText } from '@/utils/views/list-text';
import { SETTINGS_FAILURES } from '../StatusMessage';
import { useAnnounce } from './announce';
import { RUN_SCOPES, type RunScope } from './run-scope';

export interface RunControlsProps {
  list: CreatorList;
  results: ListResults;
  /** The background's run (of any list), or null. */
  run: ListRunView | null;
  /** The name of the list a run belongs to (another list's run blocks Start). */
  listName: (listId: string) => string | null;
  scope: RunScope;
  onScope: (scope: RunScope) => void;
  bridge: ListBridge;
  openOptions: () => void;
}

/** Wait this long after the last change before asking for a new estimate (typing, a run's writes). */
export const ESTIMATE_DEBOUNCE_MS = 250;

const ACTIVE = new Set<ListRunView['status']>(['running', 'cooling-down']);

type Estimate = { key: string; answer: ListAnswer<RunEstimate> | null };

/**
 * The run of a list: platforms (short video, or all four), what it will cost before Start, then
 * Start / Pause / Resume / Retry failed, the progress, and why a run waits or stopped.
 */
export function RunControls({ list, results, run, listName, scope, onScope, bridge, openOptions }: RunControlsProps) {
  const announce = useAnnounce();
  const platforms: Platform[] = RUN_SCOPES[scope];
  const mine = run !== null && run.listId === list.id ? run : null;
  const other = run !== null && run.listId !== list.id && ACTIVE.has(run.status) ? run : null;
  const canStart = mine === null || mine.status === 'done' || mine.status === 'stopped';
  const hasFailed = list.entries.some((e) => {
    const status = results[e.key]?.status;
    return status === 'failed' || status === 'interrupted';
  });

  // ---- the estimate: asked again when the list, the platforms or (between runs) a result changes
  const estimateKey = `${list.id}|${scope}`;
  const [estimate, setEstimate] = useState<Estimate>({ key: estimateKey, answer: null });
  const token = useRef(0);
  useEffect(() => {
    if (!canStart) return undefined;
    const mineToken = ++token.current;
    const timer = setTimeout(() => {
      void bridge.estimateRun({ listId: list.id, platforms }).then((answer) => {
        if (mineToken === token.current) setEstimate({ key: estimateKey, answer });
      });
    }, ESTIMATE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [bridge, estimateKey, list.entries, canStart ? results : null, canStart]);
  const shownEstimate = estimate.key === estimateKey ? estimate.answer : null;

  // ---- status changes are announced once
  const lastStatus = useRef<string | null>(null);
  useEffect(() => {
    const text = mine ? runAnnouncement(mine) : null;
    if (text !== null && lastStatus.current !== null && text !== lastStatus.current) announce(text);
    lastStatus.current = text;
  }, [mine?.status, mine?.resumeAt]);

  const [actionError, setActionError] = useState<string | null>(null);
  const act = async (ask: () => Promise<ListAnswer<unknown>>) => {
    setActionError(null);
    const answer = await ask();
    if (!answer.ok) {
      const text = tl('listActionFailed', { reason: failureParts(answer.error).title });
      setActionError(text);
      announce(text);
    }
  };
  const otherName = other ? (listName(other.listId) ?? tl('listPageTitle')) : null;
  const estimateReady = shownEstimate !== null;

  return (
    <section class="xdp-list__card xdp-list__run" aria-labelledby="xdp-run-title">
      <h2 id="xdp-run-title">{tl('runTitle')}</h2>
      <fieldset class="xdp-list__scope" disabled={!canStart}>
        <legend>{tl('runPlatformsLabel')}</legend>
        {(Object.keys(RUN_SCOPES) as RunScope[]).map((s) => (
          <label key={s} class="xdp-list__radio">
            <input type="radio" name="xdp-run-scope" value={s} checked={scope === s} onChange={() => onScope(s)} />
            {s === 'short' ? tl('runShortVideo') : tl('runAllPlatforms')}
          </label>
        ))}
      </fieldset>

      {canStart && (
        <p id="xdp-run-estimate" class="xdp-list__estimate" data-testid="estimate">
          {shownEstimate === null
            ? tl('estimating')
            : shownEstimate.ok
              ? estimateText(shownEstimate.value)
              : tl('estimateFailed', { reason: failureParts(shownEstimate.error).title })}
        </p>
      )}
      {otherName && <p class="xdp-list__help">{tl('runOtherList', { name: otherName })}</p>}

      <div class="xdp-list__buttons">
        {canStart && (
          <button
            type="button"
            class="xdp-list__button xdp-list__button--primary"
            aria-describedby="xdp-run-estimate"
            disabled={!estimateReady || list.entries.length === 0 || other !== null}
            onClick={() => void act(() => bridge.startRun({ listId: list.id, platforms }))}
          >
            {tl('runStart')}
          </button>
        )}
        {mine && ACTIVE.has(mine.status) && (
          <button type="button" class="xdp-list__button" onClick={() => void act(() => bridge.pauseRun())}>
            {tl('runPause')}
          </button>
        )}
        {mine?.status === 'paused' && (
          <button
            type="button"
            class="xdp-list__button xdp-list__button--primary"
            disabled={other !== null}
            onClick={() => void act(() => bridge.resumeRun())}
          >
            {tl('runResume')}
          </button>
        )}
        {canStart && hasFailed && (
          <button
            type="button"
            class="xdp-list__button"
            disabled={other !== null}
            onClick={() => void act(() => bridge.retryFailed({ listId: list.id, platforms }))}
          >
            {tl('runRetry')}
          </button>
        )}
      </div>
      {actionError && <p class="xdp-list__error">{actionError}</p>}
      {mine && (
        <RunProgress
          run={mine}
          openOptions={openOptions}
          // One more paid call past the daily limit, then the run goes on (and pauses again at the limit).
          onAllowOneCall={() =>
            void act(async () => {
              const allowed = await bridge.allowOneCall();
              return allowed.ok ? bridge.resumeRun() : allowed;
            })
          }
        />
      )}
    </section>
  );
}

function RunProgress({ run, openOptions, onAllowOneCall }: { run: ListRunView; openOptions: () => void; onAllowOneCall: () => void }) {
  // Why a run stopped, or why it paused by itself (the daily call limit).
  const stopped = (run.status === 'stopped' || run.status === 'paused') && run.stopReason ? failureParts(run.stopReason) : null;
  const dailyCap = run.status === 'paused' && run.stopReason?.kind === 'daily-cap';
  return (
    <div class="xdp-list__progress" data-status={run.status}>
      <div class="xdp-list__progress-row">
        <progress id="xdp-run-progress" max={Math.max(run.total, 1)} value={run.finished} aria-label={tl('runProgressLabel')} />
        <span class="xdp-list__progress-text">
          {tl('runProgress', { done: formatCount(run.finished), total: formatCount(run.total) })}
        </span>
      </div>
      <p class="xdp-list__run-status">{runStatusText(run)}</p>
      <p class="xdp-list__help">{tl('runCalls', { paid: formatCount(run.paidCalls), cache: formatCount(run.fromCache) })}</p>
      {stopped && run.stopReason && (
        <div class="xdp-list__stopped">
          <p class="xdp-list__stopped-title">{stopped.title}</p>
          <p>{stopped.meaning}</p>
          <p>{stopped.action}</p>
          {dailyCap && (
            <>
              <p class="xdp-list__help">{tl('runAllowOneHelp')}</p>
              <button type="button" class="xdp-list__button xdp-list__button--primary" onClick={onAllowOneCall}>
                {tl('allowOneCall')}
              </button>
            </>
          )}
          {SETTINGS_FAILURES.has(run.stopReason.kind) && (
            <button type="button" class="xdp-list__button" onClick={openOptions}>
              {tl('openSettings')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
