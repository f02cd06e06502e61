import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createListStore, defaultListName, randomListId } from '../../utils/background/list-store';
import { ListIdSchema, MAX_LISTS, MAX_LIST_ENTRIES, type NewEntry } from '../../utils/shared/creator-lists';
import { listResultsKey, listRunItem, listsItem, parseStoredLists } from '../../utils/shared/list-records';
import * as v from 'valibot';

const SEC = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';
const xingtu = (id: string): NewEntry => ({ ref: { kind: 'xingtu', oAuthorId: id }, source: id });
const douyin = (nickname: string | null, uid: string | null = null): NewEntry => ({
  ref: { kind: 'douyin', secUid: SEC, uid, nickname },
  source: `https://www.douyin.com/user/${SEC}`,
});
const id = (n: number) => `7000000000${String(n).padStart(9, '0')}`;

let counter = 0;
const make = (now = () => Date.UTC(2025, 5, 1, 4)) => createListStore({ now, newId: () => `list${(counter += 1)}` });

async function stored() {
  return parseStoredLists(await listsItem.getValue());
}

describe('list store: lists', () => {
  it('creates a list and makes it current; renames, selects and deletes', async () => {
    const store = make();
    const a = await store.create('  Spring campaign ');
    const b = await store.create('Autumn');
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({ ok: true });
    if (!a.ok || !b.ok) return;
    let state = await stored();
    expect(state.currentId).toBe(b.value.listId);
    expect(state.lists.map((l) => l.name)).toEqual(['Spring campaign', 'Autumn']);

    expect(await store.rename(a.value.listId, 'Spring')).toEqual({ ok: true, value: true });
    expect(await store.select(a.value.listId)).toEqual({ ok: true, value: true });
    state = await stored();
    expect(state.currentId).toBe(a.value.listId);
    expect(state.lists[0]?.name).toBe('Spring');

    expect(await store.delete(a.value.listId)).toEqual({ ok: true, value: true });
    state = await stored();
    expect(state.lists.map((l) => l.id)).toEqual([b.value.listId]);
    expect(state.currentId).toBe(b.value.listId);
  });

  it('refuses empty or long names and unknown lists', async () => {
    const store = make();
    expect(await store.create('   ')).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    expect(await store.create('x'.repeat(61))).toMatchObject({ ok: false });
    expect(await store.rename('nope', 'x')).toMatchObject({ ok: false, error: { detail: 'no such list' } });
    expect(await store.select('nope')).toMatchObject({ ok: false });
    expect(await store.delete('nope')).toMatchObject({ ok: false });
    expect(await store.add('nope', [xingtu(id(1))])).toMatchObject({ ok: false });
    expect((await stored()).lists).toEqual([]);
  });

  it(`keeps at most ${MAX_LISTS} lists`, async () => {
    const store = make();
    for (let i = 0; i < MAX_LISTS; i += 1) expect((await store.create(`L${i}`)).ok).toBe(true);
    expect(await store.create('one more')).toMatchObject({ ok: false, error: { detail: `at most ${MAX_LISTS} lists` } });
    expect((await stored()).lists).toHaveLength(MAX_LISTS);
  });

  it('deleting a list drops its results record and nothing else', async () => {
    const store = make();
    const a = await store.create('A');
    const b = await store.create('B');
    if (!a.ok || !b.ok) throw new Error('setup');
    await store.add(a.value.listId, [xingtu(id(1))]);
    await store.add(b.value.listId, [xingtu(id(1))]);
    const row = { status: 'done', platforms: {}, updatedAt: 1 } as const;
    await store.updateResults(a.value.listId, () => ({ [`x:${id(1)}`]: row }));
    await store.updateResults(b.value.listId, () => ({ [`x:${id(1)}`]: row }));
    await store.delete(a.value.listId);
    const all = await fakeBrowser.storage.local.get(null);
    expect(all[listResultsKey(a.value.listId).slice('local:'.length)]).toBeUndefined();
    expect(await store.results(b.value.listId)).toEqual({ [`x:${id(1)}`]: row });
  });

  it('random ids fit the id schema', () => {
    for (let i = 0; i < 50; i += 1) expect(v.is(ListIdSchema, randomListId())).toBe(true);
  });

  it('names a list made by "Add to list" after the day, and tells same-day lists apart', () => {
    const at = new Date(2025, 0, 9, 12).getTime();
    expect(defaultListName(at, [])).toBe('2025-01-09');
    expect(defaultListName(at, ['2025-01-09'])).toBe('2025-01-09 (2)');
    expect(defaultListName(at, ['2025-01-09', '2025-01-09 (2)'])).toBe('2025-01-09 (3)');
  });
});

describe('list store: entries', () => {
  it('adding to no list makes one (named for the day) and makes it current', async () => {
    const store = make(() => new Date(2025, 5, 1, 12).getTime());
    const added = await store.add(null, [xingtu(id(1))]);
    expect(added).toMatchObject({ ok: true, value: { added: 1, duplicates: 0, refused: 0 } });
    const state = await stored();
    expect(state.lists).toHaveLength(1);
    expect(state.lists[0]?.name).toBe('2025-06-01');
    expect(state.currentId).toBe(state.lists[0]?.id);
    if (added.ok) expect(added.value.listId).toBe(state.currentId);
  });

  it('adding to null adds to the current list', async () => {
    const store = make();
    const a = await store.create('A');
    await store.create('B');
    if (!a.ok) throw new Error('setup');
    await store.select(a.value.listId);
    const added = await store.add(null, [xingtu(id(1))]);
    expect(added).toMatchObject({ ok: true, value: { listId: a.value.listId, added: 1 } });
  });

  it('merges duplicates (in the list and in the batch) and counts them; a Douyin duplicate brings its name', async () => {
    const store = make();
    const list = await store.create('A');
    if (!list.ok) throw new Error('setup');
    const { listId } = list.value;
    await store.add(listId, [xingtu(id(1)), douyin(null)]);
    const again = await store.add(listId, [xingtu(id(1)), xingtu(id(2)), xingtu(id(2)), douyin('川味小厨娘', '3429711218823623')]);
    expect(again).toEqual({ ok: true, value: { listId, added: 1, duplicates: 3, refused: 0 } });
    const entries = (await store.list(listId))?.entries ?? [];
    expect(entries.map((e) => e.key)).toEqual([`x:${id(1)}`, `d:${SEC}`, `x:${id(2)}`]);
    expect(entries[1]?.ref).toEqual({ kind: 'douyin', secUid: SEC, uid: '3429711218823623', nickname: '川味小厨娘' });
  });

  it(`refuses rows beyond ${MAX_LIST_ENTRIES} and counts them`, async () => {
    const store = make();
    const list = await store.create('A');
    if (!list.ok) throw new Error('setup');
    const batch = Array.from({ length: MAX_LIST_ENTRIES - 2 }, (_, i) => xingtu(id(i)));
    expect(await store.add(list.value.listId, batch)).toMatchObject({ ok: true, value: { added: MAX_LIST_ENTRIES - 2 } });
    const more = [xingtu(id(1)), ...Array.from({ length: 5 }, (_, i) => xingtu(id(10_000 + i)))];
    expect(await store.add(list.value.listId, more)).toMatchObject({ ok: true, value: { added: 2, duplicates: 1, refused: 3 } });
    expect((await store.list(list.value.listId))?.entries).toHaveLength(MAX_LIST_ENTRIES);
  });

  it('concurrent adds are serialised: no update is lost', async () => {
    const store = make();
    const list = await store.create('A');
    if (!list.ok) throw new Error('setup');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => store.add(list.value.listId, [xingtu(id(i))])));
    expect(answers.every((a) => a.ok && a.value.added === 1)).toBe(true);
    expect((await store.list(list.value.listId))?.entries).toHaveLength(20);
  });

  it('concurrent adds to no list make one list, not several', async () => {
    const store = make();
    await Promise.all([store.add(null, [xingtu(id(1))]), store.add(null, [xingtu(id(2))])]);
    const state = await stored();
    expect(state.lists).toHaveLength(1);
    expect(state.lists[0]?.entries).toHaveLength(2);
  });

  it('removing rows drops their results', async () => {
    const store = make();
    const list = await store.create('A');
    if (!list.ok) throw new Error('setup');
    const { listId } = list.value;
    await store.add(listId, [xingtu(id(1)), xingtu(id(2))]);
    const row = { status: 'done', platforms: {}, updatedAt: 1 } as const;
    await store.updateResults(listId, () => ({ [`x:${id(1)}`]: row, [`x:${id(2)}`]: row }));
    expect(await store.remove(listId, [`x:${id(1)}`])).toEqual({ ok: true, value: true });
    expect((await store.list(listId))?.entries.map((e) => e.key)).toEqual([`x:${id(2)}`]);
    expect(Object.keys(await store.results(listId))).toEqual([`x:${id(2)}`]);
  });
});

describe('list store: results and run', () => {
  it('results keep only rows of the list, and are not written for a list that is gone', async () => {
    const store = make();
    const list = await store.create('A');
    if (!list.ok) throw new Error('setup');
    const { listId } = list.value;
    await store.add(listId, [xingtu(id(1))]);
    const row = { status: 'done', platforms: {}, updatedAt: 1 } as const;
    expect(await store.updateResults(listId, () => ({ [`x:${id(1)}`]: row, 'x:999999999': row }))).toBe(true);
    expect(await store.results(listId)).toEqual({ [`x:${id(1)}`]: row });
    expect(await store.updateResults(listId, () => null)).toBe(true);
    expect(await store.results(listId)).toEqual({ [`x:${id(1)}`]: row });
    await store.delete(listId);
    expect(await store.updateResults(listId, () => ({ [`x:${id(1)}`]: row }))).toBe(false);
    expect(await fakeBrowser.storage.local.get(listResultsKey(listId).slice('local:'.length))).toEqual({});
  });

  it('concurrent result updates are serialised', async () => {
    const store = make();
    const list = await store.create('A');
    if (!list.ok) throw new Error('setup');
    const { listId } = list.value;
    await store.add(listId, Array.from({ length: 10 }, (_, i) => xingtu(id(i))));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.updateResults(listId, (r) => ({ ...r, [`x:${id(i)}`]: { status: 'done', platforms: {}, updatedAt: i } }))),
    );
    expect(Object.keys(await store.results(listId))).toHaveLength(10);
  });

  it('writes the run view', async () => {
    const store = make();
    const view = { runId: 'r', listId: 'l1', platforms: ['SHORT_VIDEO' as const], status: 'running' as const, total: 1, finished: 0, paidCalls: 0, fromCache: 0, startedAt: 1, updatedAt: 1 };
    await store.saveRun(view);
    expect(await listRunItem.getValue()).toEqual(view);
    await store.saveRun(null);
    expect(await listRunItem.getValue()).toBeNull();
  });
});
