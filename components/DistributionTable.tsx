import { useMemo } from 'preact/hooks';
import { formatShare } from '@/utils/shared/distribution';
import { formatCount, t } from '@/utils/views/i18n';
import type { CategoryRow } from '@/utils/shared/types';
import { MAX_SLICES, rowColors } from './palette';
import './view.css';

export interface DistributionTableProps {
  /** Ordered rows (largest first), as normalizeRows returns them. */
  rows: readonly CategoryRow[];
  /** The table's caption, e.g. "短视频内容类型分布". */
  caption: string;
}

/**
 * Every category with its video count and share. Also the chart's legend: each row has a swatch
 * in its slice colour. Names are rendered as text (Preact escapes them), never as markup.
 */
export function DistributionTable({ rows, caption }: DistributionTableProps) {
  const colors = useMemo(() => rowColors(rows, MAX_SLICES), [rows]);
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
          {rows.map((row, i) => (
            <tr key={`${i}:${row.name}`}>
              <th scope="row">
                <div class="xdp-view__name-cell">
                  <span
                    class="xdp-view__swatch"
                    aria-hidden="true"
                    style={{ background: colors[i] ?? 'transparent' }}
                  />
                  <span class="xdp-view__name" title={row.name}>
                    {row.name}
                  </span>
                </div>
              </th>
              <td class="xdp-view__num">{formatCount(row.count)}</td>
              <td class="xdp-view__num">{formatShare(row.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
