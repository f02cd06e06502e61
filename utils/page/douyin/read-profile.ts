import type { DouyinPage } from '../../shared/douyin-page-url';
import type { DouyinExpected, DouyinProfile } from './profile';
import { readHeader } from './read-header';
import { paceFPayloadsFromScript, readPaceF } from './read-pace-f';
import { readRenderData } from './read-render-data';

/** What the URL says about the page's owner. */
export function expectedForPage(page: DouyinPage): DouyinExpected {
  switch (page.kind) {
    case 'douyin-user':
      return { secUid: page.secUid, self: false, uid: null };
    case 'douyin-self':
      return { secUid: null, self: true, uid: null };
    case 'douyin-share':
      return { secUid: page.secUid, self: false, uid: page.uid };
  }
}

/** Ids the URL knows fill the profile's missing ones (never replace them). */
function fillFromUrl(profile: DouyinProfile, page: DouyinPage): DouyinProfile {
  if (page.kind === 'douyin-self') return profile;
  const uid = page.kind === 'douyin-share' ? page.uid : null;
  return { ...profile, secUid: profile.secUid ?? page.secUid, uid: profile.uid ?? uid };
}

/**
 * The owner from the server data of a document: RENDER_DATA first, then the `__pace_f`
 * stream. Only what the data itself says (the URL fills nothing here). Never throws.
 */
export function readServerData(doc: Document, expected: DouyinExpected): DouyinProfile | null {
  const renderData = doc.getElementById('RENDER_DATA')?.textContent ?? '';
  const fromRenderData = renderData === '' ? null : readRenderData(renderData, expected);
  if (fromRenderData) return fromRenderData;

  const payloads: string[] = [];
  for (const script of Array.from(doc.querySelectorAll('script:not([src])'))) {
    const text = script.textContent ?? '';
    if (text.includes('__pace_f')) payloads.push(...paceFPayloadsFromScript(text));
  }
  return payloads.length === 0 ? null : readPaceF(payloads, expected);
}

/**
 * The owner of a Douyin creator page: RENDER_DATA first, then the `__pace_f` stream, then the
 * owner's header. Null when `page` is null (not a creator page) or nothing usable was found (e.g.
 * a captcha / risk-control page, or headers of several accounts and no telling which is the
 * owner's) — "could not read this page", not an error. Pure given the Document; never throws on
 * unexpected markup.
 */
export function readDouyinProfile(doc: Document, page: DouyinPage | null): DouyinProfile | null {
  if (!page) return null;
  const expected = expectedForPage(page);
  const profile = readServerData(doc, expected) ?? readHeader(doc, expected);
  return profile ? fillFromUrl(profile, page) : null;
}
