import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { onMessage } from '@/utils/messaging';
import { createApiClient } from '@/utils/api/client';
import { createDistributionCache } from '@/utils/cache';
import { createDistributionService } from '@/utils/distribution-service';
import { apiKeyItem, loadSettings } from '@/utils/settings';
import { parseDistributionRequest, isFromThisExtension } from '@/utils/message-guards';
import type { Failure } from '@/utils/types';

/**
 * The only context that knows the API key and calls the API. Pages and content scripts ask for
 * data through typed messages; every message is checked for its sender and its shape.
 */
export default defineBackground(() => {
  const service = createDistributionService({
    client: createApiClient(),
    cache: createDistributionCache(),
    loadApiKey: () => apiKeyItem.getValue(),
    loadSettings,
  });

  const refused: Failure = { kind: 'bad-input' };

  onMessage('getDistribution', async ({ data, sender }) => {
    const req = parseDistributionRequest(data);
    if (!isFromThisExtension(sender) || !req) return { ok: false, error: refused };
    return service.getDistribution(req);
  });

  onMessage('hasApiKey', async ({ sender }) => isFromThisExtension(sender) && (await apiKeyItem.getValue()) !== '');

  onMessage('checkApiKey', async ({ sender }) => {
    if (!isFromThisExtension(sender)) return { ok: false, error: refused };
    return service.checkKey();
  });

  onMessage('openOptions', ({ sender }) => {
    if (isFromThisExtension(sender)) void browser.runtime.openOptionsPage();
  });
});
