import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See README "Permissions" for why each permission is here.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
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
