import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { UsageEntry } from '../../utils/shared/usage';
import { USAGE_CSV_COLUMNS, usageCsvFileName, usageToCsv } from '../../utils/views/usage-csv';

const ID = '7006229624431689736';

const ENTRIES: UsageEntry[] = [
  { at: Date.parse('2026-12-02T15:59:59Z'), endpoint: 'distribution', oAuthorId: ID, keyword: null, platform: 'SHORT_VIDEO', code: 0, via: 'panel' },
  { at: Date.parse('2026-12-02T16:00:00Z'), endpoint: 'search', oAuthorId: null, keyword: '=HYPERLINK("x"),美食', platform: null, code: 302, via: 'popup' },
  { at: Date.parse('2026-12-03T01:02:03Z'), endpoint: 'distribution', oAuthorId: ID, keyword: null, platform: 'LIVE_STREAMING', code: null, via: 'list' },
];

describe('usageToCsv', () => {
  it('BOM, CRLF, the header, then one row per entry: Beijing time, ids as text, formulas neutralised, quoted', () => {
    const csv = usageToCsv(ENTRIES);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('time,endpoint,xingtu_id,keyword,platform,code,via');
    expect(lines[1]).toBe(`2026-12-02T23:59:59+08:00,distribution,"=""${ID}""",,SHORT_VIDEO,0,panel`);
    expect(lines[2]).toBe(`2026-12-03T00:00:00+08:00,search,,"'=HYPERLINK(""x""),美食",,302,popup`);
    expect(lines[3]).toBe(`2026-12-03T09:02:03+08:00,distribution,"=""${ID}""",,LIVE_STREAMING,,list`);

    // Read back as a spreadsheet reads it: the columns and every digit of the id.
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { skipEmptyLines: true });
    expect(parsed.data[0]).toEqual([...USAGE_CSV_COLUMNS]);
    expect(parsed.data[1]?.[2]).toBe(`="${ID}"`);
    expect(parsed.data[2]?.[3]).toBe(`'=HYPERLINK("x"),美食`);
  });

  it('an empty log is the header only', () => {
    expect(usageToCsv([])).toBe('\uFEFFtime,endpoint,xingtu_id,keyword,platform,code,via\r\n');
  });

  it('file name with the Beijing date', () => {
    expect(usageCsvFileName(Date.parse('2026-12-02T16:30:00Z'))).toBe('用量-2026-12-03.csv');
  });
});
