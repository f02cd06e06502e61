import { tl } from '@/utils/views/i18n-list';
import type { CreatorList, ListResults } from '@/utils/shared/creator-lists';
import type { Platform } from '@/utils/shared/platform';
import { csvFileName, listToCsv, rowsToTsv } from '@/utils/views/list-export';
import type { TableRow } from '@/utils/views/list-table';
import type { ListColumn } from '@/utils/views/list-text';
import { useAnnounce } from './announce';
import { downloadBlob } from './download';

/** Where "Copy" writes (navigator.clipboard in the page; tests pass their own). */
export interface TextClipboard {
  writeText(text: string): Promise<void>;
}

export interface ExportActionsProps {
  list: CreatorList;
  results: ListResults;
  /** The platforms the CSV covers (every platform with data, else the run's). */
  platforms: readonly Platform[];
  /** The table as shown (filtered, sorted) and its columns: what "Copy" copies. */
  rows: readonly TableRow[];
  columns: readonly ListColumn[];
  clipboard: TextClipboard | null;
  now?: () => number;
}

/** "Export CSV" (the whole list, one row per creator and category) and "Copy" (the table as shown). */
export function ExportActions({ list, results, platforms, rows, columns, clipboard, now = Date.now }: ExportActionsProps) {
  const announce = useAnnounce();

  const onExport = () => {
    const fileName = csvFileName(list, now());
    downloadBlob(new Blob([listToCsv(list, results, platforms)], { type: 'text/csv;charset=utf-8' }), fileName);
    announce(tl('exported', { file: fileName }));
  };

  const onCopy = async () => {
    const text = rowsToTsv(
      rows,
      columns.map((c) => tl(c.label)),
      (row) => columns.map((c) => c.text(row)),
    );
    try {
      if (!clipboard) throw new Error('no clipboard');
      await clipboard.writeText(text);
      announce(tl('copied'));
    } catch {
      announce(tl('copyFailed'));
    }
  };

  return (
    <div class="xdp-list__buttons">
      <button type="button" class="xdp-list__button" onClick={onExport} disabled={list.entries.length === 0}>
        {tl('exportCsv')}
      </button>
      <button type="button" class="xdp-list__button" title={tl('copyHint')} onClick={() => void onCopy()} disabled={rows.length === 0}>
        {tl('copyTable')}
      </button>
    </div>
  );
}
