import { sendMessage, type DistributionRequest } from './messaging';
import type { Distribution, Result } from './types';

/** How the panel and the popup ask the background for data (the key stays there). */
export function loadDistribution(req: DistributionRequest): Promise<Result<Distribution>> {
  return sendMessage('getDistribution', req);
}

export function openOptionsPage(): void {
  void sendMessage('openOptions', undefined).catch(() => undefined);
}
