import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The lint rules of eslint.config.js that keep code where it runs, run on fixture sources placed
 * (virtually) in each folder: a forbidden import must fail, an allowed one must pass.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

const use = (spec: string, name = 'x') => `import { ${name} } from '${spec}';\nexport const y = ${name};\n`;

describe('lint: where code runs', () => {
  it.each([
    ['the content script', 'entrypoints/creator-pages.content.ts', '@/utils/background/cache', /Background code/],
    ['the content script', 'entrypoints/creator-pages.content.ts', '@/utils/key/api-key', /API key/],
    ['the badge chunk (runs in the page)', 'entrypoints/list-badges.ts', '@/utils/key/api-key', /API key/],
    ['the Douyin reader chunk (runs in the page)', 'entrypoints/douyin-reader.ts', '@/utils/background/cache', /Background code/],
    ['a page reader', 'utils/page/douyin/read-new.ts', '../../background/api/client', /Background code/],
    ['a page reader', 'utils/page/read-new.ts', '../key/api-key', /API key/],
    ['page code', 'utils/page/panel-new.ts', '../views/i18n', /Extension view code/],
    ['page code', 'utils/page/panel-new.ts', 'preact', /UI libraries/],
    ['the panel', 'entrypoints/panel/main.tsx', '@/utils/background/distribution-service', /Background code/],
    ['the panel', 'entrypoints/panel/main.tsx', '@/utils/key/api-key', /API key/],
    ['the popup', 'entrypoints/popup/main.tsx', '@/utils/key/api-key', /API key/],
    ['a component', 'components/NewThing.tsx', '../utils/key/api-key', /API key/],
    ['a component', 'components/NewThing.tsx', '../utils/background/api/client', /Background code/],
    ['a view module', 'utils/views/new-bridge.ts', '../background/cache', /Background code/],
    ['a view module', 'utils/views/new-bridge.ts', '../page/panel-host', /Page code/],
    ['the options page', 'entrypoints/options/main.tsx', '@/utils/background/cache', /Background code/],
    ['shared code', 'utils/shared/new-shared.ts', '../background/cache', /Background code/],
    ['shared code', 'utils/shared/new-shared.ts', '../key/api-key', /API key/],
    ['shared code', 'utils/shared/new-shared.ts', '../views/i18n', /Extension view code/],
    ['the background', 'entrypoints/background.ts', '@/components/PanelApp', /Extension view code/],
    ['background code', 'utils/background/new-service.ts', '../views/view-bridge', /Extension view code/],
    ['background code', 'utils/background/new-service.ts', '../page/panel-host', /Page code/],
    ['background code', 'utils/background/new-service.ts', 'chart.js', /UI libraries/],
    ['the key module', 'utils/key/new-key.ts', '../background/cache', /Background code/],
  ])('%s (%s) may not import %s', async (_who, file, spec, message) => {
    const errors = await boundaryErrors(file, use(spec));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it('also refuses type-only imports across a boundary', async () => {
    const errors = await boundaryErrors('utils/page/new.ts', "import type { Cache } from '../background/cache';\nexport type C = Cache;\n");
    expect(errors).toHaveLength(1);
  });

  it.each([
    ['the background reads the key', 'entrypoints/background.ts', '@/utils/key/api-key'],
    ['the options page saves the key', 'entrypoints/options/main.tsx', '@/utils/key/api-key'],
    ['background code uses shared code', 'utils/background/new-service.ts', '../shared/settings'],
    ['the content script uses page code', 'entrypoints/creator-pages.content.ts', '@/utils/page/panel-host'],
    ['the panel uses view code', 'entrypoints/panel/main.tsx', '@/utils/views/view-bridge'],
    ['a component uses preact', 'components/NewThing.tsx', 'preact/hooks'],
    ['page code uses shared code', 'utils/page/new.ts', '../shared/page-detect'],
  ])('allows: %s', async (_what, file, spec) => {
    expect(await boundaryErrors(file, use(spec))).toEqual([]);
  });

  it('refuses the key by its storage name outside utils/key/', async () => {
    const code = "import { storage } from 'wxt/utils/storage';\nexport const k = storage.getItem('local:apiKey');\n";
    expect(await boundaryErrors('utils/views/sneaky.ts', code)).toEqual([expect.stringMatching(/utils\/key\/api-key\.ts/)]);
    expect(await boundaryErrors('components/Sneaky.tsx', 'export const k = `local:apiKey`;\n')).toHaveLength(1);
    expect(await boundaryErrors('utils/key/api-key-v2.ts', code)).toEqual([]);
  });
});
