import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DEFAULT_PLATFORM, PLATFORMS, type Platform } from '@/utils/shared/platform';
import type { ListResults } from '@/utils/shared/creator-lists';
import type { XingtuAuthor } from '@/utils/shared/xingtu-author';
import { getLanguage } from '@/utils/views/i18n';
import { tl } from '@/utils/views/i18n-list';
import type { ListBridge } from '@/utils/views/list-bridge';
import { csvFileName } from '@/utils/views/list-export';
import type { ListSource } from '@/utils/views/list-source';
import { buildTableRows, filterRows, listCategories, sortRows, type SortKey, type TableRow } from '@/utils/views/list-table';
import { failureParts, listColumns } from '@/utils/views/list-text';
import { PlatformSwitch } from '../PlatformSwitch';
import { AnnounceContext } from './announce';
import { AddCreators } from './AddCreators';
import { ComparePanel } from './ComparePanel';
import { CreatorTable, type TableSort } from './CreatorTable';
import { ExportActions, type TextClipboard } from './ExportActions';
import { FocusPicker } from './FocusPicker';
import { ListSwitcher } from './ListSwitcher';
import { RecentlyViewed } from './RecentlyViewed';
import { RunControls } from './RunControls';
import { RUN_SCOPES, type RunScope } from './run-scope';
import { stableRows } from './stable-rows';
import { useStoredLists, useStoredResults, useStoredRun } from './use-list-data';
import './list.css';

export interface ListAppProps {
  /** Every change goes to the background through this (utils/views/list-bridge.ts). */
  bridge: ListBridge;
  /** The stored lists, results and run, followed live (utils/views/list-source.ts). */
  source: ListSource;
  clipboard: TextClipboard | null;
  openOptions: () => void;
  now?: () => number;
}

/** How long an announced status stays on screen. */
const STATUS_SHOWN_MS = 6000;

/** The platforms a list has data for, in the switch's order. */
function platformsWithData(results: ListResults): Platform[] {
  const found = new Set<Platform>();
  for (const result of Object.values(results)) for (const p of Object.keys(result.platforms) as Platform[]) found.add(p);
  return PLATFORMS.filter((p) => found.has(p));
}

/**
 * The list page (list.html): the lists, adding creators, the run with its cost first, the table
 * (focus categories, sorting, filter, selection), compare, export, and recently viewed creators.
 * It reads storage and watches it for progress; every change is asked of the background.
 */
export function ListApp({ bridge, source, clipboard, openOptions, now = Date.now }: ListAppProps) {
  const lists = useStoredLists(source);
  const run = useStoredRun(source);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const list = lists?.lists.find((l) => l.id === chosenId) ?? lists?.lists.find((l) => l.id === lists.currentId) ?? null;
  const results = useStoredResults(source, list?.id ?? null);

  // ---- one polite live region for every status change
  const [announcement, setAnnouncement] = useState({ text: '', n: 0 });
  const announce = useCallback((text: string) => setAnnouncement((prev) => ({ text, n: prev.n + 1 })), []);
  useEffect(() => {
    if (announcement.text === '') return undefined;
    // The status line is also shown; it goes away once read (screen readers have it already).
    const timer = setTimeout(() => setAnnouncement((prev) => (prev.n === announcement.n ? { ...prev, text: '' } : prev)), STATUS_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [announcement]);

  const [scope, setScope] = useState<RunScope>('short');
  const [platform, setPlatform] = useState<Platform>(DEFAULT_PLATFORM);
  const [focus, setFocus] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<TableSort | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const listId = list?.id ?? null;
  useEffect(() => setSelected(new Set()), [listId]);

  // ---- the table: rows for the platform shown, kept stable, then filtered and sorted
  const runPlatforms = run !== null && run.listId === listId ? run.platforms : null;
  const dataPlatforms = useMemo(() => platformsWithData(results), [results]);
  const tablePlatforms = PLATFORMS.filter((p) => dataPlatforms.includes(p) || (runPlatforms?.includes(p) ?? false));
  const shownPlatform = tablePlatforms.includes(platform) ? platform : (tablePlatforms[0] ?? DEFAULT_PLATFORM);
  const memo = useRef(new Map<string, { sig: string; row: TableRow }>());
  const focusKey = focus.join('\u0000');
  const rows = useMemo(
    () => (list ? stableRows(buildTableRows(list, results, shownPlatform, focus), memo.current, `${shownPlatform}\u0001${focusKey}`) : []),
    [list, results, shownPlatform, focusKey],
  );
  const categories = useMemo(() => listCategories(rows), [rows]);
  const lang = getLanguage();
  const visible = useMemo(() => {
    const filtered = filterRows(rows, query);
    return sort ? sortRows(filtered, sort.key, sort.dir, lang) : filtered;
  }, [rows, query, sort, lang]);
  const columns = useMemo(() => listColumns(focus.length > 0), [focus.length > 0]);
  const compareRows = useMemo(() => {
    const shown = new Set(visible.map((r) => r.key));
    return [...visible.filter((r) => selected.has(r.key)), ...rows.filter((r) => selected.has(r.key) && !shown.has(r.key))];
  }, [visible, rows, selected]);

  // ---- stable callbacks (the rows re-render only when their own data changes)
  const confirmTarget = useRef({ listId, platforms: runPlatforms ?? RUN_SCOPES[scope] });
  confirmTarget.current = { listId, platforms: runPlatforms ?? RUN_SCOPES[scope] };
  const onToggle = useCallback((key: string) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  const onToggleAll = useCallback((keys: readonly string[], on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      for (const key of keys) {
        if (on) next.add(key);
        else next.delete(key);
      }
      return next;
    });
  }, []);
  const onConfirm = useCallback(
    (key: string, author: XingtuAuthor | null) => {
      const target = confirmTarget.current;
      if (target.listId === null) return;
      void bridge.confirmEntry({ listId: target.listId, key, author, platforms: target.platforms }).then((answer) => {
        if (!answer.ok) announce(tl('listActionFailed', { reason: failureParts(answer.error).title }));
        else announce(author ? tl('confirmed', { name: author.nickname || author.oAuthorId }) : tl('rejectedAll'));
      });
    },
    [bridge, announce],
  );
  const onSort = (key: SortKey) =>
    setSort((prev) => (prev?.key === key ? { key, dir: prev.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'focusShare' || key === 'totalVideos' ? 'desc' : 'asc' }));

  const onRemove = async () => {
    if (!list || selected.size === 0) return;
    const keys = [...selected];
    const answer = await bridge.removeFromList({ listId: list.id, keys });
    if (!answer.ok) return announce(tl('listActionFailed', { reason: failureParts(answer.error).title }));
    setSelected(new Set());
    announce(tl('removed', { count: keys.length }));
  };

  const listName = useCallback((id: string) => lists?.lists.find((l) => l.id === id)?.name ?? null, [lists]);
  const exportPlatforms = tablePlatforms.length > 0 ? tablePlatforms : RUN_SCOPES[scope];

  return (
    <AnnounceContext.Provider value={announce}>
      <main class="xdp-list" aria-busy={lists === null ? 'true' : 'false'}>
        <header class="xdp-list__head">
          <h1>{tl('listPageTitle')}</h1>
          {lists && <ListSwitcher lists={lists.lists} current={list} bridge={bridge} onShow={setChosenId} />}
        </header>
        <p class="xdp-list__live" role="status" aria-live="polite">
          {announcement.text}
          {announcement.n % 2 === 1 ? '\u200b' : ''}
        </p>

        {lists === null ? (
          <p class="xdp-list__help">{tl('loading')}</p>
        ) : (
          <>
            {!list && <p class="xdp-list__card xdp-list__empty">{tl('listNone')}</p>}
            <div class="xdp-list__top">
              <AddCreators listId={listId} bridge={bridge} onAdded={setChosenId} />
              {list && (
                <RunControls
                  list={list}
                  results={results}
                  run={run}
                  listName={listName}
                  scope={scope}
                  onScope={setScope}
                  bridge={bridge}
                  openOptions={openOptions}
                />
              )}
            </div>

            {list && (
              <section class="xdp-list__card xdp-list__creators" aria-labelledby="xdp-table-title">
                <h2 id="xdp-table-title">{tl('tableTitle')}</h2>
                {list.entries.length === 0 ? (
                  <p class="xdp-list__help">{tl('tableEmpty')}</p>
                ) : (
                  <>
                    <div class="xdp-list__toolbar">
                      {tablePlatforms.length > 1 && (
                        <div class="xdp-view xdp-list__platforms">
                          <PlatformSwitch value={shownPlatform} onChange={setPlatform} />
                        </div>
                      )}
                      <div class="xdp-list__field xdp-list__field--inline">
                        <label for="xdp-filter">{tl('filterLabel')}</label>
                        <input
                          id="xdp-filter"
                          type="search"
                          value={query}
                          placeholder={tl('filterPlaceholder')}
                          aria-describedby="xdp-filter-count"
                          onInput={(e) => setQuery(e.currentTarget.value)}
                        />
                        <span id="xdp-filter-count" class="xdp-list__help">
                          {tl('filterCount', { shown: visible.length, total: rows.length })}
                        </span>
                      </div>
                      <ExportActions
                        list={list}
                        results={results}
                        platforms={exportPlatforms}
                        rows={visible}
                        columns={columns}
                        clipboard={clipboard}
                        now={now}
                      />
                    </div>
                    <FocusPicker categories={categories} focus={focus} onChange={setFocus} />
                    <div class="xdp-list__toolbar">
                      <button
                        type="button"
                        class="xdp-list__button xdp-list__button--danger"
                        disabled={selected.size === 0}
                        onClick={() => void onRemove()}
                      >
                        {tl('removeSelected', { count: selected.size })}
                      </button>
                      <ComparePanel rows={compareRows} chartFileName={csvFileName(list, now()).replace(/\.csv$/, '-compare.png')} />
                    </div>
                    {visible.length === 0 ? (
                      <p class="xdp-list__help">{tl('filterEmpty')}</p>
                    ) : (
                      <CreatorTable
                        rows={visible}
                        view={[listId, shownPlatform, focusKey, query, sort?.key, sort?.dir].join('\u0001')}
                        columns={columns}
                        sort={sort}
                        onSort={onSort}
                        selected={selected}
                        onToggle={onToggle}
                        onToggleAll={onToggleAll}
                        onConfirm={onConfirm}
                      />
                    )}
                  </>
                )}
              </section>
            )}

            <RecentlyViewed bridge={bridge} list={list} onAdded={setChosenId} />
          </>
        )}
      </main>
    </AnnounceContext.Provider>
  );
}
