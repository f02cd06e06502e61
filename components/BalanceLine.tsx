import { failureKey, formatDateTime, t } from '@/utils/views/i18n';
import { tMoney } from '@/utils/views/i18n-money';
import { balanceAmount } from '@/utils/views/money';
import type { Result } from '@/utils/shared/types';
import type { BalanceInfo } from '@/utils/shared/usage';

/** The balance line: nothing asked yet (null), asking, or the background's answer. */
export type BalanceShown = null | { status: 'loading' } | { status: 'done'; result: Result<BalanceInfo> };

/**
 * "余额 ¥123.45" under the key, with a small refresh. When the balance is not known (no key, an
 * endpoint without the account endpoint, a failure) it says so in one quiet line: never an error wall.
 */
export function BalanceLine({ shown, onRefresh }: { shown: BalanceShown; onRefresh: () => void }) {
  const answer = shown?.status === 'done' ? shown.result : null;
  const info = answer?.ok ? answer.value : null;
  const amount = info ? balanceAmount(info) : null;
  let text: string;
  if (!answer) text = tMoney('balanceLoading');
  else if (!answer.ok) text = tMoney('balanceFailed', { reason: t(failureKey(answer.error.kind, 'title')) });
  else if (amount !== null) text = tMoney('balanceShort', { amount });
  else text = tMoney(info?.state === 'unknown' ? `balanceUnknown.${info.reason}` : 'balanceUnknown.failed');
  return (
    <div class="xdp-balance" data-balance={amount !== null ? 'known' : answer ? 'unknown' : 'loading'}>
      <span class={amount !== null ? 'xdp-balance__amount' : 'xdp-field__help'}>{text}</span>
      {amount !== null && info && <span class="xdp-field__help">{tMoney('balanceAsOf', { time: formatDateTime(info.fetchedAt) })}</span>}
      <button
        type="button"
        class="xdp-balance__refresh"
        aria-label={tMoney('balanceRefresh')}
        title={tMoney('balanceHelp')}
        disabled={!answer}
        onClick={onRefresh}
      >
        ↻ {tMoney('refresh')}
      </button>
    </div>
  );
}
