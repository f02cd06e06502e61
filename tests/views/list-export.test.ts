import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { entryKey, type CreatorList, type ListCreatorRef, type ListEntry, type ListResults } from '../../utils/shared/creator-lists';
import { beijingIso, csvFileName, CSV_COLUMNS, listToCsv, neutraliseCell, rowsToTsv, textId } from '../../utils/views/list-export';
import { buildTableRows } from '../../utils/views/list-table';

const ID = '7006229624431689736';
const SEC = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';
// 2026-12-03 14:05:09 in Beijing.
const FETCHED = Date.UTC(2026, 11, 3, 6, 5, 9);

function entry(ref: ListCreatorRef, source: string): ListEntry {
  return { key: entryKey(ref), ref, source, addedAt: 1 };
}

const A = entry({ kind: 'xingtu', oAuthorId: ID }, `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`);
const B = entry({ kind: 'douyin', secUid: SEC, uid: null, nickname: '=HYPERLINK("http://evil","点我")' }, `https://www.douyin.com/user/${SEC}`);
const C = entry({ kind: 'nickname', nickname: '-川味, "小厨娘"\n第二行' }, '@SUM(A1)');
const list: CreatorList = { id: 'l1', name: '618 美食/探店: 第1批', createdAt: 0, entries: [A, B, C] };
const results: ListResults = {
  [A.key]: {
    status: 'done',
    oAuthorId: ID,
    nickname: '美食阿甲',
    platforms: {
      SHORT_VIDEO: {
        ok: true,
        fetchedAt: FETCHED,
        fromCache: false,
        rows: [
          { name: '美食', count: 2, share: 2 / 3 },
          { name: '+探店', count: 1, share: 1 / 3 },
        ],
      },
      LIVE_STREAMING: { ok: true, fetchedAt: FETCHED, fromCache: true, rows: [] },
    },
    updatedAt: FETCHED,
  },
  [B.key]: { status: 'failed', platforms: { SHORT_VIDEO: { ok: false, error: { kind: 'network' } } }, updatedAt: 1 },
};

function readBack(csv: string): string[][] {
  return Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

describe('neutraliseCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+8613800000000', "'+8613800000000"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['美食', '美食'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, output) => {
    expect(neutraliseCell(input)).toBe(output);
  });

  it('ids are written as text formulas only when all digits', () => {
    expect(textId(ID)).toBe(`="${ID}"`);
    expect(textId('=cmd|"/c calc"!A1')).toBe(`'=cmd|"/c calc"!A1`);
    expect(textId('12a')).toBe('12a');
  });
});

describe('listToCsv', () => {
  const csv = listToCsv(list, results, ['SHORT_VIDEO', 'LIVE_STREAMING']);

  it('starts with a byte-order mark, ends lines with CRLF, has the columns', () => {
    expect(csv.startsWith('\uFEFFxingtu_id,nickname,platform,category,videos,share,fetched_at,source_link\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(true); // only the quoted nickname holds a bare line break
    expect(csv.split('\r\n').length - 1).toBe(1 + 2 + 1 + 2 + 2);
  });

  it('one row per creator, platform and category; no data still gives a row', () => {
    const rows = readBack(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1)).toEqual([
      [`="${ID}"`, '美食阿甲', 'SHORT_VIDEO', '美食', '2', '0.6667', '2026-12-03T14:05:09+08:00', A.source],
      [`="${ID}"`, '美食阿甲', 'SHORT_VIDEO', "'+探店", '1', '0.3333', '2026-12-03T14:05:09+08:00', A.source],
      [`="${ID}"`, '美食阿甲', 'LIVE_STREAMING', '', '0', '', '2026-12-03T14:05:09+08:00', A.source],
      ['', `'=HYPERLINK("http://evil","点我")`, 'SHORT_VIDEO', '', '', '', '', B.source],
      ['', `'=HYPERLINK("http://evil","点我")`, 'LIVE_STREAMING', '', '', '', '', B.source],
      ['', `'-川味, "小厨娘"\n第二行`, 'SHORT_VIDEO', '', '', '', '', "'@SUM(A1)"],
      ['', `'-川味, "小厨娘"\n第二行`, 'LIVE_STREAMING', '', '', '', '', "'@SUM(A1)"],
    ]);
  });

  it('quotes fields with commas, quotes or line breaks (quotes doubled) and no others', () => {
    expect(csv).toContain(`"'-川味, ""小厨娘""\n第二行"`);
    expect(csv).toContain(`"=""${ID}"""`);
    expect(csv).toContain(',美食阿甲,SHORT_VIDEO,美食,2,0.6667,');
  });

  it('no cell a spreadsheet reads starts a formula except the text ids', () => {
    for (const row of readBack(csv).slice(1)) {
      const [id, ...rest] = row;
      expect(id === '' || /^="\d+"$/.test(id ?? '')).toBe(true);
      for (const cell of rest) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
    }
  });

  it('a 19-digit id survives a round trip through a CSV reader, never a number', () => {
    const [, first] = readBack(csv);
    const written = first?.[0] ?? '';
    expect(written.match(/^="(\d+)"$/)?.[1]).toBe(ID);
    const typed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { dynamicTyping: true, skipEmptyLines: true }).data;
    expect(typeof typed[1]?.[0]).toBe('string');
    expect(csv).not.toMatch(new RegExp(`(^|,)${ID}(,|\\r)`, 'm'));
  });

  it('an empty list is the header alone', () => {
    expect(listToCsv({ ...list, entries: [] }, {}, ['SHORT_VIDEO'])).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('rowsToTsv', () => {
  it('tab-separated, no tabs or line breaks inside cells, neutralised, ids kept as text', () => {
    const rows = buildTableRows(list, results, 'SHORT_VIDEO', []);
    const tsv = rowsToTsv(rows, ['名称', '星图ID', '作品数'], (row) => [row.name, row.oAuthorId ?? '', String(row.totalVideos ?? '')]);
    expect(tsv.split('\n')).toEqual([
      '名称\t星图ID\t作品数',
      `美食阿甲\t="${ID}"\t3`,
      `'=HYPERLINK("http://evil","点我")\t\t`,
      `'-川味, "小厨娘" 第二行\t\t`,
      '',
    ]);
    expect(rowsToTsv([], ['a\tb', 'c'], () => [])).toBe('a b\tc\n');
    expect(rowsToTsv(rows.slice(0, 1), ['x'], () => ['=1'])).toBe("x\n'=1\n");
    expect(rowsToTsv(rows.slice(0, 1), ['x'], () => ['12345'])).toBe('x\n12345\n');
  });
});

describe('csvFileName and times', () => {
  it('names the file after the list and the day in Beijing, safe characters only', () => {
    expect(csvFileName(list, FETCHED)).toBe('达人清单-618-美食-探店-第1批-2026-12-03.csv');
    // 23:30 UTC on 3 Dec is already 4 Dec in Beijing.
    expect(csvFileName({ ...list, name: '../../etc/passwd' }, Date.UTC(2026, 11, 3, 23, 30))).toBe('达人清单-etc-passwd-2026-12-04.csv');
    expect(csvFileName({ ...list, name: '<>:"|?*' }, FETCHED)).toBe('达人清单-2026-12-03.csv');
    expect(csvFileName({ ...list, name: 'a'.repeat(60) }, FETCHED)).toBe(`达人清单-${'a'.repeat(40)}-2026-12-03.csv`);
  });

  it('fetched_at is ISO 8601 with the Beijing offset', () => {
    expect(beijingIso(FETCHED)).toBe('2026-12-03T14:05:09+08:00');
    expect(beijingIso(0)).toBe('1970-01-01T08:00:00+08:00');
  });
});
