import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_PLATFORM, type Platform } from '@/utils/shared/platform';
import type { DistributionRequest } from '@/utils/shared/messaging';
import type { Distribution, Failure, Result } from '@/utils/shared/types';
import { formatCount, formatDateTime, formatTime, platformKey, t } from '@/utils/views/i18n';
import { xingtuCreatorUrl } from '@/utils/shared/xingtu-link';
import { DistributionChart, topCategories } from './DistributionChart';
import { DistributionTable } from './DistributionTable';
import { PlatformSwitch, platformTabId } from './PlatformSwitch';
import { LiveRegion } from './LiveRegion';
import { AddToList } from './AddToList';
import { StatusMessage, statusAnnouncement, type ViewFailure } from './StatusMessage';
import { allowOneCallThen } from './allow-one-call';
import { CopyId } from './CopyId';
import { TimeAgo } from './TimeAgo';
import { OtherPlatforms } from './OtherPlatforms';
import './view.css';

export interface CreatorViewProps {
  /** The creator's Xingtu author id (a decimal string; never a number). */
  oAuthorId: string;
  /** Ask for the distribution (the background does the API call and the caching). */
  load: (req: DistributionRequest) => Promise<Result<Distribution>>;
  /** Open the options page (no key, invalid key, network trouble). */
  openOptions: () => void;
  /** Tighter layout for the in-page panel. */
  compact?: boolean;
  /** Let one paid call past the daily call limit (the "Allow one call" button of that failure). */
  allowOneCall?: () => Promise<Result<true>>;
  /** The cached answer only (never a call): lets the empty state say which platforms have videos. */
  peek?: (req: DistributionRequest) => Promise<Distribution | null>;
}

export { xingtuCreatorUrl };

/** The end of a 302 cool-down the failure reports, while it lasts (then null, redrawn at its end). */
function useCoolDown(error: ViewFailure | null): number | null {
  const until = error?.kind === 'rate-limited' && typeof (error as Failure).blockedUntil === 'number' ? ((error as Failure).blockedUntil as number) : null;
  const [, redraw] = useState(0);
  useEffect(() => {
    if (until === null || until <= Date.now()) return undefined;
    const timer = setTimeout(() => redraw((n) => n + 1), Math.min(until - Date.now() + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [until]);
  return until !== null && until > Date.now() ? until : null;
}

interface ViewState {
  /** Which creator + platform this state belongs to. */
  key: string;
  loading: boolean;
  data: Distribution | null;
  error: ViewFailure | null;
}

const UNEXPECTED: ViewFailure = { kind: 'unexpected' };

function stateKey(oAuthorId: string, platform: Platform): string {
  return `${oAuthorId}\u0000${platform}`;
}

/** What crosses the message boundary is checked before it is rendered. */
function readResult(result: unknown): Result<Distribution> | null {
  if (typeof result !== 'object' || result === null || !('ok' in result)) return null;
  const r = result as { ok: unknown; value?: unknown; error?: unknown };
  if (r.ok === true) {
    const v = r.value as Partial<Distribution> | null | undefined;
    return v && Array.isArray(v.rows) ? (result as Result<Distribution>) : null;
  }
  if (r.ok === false) {
    const e = r.error as { kind?: unknown } | null | undefined;
    return e && typeof e.kind === 'string' ? (result as Result<Distribution>) : null;
  }
  return null;
}

/**
 * One creator's video content distribution: platform switch, doughnut + table, fetch time, and
 * the loading / no key / empty / error states. Shared by the in-page panel and the popup.
 */
export function CreatorView({ oAuthorId, load, openOptions, compact = false, allowOneCall, peek }: CreatorViewProps) {
  // The platform belongs to a creator: another id starts again on the default platform, without
  // first loading the new id on the old platform (every call may cost money).
  const [selection, setSelection] = useState<{ id: string; platform: Platform }>({
    id: oAuthorId,
    platform: DEFAULT_PLATFORM,
  });
  const platform = selection.id === oAuthorId ? selection.platform : DEFAULT_PLATFORM;
  const key = stateKey(oAuthorId, platform);

  const [state, setState] = useState<ViewState>({ key, loading: true, data: null, error: null });

  // `load` is often an inline function: keep the latest without reloading when it changes.
  const loadRef = useRef(load);
  loadRef.current = load;
  // Only the answer to the latest request may show.
  const tokenRef = useRef(0);
  // Whether the latest request was a Refresh: "Allow one call" repeats it as it was.
  const refreshRef = useRef(false);

  const run = (id: string, p: Platform, refresh: boolean) => {
    const token = ++tokenRef.current;
    refreshRef.current = refresh;
    const k = stateKey(id, p);
    setState((prev) => ({ key: k, loading: true, data: prev.key === k ? prev.data : null, error: null }));
    const req: DistributionRequest = refresh ? { oAuthorId: id, platform: p, refresh: true } : { oAuthorId: id, platform: p };
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(loadRef.current(req));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (raw) => {
        if (token !== tokenRef.current) return;
        const result = readResult(raw);
        if (result?.ok) {
          setState({ key: k, loading: false, data: result.value, error: null });
        } else {
          const error = result ? result.error : UNEXPECTED;
          setState((prev) => ({ key: k, loading: false, data: prev.key === k ? prev.data : null, error }));
        }
      },
      () => {
        if (token !== tokenRef.current) return;
        setState((prev) => ({ key: k, loading: false, data: prev.key === k ? prev.data : null, error: UNEXPECTED }));
      },
    );
  };

  // A layout effect: the request leaves in the same task as the first render, not a frame (or
  // Preact's 100 ms rAF fallback, in a frame that is not painting) later.
  useLayoutEffect(() => {
    run(oAuthorId, platform, false);
    return () => {
      tokenRef.current++; // a late answer for this id/platform (or after unmount) is dropped
    };
    // `run` reads the latest `load` through a ref, so only the id and the platform trigger a call.
  }, [oAuthorId, platform]);

  // Between a change of id/platform and the effect, the old state must not show.
  const current: ViewState = state.key === key ? state : { key, loading: true, data: null, error: null };
  const { loading, data, error } = current;

  const onPlatform = (p: Platform) => setSelection({ id: oAuthorId, platform: p });
  const onRefresh = () => run(oAuthorId, platform, true);
  const onAllowOneCall = allowOneCallThen(
    allowOneCall,
    () => run(oAuthorId, platform, refreshRef.current),
    (failure) => setState((prev) => (prev.key === key ? { ...prev, error: failure } : prev)),
  );

  const totalVideos = data ? data.rows.reduce((sum, r) => sum + r.count, 0) : 0;
  // During a 302 cool-down Refresh cannot call: it says until when instead of doing nothing.
  const coolUntil = useCoolDown(error);
  const panelId = useId();
  const platformName = t(platformKey(platform));
  const announcement = error
    ? statusAnnouncement(error.kind === 'no-key' ? { state: 'no-key' } : { state: 'error', error })
    : loading
      ? data ? t('refreshing') : statusAnnouncement({ state: 'loading' })
      : data && data.rows.length > 0
        ? t('announceNamed', { title: platformName, name: topCategories(data.rows) })
        : data ? t('announceNamed', { title: platformName, name: statusAnnouncement({ state: 'empty' }) }) : null;

  return (
    <LiveRegion message={announcement}>
    <div class={`xdp-view${compact ? ' xdp-view--compact' : ''}`} aria-busy={loading ? 'true' : 'false'}>
      <div class="xdp-view__head">
        <span class="xdp-view__id">
          <span class="xdp-view__id-label">{t('xingtuId')}</span>{' '}
          <a
            href={xingtuCreatorUrl(oAuthorId)}
            target="_blank"
            rel="noopener noreferrer"
            title={t('openInXingtu')}
            class="xdp-view__id-link"
          >
            {oAuthorId}
          </a>
        </span>
        <CopyId id={oAuthorId} />
        <button
          type="button"
          class="xdp-view__button xdp-view__refresh"
          onClick={() => {
            if (!loading && coolUntil === null) onRefresh();
          }}
          aria-disabled={loading || coolUntil !== null ? 'true' : undefined}
          title={coolUntil !== null ? t('blocked.rate-limited', { time: formatDateTime(coolUntil) }) : t('refreshHint')}
        >
          <span class={`xdp-view__refresh-icon${loading ? ' xdp-view__refresh-icon--spin' : ''}`} aria-hidden="true">
            ↻
          </span>
          {coolUntil !== null ? (
            t('refreshPausedUntil', { time: formatTime(coolUntil) })
          ) : (
            <>
              {loading && data ? t('refreshing') : t('refresh')}
              <span class="xdp-view__cost">{t('refreshCost')}</span>
            </>
          )}
        </button>
      </div>

      <PlatformSwitch value={platform} onChange={onPlatform} panelId={panelId} />

      <div class="xdp-view__body" role="tabpanel" id={panelId} aria-labelledby={platformTabId(panelId, platform)}>
        {error?.kind === 'no-key' ? (
          <StatusMessage state="no-key" onOpenSettings={openOptions} />
        ) : error ? (
          <StatusMessage state="error" error={error} onOpenSettings={openOptions} onAllowOneCall={onAllowOneCall} />
        ) : null}

        {!error && loading && !data && <StatusMessage state="loading" />}

        {data && data.rows.length === 0 && !error && (
          <StatusMessage state="empty">
            {peek && <OtherPlatforms oAuthorId={oAuthorId} platform={platform} peek={peek} onPick={onPlatform} />}
          </StatusMessage>
        )}

        {data && data.rows.length > 0 && (
          <div class="xdp-view__data">
            <DistributionChart rows={data.rows} compact={compact} />
            <DistributionTable rows={data.rows} caption={t('tableCaption', { platform: platformName })} />
          </div>
        )}

        {data && (
          <p class="xdp-view__meta">
            <TimeAgo ms={data.fetchedAt} wrap={(time) => t('fetchedAt', { time })} />
            {data.fromCache && <span class="xdp-view__badge">{t('fromCache')}</span>}
            {data.rows.length > 0 && (
              <span class="xdp-view__total">
                {t('totalVideos', { count: formatCount(totalVideos), categories: formatCount(data.rows.length) })}
              </span>
            )}
          </p>
        )}
        <AddToList oAuthorId={oAuthorId} />
      </div>
    </div>
    </LiveRegion>
  );
}
