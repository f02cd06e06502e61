import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS, LISTING_LOCALES, SCREENSHOT_FILES, SCREENSHOT_SIZE, manifestMessages, readListing, screenshotPath } from '../../scripts/store/listing';
import { pngSize } from '../../scripts/store/icons';
import { ROOT } from '../../scripts/store/packages';

/** The store listing (store/, issue 13 item 7) fits the stores' limits and matches the manifest. */

const chars = (text: string): number => [...text].length;

describe.each(LISTING_LOCALES)('store listing, %s', (locale) => {
  const listing = readListing(locale);
  const messages = manifestMessages(locale);

  it('has a name, a summary and a description within the stores’ limits', () => {
    expect(chars(listing.name)).toBeGreaterThan(0);
    expect(chars(listing.name)).toBeLessThanOrEqual(LIMITS.name);
    expect(chars(listing.summary)).toBeGreaterThan(20);
    expect(chars(listing.summary)).toBeLessThanOrEqual(LIMITS.summary);
    expect(chars(listing.description)).toBeGreaterThanOrEqual(LIMITS.descriptionMin);
    expect(chars(listing.description)).toBeLessThanOrEqual(LIMITS.descriptionMax);
    expect(listing.summary).not.toContain('\n');
  });

  it('names the extension as its manifest does, whose description also fits', () => {
    expect(messages.extName).toBe(listing.name);
    expect(messages.extDescription).toBe(listing.summary);
    expect(chars(messages.extDescription ?? '')).toBeLessThanOrEqual(LIMITS.summary);
  });

  it('says what it does, what the key is and costs, and what is private', () => {
    const text = listing.description;
    expect(text).toContain('Just One API');
    expect(text).toMatch(locale === 'en' ? /API key/ : /API 密钥/);
    expect(text).toMatch(locale === 'en' ? /bills each call/ : /按次.*计费/);
    expect(text).toMatch(locale === 'en' ? /Nothing is sent to us/ : /不向我们/);
    for (const heading of locale === 'en' ? ['WHAT IT DOES', 'THE API KEY, AND WHAT IT COSTS', 'PRIVACY', 'PERMISSIONS'] : ['功能', 'API 密钥与费用', '隐私', '权限']) {
      expect(text.split('\n')).toContain(heading);
    }
  });

  it.each(SCREENSHOT_FILES)('has the screenshot %s at 1280×800', (file) => {
    expect(pngSize(readFileSync(screenshotPath(locale, file)))).toEqual(SCREENSHOT_SIZE);
  });
});

describe('privacy policy', () => {
  const policy = readFileSync(path.join(ROOT, 'store', 'privacy-policy.md'), 'utf8');

  it('is in both languages and names every endpoint that receives data', () => {
    expect(policy).toContain('## English');
    expect(policy).toContain('## 中文');
    for (const endpoint of ['https://api.justoneapi.com', 'http://47.117.133.51:30015']) expect(policy.split(endpoint).length - 1).toBe(2);
  });

  it('states what is stored for how long, with the bounds the code keeps', async () => {
    const { DEFAULT_MAX_CACHE_ENTRIES } = await import('../../utils/background/cache');
    const { NEGATIVE_TTL_MS } = await import('../../utils/background/account-links');
    const { MAX_RECENT_VIEWS } = await import('../../utils/background/recent-views');
    const { MAX_LISTS, MAX_LIST_ENTRIES } = await import('../../utils/shared/creator-lists');
    for (const [en, zh] of [
      [`about ${DEFAULT_MAX_CACHE_ENTRIES} answers`, `最多约 ${DEFAULT_MAX_CACHE_ENTRIES} 条`],
      [`expire after ${NEGATIVE_TTL_MS / 86_400_000} days`, `${NEGATIVE_TTL_MS / 86_400_000} 天后过期`],
      [`last ${MAX_RECENT_VIEWS} creators`, `最近查看的 ${MAX_RECENT_VIEWS} 位达人`],
      [`at most ${MAX_LISTS} lists of ${MAX_LIST_ENTRIES} creators`, `最多 ${MAX_LISTS} 个清单，每个 ${MAX_LIST_ENTRIES} 位达人`],
      ['90 days, at most 20,000 entries', '90 天，最多 20,000 条'],
    ]) {
      expect(policy).toContain(en);
      expect(policy).toContain(zh);
    }
  });
});
