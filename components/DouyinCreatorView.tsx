import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/views/i18n';
import type { DouyinAccount } from '@/utils/shared/creator';
import type { LinkedAuthor, Resolution } from '@/utils/shared/messaging';
import type { Failure, Result } from '@/utils/shared/types';
import type { ViewBridge } from '@/utils/views/view-bridge';
import { CreatorView } from './CreatorView';
import { StatusMessage, statusAnnouncement } from './StatusMessage';
import { LiveRegion } from './LiveRegion';
import { AuthorCard } from './AuthorCard';
import { LinkCorrection } from './LinkCorrection';
import { allowOneCallThen } from './allow-one-call';
import './douyin.css';

type State = { key: string; result: Result<Resolution> | null };

const UNEXPECTED: Failure = { kind: 'bad-response' };
const accountKey = (a: DouyinAccount) => JSON.stringify([a.uid, a.secUid, a.nickname]);

/**
 * A Douyin creator: find their Xingtu id (background search, cached), show which Xingtu creator
 * the data belongs to, let the user confirm a nickname-only match, pick among namesakes, or
 * correct the match; then the distribution.
 */
export function DouyinCreatorView(props: { account: DouyinAccount; bridge: ViewBridge; compact?: boolean }) {
  const rootRef = useRef<HTMLDivElement>(null);
  // After the user's choice ("Yes", "Choose", a pasted link) the block they acted in is replaced:
  // focus goes to the new state's heading, not to <body>.
  const moveFocus = useRef(false);
  const view = useDouyinView(props, rootRef, () => (moveFocus.current = true));
  useEffect(() => {
    if (!moveFocus.current) return;
    rootRef.current?.querySelector<HTMLElement>('[data-focus-target]')?.focus();
    if (view.settled) moveFocus.current = false;
  }, [view.body]);
  return <LiveRegion message={view.message}>{view.body}</LiveRegion>;
}

function useDouyinView(
  { account, bridge, compact = false }: { account: DouyinAccount; bridge: ViewBridge; compact?: boolean },
  rootRef: { current: HTMLDivElement | null },
  onUserChoice: () => void,
) {
  const key = accountKey(account);
  const [state, setState] = useState<State>({ key, result: null });
  const token = useRef(0);
  // The latest request, asked again after "Allow one call" (a search the daily limit stopped).
  const lastAsk = useRef<() => Promise<Result<Resolution>>>(() => bridge.resolveDouyin(account));
  // Whether that request was the search (its failures say so and offer to search again).
  const lastIsSearch = useRef(true);

  const settle = (ask: () => Promise<Result<Resolution>>, isSearch = false) => {
    lastAsk.current = ask;
    lastIsSearch.current = isSearch;
    const promise = ask();
    const mine = ++token.current;
    promise.then(
      (result) => mine === token.current && setState({ key, result }),
      () => mine === token.current && setState({ key, result: { ok: false, error: UNEXPECTED } }),
    );
  };

  useEffect(() => {
    settle(() => bridge.resolveDouyin(account), true);
    return () => {
      token.current++; // a late answer for a previous account is dropped
    };
  }, [key]);

  const link = (author: LinkedAuthor) => {
    onUserChoice();
    setState({ key, result: null });
    settle(() => bridge.linkDouyin(account, author));
  };
  const again = () => {
    setState({ key, result: null });
    settle(lastAsk.current, lastIsSearch.current);
  };
  const reject = bridge.rejectDouyin;

  const result = state.key === key ? state.result : null;
  const nickname = account.nickname ?? account.uniqueId ?? '';
  /** What to show, what the live region says about it, and whether it is an answer (not loading). */
  const view = (message: string | null, settled: boolean, body: JSX.Element) => ({ message, settled, body });
  const who = (
    <p class="xdp-douyin__who" tabIndex={-1} data-focus-target="">
      <span class="xdp-douyin__label">{t('douyinCreator')}</span>{' '}
      <span class="xdp-douyin__nickname" title={nickname}>
        {nickname}
      </span>
      {account.uniqueId && <span class="xdp-douyin__unique"> · {t('douyinId', { id: account.uniqueId })}</span>}
    </p>
  );

  const cls = `xdp-view xdp-douyin${compact ? ' xdp-view--compact' : ''}`;
  if (!result) {
    return view(statusAnnouncement({ state: 'loading', text: t('resolving') }), false,
      <div class={cls} ref={rootRef}>
        {who}
        <StatusMessage state="loading" text={t('resolving')} />
      </div>
    );
  }
  if (!result.ok) {
    const error = result.error;
    return view(statusAnnouncement(error.kind === 'no-key' ? { state: 'no-key' } : { state: 'error', error }), true,
      <div class={cls} ref={rootRef}>
        {who}
        {result.error.kind === 'no-key' ? (
          <StatusMessage state="no-key" onOpenSettings={bridge.openOptions} />
        ) : (
          <StatusMessage
            state="error"
            error={result.error}
            onOpenSettings={bridge.openOptions}
            onRetry={() => {
              onUserChoice();
              again();
            }}
            retryLabel={lastIsSearch.current ? t('retrySearch') : undefined}
            endpoint={lastIsSearch.current ? 'search' : undefined}
            onAllowOneCall={allowOneCallThen(
              bridge.allowOneCall,
              () => {
                onUserChoice();
                again();
              },
              (error) => setState({ key, result: { ok: false, error: error.kind === 'unexpected' ? UNEXPECTED : error } }),
            )}
          />
        )}
      </div>
    );
  }

  const res = result.value;
  const onPasted = (oAuthorId: string) => link({ oAuthorId });
  switch (res.kind) {
    case 'sure':
      return view(null, true,
        <div class={cls} ref={rootRef}>
          <div class="xdp-douyin__match" data-match={res.source}>
            <span class="xdp-douyin__label" tabIndex={-1} data-focus-target="">
              {t('matchedCreator')} · {res.source === 'user' ? t('matchUser') : t('matchSure')}
            </span>
            <AuthorCard author={res.author} />
            <LinkCorrection onLink={onPasted} />
          </div>
          <CreatorView
            oAuthorId={res.author.oAuthorId}
            load={bridge.load}
            openOptions={bridge.openOptions}
            compact={compact}
            allowOneCall={bridge.allowOneCall}
            peek={bridge.peek}
          />
        </div>
      );
    case 'likely':
      return view(t('announceNamed', { title: t('likelyTitle'), name: res.author.nickname }), true,
        <div class={cls} ref={rootRef}>
          {who}
          <div class="xdp-douyin__question" data-match="likely">
            <p class="xdp-view__status-title">{t('likelyTitle')}</p>
            <AuthorCard author={res.author} />
            <p class="xdp-douyin__hint">{t('likelyHint')}</p>
            <div class="xdp-douyin__actions">
              <button type="button" class="xdp-view__button xdp-view__button--primary" onClick={() => link(res.author)}>
                {t('confirmMatch')}
              </button>
              {reject && (
                <button
                  type="button"
                  class="xdp-view__button"
                  onClick={() => {
                    onUserChoice();
                    setState({ key, result: null });
                    settle(() => reject(account, res.author.oAuthorId));
                  }}
                >
                  {t('notThisCreator')}
                </button>
              )}
            </div>
            <LinkCorrection onLink={onPasted} />
          </div>
        </div>
      );
    case 'ambiguous':
      return view(t('announceNamed', { title: t('ambiguousTitle'), name: account.nickname ?? '' }), true,
        <div class={cls} ref={rootRef}>
          {who}
          <div class="xdp-douyin__question" data-match="ambiguous">
            <p class="xdp-view__status-title">{t('ambiguousTitle')}</p>
            <ul class="xdp-douyin__candidates">
              {res.candidates.map((c) => (
                <li key={c.oAuthorId}>
                  <AuthorCard author={c}>
                    <button type="button" class="xdp-view__button" onClick={() => link(c)}>
                      {t('pick')}
                    </button>
                  </AuthorCard>
                </li>
              ))}
            </ul>
            <LinkCorrection onLink={onPasted} />
          </div>
        </div>
      );
    case 'none':
      return view(t('announceNamed', { title: t('notOnXingtu'), name: account.nickname ?? account.uniqueId ?? '' }), true,
        <div class={cls} ref={rootRef}>
          {who}
          <div class="xdp-view__status" data-match={res.rejected ? 'rejected' : 'none'}>
            <p class="xdp-view__status-title">{t(res.rejected ? 'rejectedTitle' : 'notOnXingtu')}</p>
            {!res.rejected && <p>{t('notOnXingtuHint')}</p>}
          </div>
          <LinkCorrection onLink={onPasted} startOpen />
        </div>
      );
  }
}
