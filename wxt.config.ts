import { createRequire } from 'node:module';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

const require = createRequire(import.meta.url);

// See README "Permissions" for why each permission is here.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // WXT_OUT_DIR lets parallel builds (and their e2e runs) use separate folders.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  hooks: {
    // The content script runs on every Douyin/Xingtu page, so it must stay tiny (8 KB gzipped).
    // It uses no promise-returning API (only runtime.getURL/id, onConnect and ports), so it
    // takes WXT's plain `browser` (chrome.* in Chrome) instead of webextension-polyfill, which
    // alone is ~3 KB gzipped. Every extension page and the background keep the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const alias = { 'wxt/browser': require.resolve('wxt/browser') };
      const current = config.resolve?.alias;
      config.resolve = { ...config.resolve, alias: Array.isArray(current) ? [...current, { find: 'wxt/browser', replacement: alias['wxt/browser'] }] : { ...current, ...alias } };
    },
  },
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['storage'],
    host_permissions: ['https://api.justoneapi.com/*', 'http://47.117.133.51:30015/*'],
    web_accessible_resources: [
      {
        resources: ['panel.html'],
        matches: [
          'https://www.xingtu.cn/*',
          'https://xingtu.cn/*',
          'https://star.toutiao.com/*',
          'https://www.douyin.com/*',
          'https://www.iesdouyin.com/*',
        ],
      },
    ],
  },
});
