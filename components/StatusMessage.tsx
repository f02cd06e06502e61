import type { ComponentChildren } from 'preact';
import { failureKey, formatDateTime, t, type MessageKey, type ViewFailureKind } from '@/utils/views/i18n';
import type { Failure } from '@/utils/shared/types';
import './view.css';

/** A failure to show: one from the API/background, or `unexpected` (the load itself threw). */
export type ViewFailure = Failure | { kind: 'unexpected'; detail?: string };

export type StatusMessageProps =
  | { state: 'loading'; text?: string }
  | { state: 'no-key'; onOpenSettings: () => void }
  /** `children`: what replaces the generic hint (e.g. which other platforms have videos). */
  | { state: 'empty'; children?: ComponentChildren }
  | ({ state: 'error'; error: ViewFailure } & ErrorActions);

interface ErrorActions {
  onOpenSettings?: () => void;
  onAllowOneCall?: () => void;
  /** Offer to try again (where trying again can help); `retryLabel` names what it costs. */
  onRetry?: () => void;
  retryLabel?: string;
  /** Which endpoint failed: 'search' says so where it matters (600: no access to the search). */
  endpoint?: 'search';
}

/** Failures that a retry cannot fix (the key, the money, the input, the user's own limit). */
const NO_RETRY: ReadonlySet<ViewFailureKind> = new Set<ViewFailureKind>([
  'no-key',
  'invalid-token',
  'quota-exceeded',
  'insufficient-balance',
  'spending-cap',
  'daily-cap',
  'bad-input',
]);

/** Failures the user fixes in the options page: these get an "Open settings" button. */
export const SETTINGS_FAILURES: ReadonlySet<ViewFailureKind> = new Set<ViewFailureKind>([
  'no-key',
  'invalid-token',
  'network',
  'timeout', // the request timeout is a setting
  'spending-cap', // another key
  'daily-cap', // the daily call limit is a setting
]);

const BLOCKED_KEYS: Partial<Record<ViewFailureKind, MessageKey>> = {
  'rate-limited': 'blocked.rate-limited',
  'quota-exceeded': 'blocked.quota-exceeded',
  'insufficient-balance': 'blocked.insufficient-balance',
};

/** Why no call was made and until when (utils/background/api/call-guard.ts), or null when the failure is not a block. */
function blockedText(error: ViewFailure): string | null {
  if (!('blockedUntil' in error) || error.blockedUntil === undefined) return null;
  const key = BLOCKED_KEYS[error.kind];
  if (!key) return null;
  const until = error.blockedUntil;
  return t(key, { time: typeof until === 'number' ? formatDateTime(until) : '' });
}

function SettingsButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" class="xdp-view__button xdp-view__button--primary" onClick={onClick}>
      {t('openSettings')}
    </button>
  );
}

function ErrorBody({ error, onOpenSettings, onAllowOneCall, onRetry, retryLabel, endpoint }: { error: ViewFailure } & ErrorActions) {
  const code = 'code' in error && error.code !== undefined && error.code !== 0 ? error.code : undefined;
  const httpStatus = 'httpStatus' in error ? error.httpStatus : undefined;
  const authorId = 'oAuthorId' in error ? error.oAuthorId : undefined;
  const blocked = blockedText(error);
  return (
    <div
      class="xdp-view__status xdp-view__status--error"
      data-kind={error.kind}
      data-blocked={blocked ? 'true' : undefined}
    >
      <p class="xdp-view__status-title">{t(failureKey(error.kind, 'title'))}</p>
      <p>{t(endpoint === 'search' && error.kind === 'permission-denied' ? 'searchDenied' : failureKey(error.kind, 'meaning'))}</p>
      {(code !== undefined || httpStatus !== undefined) && (
        <p class="xdp-view__status-codes">
          {code !== undefined && <span>{t('errorCode', { code })}</span>}
          {httpStatus !== undefined && <span>{t('errorHttpStatus', { status: httpStatus })}</span>}
        </p>
      )}
      {authorId && error.kind === 'invalid-params' && (
        <p class="xdp-view__status-detail">{t('errorAuthorId', { id: authorId })}</p>
      )}
      {error.detail && <p class="xdp-view__status-detail">{t('errorDetail', { detail: error.detail })}</p>}
      <p class="xdp-view__status-action">{t(failureKey(error.kind, 'action'))}</p>
      {blocked && <p class="xdp-view__status-blocked">{blocked}</p>}
      {onAllowOneCall && error.kind === 'daily-cap' && (
        <button type="button" class="xdp-view__button xdp-view__button--primary" onClick={onAllowOneCall}>
          {t('allowOneCall')}
        </button>
      )}
      {onRetry && !blocked && !NO_RETRY.has(error.kind) && (
        <button type="button" class="xdp-view__button xdp-view__button--primary" onClick={onRetry}>
          {retryLabel ?? t('retry')}
        </button>
      )}
      {onOpenSettings && SETTINGS_FAILURES.has(error.kind) && <SettingsButton onClick={onOpenSettings} />}
    </div>
  );
}

/**
 * Loading, no key, empty, or an error with what it means and what to do. Not live regions
 * themselves: the view announces its state through its one live region (LiveRegion.tsx,
 * statusAnnouncement below).
 */
export function StatusMessage(props: StatusMessageProps) {
  switch (props.state) {
    case 'loading':
      return (
        <div class="xdp-view__status xdp-view__status--loading">
          <span class="xdp-view__spinner" aria-hidden="true" />
          <span>{props.text ?? t('loading')}</span>
        </div>
      );
    case 'no-key':
      return (
        <div class="xdp-view__status xdp-view__status--no-key">
          <p class="xdp-view__status-title">{t('error.no-key.title')}</p>
          <p>{t('error.no-key.meaning')}</p>
          <SettingsButton onClick={props.onOpenSettings} />
        </div>
      );
    case 'empty':
      return (
        <div class="xdp-view__status xdp-view__status--empty">
          <p class="xdp-view__status-title">{t('emptyPlatform')}</p>
          {props.children ?? <p>{t('emptyPlatformHint')}</p>}
        </div>
      );
    case 'error':
      return <ErrorBody {...props} />;
  }
}

/** The few words the view's live region says for a state of this component. */
export function statusAnnouncement(props: { state: 'loading'; text?: string } | { state: 'no-key' | 'empty' } | { state: 'error'; error: ViewFailure }): string {
  switch (props.state) {
    case 'loading':
      return props.text ?? t('loading');
    case 'no-key':
      return t('error.no-key.title');
    case 'empty':
      return t('emptyPlatform');
    case 'error':
      return t('announceError', {
        title: t(failureKey(props.error.kind, 'title')),
        action: blockedText(props.error) ?? t(failureKey(props.error.kind, 'action')),
      });
  }
}
