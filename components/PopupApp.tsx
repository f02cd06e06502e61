import { useEffect, useRef, useState } from 'preact/hooks';
import { PageCreatorView } from './PageCreatorView';
import { AuthorCard } from './AuthorCard';
import { StatusMessage, statusAnnouncement, type ViewFailure } from './StatusMessage';
import { LiveRegion } from './LiveRegion';
import { allowOneCallThen } from './allow-one-call';
import { t } from '@/utils/views/i18n';
import type { PageCreator } from '@/utils/shared/creator';
import { parseCreatorInput } from '@/utils/views/creator-input';
import type { DouyinPage } from '@/utils/shared/douyin-page-url';
import type { XingtuAuthor } from '@/utils/shared/xingtu-author';
import type { Result } from '@/utils/shared/types';
import type { BalanceInfo } from '@/utils/shared/usage';
import { balanceAmount } from '@/utils/views/money';
import { messagingBalance, type BalanceAsk } from '@/utils/views/money-bridge';
import { messagingBridge, type ViewBridge } from '@/utils/views/view-bridge';
import { messagingListShortcuts, type ListShortcuts } from '@/utils/views/list-shortcuts';
import { ListShortcutsContext } from './AddToList';
import './popup.css';

export interface PopupAppProps {
  /** What the current tab shows, if it is a creator page. */
  pageCreator: PageCreator | null;
  bridge?: ViewBridge;
  /** "Creator lists" and "Add to list". */
  lists?: ListShortcuts;
  /** The account balance for the footer (the background's cached answer; not a data call). */
  balance?: BalanceAsk;
  /** A creator to show first ("Open" on a list page badge, utils/shared/popup-open.ts). */
  opened?: PageCreator | null;
}

type Shown =
  | { kind: 'page' }
  | { kind: 'creator'; creator: PageCreator }
  | { kind: 'search'; keyword: string; result: Result<XingtuAuthor[]> | null };

/** Does a pasted Douyin link point at the profile the current tab shows? */
function isCurrentTab(page: DouyinPage, current: PageCreator | null): boolean {
  if (current?.kind !== 'douyin') return false;
  const { secUid, uid } = current.account;
  switch (page.kind) {
    case 'douyin-user':
      return page.secUid === secUid;
    case 'douyin-share':
      return (page.secUid !== null && page.secUid === secUid) || (page.uid !== null && page.uid === uid);
    case 'douyin-self':
      return false;
  }
}

/** Toolbar popup: the current tab's creator, and a lookup by id, link or nickname. */
export function PopupApp({ pageCreator, bridge = messagingBridge, lists = messagingListShortcuts, balance = messagingBalance, opened = null }: PopupAppProps) {
  const [input, setInput] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown>(opened ? { kind: 'creator', creator: opened } : { kind: 'page' });
  const searchToken = useRef(0);

  const search = (keyword: string) => {
    const mine = ++searchToken.current;
    setShown({ kind: 'search', keyword, result: null });
    bridge.searchCreators(keyword).then(
      (result) => mine === searchToken.current && setShown({ kind: 'search', keyword, result }),
      () => mine === searchToken.current && setShown({ kind: 'search', keyword, result: { ok: false, error: { kind: 'bad-response' } } }),
    );
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const parsed = parseCreatorInput(input);
    setInputError(null);
    searchToken.current++;
    switch (parsed.kind) {
      case 'invalid':
        setInputError(parsed.reason === 'empty' ? t('creatorInputEmpty') : t('creatorInputInvalid'));
        return;
      case 'xingtu':
        setShown({ kind: 'creator', creator: { kind: 'xingtu', oAuthorId: parsed.oAuthorId } });
        return;
      case 'douyin-url':
        if (pageCreator && isCurrentTab(parsed.page, pageCreator)) setShown({ kind: 'creator', creator: pageCreator });
        else setInputError(t('douyinPageNotOpen'));
        return;
      case 'nickname':
        search(parsed.nickname);
        return;
    }
  };

  const showPage = () => {
    searchToken.current++;
    setShown({ kind: 'page' });
  };
  const current = shown.kind === 'creator' ? shown.creator : shown.kind === 'page' ? pageCreator : null;

  return (
    <main class="xdp-popup">
      <header class="xdp-popup__head">
        <h1>{t('panelTitle')}</h1>
        <button type="button" class="xdp-link-button" onClick={lists.openLists}>
          {t('listPageTitle')}
        </button>
        <button type="button" class="xdp-link-button" onClick={bridge.openOptions}>
          {t('openSettings')}
        </button>
      </header>
      <form class="xdp-lookup" onSubmit={onSubmit} noValidate>
        <label for="creator-input">{t('creatorLabel')}</label>
        <div class="xdp-lookup__row">
          <input
            id="creator-input"
            type="text"
            value={input}
            placeholder={t('creatorPlaceholder')}
            aria-invalid={inputError ? 'true' : undefined}
            aria-describedby={inputError ? 'creator-input-error' : undefined}
            onInput={(e) => setInput(e.currentTarget.value)}
          />
          <button type="submit">{t('lookUp')}</button>
        </div>
        {inputError && (
          <p id="creator-input-error" class="xdp-lookup__error" role="alert">
            {inputError}
          </p>
        )}
        {shown.kind !== 'page' && pageCreator && (
          <button type="button" class="xdp-link-button" onClick={showPage}>
            {t('backToPageCreator')}
          </button>
        )}
      </form>
      {shown.kind === 'search' ? (
        <SearchResults
          result={shown.result}
          bridge={bridge}
          onPick={(author) => setShown({ kind: 'creator', creator: { kind: 'xingtu', oAuthorId: author.oAuthorId } })}
          onRetry={() => search(shown.keyword)}
        />
      ) : current ? (
        <ListShortcutsContext.Provider value={lists}>
          <PageCreatorView creator={current} bridge={bridge} />
        </ListShortcutsContext.Provider>
      ) : (
        <p class="xdp-popup__hint">{t('openCreatorPageOrLookUp')}</p>
      )}
      <PopupBalance ask={balance} />
    </main>
  );
}

/**
 * The footer: "余额 ¥123.45" from the background's cached balance. Quiet when it is not known:
 * "Balance unknown" for an endpoint without a balance, nothing without a key or on failure.
 */
function PopupBalance({ ask }: { ask: BalanceAsk }) {
  const [info, setInfo] = useState<BalanceInfo | null>(null);
  useEffect(() => {
    let live = true;
    ask(false).then(
      (result) => live && result.ok && setInfo(result.value),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [ask]);
  if (!info) return null;
  const amount = balanceAmount(info);
  const text = amount !== null ? t('balanceShort', { amount }) : info.state === 'unknown' && info.reason === 'no-key' ? null : t('balanceUnknownShort');
  return text === null ? null : (
    <footer class="xdp-popup__foot" data-balance={amount !== null ? 'known' : 'unknown'}>
      {text}
    </footer>
  );
}

function SearchResults({
  result,
  bridge,
  onPick,
  onRetry,
}: {
  result: Result<XingtuAuthor[]> | null;
  bridge: ViewBridge;
  onPick: (author: XingtuAuthor) => void;
  /** Search again (after "Allow one call"). */
  onRetry: () => void;
}) {
  const [allowFailure, setAllowFailure] = useState<ViewFailure | null>(null);
  useEffect(() => setAllowFailure(null), [result]);
  const error = result && !result.ok ? (allowFailure ?? result.error) : null;
  const message = !result
    ? t('searching')
    : error
      ? statusAnnouncement(error.kind === 'no-key' ? { state: 'no-key' } : { state: 'error', error })
      : result.ok && result.value.length === 0
        ? t('searchNoResults')
        : t('announceNamed', { title: t('searchResults'), name: result.ok ? result.value.length : 0 });
  return <LiveRegion message={message}>{searchView(result, bridge, onPick, onRetry, allowFailure, setAllowFailure)}</LiveRegion>;
}

function searchView(
  result: Result<XingtuAuthor[]> | null,
  bridge: ViewBridge,
  onPick: (author: XingtuAuthor) => void,
  onRetry: () => void,
  allowFailure: ViewFailure | null,
  setAllowFailure: (failure: ViewFailure | null) => void,
) {
  if (!result || !result.ok) {
    return (
      <div class="xdp-view">
        {!result ? (
          <StatusMessage state="loading" text={t('searching')} />
        ) : result.error.kind === 'no-key' ? (
          <StatusMessage state="no-key" onOpenSettings={bridge.openOptions} />
        ) : (
          <StatusMessage
            state="error"
            error={allowFailure ?? result.error}
            onOpenSettings={bridge.openOptions}
            onRetry={onRetry}
            retryLabel={t('retrySearch')}
            endpoint="search"
            onAllowOneCall={allowOneCallThen(bridge.allowOneCall, onRetry, setAllowFailure)}
          />
        )}
      </div>
    );
  }
  if (result.value.length === 0) return <p class="xdp-popup__hint">{t('searchNoResults')}</p>;
  return (
    <section class="xdp-view xdp-search" aria-label={t('searchResults')}>
      <ul class="xdp-search__list">
        {result.value.map((author) => (
          <li key={author.oAuthorId}>
            <AuthorCard author={author}>
              <button type="button" class="xdp-view__button" onClick={() => onPick(author)}>
                {t('pick')}
              </button>
            </AuthorCard>
          </li>
        ))}
      </ul>
    </section>
  );
}
