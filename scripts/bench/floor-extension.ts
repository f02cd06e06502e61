/**
 * The "floor" for the page-side cost (issue 15): an MV3 extension whose content script only reads
 * the URL, on the same pages and at the same time as ours (CREATOR_SITE_MATCHES, document_idle).
 * What a page pays for it (an isolated world, one script) is what any content script costs; the
 * bench compares ours with it (scripts/bench/page-cost.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CREATOR_SITE_MATCHES } from '../../utils/shared/sites';

/** The floor's content script: reads the URL, keeps nothing. */
export const FLOOR_SCRIPT = 'void location.href;\n';

/** The floor extension's manifest. */
export function floorManifest(): Record<string, unknown> {
  return {
    manifest_version: 3,
    name: 'bench floor: a content script that reads the URL',
    version: '1.0.0',
    content_scripts: [{ matches: [...CREATOR_SITE_MATCHES], run_at: 'document_idle', js: ['read-url.js'] }],
  };
}

/** Write the floor extension into `dir` (created); returns `dir`. */
export function writeFloorExtension(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(floorManifest(), null, 2)}\n`);
  writeFileSync(path.join(dir, 'read-url.js'), FLOOR_SCRIPT);
  return dir;
}
