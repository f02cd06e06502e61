/**
 * What sets the Chrome package's `minimum_chrome_version`: every API, syntax and CSS feature the
 * built package uses that older Chrome (and Edge, same numbers) lacks, with the first version
 * that has it. e2e/store-checks.spec.ts detects them in the built files and requires the manifest
 * to name the highest. Add a row when code starts to use something newer than the current floor.
 */

export interface BuiltPackage {
  /** Every .js file of the package, concatenated. */
  js: string;
  /** Every .css file, concatenated. */
  css: string;
  manifest: Record<string, unknown>;
  /** A source file of the repository (for values a minifier folds away). */
  source(path: string): string;
}

export interface ChromeFeature {
  name: string;
  /** The first Chrome (and Edge) version where it works as the extension needs. */
  since: number;
  used(pkg: BuiltPackage): boolean;
}

export const CHROME_FEATURES: readonly ChromeFeature[] = [
  {
    // Vite 8's default build.target ("baseline widely available", 2025-05-01): chrome111. WXT
    // keeps it; the bundles may use any syntax that target allows.
    name: "JavaScript syntax of Vite's default build target (chrome111)",
    since: 111,
    used: () => true,
  },
  {
    // Before 120 a packed extension's alarms fire at most once a minute; the list run's watchdog
    // wants every 30 s (utils/background/run-lifetime.ts).
    name: 'chrome.alarms period under one minute (list-run watchdog)',
    since: 120,
    used: (pkg) => {
      const m = /WATCHDOG_MINUTES\s*=\s*([\d.]+)/.exec(pkg.source('utils/background/run-lifetime.ts'));
      return m !== null && Number(m[1]) < 1 && pkg.js.includes('periodInMinutes');
    },
  },
  { name: 'storage.local.setAccessLevel (content scripts cannot read storage)', since: 102, used: (pkg) => pkg.js.includes('setAccessLevel') },
  { name: 'chrome.storage.session', since: 102, used: (pkg) => /storage\.session\b/.test(pkg.js) },
  { name: 'Object.hasOwn', since: 93, used: (pkg) => pkg.js.includes('Object.hasOwn') || pkg.js.includes('.hasOwn(') },
  { name: 'structuredClone', since: 98, used: (pkg) => pkg.js.includes('structuredClone(') },
  { name: 'Array.prototype.toSorted / toReversed / with', since: 110, used: (pkg) => /\.(toSorted|toReversed|toSpliced)\(/.test(pkg.js) },
  { name: 'Object.groupBy / Map.groupBy', since: 117, used: (pkg) => /\b(Object|Map)\.groupBy\(/.test(pkg.js) },
  { name: 'Promise.withResolvers', since: 119, used: (pkg) => pkg.js.includes('Promise.withResolvers') },
  { name: 'Set methods (union, intersection, …)', since: 122, used: (pkg) => /\.(union|intersection|symmetricDifference|isSubsetOf|isSupersetOf)\(/.test(pkg.js) },
  { name: 'CSS :has()', since: 105, used: (pkg) => pkg.css.includes(':has(') },
  { name: 'CSS container queries', since: 105, used: (pkg) => pkg.css.includes('@container') },
  { name: 'CSS color-mix()', since: 111, used: (pkg) => pkg.css.includes('color-mix(') },
  { name: 'CSS text-wrap: balance / pretty', since: 114, used: (pkg) => /text-wrap(-style)?:\s*(balance|pretty)/.test(pkg.css) },
  { name: 'CSS @starting-style', since: 117, used: (pkg) => pkg.css.includes('@starting-style') },
  { name: 'CSS nesting (&)', since: 120, used: (pkg) => /&[\s:.[>+~]/.test(pkg.css) },
  { name: 'CSS light-dark()', since: 123, used: (pkg) => pkg.css.includes('light-dark(') },
  { name: 'CSS field-sizing', since: 123, used: (pkg) => pkg.css.includes('field-sizing') },
  { name: 'CSS anchor positioning', since: 125, used: (pkg) => /anchor-name|position-anchor/.test(pkg.css) },
];

/** The features the package uses, and the version that has them all. */
export function requiredChromeVersion(pkg: BuiltPackage): { version: number; because: string[] } {
  const used = CHROME_FEATURES.filter((f) => f.used(pkg));
  const version = Math.max(...used.map((f) => f.since));
  return { version, because: used.filter((f) => f.since === version).map((f) => f.name) };
}
