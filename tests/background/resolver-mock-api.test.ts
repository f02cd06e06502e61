/**
 * The whole background chain against the mock API over real HTTP: client → parser → matcher →
 * account links (fake storage). Counts the paid calls the mock saw.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockApi, DISTRIBUTION_PATH, SEARCH_PATH, type MockApi } from '../../e2e/mock-api';
import {
  DEMO_DOUYIN_ACCOUNTS,
  FOOD_CREATOR_ID,
  IMITATION_CREATOR_ID,
  IMITATION_DOUYIN_ACCOUNT,
  MUSIC_CREATOR_ID,
  NOT_ON_XINGTU_ACCOUNT,
  type DouyinAccountFixture,
} from '../../e2e/fixtures/creators';
import { createApiClient } from '../../utils/background/api/client';
import { createAccountLinks } from '../../utils/background/account-links';
import { createCreatorResolver } from '../../utils/background/creator-resolver';
import type { DouyinAccount } from '../../utils/shared/messaging';
import { DEFAULT_SETTINGS } from '../../utils/shared/settings';

const TOKEN = 'test-key';
let mock: MockApi;

beforeAll(async () => {
  mock = await startMockApi({ token: TOKEN });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.reset();
});

function account(fixture: DouyinAccountFixture | undefined, patch: Partial<DouyinAccount> = {}): DouyinAccount {
  if (!fixture) throw new Error('missing fixture');
  return { uid: fixture.uid, secUid: fixture.secUid, nickname: fixture.nickname, uniqueId: fixture.uniqueId, ...patch };
}

function resolver() {
  return createCreatorResolver({
    client: createApiClient({ sleep: async () => undefined }),
    links: createAccountLinks(),
    loadApiKey: async () => TOKEN,
    loadSettings: async () => ({ ...DEFAULT_SETTINGS, endpoint: 'custom', customUrl: mock.url }),
  });
}

const searches = () => mock.calls({ path: SEARCH_PATH }).length;
const FOOD = DEMO_DOUYIN_ACCOUNTS[FOOD_CREATOR_ID];

describe('resolver against the mock API', () => {
  it('the real creator and its imitation: each its own Xingtu id, one search for both, none on a repeat', async () => {
    const r = resolver();
    const real = await r.resolve(account(FOOD));
    expect(real).toMatchObject({ ok: true, value: { kind: 'sure', source: 'search', author: { oAuthorId: FOOD_CREATOR_ID, nickname: FOOD?.nickname } } });
    const imitation = await r.resolve(account(IMITATION_DOUYIN_ACCOUNT));
    expect(imitation).toMatchObject({ ok: true, value: { kind: 'sure', author: { oAuthorId: IMITATION_CREATOR_ID } } });
    expect(await r.resolve(account(FOOD))).toEqual(real);
    expect(await resolver().resolve(account(FOOD))).toEqual(real); // restarted background
    expect(searches()).toBe(1);
    expect(mock.calls({ path: SEARCH_PATH })[0]?.query).toMatchObject({ keyword: FOOD?.nickname, page: '1', searchType: 'NICKNAME', sort: 'FANS' });
    expect(mock.calls({ path: DISTRIBUTION_PATH })).toEqual([]);
  });

  it('a 19-digit uid matches exactly', async () => {
    const music = DEMO_DOUYIN_ACCOUNTS[MUSIC_CREATOR_ID];
    expect(BigInt(music?.uid ?? '0') > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(await resolver().resolve(account(music))).toMatchObject({ ok: true, value: { kind: 'sure', author: { oAuthorId: MUSIC_CREATOR_ID } } });
  });

  it('without a uid the namesakes are ambiguous; a Douyin account not on Xingtu is none', async () => {
    const r = resolver();
    const noUid = await r.resolve(account(FOOD, { uid: null }));
    expect(noUid.ok && noUid.value.kind === 'ambiguous' && noUid.value.candidates.map((c) => c.oAuthorId).sort()).toEqual(
      [FOOD_CREATOR_ID, IMITATION_CREATOR_ID].sort(),
    );
    expect(await r.resolve(account(NOT_ON_XINGTU_ACCOUNT))).toEqual({ ok: true, value: { kind: 'none' } });
    expect(await resolver().resolve(account(NOT_ON_XINGTU_ACCOUNT))).toEqual({ ok: true, value: { kind: 'none' } });
    expect(searches()).toBe(2);
  });

  it('301 is retried by the client; 303 is reported once and not stored', async () => {
    mock.setSearchScenario('*', [{ code: 301 }, { code: 301 }]);
    expect((await resolver().resolve(account(FOOD))).ok).toBe(true);
    expect(searches()).toBe(3);

    mock.reset();
    await createAccountLinks().clear();
    mock.setSearchScenario(FOOD?.nickname ?? '', { code: 303 });
    const r = resolver();
    expect(await r.resolve(account(FOOD))).toMatchObject({ ok: false, error: { kind: 'quota-exceeded', code: 303 } });
    expect(searches()).toBe(1);
    mock.clearSearchScenario(FOOD?.nickname ?? '');
    expect(await r.resolve(account(FOOD))).toMatchObject({ ok: true, value: { kind: 'sure' } });
    expect(searches()).toBe(2);
  });

  it('a wrong key is invalid-token after one call', async () => {
    mock.setToken('another-key');
    expect(await resolver().resolve(account(FOOD))).toMatchObject({ ok: false, error: { kind: 'invalid-token', code: 100 } });
    expect(searches()).toBe(1);
  });

  it('concurrent resolves of the same page make one call', async () => {
    mock.setSearchScenario('*', { delayMs: 200 });
    const r = resolver();
    const answers = await Promise.all([r.resolve(account(FOOD)), r.resolve(account(FOOD)), r.search(FOOD?.nickname ?? '')]);
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(searches()).toBe(1);
  });
});
