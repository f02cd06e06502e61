import { defineConfig } from '@playwright/test';

/**
 * E2E tests load the built extension (`npx wxt build` → .output/chrome-mv3) into Debian's
 * Chromium (/usr/bin/chromium, or CHROMIUM_PATH). The fixtures in e2e/fixtures.ts start the mock
 * API and the browser themselves, so there is no webServer here.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-US',
  },
});
