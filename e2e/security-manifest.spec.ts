/**
 * The built manifest and bundle (no browser needed): least privilege, no remote code, a strict
 * extension CSP, nothing that lets a page or another extension in, and a README that explains
 * every permission the manifest asks for.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { EXTENSION_DIR, ROOT, builtManifest } from './harness';

const EXPECTED_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; img-src 'self' data:";

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  externally_connectable?: unknown;
  web_accessible_resources?: { resources: string[]; matches?: string[]; use_dynamic_url?: boolean; extension_ids?: string[] }[];
  content_scripts?: { matches: string[]; js?: string[]; world?: string }[];
  sandbox?: unknown;
  key?: unknown;
  update_url?: unknown;
}

const manifest = () => builtManifest() as Manifest;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

test('least privilege: storage, alarms and the two API hosts, nothing optional, nothing external', () => {
  const m = manifest();
  expect(m.permissions).toEqual(['storage', 'alarms']);
  expect(m.host_permissions).toEqual(['https://api.justoneapi.com/*', 'http://47.117.133.51:30015/*']);
  expect(m.optional_permissions).toBeUndefined();
  expect(m.optional_host_permissions).toBeUndefined();
  // No web page can message the background; no sandbox pages; no update URL of our own.
  expect(m.externally_connectable).toBeUndefined();
  expect(m.sandbox).toBeUndefined();
  expect(m.update_url).toBeUndefined();
  // Content scripts run in the isolated world only.
  for (const script of m.content_scripts ?? []) expect(script.world ?? 'ISOLATED').toBe('ISOLATED');
});

test('a strict CSP for extension pages: only our own scripts, no plugins, no <base>, no form posts', () => {
  const csp = manifest().content_security_policy;
  expect(csp?.extension_pages).toBe(EXPECTED_CSP);
  expect(csp?.sandbox).toBeUndefined();
  // No image from any other host: avatars reach the pages as data: URLs fetched by the background.
  expect(csp?.extension_pages).toMatch(/img-src 'self' data:$/);
  expect(csp?.extension_pages).not.toMatch(/https?:|\*/);
});

test('only panel.html and the list badge chunk are web-accessible, only to the pages the content script runs on', () => {
  const m = manifest();
  const war = m.web_accessible_resources ?? [];
  expect(war).toHaveLength(1);
  // list-badges.js: imported by the content script on list pages (utils/page/badge-loader.ts);
  // douyin-reader.js: on Douyin creator pages (utils/page/douyin/load-reader.ts).
  expect(war[0]?.resources).toEqual(['panel.html', 'list-badges.js', 'douyin-reader.js']);
  // Not behind a dynamic URL (wxt.config.ts says why): a page-made panel.html gets nothing anyway (security-hostile.spec.ts).
  expect(war[0]?.use_dynamic_url).toBeUndefined();
  expect(war[0]?.extension_ids).toBeUndefined();
  const scriptHosts = new Set((m.content_scripts ?? []).flatMap((s) => s.matches));
  expect(new Set(war[0]?.matches)).toEqual(scriptHosts);
  for (const match of scriptHosts) expect(match).toMatch(/^https:\/\/[a-z.]+\/\*$/);
});

test('no remote code: pages load only their own scripts; no eval, no Function, no remote import', () => {
  const all = files(EXTENSION_DIR);
  for (const html of all.filter((f) => f.endsWith('.html'))) {
    const text = readFileSync(html, 'utf8');
    const sources = [...text.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(sources.length, path.basename(html)).toBeGreaterThan(0);
    for (const src of sources) expect(src, `${path.basename(html)} loads ${src}`).toMatch(/^\/(?!\/)/);
    expect(text, `${path.basename(html)} has no inline script`).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
  }
  for (const js of all.filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(js, 'utf8');
    const name = path.relative(EXTENSION_DIR, js);
    expect(text, name).not.toMatch(/\beval\s*\(/);
    expect(text, name).not.toMatch(/\bnew\s+Function\s*\(/);
    expect(text, name).not.toMatch(/\bimport\s*\(\s*["'`]https?:/);
    expect(text, name).not.toMatch(/importScripts\s*\(\s*["'`]https?:/);
  }
});

test('the Firefox build has the same policy (when it was built alongside)', () => {
  const dir = path.join(path.dirname(EXTENSION_DIR), 'firefox-mv2');
  test.skip(!existsSync(path.join(dir, 'manifest.json')), 'no Firefox build in this folder');
  const firefox = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  expect(firefox.content_security_policy).toBe(EXPECTED_CSP); // MV2: a string
  expect(firefox.web_accessible_resources).toEqual(['panel.html', 'list-badges.js', 'douyin-reader.js']);
  expect(firefox.externally_connectable).toBeUndefined();
});

test('the README explains every permission, host, content-script site and web-accessible resource', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Permissions'), readme.indexOf('\n## ', readme.indexOf('## Permissions') + 1));
  expect(section.length).toBeGreaterThan(100);
  const m = manifest();
  for (const permission of m.permissions ?? []) expect(section, permission).toContain(`\`${permission}\``);
  for (const host of m.host_permissions ?? []) expect(section, host).toContain(`\`${host}\``);
  for (const match of (m.content_scripts ?? []).flatMap((s) => s.matches)) {
    const host = new URL(match.replace('*', 'x')).host;
    expect(section, match).toContain(`\`${host}\``);
  }
  for (const resource of (m.web_accessible_resources ?? []).flatMap((w) => w.resources)) expect(section, resource).toContain(`\`${resource}\``);
  expect(section).toMatch(/content_security_policy|CSP/);
});
