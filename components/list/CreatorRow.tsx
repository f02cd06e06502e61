import { Component } from 'preact';
import { formatShare } from '@/utils/shared/distribution';
import type { XingtuAuthor } from '@/utils/shared/xingtu-author';
import { xingtuCreatorUrl } from '@/utils/shared/xingtu-link';
import { formatCount } from '@/utils/views/i18n';
import { tl } from '@/utils/views/i18n-list';
import type { TableRow } from '@/utils/views/list-table';
import { statusText, type ListColumn } from '@/utils/views/list-text';
import { AuthorCard } from '../AuthorCard';
import { TimeAgo } from '../TimeAgo';

export interface CreatorRowProps {
  row: TableRow;
  columns: readonly ListColumn[];
  selected: boolean;
  /** Stable callbacks (the row re-renders only when its own props change). */
  onToggle: (key: string) => void;
  onConfirm: (key: string, author: XingtuAuthor | null) => void;
}

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a) as (keyof typeof a)[];
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * One creator of the table. A class with shouldComponentUpdate so that 200 rows cost nothing
 * when something else changes (a progress tick of another row, a selection, the filter box).
 */
export class CreatorRow extends Component<CreatorRowProps> {
  override shouldComponentUpdate(next: CreatorRowProps): boolean {
    return !shallowEqual(this.props, next);
  }

  render({ row, columns, selected, onToggle, onConfirm }: CreatorRowProps) {
    return (
      <tr data-key={row.key} data-status={row.status} class={selected ? 'xdp-list__row--selected' : undefined}>
        <td class="xdp-list__select">
          <input type="checkbox" checked={selected} aria-label={tl('selectRow', { name: row.name })} onChange={() => onToggle(row.key)} />
        </td>
        {columns.map((column) => {
          switch (column.key) {
            case 'name':
              return (
                <th key="name" scope="row" class="xdp-list__name" title={row.name}>
                  {row.name}
                </th>
              );
            case 'oAuthorId':
              return (
                <td key="id" class="xdp-list__id">
                  {row.oAuthorId ? (
                    <a href={xingtuCreatorUrl(row.oAuthorId)} target="_blank" rel="noopener noreferrer" title={tl('openInXingtu')}>
                      {row.oAuthorId}
                    </a>
                  ) : (
                    tl('noValue')
                  )}
                </td>
              );
            case 'totalVideos':
              return (
                <td key="total" class="xdp-list__num">
                  {row.totalVideos === null ? tl('noValue') : formatCount(row.totalVideos)}
                </td>
              );
            case 'top':
              return (
                <td key="top" class="xdp-list__topcats">
                  {row.top.length === 0
                    ? tl('noValue')
                    : row.top.map((c) => (
                        <span key={c.name} class="xdp-list__chip">
                          {c.name} <span class="xdp-list__chip-share">{formatShare(c.share)}</span>
                        </span>
                      ))}
                </td>
              );
            case 'focusShare':
              return (
                <td key="focus" class="xdp-list__num xdp-list__focus">
                  {row.focusShare === null ? tl('noValue') : formatShare(row.focusShare)}
                </td>
              );
            case 'fetchedAt':
              return (
                <td key="fetched" class="xdp-list__fetched">
                  {row.fetchedAt === null ? tl('noValue') : <TimeAgo ms={row.fetchedAt} />}
                </td>
              );
            case 'status':
              return (
                <td key="status" class="xdp-list__status">
                  <StatusCell row={row} onConfirm={onConfirm} />
                </td>
              );
          }
        })}
      </tr>
    );
  }
}

/** A row's status in words, what to do about it, and the candidates of a row waiting for confirmation. */
function StatusCell({ row, onConfirm }: { row: TableRow; onConfirm: CreatorRowProps['onConfirm'] }) {
  const words = <span class={`xdp-list__badge xdp-list__badge--${row.status}`}>{statusText(row)}</span>;
  switch (row.status) {
    case 'needs-nickname':
      return (
        <>
          {words}
          <p class="xdp-list__hint">{tl('needsNicknameHint')}</p>
        </>
      );
    case 'interrupted':
      return (
        <>
          {words}
          <p class="xdp-list__hint">{tl('interruptedHint')}</p>
        </>
      );
    case 'confirm': {
      const candidates = row.result?.candidates ?? [];
      return (
        <div class="xdp-list__candidates" role="group" aria-label={tl('confirmFor', { name: row.name })}>
          {words}
          <p class="xdp-list__hint">{row.result?.match === 'ambiguous' ? tl('confirmAmbiguous') : tl('confirmLikely')}</p>
          <ul>
            {candidates.map((author) => (
              <li key={author.oAuthorId}>
                <AuthorCard author={author}>
                  <button type="button" class="xdp-list__button xdp-list__button--small" onClick={() => onConfirm(row.key, author)}>
                    {tl('confirmThis')}
                  </button>
                </AuthorCard>
              </li>
            ))}
          </ul>
          <button type="button" class="xdp-list__button xdp-list__button--small" onClick={() => onConfirm(row.key, null)}>
            {tl('confirmNone')}
          </button>
        </div>
      );
    }
    default:
      return words;
  }
}
