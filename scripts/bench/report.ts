/** Everything the benchmark (scripts/bench/main.ts) measured, and its bench-output/bench.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../e2e/harness';
import type { BundleReport } from '../bundle-sizes';
import type { MainThreadTask } from './cdp';
import type { ListFigures } from './lists';
import type { NonCreatorResult } from './non-creator';
import type { PageCostFigures } from './page-cost';
import type { LoadSample, LongTask } from './page-timing';
import type { Row } from './table';
import type { UnattendedLoad } from './unattended-loads';

export interface Report {
  sizes: BundleReport;
  samples: Record<string, LoadSample[]>;
  popup: { table: number; chart: number; longTasks: LongTask[] }[];
  platformSwitch: { step: string; calls: number; ms: number }[];
  calls: Record<string, { calls: number; expected: number }>;
  heap: Record<string, number>;
  baseline: { creator: { fcp: number | null; dcl: number | null; load: number | null; longTasks: LongTask[] }[] };
  nonCreator: Record<string, NonCreatorResult>;
  environment: Record<string, string | number>;
  /** URLs the network guard refused (anything not 127.0.0.1 or a fixture page). */
  blocked: string[];
  /** Panel iframe (re)loads during the in-app moves (once per tab: 0). */
  panelLoadsDuringMoves: number;
  /** Main-thread tasks during RUNS traced warm loads and popup opens. */
  tracedTasks: { page: MainThreadTask[]; extension: MainThreadTask[] };
  /** Warm full loads with nothing attached (scripts/bench/unattended-loads.ts); null when they could not run. */
  unattended: { sameTab: UnattendedLoad[]; newTabs: UnattendedLoad[] } | null;
  /** The list page: its table opened and used, and timed runs (scripts/bench/lists.ts); null when not measured. */
  lists: ListFigures | null;
  /** What the pages pay against the floor, interleaved loads with nothing attached (scripts/bench/page-cost.ts); null when not measured. */
  pageCost: PageCostFigures | null;
}

const OUT_DIR = path.join(ROOT, 'bench-output');

/** Write the table, its rows and every sample to bench-output/bench.json; returns the file. */
export function writeReport(rows: Row[], table: string, report: Report): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, 'bench.json');
  writeFileSync(file, `${JSON.stringify({ rows, table, report }, null, 2)}\n`);
  return file;
}
