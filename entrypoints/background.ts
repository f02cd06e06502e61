import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { onMessage } from '@/utils/shared/messaging';
import { createApiClient } from '@/utils/background/api/client';
import { createCallGuard } from '@/utils/background/api/call-guard';
import { createDistributionCache } from '@/utils/background/cache';
import { createDistributionService } from '@/utils/background/distribution-service';
import { createAccountLinks } from '@/utils/background/account-links';
import { createCreatorResolver } from '@/utils/background/creator-resolver';
import { createUsageLog } from '@/utils/background/usage-log';
import { createDailyCap } from '@/utils/background/daily-cap';
import { createBalanceService } from '@/utils/background/balance';
import { checkApiKey } from '@/utils/background/key-check';
import { loadSettings } from '@/utils/shared/settings';
import { apiKeyItem, loadApiKey } from '@/utils/key/api-key';
import { checkStoredRecords, restrictStorageToExtensionPages } from '@/utils/background/storage-health';
import {
  ALLOW_ONE_CALL_PAGES,
  BALANCE_PAGES,
  OPTIONS_PAGES,
  VIEW_PAGES,
  isFromExtensionPage,
  isFromThisExtension,
  isFromListPageScript,
  parseBadgeOne,
  parseBadgeOpen,
  POPUP_PAGES,
  parseBadgePeek,
  parseBadgeRun,
  parseBadgeVisible,
  AVATAR_PAGES,
  parseAuthorRequest,
  parseAvatarRequest,
  parseBalanceRequest,
  parseDistributionRequest,
  parseDouyinAccount,
  parseLinkRequest,
  parseRejectRequest,
  parseSearchRequest,
  usageViaOf,
} from '@/utils/background/message-guards';
import { createListStore } from '@/utils/background/list-store';
import { createListRunner } from '@/utils/background/list-runner';
import { estimateListRun, storedKnowledge } from '@/utils/background/list-estimate';
import { createRecentViews } from '@/utils/background/recent-views';
import { createBadgeService } from '@/utils/background/badge-service';
import { createLookUpLimit } from '@/utils/background/badge-limit';
import { createAvatarStore } from '@/utils/background/avatar';
import { browserPopupOpener } from '@/utils/background/popup-open';
import { RUN_WAKE_ALARM, createKeepAlive, createWakeScheduler } from '@/utils/background/run-lifetime';
import {
  ADD_TO_LIST_PAGES,
  LIST_PAGES,
  guarded,
  parseAddToList,
  parseConfirmEntry,
  parseCreateList,
  parseListRequest,
  parseNoData,
  parseRemoveFromList,
  parseRenameList,
  parseRunRequest,
} from '@/utils/background/list-guards';
import type { Failure } from '@/utils/shared/types';
import { onPanelCommand } from '@/utils/background/panel-command';

/**
 * The only context that knows the API key and calls the API. Pages and content scripts ask for
 * data through typed messages; every message is checked for its sender and its shape.
 */
export default defineBackground(() => {
  // Content scripts may not read storage (the key); reset unreadable settings with a notice.
  void restrictStorageToExtensionPages();
  void checkStoredRecords();
  // Every paid request (each attempt) goes to the usage log; the log never sees the key.
  const usage = createUsageLog();
  const client = createApiClient({ onPaidAttempt: (entry) => usage.append(entry) });
  // One guard for every call with the key: a 302/303/601/602 answer to one stops the others too.
  const guard = createCallGuard();
  // One daily call limit for every view: the panel, the popup and list runs count together.
  const cap = createDailyCap({ usage, loadSettings });
  const cache = createDistributionCache();
  const links = createAccountLinks();
  const service = createDistributionService({ client, cache, loadApiKey, loadSettings, guard, cap });
  const resolver = createCreatorResolver({ client, links, loadApiKey, loadSettings, guard, cap });
  const balance = createBalanceService({ client, loadApiKey, loadSettings, usage });

  // Creator lists: the store is the one writer of their records; the runner owns the run.
  const lists = createListStore();
  const wake = createWakeScheduler(() => void runner.wake());
  const runner = createListRunner({ store: lists, service, resolver, links, loadSettings, now: Date.now, wake, keepAlive: createKeepAlive() });
  const recent = createRecentViews({ service });
  const avatars = createAvatarStore();
  // The alarm restarts a stopped worker at the end of a cool-down; start() resumes the run.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RUN_WAKE_ALARM) void runner.wake();
  });
  void runner.start().catch(() => undefined);

  const badges = createBadgeService({
    service,
    links,
    resolver,
    lists,
    runner,
    knowledge: () => storedKnowledge({ cache, links, loadSettings }),
    loadSettings,
    now: Date.now,
  });

  const lookUps = createLookUpLimit();
  const popupOpener = browserPopupOpener(browser);

  const refused: Failure = { kind: 'bad-input' };

  onMessage('getDistribution', async ({ data, sender }) => {
    const req = parseDistributionRequest(data);
    if (!isFromExtensionPage(sender, VIEW_PAGES) || !req) return { ok: false, error: refused };
    const answer = await service.getDistribution({ ...req, via: usageViaOf(sender) });
    // Shown in the panel or the popup: the list page offers it under "Recently viewed".
    // (Bookkeeping: the answer does not wait for it.)
    if (answer.ok) void recent.record(req.oAuthorId, req.platform).catch(() => undefined);
    return answer;
  });

  onMessage('peekDistribution', async ({ data, sender }) => {
    const req = parseDistributionRequest(data);
    if (!isFromExtensionPage(sender, VIEW_PAGES) || !req) return null;
    return service.peek(req);
  });

  onMessage('hasApiKey', async ({ sender }) => isFromThisExtension(sender) && (await apiKeyItem.getValue()) !== '');

  onMessage('checkApiKey', async ({ sender }) => {
    if (!isFromExtensionPage(sender, OPTIONS_PAGES)) return { ok: false, error: refused };
    return checkApiKey({ balance, service });
  });

  onMessage('resolveDouyin', async ({ data, sender }) => {
    const account = parseDouyinAccount(data);
    if (!isFromExtensionPage(sender, VIEW_PAGES) || !account) return { ok: false, error: refused };
    const answer = await resolver.resolve(account, { via: usageViaOf(sender) });
    if (answer.ok && answer.value.kind === 'sure') recent.noteNames([answer.value.author]);
    return answer;
  });

  onMessage('linkDouyin', async ({ data, sender }) => {
    const req = parseLinkRequest(data);
    if (!isFromExtensionPage(sender, VIEW_PAGES) || !req) return { ok: false, error: refused };
    recent.noteNames([req.author]);
    return resolver.link(req.account, req.author);
  });

  onMessage('rejectDouyin', async ({ data, sender }) => {
    const req = parseRejectRequest(data);
    if (!isFromExtensionPage(sender, VIEW_PAGES) || !req) return { ok: false, error: refused };
    return resolver.reject(req.account, req.oAuthorId);
  });

  onMessage('searchCreators', async ({ data, sender }) => {
    const req = parseSearchRequest(data);
    if (!isFromExtensionPage(sender, VIEW_PAGES) || !req) return { ok: false, error: refused };
    const answer = await resolver.search(req.keyword, { via: usageViaOf(sender) });
    if (answer.ok) recent.noteNames(answer.value);
    return answer;
  });

  // An image for an avatar URL (no cookies, no referrer, checked to be an image): never a paid call.
  onMessage('getAvatar', async ({ data, sender }) => {
    const req = parseAvatarRequest(data);
    if (!isFromExtensionPage(sender, AVATAR_PAGES) || !req) return null;
    return avatars.get(req.url);
  });

  // What is already known of a Xingtu creator (shown on Xingtu pages): never a call.
  onMessage('knownAuthor', async ({ data, sender }) => {
    const req = parseAuthorRequest(data);
    if (!isFromExtensionPage(sender, VIEW_PAGES) || !req) return null;
    return recent.known(req.oAuthorId).catch(() => null);
  });

  onMessage('openOptions', ({ sender }) => {
    if (isFromExtensionPage(sender, VIEW_PAGES)) void browser.runtime.openOptionsPage();
  });

  // ---- creator lists (utils/shared/creator-lists.ts) ----------------------------------------

  onMessage('createList', guarded(LIST_PAGES, parseCreateList, (req) => lists.create(req.name)));
  onMessage('renameList', guarded(LIST_PAGES, parseRenameList, (req) => lists.rename(req.listId, req.name)));
  onMessage(
    'deleteList',
    guarded(LIST_PAGES, parseListRequest, async (req) => {
      const deleted = await lists.delete(req.listId);
      if (deleted.ok) await runner.listDeleted(req.listId);
      return deleted;
    }),
  );
  onMessage('selectList', guarded(LIST_PAGES, parseListRequest, (req) => lists.select(req.listId)));
  onMessage('addToList', guarded(ADD_TO_LIST_PAGES, parseAddToList, (req) => lists.add(req.listId, req.entries)));
  onMessage(
    'removeFromList',
    guarded(LIST_PAGES, parseRemoveFromList, async (req) => {
      const removed = await lists.remove(req.listId, req.keys);
      if (removed.ok) await runner.entriesRemoved(req.listId, req.keys);
      return removed;
    }),
  );
  onMessage(
    'estimateRun',
    // The cache lifetime is read for each estimate (the user may have changed it).
    guarded(LIST_PAGES, parseRunRequest, (req) => estimateListRun(lists, storedKnowledge({ cache, links, loadSettings }), req.listId, req.platforms)),
  );
  onMessage('startRun', guarded(LIST_PAGES, parseRunRequest, (req) => runner.startRun(req.listId, req.platforms)));
  onMessage('pauseRun', guarded(LIST_PAGES, parseNoData, () => runner.pause()));
  onMessage('resumeRun', guarded(LIST_PAGES, parseNoData, () => runner.resume()));
  onMessage('retryFailed', guarded(LIST_PAGES, parseRunRequest, (req) => runner.retryFailed(req.listId, req.platforms)));
  onMessage('confirmEntry', guarded(LIST_PAGES, parseConfirmEntry, (req) => runner.confirmEntry(req.listId, req.key, req.author, req.platforms)));
  onMessage('recentlyViewed', guarded(LIST_PAGES, parseNoData, async () => ({ ok: true, value: await recent.list() })));

  // ---- list page badges (utils/shared/badges.ts): the content script's only messages ----------
  // From our content script on a list page only (isFromListPageScript), each shape checked; the
  // answers carry what a badge shows and nothing more (never the key, the settings, the lists).

  onMessage('badgePeek', async ({ data, sender }) => {
    const req = parseBadgePeek(data);
    if (!isFromListPageScript(sender) || !req) return { enabled: false, items: [] };
    return badges.peek(req.refs);
  });
  onMessage('badgeLookUp', async ({ data, sender }) => {
    const req = parseBadgeOne(data);
    if (!isFromListPageScript(sender) || !req) return { ok: false, error: 'bad-input' };
    // Faster than a person clicks: refused without a call (utils/background/badge-limit.ts).
    if (!lookUps.take(sender.tab?.id ?? -1)) return { ok: false, error: 'rate-limited' };
    return badges.lookUp(req);
  });
  onMessage('badgeAddToList', async ({ data, sender }) => {
    const req = parseBadgeOne(data);
    if (!isFromListPageScript(sender) || !req) return { ok: false, error: refused };
    return badges.addToList(req);
  });
  onMessage('badgeEstimate', async ({ data, sender }) => {
    const req = parseBadgeVisible(data);
    if (!isFromListPageScript(sender) || !req) return { ok: false, error: refused };
    return badges.estimate(req.creators);
  });
  onMessage('badgeRun', async ({ data, sender }) => {
    const req = parseBadgeRun(data);
    if (!isFromListPageScript(sender) || !req) return { ok: false, error: refused };
    return badges.run(req.token);
  });
  onMessage('badgeOpen', async ({ data, sender }) => {
    const req = parseBadgeOpen(data);
    if (!isFromListPageScript(sender) || !req) return { ok: false, error: refused };
    const oAuthorId = await badges.openTarget(req.ref);
    if (oAuthorId === null) return { ok: false, error: refused };
    return { ok: true, value: await popupOpener.open(oAuthorId, sender.tab?.windowId) };
  });
  // The popup, as it opens: the creator "Open" handed it (once).
  onMessage('takeOpenedCreator', async ({ sender }) => (isFromExtensionPage(sender, POPUP_PAGES) ? popupOpener.take() : null));

  // ---- money (utils/shared/usage.ts) ---------------------------------------------------------

  // The balance: the options page and the popup only (never a content page, nor the in-page panel).
  onMessage('getBalance', guarded(BALANCE_PAGES, parseBalanceRequest, (req) => balance.get(req)));
  onMessage(
    'allowOneCall',
    guarded(ALLOW_ONE_CALL_PAGES, parseNoData, async () => {
      await cap.allowOne();
      return { ok: true, value: true };
    }),
  );

  // ---- the keyboard shortcut that opens the in-page panel (utils/shared/panel-command.ts) -----
  browser.commands?.onCommand.addListener((command, tab) => {
    void onPanelCommand(
      command,
      tab,
      (message) => browser.runtime.sendMessage(message),
      async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
    );
  });
});
