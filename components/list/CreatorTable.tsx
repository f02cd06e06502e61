import { useEffect, useRef } from 'preact/hooks';
import type { XingtuAuthor } from '@/utils/shared/xingtu-author';
import { tl } from '@/utils/views/i18n-list';
import type { SortDir, SortKey, TableRow } from '@/utils/views/list-table';
import type { ListColumn } from '@/utils/views/list-text';
import { CreatorRow } from './CreatorRow';

export interface TableSort {
  key: SortKey;
  dir: SortDir;
}

export interface CreatorTableProps {
  /** The rows shown (filtered and sorted). */
  rows: readonly TableRow[];
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

/** The creators of a list: sortable column headers (buttons in the headers), a checkbox per row. */
export function CreatorTable({ rows, columns, sort, onSort, selected, onToggle, onToggleAll, onConfirm }: CreatorTableProps) {
  const shownSelected = rows.reduce((n, r) => (selected.has(r.key) ? n + 1 : n), 0);
  const all = rows.length > 0 && shownSelected === rows.length;
  const allRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = shownSelected > 0 && !all;
  }, [shownSelected, all]);

  return (
    <div class="xdp-list__table-wrap">
      <table class="xdp-list__table">
        <caption class="xdp-sr-only">{tl('tableTitle')}</caption>
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
        <tbody>
          {rows.map((row) => (
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
    </div>
  );
}
