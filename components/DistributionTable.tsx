import { useMemo, useState } from 'preact/hooks';
import { formatShare } from '@/utils/shared/distribution';
import { formatCount, t } from '@/utils/views/i18n';
import type { CategoryRow } from '@/utils/shared/types';
import { MAX_SLICES, OTHER_COLOR, rowColors } from './palette';
import './view.css';

export interface DistributionTableProps {
  /** Ordered rows (largest first), as normalizeRows returns them. */
  rows: readonly CategoryRow[];
  /** The table's caption, e.g. "短视频内容类型分布". */
  caption: string;
}

function Row({ row, color, other }: { row: CategoryRow; color: string | null | undefined; other?: boolean }) {
  return (
    <tr class={other ? 'xdp-view__other-item' : undefined}>
      <th scope="row">
        <div class="xdp-view__name-cell">
          <span class="xdp-view__swatch" aria-hidden="true" style={{ background: color ?? 'transparent' }} />
          <span class="xdp-view__name" title={row.name}>
            {row.name}
          </span>
        </div>
      </th>
      <td class="xdp-view__num">{formatCount(row.count)}</td>
      <td class="xdp-view__num">{formatShare(row.share)}</td>
    </tr>
  );
}

/**
 * Every category with its video count and share. Also the chart's legend: each row has a swatch
 * in its slice colour. When the chart groups the long tail as "Other", so does the table: one
 * "Other (n categories)" row with their sum, which opens to list them. Names are rendered as text
 * (Preact escapes them), never as markup; a name cut to two lines has the full name in its tooltip.
 */
export function DistributionTable({ rows, caption }: DistributionTableProps) {
  const colors = useMemo(() => rowColors(rows, MAX_SLICES), [rows]);
  const [open, setOpen] = useState(false);
  const folded = colors.indexOf(OTHER_COLOR);
  const head = folded < 0 ? rows : rows.slice(0, folded);
  const tail = folded < 0 ? [] : rows.slice(folded);
  const sum = (pick: (r: CategoryRow) => number) => tail.reduce((total, r) => total + pick(r), 0);
  return (
    <div class="xdp-view__table-wrap" role="region" aria-label={t('tableRegion')} tabIndex={0}>
      <table class="xdp-view__table">
        <caption class="xdp-view__caption">{caption}</caption>
        <colgroup>
          <col />
          <col class="xdp-view__col-num" />
          <col class="xdp-view__col-num" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('colCategory')}</th>
            <th scope="col" class="xdp-view__num">
              {t('colVideos')}
            </th>
            <th scope="col" class="xdp-view__num">
              {t('colShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {head.map((row, i) => (
            <Row key={`${i}:${row.name}`} row={row} color={colors[i]} />
          ))}
          {tail.length > 0 && (
            <tr class="xdp-view__other">
              <th scope="row">
                <div class="xdp-view__name-cell">
                  <span class="xdp-view__swatch" aria-hidden="true" style={{ background: OTHER_COLOR }} />
                  <button type="button" class="xdp-link-button xdp-view__other-toggle" aria-expanded={open ? 'true' : 'false'} onClick={() => setOpen(!open)}>
                    {t('otherRow', { count: formatCount(tail.length) })}
                  </button>
                </div>
              </th>
              <td class="xdp-view__num">{formatCount(sum((r) => r.count))}</td>
              <td class="xdp-view__num">{formatShare(sum((r) => r.share))}</td>
            </tr>
          )}
          {open && tail.map((row, i) => <Row key={`o${i}:${row.name}`} row={row} color={colors[folded + i]} other />)}
        </tbody>
      </table>
    </div>
  );
}
