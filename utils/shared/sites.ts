/**
 * The sites whose creator pages get the panel. The content script runs on all their pages
 * (single-page apps) and the panel page is web-accessible only to them (wxt.config.ts).
 */
export const CREATOR_SITE_MATCHES = [
  'https://www.xingtu.cn/*',
  'https://xingtu.cn/*',
  'https://star.toutiao.com/*',
  'https://www.douyin.com/*',
  'https://douyin.com/*',
  'https://www.iesdouyin.com/*',
];
