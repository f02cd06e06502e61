import { useEffect, useMemo, useState } from 'preact/hooks';
import type { UsageEntry } from '@/utils/shared/usage';
import { formatCount } from '@/utils/views/i18n';
import { tMoney, type MoneyMessageKey } from '@/utils/views/i18n-money';
import { formatCost, summarizeUsage, USAGE_ENDPOINTS, USAGE_VIAS, type UsageCounts } from '@/utils/views/usage-summary';
import { usageCsvFileName, usageToCsv } from '@/utils/views/usage-csv';
import type { FollowUsageLog } from '@/utils/views/usage-source';
import { downloadBlob } from './list/download';
import { UsageChart } from './UsageChart';

export interface UsageSectionProps {
  /** The usage log, read and followed (the background writes it as it calls). */
  follow: FollowUsageLog;
  /** The user's price per call (CNY), or null: counts only. */
  pricePerCall: number | null;
  now?: () => number;
  /** Save the CSV (the browser's download; tests pass their own). */
  save?: (blob: Blob, fileName: string) => void;
}

interface Row {
  label: string;
  value: (counts: UsageCounts) => number;
  /** A part of the row above it (indented). */
  part?: boolean;
}

function rows(): Row[] {
  return [
    { label: tMoney('usageCalls'), value: (c) => c.calls },
    ...USAGE_ENDPOINTS.map((e): Row => ({ label: tMoney(`usageEndpoint.${e}` satisfies MoneyMessageKey), value: (c) => c.byEndpoint[e], part: true })),
    ...USAGE_VIAS.map((v): Row => ({ label: tMoney(`usageVia.${v}` satisfies MoneyMessageKey), value: (c) => c.byVia[v], part: true })),
  ];
}

/**
 * The options page's Usage (用量): paid calls today and in the last 30 days (Beijing days), by
 * endpoint and by view, a bar a day, the estimated cost when the user set a price per call, and
 * the whole log as CSV. Loaded apart from the settings form (it brings Chart.js).
 */
export function UsageSection({ follow, pricePerCall, now = Date.now, save = downloadBlob }: UsageSectionProps) {
  const [entries, setEntries] = useState<UsageEntry[] | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  useEffect(() => follow(setEntries), [follow]);

  const summary = useMemo(() => (entries ? summarizeUsage(entries, now(), pricePerCall) : null), [entries, pricePerCall]);

  const onExport = () => {
    if (!entries) return;
    const fileName = usageCsvFileName(now());
    save(new Blob([usageToCsv(entries)], { type: 'text/csv;charset=utf-8' }), fileName);
    setExported(tMoney('usageExported', { file: fileName }));
  };

  const price = formatCost(1, pricePerCall);
  return (
    <section class="xdp-usage" aria-labelledby="usage-title">
      <h2 id="usage-title">{tMoney('usageTitle')}</h2>
      <p class="xdp-field__help">{tMoney('usageHelp')}</p>
      {!summary ? (
        <p class="xdp-field__help">{tMoney('usageLoading')}</p>
      ) : (
        <>
          <table class="xdp-usage__table">
            <caption>{tMoney('usageCaption')}</caption>
            <thead>
              <tr>
                <td />
                <th scope="col">{tMoney('usageToday')}</th>
                <th scope="col">{tMoney('usageWindow')}</th>
              </tr>
            </thead>
            <tbody>
              {rows().map((row) => (
                <tr key={row.label} class={row.part ? 'xdp-usage__part' : undefined}>
                  <th scope="row">{row.label}</th>
                  <td>{formatCount(row.value(summary.todayCounts))}</td>
                  <td>{formatCount(row.value(summary.windowCounts))}</td>
                </tr>
              ))}
              {price !== null && summary.todayCost !== null && summary.windowCost !== null && (
                <tr class="xdp-usage__cost">
                  <th scope="row">{tMoney('usageCost', { price })}</th>
                  <td>{summary.todayCost}</td>
                  <td>{summary.windowCost}</td>
                </tr>
              )}
            </tbody>
          </table>
          {summary.windowCounts.calls === 0 && <p class="xdp-field__help">{tMoney('usageEmpty')}</p>}
          <UsageChart days={summary.days} />
        </>
      )}
      <div class="xdp-actions">
        <button type="button" onClick={onExport} disabled={!entries || entries.length === 0}>
          {tMoney('usageExport')}
        </button>
        {exported && <span class="xdp-field__help">{exported}</span>}
      </div>
    </section>
  );
}
