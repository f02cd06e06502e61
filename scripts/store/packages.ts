/**
 * The store packages `npm run zip` writes into the output folder (WXT_OUT_DIR, else .output):
 * WXT's `{{name}}-{{version}}-{{browser}}.zip` for Chrome and Firefox, its sources zip for AMO's
 * review, and the Edge package, which is the Chrome zip byte for byte (edge-zip.ts copies it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type StorePackage = 'chrome' | 'edge' | 'firefox' | 'sources';
export const STORE_PACKAGES: readonly StorePackage[] = ['chrome', 'edge', 'firefox', 'sources'];

export interface PackageInfo {
  name: string;
  version: string;
}

export function packageInfo(root = ROOT): PackageInfo {
  const json: unknown = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (json === null || typeof json !== 'object') throw new Error('package.json is not an object');
  const { name, version } = json as Record<string, unknown>;
  if (typeof name !== 'string' || typeof version !== 'string') throw new Error('package.json has no name or version');
  return { name, version };
}

/** The file name of one package, e.g. xingtu-distribution-lens-1.0.0-edge.zip. */
export function packageFileName(info: PackageInfo, which: StorePackage): string {
  return `${info.name}-${info.version}-${which}.zip`;
}

/** The output folder WXT writes to (wxt.config.ts reads the same variable). */
export function outputDir(root = ROOT, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(root, env.WXT_OUT_DIR ?? '.output');
}
