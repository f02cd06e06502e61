/**
 * Demo: `npm run demo` (= `wxt build && tsx scripts/demo.ts`).
 *
 * Starts the mock Just One API on 127.0.0.1 with the demo creators, launches Chromium with the
 * built extension (a window when DISPLAY is set, else headless), saves key "demo-key" and the
 * mock as custom endpoint through the real options page, opens a Xingtu creator page (the
 * fixture, served at the real URL; nothing leaves the machine) and waits for the real panel,
 * then shows the popup and the creator-list page (four creators pasted, run and compared).
 * Screenshots go to demo-output/. Headless: exits (0 when every step worked). Headed: the
 * browser stays open until Ctrl-C.
 *
 * Env: DEMO_CREATOR=<oAuthorId> (default the food creator), DEMO_API_PORT (default: a free one),
 * DEMO_HEADLESS=1 to force headless, CHROMIUM_PATH.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startMockApi } from '../e2e/mock-api';
import {
  BEAUTY_CREATOR_ID,
  DEMO_CREATOR_PROFILES,
  FOOD_CREATOR_ID,
  MUSIC_CREATOR_ID,
  TRAVEL_CREATOR_ID,
} from '../e2e/fixtures/creators';
import {
  ROOT,
  configureExtension,
  creatorPageUrl,
  extensionIdOf,
  extensionServiceWorker,
  launchExtension,
  runAndCompareList,
  waitForPanel,
  type LaunchedExtension,
} from '../e2e/harness';

const API_KEY = 'demo-key';
const OUT_DIR = path.join(ROOT, 'demo-output');

const rel = (file: string): string => path.relative(process.cwd(), file) || file;

async function step<T>(name: string, run: () => Promise<T>, failures: string[]): Promise<T | undefined> {
  process.stdout.write(`• ${name} … `);
  const started = Date.now();
  try {
    const value = await run();
    console.log(`ok (${Date.now() - started} ms)`);
    return value;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n    ') : String(error);
    console.log(`FAILED\n    ${message}`);
    failures.push(name);
    return undefined;
  }
}

async function screenshotPage(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: file });
  console.log(`    saved ${rel(file)}`);
}

async function main(): Promise<number> {
  const headed = Boolean(process.env.DISPLAY) && !process.env.DEMO_HEADLESS;
  const creatorId = process.env.DEMO_CREATOR ?? FOOD_CREATOR_ID;
  const failures: string[] = [];
  await mkdir(OUT_DIR, { recursive: true });

  const mock = await startMockApi({ port: Number(process.env.DEMO_API_PORT ?? 0), token: API_KEY, log: true });
  console.log(`Mock Just One API: ${mock.url} (token "${API_KEY}")`);

  let launched: LaunchedExtension | undefined;
  const shutdown = async (): Promise<void> => {
    await launched?.close();
    await mock.close();
  };

  try {
    launched = await launchExtension({
      headless: !headed,
      onBlocked: (url) => console.log(`[guard] blocked ${url}`),
    });
    const { context } = launched;
    console.log(`Chromium: ${headed ? 'window' : 'headless'}; profile ${launched.userDataDir}`);

    const worker = await extensionServiceWorker(context);
    const extensionId = extensionIdOf(worker);
    console.log(`Extension id: ${extensionId}`);

    const page = context.pages()[0] ?? (await context.newPage());

    const configured = await step(
      `options page: key "${API_KEY}", custom endpoint ${mock.url}`,
      async () => {
        await configureExtension(page, { apiKey: API_KEY, endpoint: 'custom', customUrl: mock.url, extensionId });
        return true;
      },
      failures,
    );

    const url = creatorPageUrl(creatorId);
    const nickname = DEMO_CREATOR_PROFILES[creatorId]?.nickname ?? creatorId;
    await step(`open ${nickname}'s Xingtu page ${url}`, async () => {
      await page.goto(url);
    }, failures);

    const handles = configured
      ? await step('wait for the panel (shadow root → extension iframe → <table>)', async () => {
          const found = await waitForPanel(page, { extensionId, expand: true, timeout: 30_000 });
          await found.frame.locator('table').first().waitFor({ state: 'visible', timeout: 10_000 });
          // Let the chart finish drawing before the screenshot.
          await page.waitForTimeout(500);
          return found;
        }, failures)
      : undefined;

    // Whatever the page shows, save it: a failed demo's screenshot helps more than none.
    await step('screenshot of the page', () => screenshotPage(page, path.join(OUT_DIR, 'page.png')), failures);
    if (handles) {
      // A table that is in the DOM but clipped by a too-small iframe is not a working panel.
      await step('the panel shows its table in view', async () => {
        const frameBox = await handles.iframe.first().boundingBox();
        const tableBox = await handles.frame.locator('table').first().boundingBox();
        if (!frameBox || !tableBox) throw new Error('panel iframe or table has no box');
        const size = `iframe ${Math.round(frameBox.width)}×${Math.round(frameBox.height)} px`;
        if (tableBox.y >= frameBox.y + frameBox.height || tableBox.y + tableBox.height <= frameBox.y) {
          throw new Error(`the table is outside the panel's visible area (${size}): the panel did not grow to its content`);
        }
        console.log(`    ${size}`);
      }, failures);
      await step('screenshot of the panel', async () => {
        const file = path.join(OUT_DIR, 'panel.png');
        await handles.iframe.first().screenshot({ path: file });
        console.log(`    saved ${rel(file)}`);
        const rows = await handles.frame.locator('table tbody tr').count();
        console.log(`    the panel's table has ${rows} row(s)`);
      }, failures);
    }

    // A real action popup cannot be captured by Playwright, so popup.html is opened in its own
    // tab at popup size, pointed at the creator page's tab with ?tab=<id>.
    const [creatorTabId] = await worker.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id ?? -1));
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await step('popup page (popup.html in its own tab)', async () => {
      await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${creatorTabId ?? ''}`);
      await popup.locator('table').first().waitFor({ state: 'visible', timeout: 10_000 });
      await popup.locator('#app > *').first().waitFor({ state: 'visible', timeout: 10_000 });
      await popup.waitForTimeout(300);
      await screenshotPage(popup, path.join(OUT_DIR, 'popup.png'));
    }, failures);

    // The creator-list page: a campaign's creators pasted at once, run, compared.
    const lists = await context.newPage();
    await lists.setViewportSize({ width: 1280, height: 900 });
    await step('creator lists (list.html): paste 4 creators, run, compare', async () => {
      await lists.goto(`chrome-extension://${extensionId}/list.html`);
      const ids = [FOOD_CREATOR_ID, MUSIC_CREATOR_ID, TRAVEL_CREATOR_ID, BEAUTY_CREATOR_ID];
      await runAndCompareList(lists, ids, 20_000);
      await lists.waitForTimeout(500);
      await screenshotPage(lists, path.join(OUT_DIR, 'list.png'));
    }, failures);

    if (headed) await page.bringToFront();

    const calls = mock.calls();
    console.log(`\nAPI calls made to the mock: ${calls.length}`);
    for (const call of calls) {
      console.log(`  ${call.method} oAuthorId=${call.oAuthorId ?? '-'} platform=${call.platform ?? '-'} → ${call.status ?? 'no answer'} code=${call.code ?? '-'}`);
    }
    console.log(`Screenshots: ${rel(OUT_DIR)}/`);
    if (failures.length > 0) console.log(`\n${failures.length} step(s) failed: ${failures.join('; ')}`);
    else console.log('\nDemo finished: every step worked.');

    if (headed) {
      console.log('The browser stays open: try the other creators linked on the page. Ctrl-C to quit.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
        context.once('close', () => resolve());
      });
    }
  } finally {
    await shutdown();
  }
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
