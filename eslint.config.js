import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Where code runs is where it lives (docs/architecture.md):
 *   utils/background/  the background service worker, the only code that sends the key
 *   utils/key/         the stored API key: the background and the options page only
 *   utils/page/        the content script, inside Douyin's and Xingtu's pages
 *   utils/views/, components/  the extension views (panel, popup, options)
 *   utils/shared/      pure code any of them may use
 * The rules below fail the lint when an import crosses a boundary. Each folder checks its own
 * imports, so nothing can reach the key through a chain of imports either.
 * tests/lint/boundaries.test.ts lints fixture imports to prove the rules bite.
 */
const FOLDERS = {
  background: {
    regex: '(^|/)background(/|$)',
    message: 'Background code (API client, cache, resolver; it holds the key) may be imported only by the background.',
  },
  key: {
    regex: '(^|/)key(/|$)',
    message: 'The stored API key may be imported only by the background and the options page.',
  },
  page: {
    regex: '(^|/)page(/|$)',
    message: 'Page code (content script: page readers, panel host) runs inside the web page; import it only there.',
  },
  views: {
    regex: '(^|/)(views|components)(/|$)',
    message: 'Extension view code (UI, view bridge, i18n) runs in the panel, popup and options pages only.',
  },
  ui: {
    regex: '^(preact|chart\\.js|@preact/)',
    message: 'UI libraries belong in the extension views (components/, utils/views/).',
  },
};

/** no-restricted-imports that forbids the named folders (both `import` and `import type`). */
const forbid = (...names) => ({
  'no-restricted-imports': ['error', { patterns: names.map((name) => ({ regex: FOLDERS[name].regex, message: FOLDERS[name].message })) }],
});

// The content script, and the chunks it imports into the page's isolated world.
const PAGE_FILES = ['entrypoints/*.content.ts', 'entrypoints/*.content/**', 'entrypoints/list-badges.ts', 'entrypoints/douyin-reader.ts', 'utils/page/**'];
const VIEW_FILES = ['entrypoints/*/**', 'utils/views/**', 'components/**'];
const SHARED_FILES = ['utils/shared/**'];
const BACKGROUND_FILES = ['entrypoints/background.ts', 'entrypoints/background/**', 'utils/background/**'];
const KEY_FILES = ['utils/key/**'];
const APP_FILES = ['entrypoints/**', 'utils/**', 'components/**'];

export default tseslint.config(
  { ignores: ['.output/**', '.output-*/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'demo-output/**', 'bench-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['scripts/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },

  // ---- where code runs ---------------------------------------------------------------------
  { files: VIEW_FILES, ignores: [...PAGE_FILES, ...BACKGROUND_FILES], rules: forbid('background', 'key', 'page') },
  // The options page is where the user types the key.
  { files: ['entrypoints/options/**'], rules: forbid('background', 'page') },
  { files: PAGE_FILES, rules: forbid('background', 'key', 'views', 'ui') },
  { files: SHARED_FILES, rules: forbid('background', 'key', 'page', 'views', 'ui') },
  { files: BACKGROUND_FILES, rules: forbid('page', 'views', 'ui') },
  { files: KEY_FILES, rules: forbid('background', 'page', 'views', 'ui') },
  {
    // Nobody reaches the key by its storage name, around utils/key/api-key.ts.
    files: APP_FILES,
    ignores: KEY_FILES,
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Literal[value=/apiKey$/][value=/:/]", message: 'Read the key only through utils/key/api-key.ts.' },
        { selector: "TemplateElement[value.raw=/:apiKey/]", message: 'Read the key only through utils/key/api-key.ts.' },
      ],
    },
  },
);
