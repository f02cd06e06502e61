import { describe, expect, it } from 'vitest';
import { stableRows } from '../../components/list/stable-rows';
import { buildTableRows, type TableRow } from '../../utils/views/list-table';
import { LIST, RESULTS } from './list-fixtures';

describe('stableRows', () => {
  it('keeps the object of every row whose data did not change, so only changed rows re-render', () => {
    const memo = new Map<string, { sig: string; row: TableRow }>();
    const first = stableRows(buildTableRows(LIST, RESULTS, 'SHORT_VIDEO', []), memo, 'SHORT_VIDEO');
    // Read back from storage: equal data, new objects.
    const copy = structuredClone(RESULTS);
    const key = LIST.entries[0]!.key;
    copy[key] = { ...copy[key]!, nickname: 'Renamed', updatedAt: 9 };
    const second = stableRows(buildTableRows(structuredClone(LIST), copy, 'SHORT_VIDEO', []), memo, 'SHORT_VIDEO');
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]!.name).toBe('Renamed');
    for (let i = 1; i < first.length; i++) expect(second[i]).toBe(first[i]);
    // Another platform or focus: every row is new.
    const third = stableRows(buildTableRows(LIST, copy, 'SHORT_VIDEO', ['美食']), memo, 'SHORT_VIDEO\u0001美食');
    expect(third.some((row, i) => row === second[i])).toBe(false);
  });
});
