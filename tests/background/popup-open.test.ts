import { describe, expect, it, vi } from 'vitest';
import { createPopupOpener, type PopupOpenerDeps } from '../../utils/background/popup-open';
import { OPENED_CREATOR_TTL_MS } from '../../utils/shared/popup-open';

const ID = '7006229624431689736';

function setup(over: Partial<PopupOpenerDeps> = {}) {
  let stored: unknown = null;
  let now = 1_000_000;
  const deps = {
    store: {
      get: vi.fn(async () => stored),
      set: vi.fn(async (value: unknown) => {
        stored = value;
      }),
      clear: vi.fn(async () => {
        stored = null;
      }),
    },
    openPopup: vi.fn(async () => undefined),
    openWindow: vi.fn(async () => undefined),
    openTab: vi.fn(async () => undefined),
    now: () => now,
    ...over,
  } satisfies PopupOpenerDeps;
  return {
    deps,
    opener: createPopupOpener(deps),
    tick: (ms: number) => (now += ms),
    put: (value: unknown) => (stored = value),
    stored: () => stored,
  };
}

describe('createPopupOpener', () => {
  it('hands the creator over before the toolbar popup opens (the popup asks as soon as it starts)', async () => {
    const order: string[] = [];
    const t = setup();
    vi.mocked(t.deps.store.set).mockImplementation(async () => void order.push('set'));
    vi.mocked(t.deps.openPopup).mockImplementation(async () => void order.push('popup'));
    expect(await t.opener.open(ID, 4)).toBe('popup');
    expect(order).toEqual(['set', 'popup']);
    expect(t.deps.openPopup).toHaveBeenCalledWith(4);
  });

  it('gives the creator out once, and only within the time it waits', async () => {
    const t = setup();
    await t.opener.open(ID, undefined);
    expect(await t.opener.take()).toBe(ID);
    expect(await t.opener.take()).toBeNull();
    await t.opener.open(ID, undefined);
    t.tick(OPENED_CREATOR_TTL_MS + 1);
    expect(await t.opener.take()).toBeNull(); // a popup the user opens later shows its own tab
    expect(t.stored()).toBeNull();
  });

  it.each([
    ['a malformed id', { oAuthorId: '12<b>', at: 1_000_000 }],
    ['no time', { oAuthorId: ID }],
    ['a string', ID],
    ['a time in the future (a clock set back)', { oAuthorId: ID, at: 1_000_000 + 60_000 }],
  ])('a stored value that is %s gives nothing and is cleared', async (_label, value) => {
    const t = setup();
    t.put(value);
    expect(await t.opener.take()).toBeNull();
    expect(t.stored()).toBeNull();
  });

  it('refused toolbar popup: a popup window naming the creator; the hand-over is withdrawn', async () => {
    const t = setup({ openPopup: vi.fn(async () => Promise.reject(new Error('policy only'))) });
    expect(await t.opener.open(ID, 4)).toBe('window');
    expect(t.deps.openWindow).toHaveBeenCalledWith(`/popup.html?creator=${ID}`);
    expect(t.deps.openTab).not.toHaveBeenCalled();
    expect(await t.opener.take()).toBeNull();
  });

  it('no windows either (a browser without them): a tab', async () => {
    const t = setup({ openPopup: vi.fn(async () => Promise.reject(new Error('x'))), openWindow: vi.fn(async () => Promise.reject(new Error('y'))) });
    expect(await t.opener.open(ID, undefined)).toBe('window');
    expect(t.deps.openTab).toHaveBeenCalledWith(`/popup.html?creator=${ID}`);
  });
});
