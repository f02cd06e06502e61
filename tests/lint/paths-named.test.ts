import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Comments and docs name files by their path in this repository, and those files exist: a
 * module moved or renamed without its mentions fails here.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_DIRS = ['utils', 'components', 'entrypoints', 'e2e', 'tests', 'scripts', 'docs', '.ci'];
const ROOT_FILES = ['README.md', 'wxt.config.ts', 'eslint.config.js', 'vitest.config.ts', 'playwright.config.ts'];
const TEXT = /\.(ts|tsx|js|mjs|css|html|md|sh)$|^run$/;
const FOLDERS = 'utils|components|entrypoints|e2e|tests|scripts|docs|public|store|assets|\\.ci';
const NAMED_PATH = new RegExp(`(?<![\\w./-])(?:${FOLDERS})/[\\w./-]+\\.(?:ts|tsx|js|mjs|md|html|json|css|sh|png|svg)\\b`, 'g');
/** Paths that name something outside the repository (the machine, a sibling checkout). */
const OUTSIDE = /(?:\/work\/|\.\.\/shared\/|\/root\/|\/home\/)/;

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (TEXT.test(name)) out.push(full);
  }
}

/** Lines that are prose: comments in code, every line of Markdown. */
function proseLines(file: string): { line: number; text: string }[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const markdown = file.endsWith('.md');
  return lines
    .map((text, i) => ({ line: i + 1, text }))
    .filter(({ text }) => markdown || /^\s*(\*|\/\/|\/\*|#(?!!)|<!--)/.test(text) || /\s\/\/\s/.test(text));
}

const files: string[] = [];
for (const dir of SOURCE_DIRS) if (existsSync(join(ROOT, dir))) walk(join(ROOT, dir), files);
for (const name of ROOT_FILES) if (existsSync(join(ROOT, name))) files.push(join(ROOT, name));

describe('paths named in comments and docs', () => {
  it('name files that exist in this repository', () => {
    const missing: string[] = [];
    for (const file of files) {
      for (const { line, text } of proseLines(file)) {
        for (const match of text.matchAll(NAMED_PATH)) {
          const named = match[0].replace(/\.$/, '');
          if (named.includes('*') || named.includes('bench-output/') || named.includes('demo-output/')) continue;
          if (!existsSync(join(ROOT, named))) missing.push(`${relative(ROOT, file)}:${line}: ${named}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('name no path outside it', () => {
    const outside: string[] = [];
    for (const file of files) {
      if (file.endsWith('paths-named.test.ts')) continue;
      for (const { line, text } of proseLines(file)) if (OUTSIDE.test(text)) outside.push(`${relative(ROOT, file)}:${line}: ${text.trim()}`);
    }
    expect(outside).toEqual([]);
  });
});
