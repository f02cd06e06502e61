import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { onMessage } from '@/utils/shared/messaging';
import { createApiClient } from '@/utils/background/api/client';
import { createCallGuard } from '@/utils/background/api/call-guard';
import { createDistributionCache } from '@/utils/background/cache';
import { createDistributionService } from '@/utils/background/distribution-service';
import { createAccountLinks } from '@/utils/background/account-links';
import { createCreatorResolver } from '@/utils/background/creator-resolver';
import { loadSettings } from '@/utils/shared/settings';
import { apiKeyItem, loadApiKey } from '@/utils/key/api-key';
import { checkStoredRecords, restrictStorageToExtensionPages } from '@/utils/background/storage-health';
import {
  OPTIONS_PAGES,
  VIEW_PAGES,
  isFromExtensionPage,
  isFromThisExtension,
  parseDistributionRequest,
  parseDouyinAccount,
  parseLinkRequest,
  parseSearchRequest,
} from '@/utils/background/message-guards';
import type { Failure } from '@/utils/shared/types';

/**
 * The only context that knows the API key and calls the API. Pages and content scripts ask for
 * data through typed messages; every message is checked for its sender and its shape.
 */
export default defineBackground(() => {
  // Content scripts may not read storage (the key); reset unreadable settings with a notice.
  void restrictStorageToExtensionPages();
  void checkStoredRecords();
  const client = createApiClient();
  // One guard for every call with the key: a 302/303/601 answer to one stops the others too.
  const guard = createCallGuard();
  const service = createDistributionService({ client, cache: createDistributionCache(), loadApiKey, loadSettings, guard });
  const resolver = createCreatorResolver({ client, links: createAccountLinks(), loadApiKey, loadSettings, guard });

  const refused: Failure = { kind: 'bad-input' };

  onMessage('getDistribution', async ({ data, sender }) => {
    const req = parseDistributionRequest(data);
    if (!isFromExtensionPage(sender, VIEW_PAGES) || !req) return { ok: false, error: refused };
    return service.getDistribution(req);
  });

  onMessage('peekDistribution', async ({ data, sender }) => {
    const req = parseDistributionRequest(data);
    if (!isFromExtensionPage(sender, VIEW_PAGES) || !req) return null;
    return service.peek(req);
  });

  onMessage('hasApiKey', async ({ sender }) => isFromThisExtension(sender) && (await apiKeyItem.getValue()) !== '');

  onMessage('checkApiKey', async ({ sender }) => {
    if (!isFromExtensionPage(sender, OPTIONS_PAGES)) return { ok: false, error: refused };
    return service.checkKey();
  });

  onMessage('resolveDouyin', async ({ data, sender }) => {
    const account = parseDouyinAccount(data);
    if (!isFromExtensionPage(sender, VIEW_PAGES) || !account) return { ok: false, error: refused };
    return resolver.resolve(account);
  });

  onMessage('linkDouyin', async ({ data, sender }) => {
    const req = parseLinkRequest(data);
    if (!isFromExtensionPage(sender, VIEW_PAGES) || !req) return { ok: false, error: refused };
    return resolver.link(req.account, req.author);
  });

  onMessage('searchCreators', async ({ data, sender }) => {
    const req = parseSearchRequest(data);
    if (!isFromExtensionPage(sender, VIEW_PAGES) || !req) return { ok: false, error: refused };
    return resolver.search(req.keyword);
  });

  onMessage('openOptions', ({ sender }) => {
    if (isFromExtensionPage(sender, VIEW_PAGES)) void browser.runtime.openOptionsPage();
  });
});
