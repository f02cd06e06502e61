import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { liveExtensionId } from '@/utils/page/extension-api';
import { createDouyinOwnerReader } from '@/utils/page/douyin/read-owner';
import { publishDouyinReader } from '@/utils/page/douyin/reader-chunk';

/**
 * Who a Douyin creator page shows (utils/page/douyin/read-owner.ts): a chunk of its own, which
 * the panel controller imports (utils/page/douyin/load-reader.ts) only on Douyin creator pages,
 * so the content script every page runs stays small. It runs in the content script's isolated
 * world and hands its factory over there (utils/page/douyin/reader-chunk.ts). A page that loads
 * the file itself gets nothing: there is no extension API in the page's world, so the chunk
 * publishes nothing (and what the reader does, read the page and fetch its own profile HTML, a
 * page can do anyway).
 */
export default defineUnlistedScript(() => {
  if (liveExtensionId() !== undefined) publishDouyinReader(createDouyinOwnerReader);
});
