import {
  confirms,
  contradicts,
  hasExpectedId,
  isRecord,
  mergeProfiles,
  parseJsonKeepingDigits,
  pathIn,
  profileFromUserObject,
  sameAccount,
  type DouyinExpected,
  type DouyinProfile,
} from './profile';

/** Where the signed-in viewer sits in RENDER_DATA. Never the creator unless the URL says so. */
const VIEWER_PATHS: readonly (readonly string[])[] = [
  ['app', 'user', 'info'],
  ['app', 'user', 'userInfo'],
];

/** URL-encoded JSON (the usual form); plain JSON is accepted too. Null when neither parses. */
function decodeRenderData(scriptText: string): unknown {
  const raw = scriptText.trim();
  if (raw === '') return null;
  try {
    return parseJsonKeepingDigits(decodeURIComponent(raw));
  } catch {
    // fall through: bad URI escapes, or not URL-encoded at all
  }
  try {
    return parseJsonKeepingDigits(raw);
  } catch {
    return null;
  }
}

/**
 * The creator a Douyin page's `<script id="RENDER_DATA">` describes.
 *
 * - The owner is `<n>.user.user` under a numeric top-level key (several keys are tried in
 *   numeric order).
 * - `app.user.info` is the signed-in VIEWER: used only on /user/self (`expected.self`) or when
 *   its id equals the one in the URL.
 * - On /user/self only the viewer counts (an owner block there may be left over from the page
 *   first loaded in this tab); it is completed from an owner block of the same account.
 * - When the URL names an account, an owner with a different sec_uid/uid is stale data of a
 *   previously shown creator: not returned. An owner block without comparable ids is accepted.
 * - Never throws: bad encoding, bad JSON or unexpected shapes give null.
 */
export function readRenderData(scriptText: string, expected: DouyinExpected): DouyinProfile | null {
  const data = decodeRenderData(scriptText);
  if (!isRecord(data)) return null;

  const owners: DouyinProfile[] = [];
  const numericKeys = Object.keys(data)
    .filter((key) => /^\d{1,6}$/.test(key))
    .sort((a, b) => Number(a) - Number(b));
  for (const key of numericKeys) {
    const owner = profileFromUserObject(pathIn(data[key], ['user', 'user']), 'render-data');
    if (owner) owners.push(owner);
  }

  let viewer: DouyinProfile | null = null;
  for (const path of VIEWER_PATHS) {
    viewer = profileFromUserObject(pathIn(data, path), 'render-data');
    if (viewer) break;
  }

  if (expected.self) {
    if (!viewer || contradicts(viewer, expected)) return null;
    const same = owners.find((owner) => sameAccount(owner, viewer));
    return same ? mergeProfiles(same, viewer) : viewer;
  }

  if (hasExpectedId(expected)) {
    const confirmed = owners.find((owner) => confirms(owner, expected));
    if (confirmed) return viewer ? mergeProfiles(confirmed, viewer) : confirmed;
    // An owner without any comparable id: trust the page structure.
    const unverified = owners.find((owner) => !contradicts(owner, expected));
    if (unverified) return unverified;
    // The visitor looking at their own page through its sec_uid link.
    if (viewer && confirms(viewer, expected)) return viewer;
    return null;
  }

  return owners[0] ?? null;
}
