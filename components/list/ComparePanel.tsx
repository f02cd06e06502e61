import { useMemo, useState } from 'preact/hooks';
import { formatShare } from '@/utils/shared/distribution';
import { formatCount } from '@/utils/views/i18n';
import { tl } from '@/utils/views/i18n-list';
import { compareData, type CompareData, type TableRow } from '@/utils/views/list-table';
import { useAnnounce } from './announce';
import { CompareChart } from './CompareChart';
import { categoryColors } from './compare-series';

/** How many creators can be compared at once. */
export const MIN_COMPARE = 2;
export const MAX_COMPARE = 6;

export interface ComparePanelProps {
  /** The selected rows, in the table's order. */
  rows: readonly TableRow[];
  /** The PNG's file name for "Save chart". */
  chartFileName: string;
}

/** "Compare" for 2 to 6 selected creators: stacked bars, and a table of categories × creators. */
export function ComparePanel({ rows, chartFileName }: ComparePanelProps) {
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const enabled = rows.length >= MIN_COMPARE && rows.length <= MAX_COMPARE;
  const data = useMemo(() => (open && enabled ? compareData(rows) : null), [open, enabled, rows]);

  const toggle = () => {
    setOpen(!open);
    if (!open) announce(tl('compareShown', { count: rows.length }));
  };

  return (
    <div class="xdp-list__compare">
      <div class="xdp-list__buttons">
        <button
          type="button"
          class="xdp-list__button"
          disabled={!enabled && !open}
          aria-expanded={open ? 'true' : 'false'}
          aria-controls="xdp-compare"
          aria-describedby="xdp-compare-hint"
          onClick={toggle}
        >
          {open ? tl('compareClose') : tl('compareButton', { count: rows.length })}
        </button>
        <span id="xdp-compare-hint" class="xdp-list__help">
          {tl('compareHint')}
        </span>
      </div>
      {open && (
        <section id="xdp-compare" class="xdp-list__card xdp-list__compare-panel" aria-labelledby="xdp-compare-title">
          <h2 id="xdp-compare-title">{tl('compareTitle')}</h2>
          {data ? (
            <>
              <CompareChart data={data} fileName={chartFileName} />
              <CompareTable data={data} />
            </>
          ) : (
            <p class="xdp-list__help">{tl('compareHint')}</p>
          )}
        </section>
      )}
    </div>
  );
}

function CompareTable({ data }: { data: CompareData }) {
  const colors = categoryColors(data);
  return (
    <div class="xdp-list__table-wrap">
      <table class="xdp-list__table xdp-list__compare-table">
        <caption>{tl('compareTableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{tl('colCategory')}</th>
            {data.creators.map((c) => (
              <th key={c.key} scope="col" class="xdp-list__num">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.categories.map((category, i) => (
            <tr key={category}>
              <th scope="row">
                <span class="xdp-list__swatch" style={{ background: colors[i] }} aria-hidden="true" />
                {category}
              </th>
              {data.creators.map((c) => {
                const share = c.shares[i] ?? 0;
                const count = c.counts[i] ?? 0;
                return (
                  <td key={c.key} class="xdp-list__num">
                    {share > 0 || count > 0 ? tl('compareCell', { share: formatShare(share), count: formatCount(count) }) : tl('noValue')}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
