import { test, expect, builtManifest, optionsPageUrl, creatorPageUrl, MARKET_URL } from './fixtures';
import { FOOD_CREATOR_ID, MUSIC_CREATOR_ID } from './fixtures/creators';

/** The options page as the built manifest declares it (null while it does not exist yet). */
function declaredOptionsPage(): string | null {
  const manifest = builtManifest();
  const ui = manifest.options_ui as { page?: unknown } | undefined;
  const page = ui?.page ?? manifest.options_page;
  return typeof page === 'string' ? page : null;
}

test('the built extension loads: its service worker runs', async ({ serviceWorker, extensionId }) => {
  expect(serviceWorker.url()).toBe(`chrome-extension://${extensionId}/background.js`);
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  // The worker really runs our code with extension APIs.
  const manifest = await serviceWorker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.manifest_version).toBe(3);
});

test('the options page opens', async ({ page, extensionId }) => {
  const declared = declaredOptionsPage();
  test.skip(declared === null, 'the build has no options page yet');
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const response = await page.goto(optionsPageUrl(extensionId));
  expect(response?.ok() ?? true).toBe(true);
  expect(new URL(page.url()).pathname).toBe(`/${declared}`);
  await expect(page.locator('body')).not.toBeEmpty();
  expect(errors).toEqual([]);
});

test('fixture pages are served at the real Xingtu URLs and nothing else leaves the machine', async ({
  page,
  blockedRequests,
}) => {
  await page.goto(creatorPageUrl(FOOD_CREATOR_ID));
  await expect(page.locator('h1.author-name')).toHaveText('川味小厨娘');
  // SPA navigation: the URL changes without a load.
  await page.evaluate(() => ((window as unknown as { loadMarker: number }).loadMarker = 1));
  await page.locator(`a.similar-author[data-author-id="${MUSIC_CREATOR_ID}"]`).click();
  await expect(page).toHaveURL(creatorPageUrl(MUSIC_CREATOR_ID));
  await expect(page.locator('h1.author-name')).toHaveText('吉他阿哲');
  expect(await page.evaluate(() => (window as unknown as { loadMarker?: number }).loadMarker)).toBe(1);

  await page.goto(MARKET_URL);
  await expect(page.locator('h1')).toHaveText('达人广场');

  const outside = await page.evaluate(() =>
    fetch('https://api.justoneapi.com/').then(
      () => 'reached',
      () => 'blocked',
    ),
  );
  expect(outside).toBe('blocked');
  expect(blockedRequests).toContain('https://api.justoneapi.com/');
});

test('configureExtension drives the real options page and the settings persist', async ({
  page,
  mockApi,
  configureExtension,
}) => {
  test.skip(declaredOptionsPage() === null, 'the build has no options page yet');
  await configureExtension(page, { apiKey: 'smoke-key', customUrl: mockApi.url, via: 'form' });
  // configureExtension checked the storage; the page shows the saved values after a reload too.
  await page.reload();
  await expect(page.getByLabel('Custom endpoint URL')).toHaveValue(mockApi.url);
  await expect(page.getByLabel('API key', { exact: true })).toHaveValue('smoke-key');
  // Saving must not call the paid API.
  expect(mockApi.calls()).toEqual([]);
});
