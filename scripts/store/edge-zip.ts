/**
 * `npm run zip`'s last step: the Edge package is the Chrome package (same Manifest V3 build; Edge
 * reads minimum_chrome_version too), saved under its own name so each store gets a file named for
 * it. Fails when the Chrome zip is missing (run `wxt zip` first).
 */
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { outputDir, packageFileName, packageInfo } from './packages';

const info = packageInfo();
const dir = outputDir();
const chrome = path.join(dir, packageFileName(info, 'chrome'));
if (!existsSync(chrome)) {
  console.error(`No Chrome package at ${chrome}: run \`wxt zip\` first.`);
  process.exit(1);
}
const edge = path.join(dir, packageFileName(info, 'edge'));
copyFileSync(chrome, edge);
console.log(`Edge package: ${path.relative(process.cwd(), edge)} (the Chrome package)`);
