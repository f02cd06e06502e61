import type { BalanceService } from './balance';
import type { DistributionService } from './distribution-service';
import type { KeyCheck } from '../shared/messaging';
import type { Result } from '../shared/types';

/**
 * "Check key" (检测密钥) on the options page, without a billed call when the endpoint allows:
 * the balance request (not a data call) decides first — a balance means the key works, code 100
 * that it does not, and a failure to reach it (network, timeout, 5xx) is reported as it is. Only
 * an endpoint that does not answer it (a proxy: 404, HTML, an unknown shape) falls back to the
 * former check, one distribution call (DistributionService.checkKey, logged as usage from the
 * options page). The answer carries the balance when it is known. Never rejects.
 */
export async function checkApiKey(deps: {
  balance: Pick<BalanceService, 'fetchNow'>;
  service: Pick<DistributionService, 'checkKey'>;
}): Promise<Result<KeyCheck>> {
  const balance = await deps.balance.fetchNow();
  if (!balance.ok) return balance;
  const info = balance.value;
  if (info.state === 'known') return { ok: true, value: { valid: true, balance: info } };
  if (info.reason === 'no-key') return { ok: false, error: { kind: 'no-key' } };
  const checked = await deps.service.checkKey();
  return checked.ok ? { ok: true, value: { valid: true, balance: info } } : checked;
}
