import { defineConfig } from '@playwright/test';

/** Specs whose assertions depend on timing (see `projects`). */
const TIMED = ['**/races.spec.ts', '**/mount-timing.spec.ts'];

/**
 * E2E tests load the built extension (`npx wxt build` → .output/chrome-mv3) into Debian's
 * Chromium (/usr/bin/chromium, or CHROMIUM_PATH). The fixtures in e2e/fixtures.ts start the mock
 * API and the browser themselves, so there is no webServer here.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  // Two browsers at once (each test has its own profile and mock API), except the specs that
  // time the extension against the page: they run first, alone, so nothing else competes for
  // the two cores (a click 120 ms after another, a panel made within 100 ms of a click).
  workers: 2,
  fullyParallel: false,
  projects: [
    { name: 'timed', testMatch: TIMED, workers: 1 },
    { name: 'e2e', testIgnore: TIMED, dependencies: ['timed'] },
  ],
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
