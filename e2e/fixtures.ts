/**
 * Playwright fixtures for the extension's e2e tests. Import `test` and `expect` from here:
 *
 *   import { test, expect } from './fixtures';
 *   test('…', async ({ page, mockApi, configureExtension }) => {
 *     await configureExtension(page);                  // key 'test-key', custom endpoint = mock
 *     await page.goto(creatorPageUrl(FOOD_CREATOR_ID)); // served from e2e/fixtures
 *     await waitForPanel(page);
 *     expect(mockApi.calls({ oAuthorId: FOOD_CREATOR_ID })).toHaveLength(1);
 *   });
 *
 * Every test gets its own mock API (fresh port, demo data, token 'test-key') and its own
 * Chromium profile. Xingtu pages are served from the fixtures; every request that is not to
 * 127.0.0.1 or the extension is aborted and listed in `blockedRequests`.
 */
import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { startMockApi, type MockApi } from './mock-api';
import {
  configureExtension as configureExtensionWith,
  extensionIdOf,
  extensionServiceWorker,
  launchExtension,
  type ConfigureOptions,
} from './harness';

/** The token the per-test mock accepts (and `configureExtension` enters by default). */
export const TEST_API_KEY = 'test-key';

export interface ExtensionFixtures {
  /** The mock Just One API for this test (http://127.0.0.1:<port>), reset before the test. */
  mockApi: MockApi;
  /** URLs the network guard refused in this test (nothing must leave the machine). */
  blockedRequests: string[];
  /** Persistent Chromium context with the built extension (fresh profile per test). */
  context: BrowserContext;
  /** The context's first tab. */
  page: Page;
  /** The extension's background service worker. */
  serviceWorker: Worker;
  /** The extension id (host of its chrome-extension:// URLs). */
  extensionId: string;
  /**
   * Configure the extension and leave `page` on the options page. Defaults: apiKey TEST_API_KEY,
   * endpoint 'custom', customUrl = mockApi.url, via 'storage' (the saved values written
   * straight to storage); `via: 'form'` drives the real options page and Save.
   */
  configureExtension: (page: Page, options?: Partial<ConfigureOptions>) => Promise<void>;
}

export const test = base.extend<ExtensionFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring pattern
  mockApi: async ({}, use) => {
    const mock = await startMockApi({ token: TEST_API_KEY });
    mock.reset();
    await use(mock);
    await mock.close();
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring pattern
  blockedRequests: async ({}, use) => {
    await use([]);
  },

  context: async ({ blockedRequests }, use) => {
    const launched = await launchExtension({ onBlocked: (url) => blockedRequests.push(url) });
    await use(launched.context);
    await launched.close();
  },

  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },

  serviceWorker: async ({ context }, use) => {
    await use(await extensionServiceWorker(context));
  },

  extensionId: async ({ serviceWorker }, use) => {
    await use(extensionIdOf(serviceWorker));
  },

  configureExtension: async ({ mockApi, extensionId }, use) => {
    await use((page, options = {}) =>
      configureExtensionWith(page, {
        apiKey: TEST_API_KEY,
        endpoint: 'custom',
        customUrl: mockApi.url,
        extensionId,
        via: 'storage',
        ...options,
      }),
    );
  },
});

export { expect };
export {
  creatorPageUrl,
  MARKET_URL,
  PANEL_HOST_TAG,
  panel,
  waitForPanel,
  optionsPageUrl,
  builtManifest,
  ERROR_BLOCK,
  shownText,
} from './harness';
