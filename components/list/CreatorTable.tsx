import { useEffect, useRef } from 'preact/hooks';
import type { XingtuAuthor } from '@/utils/shared/xingtu-author';
import { tl } from '@/utils/views/i18n-list';
import type { SortDir, SortKey, TableRow } from '@/utils/views/list-table';
import type { ListColumn } from '@/utils/views/list-text';
import { CreatorRow } from './CreatorRow';
import { useGrowingCount } from './grow-rows';

export interface TableSort {
  key: SortKey;
  dir: SortDir;
}

export interface CreatorTableProps {
  /** The rows shown (filtered and sorted). */
  rows: readonly TableRow[];
  /**
   * What the rows are (list, platform, focus, filter, sort): when it changes, the rows are
   * rendered again from the top in chunks (components/list/grow-rows.ts).
   */
  view: string;
  columns: readonly ListColumn[];
  sort: TableSort | null;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onToggle: (key: string) => void;
  /** Select (true) or clear (false) every shown row. */
  onToggleAll: (keys: readonly string[], on: boolean) => void;
  onConfirm: (key: string, author: XingtuAuthor | null) => void;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;
/** A row's height before any is measured (one line of chips), px. */
const ROW_HEIGHT_GUESS = 36;

/**
 * The creators of a list: sortable column headers (buttons in the headers), a checkbox per row.
 * Fixed column widths (list.css), so the layout of a row never depends on the others; long
 * tables are rendered in chunks (grow-rows.ts: the table is aria-busy until every row is in),
 * with the height of the rows still to come kept below it, so the scroll position holds.
 */
export function CreatorTable({ rows, view, columns, sort, onSort, selected, onToggle, onToggleAll, onConfirm }: CreatorTableProps) {
  const count = useGrowingCount(rows.length, view);
  const pending = rows.length - count;
  const body = useRef<HTMLTableSectionElement>(null);
  const rowHeight = useRef(ROW_HEIGHT_GUESS);
  useEffect(() => {
    // After the frame that showed them (layout is clean then): the rows' mean height.
    const height = body.current?.offsetHeight ?? 0;
    if (count > 0 && height > 0) rowHeight.current = height / count;
  }, [count]);

  const shownSelected = rows.reduce((n, r) => (selected.has(r.key) ? n + 1 : n), 0);
  const all = rows.length > 0 && shownSelected === rows.length;
  const allRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = shownSelected > 0 && !all;
  }, [shownSelected, all]);

  return (
    <div class="xdp-list__table-wrap">
      <table class="xdp-list__table" aria-busy={pending > 0 ? 'true' : undefined}>
        <caption class="xdp-sr-only">{tl('tableTitle')}</caption>
        <colgroup>
          <col class="xdp-list__col-select" />
          {columns.map((column) => (
            <col key={column.key} class={`xdp-list__col-${column.key}`} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <td class="xdp-list__select">
              <input
                ref={allRef}
                type="checkbox"
                checked={all}
                disabled={rows.length === 0}
                aria-label={tl('selectAll')}
                onChange={() => onToggleAll(rows.map((r) => r.key), !all)}
              />
            </td>
            {columns.map((column) => {
              const sorted = sort?.key === column.key ? sort.dir : null;
              return (
                <th
                  key={column.key}
                  scope="col"
                  class={column.numeric ? 'xdp-list__num' : undefined}
                  aria-sort={sorted ? ARIA_SORT[sorted] : undefined}
                >
                  <button type="button" class="xdp-list__sort" onClick={() => onSort(column.key)}>
                    {tl(column.label)}
                    <span class="xdp-list__sort-mark" aria-hidden="true">
                      {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody ref={body}>
          {(pending > 0 ? rows.slice(0, count) : rows).map((row) => (
            <CreatorRow
              key={row.key}
              row={row}
              columns={columns}
              selected={selected.has(row.key)}
              onToggle={onToggle}
              onConfirm={onConfirm}
            />
          ))}
        </tbody>
      </table>
      {pending > 0 && <div class="xdp-list__rows-pending" aria-hidden="true" style={{ height: `${Math.round(pending * rowHeight.current)}px` }} />}
    </div>
  );
}
