import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOOR_SCRIPT, floorManifest, writeFloorExtension } from '../../scripts/bench/floor-extension';
import { diffSnapshots, groupName, summarise } from '../../scripts/bench/heap-snapshot';
import { costVariants, pageCostPlan, parseCostLoad, probeScript, roundOrder, type PageCostFigures, type VariantCost } from '../../scripts/bench/page-cost';
import { PAGE_COST_GOALS, pageCostRows, timingLimit, withinFloor } from '../../scripts/bench/page-cost-rows';
import { stats } from '../../scripts/bench/stats';
import { collectRows } from '../../scripts/bench/table';
import { CREATOR_SITE_MATCHES } from '../../utils/shared/sites';

describe('the floor extension (a content script that only reads the URL)', () => {
  it('runs on the same pages, at the same time, as ours', () => {
    const manifest = floorManifest() as { manifest_version: number; content_scripts: { matches: string[]; run_at: string; js: string[] }[] };
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.content_scripts).toEqual([{ matches: CREATOR_SITE_MATCHES, run_at: 'document_idle', js: ['read-url.js'] }]);
    expect(manifest).not.toHaveProperty('permissions');
  });

  it('is written as an unpacked extension whose script reads location.href and nothing else', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'floor-test-'));
    try {
      writeFloorExtension(dir);
      expect(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))).toEqual(floorManifest());
      expect(readFileSync(path.join(dir, 'read-url.js'), 'utf8')).toBe(FLOOR_SCRIPT);
      expect(FLOOR_SCRIPT.trim()).toBe('void location.href;');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('interleaving', () => {
  it('rotates the order each round, so each browser is first as often as the others', () => {
    const list = ['none', 'floor', 'baseline', 'extension'];
    const firsts = Array.from({ length: 8 }, (_, r) => roundOrder(list, r)[0]);
    expect(firsts).toEqual([...list, ...list]);
    for (let r = 0; r < 8; r += 1) expect([...roundOrder(list, r)].sort()).toEqual([...list].sort());
  });

  it('BENCH_FULL=1 makes the loads the goals are judged on (≥ 20 per browser and mode, the market mode too); without, fewer', () => {
    expect(pageCostPlan(10, true)).toEqual({ runs: 20, heapRuns: 10, fromMarket: true });
    expect(pageCostPlan(3, true)).toEqual({ runs: PAGE_COST_GOALS.minLoads, heapRuns: 3, fromMarket: true });
    expect(pageCostPlan(15, true).runs).toBe(30);
    expect(pageCostPlan(10, false)).toEqual({ runs: 10, heapRuns: 5, fromMarket: false });
    expect(pageCostPlan(3, false)).toEqual({ runs: 3, heapRuns: 3, fromMarket: false });
    expect(PAGE_COST_GOALS.minLoads).toBe(20);
  });

  it('measures the baseline build only when one is given', () => {
    expect(costVariants('/tmp/floor', null).map((v) => v.key)).toEqual(['none', 'floor', 'extension']);
    const withBase = costVariants('/tmp/floor', '/repo/.output-base/chrome-mv3');
    expect(withBase.map((v) => [v.key, v.ours])).toEqual([
      ['none', false],
      ['floor', false],
      ['baseline', true],
      ['extension', true],
    ]);
    expect(withBase[2]!.label).toContain('.output-base');
  });
});

describe('what a page reports about itself', () => {
  it('the probe reads load, DOMContentLoaded and first paint after load, posts them, and asks where to go only in the same tab', () => {
    const sameTab = probeScript('b=floor', 1000, true);
    expect(sameTab).toContain("addEventListener('load'");
    expect(sameTab).toContain('loadEventEnd');
    expect(sameTab).toContain('first-contentful-paint');
    expect(sameTab).toContain('/__bench/report?b=floor');
    expect(sameTab).toContain('/__bench/next?b=floor');
    expect(probeScript('b=floor', 1000, false)).not.toContain('/__bench/next');
  });

  it('keeps numbers only', () => {
    expect(parseCostLoad('{"load":52.5,"dcl":40,"fcp":60}')).toEqual({ load: 52.5, dcl: 40, fcp: 60 });
    expect(parseCostLoad('{"load":null,"dcl":"40","fcp":1e999}')).toEqual({ load: null, dcl: null, fcp: null });
    expect(parseCostLoad('not json')).toEqual({ load: null, dcl: null, fcp: null });
  });
});

/** A minimal V8 heap snapshot: a synthetic root and the given nodes (type, name, self size). */
function snapshot(nodes: [string, string, number][]): string {
  const types = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape'];
  const strings: string[] = [];
  const str = (s: string) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
  const all: [string, string, number][] = [['synthetic', '', 0], ...nodes];
  return JSON.stringify({
    snapshot: {
      meta: {
        node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
        node_types: [types, 'string', 'number', 'number', 'number', 'number', 'number'],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'], 'string_or_number', 'node'],
      },
    },
    nodes: all.flatMap(([type, name, size], i) => [types.indexOf(type), str(name), i * 2 + 1, size, 0, 0, 0]),
    edges: [],
    strings,
  });
}

describe('heap snapshots, summed by constructor', () => {
  it('groups as DevTools does, whatever world an object is from', () => {
    expect(groupName('object', 'Window / https://www.xingtu.cn')).toBe('Window');
    expect(groupName('closure', 'onConnect')).toBe('(closure)');
    expect(groupName('concatenated string', 'abc')).toBe('(string)');
    expect(groupName('native', 'system / FunctionTemplateInfo')).toBe('system / FunctionTemplateInfo');
    expect(groupName('object shape', 'system / Map')).toBe('system / Map');
    expect(groupName('object', 'system / Context / scope @123')).toBe('system / Context');
    expect(groupName('code', 'system / BytecodeArray')).toBe('(compiled code)');
  });

  it('sums each group, and says what one snapshot holds beyond another, largest first', () => {
    const base = snapshot([
      ['object', 'Window / a', 100],
      ['string', 'x', 20],
    ]);
    const more = snapshot([
      ['object', 'Window / a', 100],
      ['object', 'Window / b', 120],
      ['string', 'x', 20],
      ['string', 'y', 30],
      ['closure', 'f', 32],
    ]);
    expect(summarise(more).get('Window')).toEqual({ count: 2, size: 220 });
    const diff = diffSnapshots(base, more, 2);
    expect(diff).toEqual({
      baseTotal: 120,
      total: 302,
      grew: [
        { group: 'Window', count: 1, size: 120 },
        { group: '(closure)', count: 1, size: 32 },
      ],
    });
  });
});

const load = (value: number) => ({ load: value, fcp: value + 10, dcl: value - 5 });
const marks = (chart: number) => ({ started: chart - 40, creator: chart - 20, chart });
function variant(key: string, over: Partial<VariantCost>): VariantCost {
  return { key, label: key, ours: false, sameTab: [], sameTabFromMarket: [], newTab: [], panelSameTab: [], panelNewTab: [], heapCreator: [], heapFeed: [], heapAfterRun: null, ...over };
}

describe('the page cost rows (each figure beside its goal)', () => {
  it('a timing is within the floor at its median and p90: floor × 1.1 + 5 ms', () => {
    expect(timingLimit(50)).toBeCloseTo(60);
    expect(withinFloor(stats([50, 55, 58]), stats([50, 52, 54]))).toBe(true);
    expect(withinFloor(stats([50, 55, 90]), stats([50, 52, 54]))).toBe(false); // p90 over
    expect(withinFloor(stats([]), stats([50]))).toBe(false); // nothing measured is no pass
  });

  it('prints each goal with PASS or FAIL, and before → after when a baseline ran', () => {
    const kb = 1024;
    const figures: PageCostFigures = {
      runs: 3,
      heapRuns: 2,
      machineLoad: [{ phase: 'same tab', before: 1, after: 2 }],
      snapshots: [{ key: 'extension', diff: { baseTotal: 1000, total: 3048, grew: [{ group: '(string)', count: 3, size: 2048 }] } }],
      variants: [
        variant('none', { sameTab: [load(30), load(31), load(32)], sameTabFromMarket: [load(30)], newTab: [load(30)], heapCreator: [545 * kb, 545 * kb], heapFeed: [453 * kb] }),
        variant('floor', { sameTab: [load(50), load(50), load(52)], sameTabFromMarket: [load(30)], newTab: [load(50)], heapCreator: [716 * kb], heapFeed: [624 * kb] }),
        variant('baseline', {
          ours: true,
          sameTab: [load(120), load(121), load(119)],
          sameTabFromMarket: [load(90)],
          newTab: [load(120)],
          heapCreator: [892 * kb],
          heapFeed: [716 * kb],
          panelSameTab: [marks(80), marks(81), marks(82)],
          panelNewTab: [marks(130)],
        }),
        variant('extension', {
          ours: true,
          sameTab: [load(50), load(51), load(53)],
          sameTabFromMarket: [load(31)],
          newTab: [load(52)],
          heapCreator: [870 * kb, 871 * kb],
          heapFeed: [654 * kb],
          panelSameTab: [marks(85), marks(90), marks(95)],
          panelNewTab: [marks(140)],
        }),
      ],
    };
    const { rows, row } = collectRows();
    pageCostRows(figures, row);
    const find = (item: string) => rows.find((r) => r.item.startsWith(item));
    expect(find('creator page load event, same tab')).toMatchObject({ ok: true });
    expect(find('creator page load event, same tab')?.detail).toContain('before 120 ms');
    expect(find('creator page load event, same tab, from a page without the panel')).toMatchObject({ value: '31 ms · p90 31 ms', ok: true });
    expect(find('DOMContentLoaded')).toMatchObject({ value: '46 ms / 26 ms' });
    expect(find('creator page JS heap')).toMatchObject({ value: '+326 KB', ok: false });
    expect(find('Douyin feed JS heap')).toMatchObject({ value: '+30 KB', ok: true });
    expect(find('detection → chart drawn, warm, same tab')).toMatchObject({ value: '90 ms · p90 94 ms', ok: true });
    expect(find('detection → chart drawn, warm, new tab')).toMatchObject({ ok: false });
    expect(find('the chart waits for the page: after − before, same tab')).toMatchObject({ value: '+9.0 ms', ok: true });
    expect(find('the chart waits for the page: after − before, new tab')).toMatchObject({ value: '+10.0 ms', ok: true });
    expect(find('heap snapshot')?.value).toBe('+2 KB');
    expect(PAGE_COST_GOALS.creatorHeapBytes).toBe(0.3 * 1024 * 1024);
  });

  it('without the market mode (the default) prints no rows for it, and says the goals want BENCH_FULL=1', () => {
    const figures: PageCostFigures = {
      runs: 10,
      heapRuns: 5,
      machineLoad: [],
      snapshots: [],
      variants: ['none', 'floor', 'extension'].map((key) =>
        variant(key, { ours: key === 'extension', sameTab: [load(30)], newTab: [load(60)], heapCreator: [500 * 1024], heapFeed: [400 * 1024], panelSameTab: [marks(70)], panelNewTab: [marks(90)] }),
      ),
    };
    const { rows, row } = collectRows();
    pageCostRows(figures, row);
    expect(rows.find((r) => r.item === 'how')?.value).toBe('10 loads per browser and mode (the goals are judged on ≥ 20: BENCH_FULL=1)');
    expect(rows.filter((r) => r.item.includes('from a page without the panel'))).toEqual([]);
    expect(rows.find((r) => r.item.startsWith('DOMContentLoaded'))?.value).toBe('25 ms / —');
    expect(rows.find((r) => r.item.startsWith('creator page load event, same tab'))).toMatchObject({ ok: true });
    // Every goal row carries its goal.
    for (const r of rows.filter((r) => r.ok !== null)) expect(r.budget, r.item).toBeTruthy();
  });

  it('says when it could not measure', () => {
    const { rows, row } = collectRows();
    pageCostRows(null, row);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value).toBe('not measured');
  });
});
