import { describe, expect, it } from 'vitest';
import { entryKey, MAX_ENTRY_SOURCE_LENGTH, type NewEntry } from '../../utils/shared/creator-lists';
import {
  CreatorFileError,
  decodeCreatorFile,
  MAX_CREATOR_FILE_BYTES,
  parseCreatorLines,
  readCreatorFile,
  type ParsedInput,
} from '../../utils/views/list-input';

const ID = '7006229624431689736';
const ID2 = '6912345678901234567';
const SEC = 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM';
const SEC2 = 'MS4wLjABAAAAb8Rk2pQ1x7N3fTzR9wLmYc4VnHqJ0sKdEaUi6oPgBvX';
const XT = `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`;
const DY = `https://www.douyin.com/user/${SEC}`;
const DY2 = `https://www.douyin.com/user/${SEC2}`;

const xingtu = (oAuthorId: string, source = oAuthorId): NewEntry => ({ ref: { kind: 'xingtu', oAuthorId }, source });
const douyin = (secUid: string | null, source: string, nickname: string | null = null, uid: string | null = null): NewEntry => ({
  ref: { kind: 'douyin', secUid, uid, nickname },
  source,
});
const nick = (nickname: string): NewEntry => ({ ref: { kind: 'nickname', nickname }, source: nickname });

function only(text: string): ParsedInput {
  return parseCreatorLines(text);
}

describe('parseCreatorLines: one creator per line', () => {
  it.each([
    ['a Xingtu id', ID, xingtu(ID)],
    ['an id with spaces around', `   ${ID}  `, xingtu(ID)],
    ['a Xingtu creator link', XT, xingtu(ID, XT)],
    ['an older Xingtu link', `https://www.xingtu.cn/ad/creator/author/douyin/${ID}/1`, xingtu(ID, `https://www.xingtu.cn/ad/creator/author/douyin/${ID}/1`)],
    ['a legacy star.toutiao.com link', `https://star.toutiao.com/ad/author/douyin/${ID}`, xingtu(ID, `https://star.toutiao.com/ad/author/douyin/${ID}`)],
    ['a Xingtu link without a scheme', `www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`, xingtu(ID, `www.xingtu.cn/ad/creator/author-homepage/douyin-video/${ID}`)],
    ['a Douyin profile link', DY, douyin(SEC, DY)],
    ['a Douyin profile link with a video open', `${DY}?modal_id=7301234567890123456`, douyin(SEC, `${DY}?modal_id=7301234567890123456`)],
    [
      'a Douyin share link with uid and sec_uid',
      `https://www.iesdouyin.com/share/user/93847561234?sec_uid=${SEC}`,
      douyin(SEC, `https://www.iesdouyin.com/share/user/93847561234?sec_uid=${SEC}`, null, '93847561234'),
    ],
    [
      'a Douyin share link with a uid only',
      'https://www.iesdouyin.com/share/user/93847561234',
      douyin(null, 'https://www.iesdouyin.com/share/user/93847561234', null, '93847561234'),
    ],
    ['a profile link inside share text', `长按复制此条消息，打开抖音搜索，查看TA的更多作品。 ${DY}`, douyin(SEC, DY)],
    ['a Xingtu link inside a sentence', `看看这个达人 ${XT} 不错`, xingtu(ID, XT)],
    ['a nickname', '川味小厨娘', nick('川味小厨娘')],
    ['a Latin nickname', '  Papi酱 ', nick('Papi酱')],
    ['a short number (a nickname, as in the popup)', '12345', nick('12345')],
  ])('%s', (_label, line, entry) => {
    expect(only(line)).toEqual({ entries: [entry], duplicates: 0, rejected: [], headerSkipped: false });
  });

  it('several lines of every kind, blank lines ignored, order kept', () => {
    const result = parseCreatorLines([ID, '', DY, '   ', '川味小厨娘', XT.replace(ID, ID2), ''].join('\n'));
    expect(result.entries.map((e) => entryKey(e.ref))).toEqual([`x:${ID}`, `d:${SEC}`, 'n:川味小厨娘', `x:${ID2}`]);
    expect(result.rejected).toEqual([]);
    expect(result.duplicates).toBe(0);
  });

  it('CRLF and CR line ends count lines the same', () => {
    const result = parseCreatorLines(`${ID}\r\nhttps://v.douyin.com/iRNBgb1H/\r\r\n${DY}`);
    expect(result.entries).toHaveLength(2);
    expect(result.rejected).toEqual([{ line: 2, text: 'https://v.douyin.com/iRNBgb1H/', reason: 'short-link' }]);
  });
});

describe('parseCreatorLines: duplicates', () => {
  it('the same creator by id, link and share text is merged and counted', () => {
    const result = parseCreatorLines([ID, XT, `看看 ${XT}`, DY, `${DY}?modal_id=1`, '小明', ' 小明 ', 'XIAOMING', 'xiaoming'].join('\n'));
    expect(result.entries).toEqual([xingtu(ID), douyin(SEC, DY), nick('小明'), nick('XIAOMING')]);
    expect(result.duplicates).toBe(5);
  });

  it('a repeated Douyin link keeps the nickname found beside it later', () => {
    const result = parseCreatorLines(`${DY}\n川味小厨娘\t${DY}`);
    expect(result.entries).toEqual([douyin(SEC, DY, '川味小厨娘')]);
    expect(result.duplicates).toBe(1);
  });
});

describe('parseCreatorLines: what is refused, with its line', () => {
  it.each([
    ['a v.douyin.com short link', 'https://v.douyin.com/iRNBgb1H/', 'short-link'],
    ['a short link in share text', '7.99 复制打开抖音，看看【川味小厨娘的作品】 https://v.douyin.com/iRNBgb1H/ 3@5.com :5pm', 'short-link'],
    ['a short link without a scheme', 'v.douyin.com/iRNBgb1H', 'short-link'],
    ['another site', 'https://weibo.com/u/1234567890', 'other-site'],
    ['another site without a scheme', 'www.xiaohongshu.com/user/profile/5a1b2c', 'other-site'],
    ['another site in a sentence', '她的主页 https://www.bilibili.com/space/123 很好', 'other-site'],
    ['a look-alike host', `https://www.xingtu.cn.evil.example/ad/creator/author-homepage/douyin-video/${ID}`, 'other-site'],
    ['a Douyin video link', 'https://www.douyin.com/video/7301234567890123456', 'unrecognised'],
    ['the own Douyin page', 'https://www.douyin.com/user/self', 'unrecognised'],
    ['the Xingtu market', 'https://www.xingtu.cn/ad/creator/market', 'unrecognised'],
    ['a javascript: link', 'javascript:alert(document.cookie)', 'unrecognised'],
    ['a javascript: link wrapping a creator link', `javascript:location='${DY}'`, 'unrecognised'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>', 'unrecognised'],
    ['binary', '\u0000\u0001\u0002PK\u0003\u0004', 'unrecognised'],
    ['replacement characters from a bad decode', '\uFFFD\uFFFD\uFFFD', 'unrecognised'],
    ['a nickname longer than any real one', '名'.repeat(101), 'too-long'],
    ['a very long line', 'x'.repeat(100_000), 'too-long'],
    ['an id a spreadsheet rounded', '7.00623E+18', 'rounded-id'],
    ['an id whose last digits a spreadsheet zeroed', '7006229624431690000', 'rounded-id'],
  ])('%s', (_label, line, reason) => {
    const result = parseCreatorLines(`${ID}\n${line}`);
    expect(result.entries).toEqual([xingtu(ID)]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ line: 2, reason });
    expect(result.rejected[0]?.text.length).toBeLessThanOrEqual(200);
  });

  it('empty text gives nothing', () => {
    expect(parseCreatorLines('')).toEqual({ entries: [], duplicates: 0, rejected: [], headerSkipped: false });
    expect(parseCreatorLines('\n\n  \n\t\t\n')).toEqual({ entries: [], duplicates: 0, rejected: [], headerSkipped: false });
  });

  it('every refused line is listed with its own number', () => {
    const text = ['https://weibo.com/u/1', ID, '', 'https://v.douyin.com/a1/', 'javascript:void(0)', DY].join('\n');
    expect(parseCreatorLines(text).rejected).toEqual([
      { line: 1, text: 'https://weibo.com/u/1', reason: 'other-site' },
      { line: 4, text: 'https://v.douyin.com/a1/', reason: 'short-link' },
      { line: 5, text: 'javascript:void(0)', reason: 'unrecognised' },
    ]);
  });

  it('a long source link is cut to the stored length, keeping what names the creator', () => {
    const long = `https://www.iesdouyin.com/share/user/93847561234?sec_uid=${SEC}&${'x'.repeat(400)}=1`;
    const [entry] = parseCreatorLines(long).entries;
    expect(entry?.ref).toEqual({ kind: 'douyin', secUid: SEC, uid: '93847561234', nickname: null });
    expect(entry?.source).toBe(`https://www.iesdouyin.com/share/user/93847561234?sec_uid=${SEC}`);
    expect(entry?.source.length).toBeLessThanOrEqual(MAX_ENTRY_SOURCE_LENGTH);
  });

  it('a nickname starting with a quote does not swallow the lines after it', () => {
    const result = parseCreatorLines(`"小明的厨房\n${ID}\n"美食"日记`);
    expect(result.entries).toEqual([nick('"小明的厨房'), xingtu(ID), nick('"美食"日记')]);
  });
});

describe('parseCreatorLines: spreadsheet pastes', () => {
  it('Excel: a header row, a name column, quoted cells with line breaks, CRLF', () => {
    const text = [
      '序号\t达人昵称\t抖音主页链接\t备注',
      `1\t川味小厨娘\t${DY}\t"第一行\r\n第二行"`,
      `2\t"美食""阿强"""\t${DY2}\t`,
      `3\t星图达人\t${XT}\t`,
      '4\t只有名字\t\t',
      '',
    ].join('\r\n');
    const result = parseCreatorLines(text);
    expect(result.headerSkipped).toBe(true);
    expect(result.entries).toEqual([douyin(SEC, DY, '川味小厨娘'), douyin(SEC2, DY2, '美食"阿强"'), xingtu(ID, XT), nick('只有名字')]);
    expect(result.rejected).toEqual([]);
  });

  it('line numbers of refused rows count the lines inside quoted cells', () => {
    const text = ['达人\t链接', `甲\t"多行\n备注\n第三行"`, '乙\thttps://v.douyin.com/abc/', `丙\t${DY}`].join('\n');
    const result = parseCreatorLines(text);
    // 甲 is a nickname row (the 达人 column); 乙's only link is a short link.
    expect(result.entries).toEqual([nick('甲'), douyin(SEC, DY, '丙')]);
    expect(result.rejected).toEqual([{ line: 5, text: '乙\thttps://v.douyin.com/abc/', reason: 'short-link' }]);
  });

  it('without a header: the first cell that is a link or id is used, a text cell is the Douyin nickname hint', () => {
    const text = [`川味小厨娘\t12.3万\t${DY}\t${XT}`, `${ID2}\t某某`, `美食\t1,234\t2024-05-01\t${DY2}`].join('\n');
    expect(parseCreatorLines(text)).toEqual({
      entries: [douyin(SEC, DY, '川味小厨娘'), xingtu(ID2), douyin(SEC2, DY2, '美食')],
      duplicates: 0,
      rejected: [],
      headerSkipped: false,
    });
  });

  it('a row with several cells but no creator is refused; one with a bad link says which', () => {
    const text = [ID, '川味小厨娘\t12.3万\t美食', '某某\thttps://weibo.com/u/1', '某某\t7.00623E+18'].join('\n');
    expect(parseCreatorLines(text).rejected).toEqual([
      { line: 2, text: '川味小厨娘\t12.3万\t美食', reason: 'no-creator-in-row' },
      { line: 3, text: '某某\thttps://weibo.com/u/1', reason: 'other-site' },
      { line: 4, text: '某某\t7.00623E+18', reason: 'rounded-id' },
    ]);
  });

  it('WPS / Feishu: CRLF rows with trailing tabs, a single column pasted with its header', () => {
    const wps = `星图ID\t\t\r\n${ID}\t\t\r\n${ID2}\t\t\r\n`;
    expect(parseCreatorLines(wps)).toMatchObject({ entries: [xingtu(ID), xingtu(ID2)], headerSkipped: true, rejected: [] });
    const column = `达人链接\r\n${DY}\r\n${XT}\r\n`;
    expect(parseCreatorLines(column)).toMatchObject({ entries: [douyin(SEC, DY), xingtu(ID, XT)], headerSkipped: true });
    const feishu = `Name\tProfile URL\n阿强\t${DY}\n\t\n`;
    expect(parseCreatorLines(feishu)).toMatchObject({ entries: [douyin(SEC, DY, '阿强')], headerSkipped: true, rejected: [] });
  });

  it('a single column with a quoted multi-line cell is one row', () => {
    const text = `${ID}\n"长按复制此条消息\n${DY}"\n川味小厨娘`;
    const result = parseCreatorLines(text);
    expect(result.entries).toEqual([xingtu(ID), douyin(SEC, DY), nick('川味小厨娘')]);
  });

  it('a header is only the first row, and a first row with a creator is no header', () => {
    expect(parseCreatorLines(`${ID}\t达人\n昵称\t链接`).headerSkipped).toBe(false);
    expect(parseCreatorLines('川味小厨娘\n达人').entries).toEqual([nick('川味小厨娘'), nick('达人')]);
    expect(parseCreatorLines('达人\n川味小厨娘')).toMatchObject({ entries: [nick('川味小厨娘')], headerSkipped: true });
  });
});

describe('parseCreatorLines: CSV text', () => {
  it('comma-separated rows with a header and quoted cells', () => {
    const text = `nickname,link,notes\r\n"阿强, 成都",${DY},"说 ""你好"""\r\n川味小厨娘,${XT},\r\n`;
    const result = parseCreatorLines(text);
    expect(result).toEqual({ entries: [douyin(SEC, DY, '阿强, 成都'), xingtu(ID, XT)], duplicates: 0, rejected: [], headerSkipped: true });
  });

  it('a one-column list with a comma in one nickname stays one cell per line', () => {
    expect(parseCreatorLines(`小明, 小红\n${ID}\n川味小厨娘`).entries).toEqual([nick('小明, 小红'), xingtu(ID), nick('川味小厨娘')]);
  });

  it('a byte-order mark at the start is not part of the first cell', () => {
    expect(parseCreatorLines(`\uFEFF${ID}\n${DY}`).entries).toEqual([xingtu(ID), douyin(SEC, DY)]);
  });
});

describe('readCreatorFile', () => {
  const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);
  // 美食 in GBK / GB18030 (not valid UTF-8).
  const MEISHI_GBK = [0xc3, 0xc0, 0xca, 0xb3];

  it('a UTF-8 CSV with a byte-order mark', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(`达人,链接\r\n川味小厨娘,${DY}\r\n`)]);
    const result = await readCreatorFile(new File([bytes], 'list.csv', { type: 'text/csv' }));
    expect(result).toEqual({ entries: [douyin(SEC, DY, '川味小厨娘')], duplicates: 0, rejected: [], headerSkipped: true });
  });

  it('a UTF-8 file without a mark', async () => {
    const result = await readCreatorFile(new Blob([utf8(`${ID}\n美食`)]));
    expect(result.entries).toEqual([xingtu(ID), nick('美食')]);
  });

  it('a GB18030 / GBK file (Excel on Chinese Windows)', async () => {
    const bytes = new Uint8Array([...utf8(`name,link\r\n`), ...MEISHI_GBK, ...utf8(`,${DY}\r\n,${ID}\r\n`)]);
    expect(decodeCreatorFile(bytes)).toBe(`name,link\r\n美食,${DY}\r\n,${ID}\r\n`);
    const result = await readCreatorFile(new File([bytes], 'list.csv'));
    expect(result).toEqual({ entries: [douyin(SEC, DY, '美食'), xingtu(ID)], duplicates: 0, rejected: [], headerSkipped: true });
  });

  it('UTF-16 with a mark (Excel "Unicode text", tab-separated)', async () => {
    const text = `\uFEFF昵称\t链接\r\n美食\t${DY}\r\n`;
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i += 1) {
      le[i * 2] = text.charCodeAt(i) & 0xff;
      le[i * 2 + 1] = text.charCodeAt(i) >> 8;
    }
    const result = await readCreatorFile(new File([le], 'list.txt'));
    expect(result).toMatchObject({ entries: [douyin(SEC, DY, '美食')], headerSkipped: true });
  });

  it('a file over the bound is refused before it is read', async () => {
    const big = new Blob([new Uint8Array(MAX_CREATOR_FILE_BYTES + 1)]);
    await expect(readCreatorFile(big)).rejects.toEqual(new CreatorFileError('too-large'));
    await expect(readCreatorFile(big)).rejects.toMatchObject({ problem: 'too-large' });
  });

  it('a workbook is refused with "save it as CSV" (by name, or by its bytes)', async () => {
    await expect(readCreatorFile(new File([utf8('x')], '达人.xlsx'))).rejects.toMatchObject({ problem: 'spreadsheet' });
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    await expect(readCreatorFile(new File([zip], 'list.csv'))).rejects.toMatchObject({ problem: 'spreadsheet' });
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(readCreatorFile(new Blob([ole]))).rejects.toMatchObject({ problem: 'spreadsheet' });
  });

  it('binary that is not text is refused', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    await expect(readCreatorFile(new File([png], 'list.csv'))).rejects.toMatchObject({ problem: 'not-text' });
  });

  it('an empty file gives nothing', async () => {
    expect(await readCreatorFile(new File([], 'empty.csv'))).toEqual({ entries: [], duplicates: 0, rejected: [], headerSkipped: false });
  });
});
