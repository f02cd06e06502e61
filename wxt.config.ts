import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { CREATOR_SITE_MATCHES } from './utils/shared/sites';
import preact from '@preact/preset-vite';
import { listChartCopy } from './scripts/list-chart-plugin';

const require = createRequire(import.meta.url);

// See README "Permissions" for why each permission is here.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // WXT_OUT_DIR lets parallel builds (and their e2e runs) use separate folders.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  vite: () => ({
    plugins: [preact(), listChartCopy()],
  }),
  // `npm run zip`: <name>-<version>-chrome.zip, -firefox.zip and -sources.zip (AMO's review
  // copy); scripts/store/edge-zip.ts copies the Chrome one to -edge.zip. docs/store.md.
  zip: {
    excludeSources: ['demo-output/**', 'bench-output/**', 'test-results/**', 'playwright-report/**', 'store/screenshots/**'],
  },
  hooks: {
    // The content script runs on every Douyin/Xingtu page, so it must stay tiny (8 KB gzipped).
    // It uses no promise-returning API (only runtime.getURL/id, onConnect and ports), so it
    // takes WXT's plain `browser` (chrome.* in Chrome) instead of webextension-polyfill, which
    // alone is ~3 KB gzipped. Every extension page and the background keep the polyfill.
    // Nor does it use WXT's content script context, whose constructor costs every page heap
    // (utils/page/wxt-context.ts says what and where its jobs went).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const alias = {
        'wxt/browser': require.resolve('wxt/browser'),
        'wxt/utils/content-script-context': fileURLToPath(new URL('./utils/page/wxt-context.ts', import.meta.url)),
      };
      const current = config.resolve?.alias;
      const entries = Object.entries(alias).map(([find, replacement]) => ({ find, replacement }));
      config.resolve = { ...config.resolve, alias: Array.isArray(current) ? [...current, ...entries] : { ...current, ...alias } };
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // The oldest Chrome/Edge with every API and syntax the package uses; e2e/store-checks.spec.ts
    // derives it from the built files (alarms every 30 s: 120; Vite's JS target: 111;
    // storage.local.setAccessLevel: 102).
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '120' }),
    // Firefox: a fixed add-on id (AMO wants one) and the built-in data consent new listings need
    // (Firefox 140+): what goes to the API provider. docs/store.md explains the choice.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'xingtu-distribution-lens@xdp-extension',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['browsingActivity', 'websiteContent', 'searchTerms'] },
            },
            // Firefox for Android reads the data consent from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
    // alarms: a creator-list run resumes at the end of a 302 cool-down even if the worker stopped.
    permissions: ['storage', 'alarms'],
    // A keyboard shortcut that opens and focuses the in-page panel (no permission needed; the
    // user can change it). The path it takes is in utils/shared/panel-command.ts.
    commands: {
      'open-panel': { suggested_key: { default: 'Alt+Shift+D' }, description: '__MSG_cmdOpenPanel__' },
    },
    host_permissions: ['https://api.justoneapi.com/*', 'http://47.117.133.51:30015/*'],
    // Extension pages run only their own bundled scripts: no remote code, no eval, no plugins,
    // no <base> tricks. Images only from the extension and `data:` URLs: creator avatars come as
    // data: URLs from the background (utils/background/avatar.ts), never from a third-party host.
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; img-src 'self' data:",
    },
    // No `externally_connectable`: no web page can message the background; other extensions'
    // messages would arrive on runtime.onMessageExternal, which nothing listens to.
    web_accessible_resources: [
      {
        // list-badges.js: the list page badges, imported by the content script on list pages
        // only (utils/page/badge-loader.ts); see docs/architecture.md "List page badges".
        // douyin-reader.js: who a Douyin creator page shows, imported on those pages only
        // (utils/page/douyin/load-reader.ts); docs/architecture.md "Douyin reader chunk".
        resources: ['panel.html', 'list-badges.js', 'douyin-reader.js'],
        // The pages the content script runs on (entrypoints/creator-pages.content.ts).
        matches: CREATOR_SITE_MATCHES,
        // No `use_dynamic_url`: with it Chrome puts each panel frame in a renderer of its own,
        // which costs a full page load ~20 ms before the chart (scripts/bench/main.ts: panel
        // document parsed 52 → 39 ms after detection, chart 107 → 86 ms). What it would hide
        // (that the extension is installed) these sites see anyway: the panel is in their DOM.
        // Trust never rested on the URL: a panel a page frames itself gets nothing
        // (utils/shared/panel-port.ts, e2e/security-hostile.spec.ts).
      },
    ],
  }),
});
