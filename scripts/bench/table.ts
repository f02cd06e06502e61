/** The benchmark's one table (scripts/bench/main.ts prints it and writes it to bench.json). */

export interface Row {
  section: string;
  item: string;
  value: string;
  detail: string;
  budget: string;
  /** true: within budget, false: over, null: reported only. */
  ok: boolean | null;
}

/** Adds one row: reported only unless given a budget and whether it holds. */
export type AddRow = (section: string, item: string, value: string, detail?: string, budget?: string, ok?: boolean | null) => void;

/** An empty table and the function that adds to it. */
export function collectRows(): { rows: Row[]; row: AddRow } {
  const rows: Row[] = [];
  const row: AddRow = (section, item, value, detail = '', budget = '', ok = null) => rows.push({ section, item, value, detail, budget, ok });
  return { rows, row };
}

export function printTable(list: Row[]): string {
  const head: Row = { section: 'section', item: 'item', value: 'value', detail: 'detail', budget: 'budget', ok: null };
  const cells = (r: Row) => [r.section, r.item, r.value, r.detail, r.budget, r === head ? 'ok' : r.ok === null ? '' : r.ok ? 'PASS' : 'FAIL'];
  const all = [head, ...list].map(cells);
  const widths = all[0]!.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((s, i) => s.padEnd(widths[i]!)).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  const out: string[] = [line(all[0]!), rule];
  let section = '';
  for (const c of all.slice(1)) {
    if (c[0] !== section && section !== '') out.push(rule);
    section = c[0]!;
    out.push(line(c));
  }
  return out.join('\n');
}
