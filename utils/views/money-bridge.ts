import { sendMessage } from '../shared/messaging';
import { DEFAULT_SETTINGS, loadSettings } from '../shared/settings';
import type { Result } from '../shared/types';
import type { BalanceInfo } from '../shared/usage';
import { bridgeDeadlineMs, withDeadline } from './view-bridge';

/**
 * The account balance for the options page and the popup footer: the background asks the
 * provider's account endpoint (not a data call) and caches it. Bounded like every view request: no
 * answer, a rejection or something that is not a balance becomes a failure, never a wait forever.
 */
export type BalanceAsk = (refresh: boolean) => Promise<Result<BalanceInfo>>;

function isBalanceResult(raw: unknown): raw is Result<BalanceInfo> {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as { ok?: unknown; value?: unknown; error?: unknown };
  if (r.ok === false) return typeof r.error === 'object' && r.error !== null && typeof (r.error as { kind?: unknown }).kind === 'string';
  if (r.ok !== true || typeof r.value !== 'object' || r.value === null) return false;
  const v = r.value as { state?: unknown; amount?: unknown; currency?: unknown };
  return v.state === 'unknown' || (v.state === 'known' && typeof v.amount === 'string' && typeof v.currency === 'string');
}

/** Ask the background for the balance (`refresh`: skip its 10-minute cache). */
export const messagingBalance: BalanceAsk = async (refresh) => {
  const ms = bridgeDeadlineMs(await loadSettings().catch(() => DEFAULT_SETTINGS));
  const asked = sendMessage('getBalance', refresh ? { refresh: true } : {}).then(
    (raw): Result<BalanceInfo> => (isBalanceResult(raw) ? raw : { ok: false, error: { kind: 'bad-response' } }),
    (): Result<BalanceInfo> => ({ ok: false, error: { kind: 'bad-response' } }),
  );
  return withDeadline(asked, ms);
};
