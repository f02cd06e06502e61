import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { liveExtensionId } from '@/utils/page/extension-api';
import { startListBadges } from '@/utils/page/badges/list-badges';

/**
 * The badges of list pages (utils/page/badges/list-badges.ts): a chunk of its own, which the
 * content script imports (utils/page/badge-loader.ts) only on a list page, so other pages never
 * load it. It runs in the content script's isolated world. A page that loads the file itself
 * gets nothing: there is no extension API in the page's world.
 */
export default defineUnlistedScript(() => {
  if (liveExtensionId() !== undefined) startListBadges(window);
});
