import Papa from 'papaparse';
import * as v from 'valibot';
import {
  entryKey,
  MAX_ENTRY_NICKNAME_LENGTH,
  MAX_ENTRY_SOURCE_LENGTH,
  NewEntrySchema,
  type ListCreatorRef,
  type NewEntry,
} from '../shared/creator-lists';
import { toUrl } from '../shared/url';
import { parseCreatorInput } from './creator-input';

/**
 * What the list page's "Creators" box and a dropped `.csv` file hold, read into list rows.
 *
 * One creator per line: a Xingtu id or creator link, a Douyin profile or share link (also inside
 * share text), or a nickname. Cells pasted from Excel / WPS / Feishu (tab-separated, cells with
 * line breaks quoted) and CSV files are read with papaparse: the first cell of a row that names a
 * creator is used, another short text cell of the row is kept as the nickname a Douyin row is
 * searched by, and a header row is skipped. Every line that is not a creator is returned with its
 * line number and why; nothing is dropped silently.
 */

/**
 * Why a line was not added:
 * - 'unrecognised': a Douyin/Xingtu link that is not a creator page (a video, the own page), a
 *   `javascript:` link, unreadable (binary) text;
 * - 'other-site': a link to another site;
 * - 'short-link': a v.douyin.com short link (it only opens in a browser: open it, then paste the
 *   full address);
 * - 'too-long': longer than any nickname;
 * - 'no-creator-in-row': a spreadsheet row with several cells, none of them a creator;
 * - 'rounded-id': an id a spreadsheet rounded (7.00623E+18, or its last digits turned to zeros):
 *   the digits are lost; format the column as text and copy it again.
 */
export type RejectReason = 'unrecognised' | 'other-site' | 'short-link' | 'too-long' | 'no-creator-in-row' | 'rounded-id';

export interface RejectedLine {
  /** 1-based line of the text where the row starts. */
  line: number;
  /** The row as given (shortened to MAX_REJECTED_TEXT_LENGTH). */
  text: string;
  reason: RejectReason;
}

export interface ParsedInput {
  /** Each creator once (unique by entryKey(ref)), in the order given. */
  entries: NewEntry[];
  /** Rows that named a creator already in `entries` (merged into it). */
  duplicates: number;
  rejected: RejectedLine[];
  /** The first row was a header (达人 / 链接 / name / url…) and was skipped. */
  headerSkipped: boolean;
}

/** Largest file read (bytes). */
export const MAX_CREATOR_FILE_BYTES = 2 * 1024 * 1024;
/** Longest cell looked at; longer cells are 'too-long' without being searched for links. */
export const MAX_CELL_LENGTH = 2000;
/** A rejected row's text is shortened to this many characters for display. */
export const MAX_REJECTED_TEXT_LENGTH = 200;

export type CreatorFileProblem = 'too-large' | 'spreadsheet' | 'not-text';

/** A file that cannot be read as a list of creators; `problem` says why (for the message). */
export class CreatorFileError extends Error {
  constructor(readonly problem: CreatorFileProblem) {
    super(`creator file: ${problem}`);
    this.name = 'CreatorFileError';
  }
}

// ---- one cell ------------------------------------------------------------------------------

type Cell =
  | { kind: 'creator'; ref: ListCreatorRef; source: string }
  /** Something that looks like a link or an id but cannot be used. */
  | { kind: 'reject'; reason: RejectReason }
  | { kind: 'number'; text: string }
  /** A short text: a nickname (alone on its row) or a nickname hint (beside a link). */
  | { kind: 'text'; text: string }
  | { kind: 'long-text' };

/** Link-like tokens: with a scheme, starting with www., or a host followed by a path. */
const LINK_TOKEN = /(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d{1,5})?(?:\/[^\s"'<>，。、；！？）】]*)?/gi;
const SCHEME_ONLY = /^\s*(?:javascript|data|vbscript|file|about|blob|chrome|chrome-extension|mailto|tel|sms|snssdk\d*|aweme):/i;
const CREATOR_SITES = ['douyin.com', 'iesdouyin.com', 'xingtu.cn', 'toutiao.com'];
const SHORT_LINK_HOSTS = new Set(['v.douyin.com', 'v.iesdouyin.com']);
/** Characters no nickname or link holds (C0 controls but tab/newline, DEL, the decoder's U+FFFD). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNREADABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;
/** A number in scientific notation, as a spreadsheet shows a long id: 7.00623E+18. */
const SCIENTIFIC = /^\d(?:[.,]\d+)?e\+?\d{1,3}$/i;
/** Digits beyond a spreadsheet's 15 significant ones turned to zeros (7006229624431680000). */
const ZEROED_ID = /^\d{15}0{3,}$/;
/** A count, an amount, a date, a percentage: no letters once a unit is taken off. */
const UNIT = /\s*(?:万|亿|千|百|元|w|k|m|%|％)$/i;

function linkTokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(LINK_TOKEN)) {
    const token = match[0];
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(token) || /^www\./i.test(token) || token.includes('/')) out.push(token);
  }
  return out;
}

function hostOf(token: string): string | null {
  const url = toUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(token) ? token : `https://${token}`);
  return url ? url.hostname.toLowerCase() : null;
}

function isCreatorSite(host: string): boolean {
  return CREATOR_SITES.some((site) => host === site || host.endsWith(`.${site}`));
}

/** Why a cell with a link in it names no creator; null when it holds no link at all. */
function linkProblem(text: string): RejectReason | null {
  const hosts = linkTokens(text).map(hostOf);
  if (hosts.length === 0) return null;
  if (hosts.some((host) => host !== null && SHORT_LINK_HOSTS.has(host))) return 'short-link';
  if (hosts.every((host) => host !== null && isCreatorSite(host))) return 'unrecognised';
  return 'other-site';
}

function isNumberLike(text: string): boolean {
  return !/\p{L}/u.test(text.replace(UNIT, ''));
}

function refOf(text: string): ListCreatorRef | 'douyin-self' | null {
  const input = parseCreatorInput(text);
  if (input.kind === 'xingtu') return { kind: 'xingtu', oAuthorId: input.oAuthorId };
  if (input.kind !== 'douyin-url') return null;
  const { page } = input;
  if (page.kind === 'douyin-self') return 'douyin-self';
  if (page.kind === 'douyin-user') return { kind: 'douyin', secUid: page.secUid, uid: null, nickname: null };
  return { kind: 'douyin', secUid: page.secUid, uid: page.uid, nickname: null };
}

/** A long link cut to the source length: its query (but a share link's sec_uid) and hash go first. */
function shortenLink(link: string): string {
  if (link.length <= MAX_ENTRY_SOURCE_LENGTH) return link;
  const url = toUrl(/^https?:\/\//i.test(link) ? link : `https://${link}`);
  if (url) {
    const secUid = url.searchParams.get('sec_uid');
    url.search = secUid !== null ? `?sec_uid=${secUid}` : '';
    url.hash = '';
    if (url.href.length <= MAX_ENTRY_SOURCE_LENGTH) return url.href;
  }
  return link.slice(0, MAX_ENTRY_SOURCE_LENGTH);
}

/** The link or id as given: the link token inside share text that names this creator, else the cell. */
function sourceOf(text: string, ref: ListCreatorRef): string {
  const key = entryKey(ref);
  const token = linkTokens(text).find((candidate) => {
    const found = refOf(candidate);
    return found !== null && found !== 'douyin-self' && entryKey(found) === key;
  });
  return shortenLink(token ?? text);
}

function classifyCell(raw: string): Cell {
  const text = raw.trim();
  if (text.length > MAX_CELL_LENGTH) return { kind: 'long-text' };
  if (UNREADABLE.test(text) || SCHEME_ONLY.test(text)) return { kind: 'reject', reason: 'unrecognised' };
  if (SCIENTIFIC.test(text) || ZEROED_ID.test(text)) return { kind: 'reject', reason: 'rounded-id' };
  const ref = refOf(text);
  if (ref === 'douyin-self') return { kind: 'reject', reason: 'unrecognised' };
  if (ref !== null) return { kind: 'creator', ref, source: sourceOf(text, ref) };
  const problem = linkProblem(text);
  if (problem !== null) return { kind: 'reject', reason: problem };
  // No link left: a name (line breaks inside a cell become spaces), or a number.
  const name = text.replace(/\s+/g, ' ');
  if (name.length > MAX_ENTRY_NICKNAME_LENGTH) return { kind: 'long-text' };
  return isNumberLike(name) ? { kind: 'number', text: name } : { kind: 'text', text: name };
}

// ---- the header row --------------------------------------------------------------------------

/** Words header cells are made of (lower case), longest first so "粉丝数" is not read as "粉丝"+"数". */
const HEADER_WORDS = [
  '达人', '昵称', '名称', '名字', '姓名', '用户名', '用户', '链接', '主页', '网址', '地址', '星图', '巨量', '抖音', '抖音号',
  '账号', '编号', '序号', '粉丝数', '粉丝', '备注', '类型', '类目', '平台', '作者', '创作者', '博主', '红人', '网红', '主播',
  '个人', '号', '名', '数', 'secuid', 'uid', 'id', 'nickname', 'nick', 'username', 'user', 'name', 'links', 'link', 'urls',
  'url', 'homepage', 'home', 'page', 'profile', 'creators', 'creator', 'authors', 'author', 'influencer', 'kol', 'xingtu',
  'douyin', 'number', 'no', 'followers', 'fans', 'notes', 'note', 'remarks', 'remark', 'category', 'platform', 'account',
  'handle', 'star',
].sort((a, b) => b.length - a.length);
const HEADER_PUNCTUATION = /[\s_\-–—/\\|()（）[\]【】:：.,，。·#*、'"]+/g;

function isHeaderCell(cell: string): boolean {
  let rest = cell.toLowerCase().replace(HEADER_PUNCTUATION, '');
  if (rest === '' || rest.length > 30) return false;
  while (rest !== '') {
    const word = HEADER_WORDS.find((w) => rest.startsWith(w));
    if (word === undefined) return false;
    rest = rest.slice(word.length);
  }
  return true;
}

/** A header cell naming the nickname column (达人昵称, Name…), not a link or id column. */
function isNameHeader(cell: string): boolean {
  const text = cell.toLowerCase();
  if (/链接|主页|网址|地址|url|link|id|号|home|profile/.test(text)) return false;
  return /昵称|名称|名字|姓名|用户名|name|nick/.test(text) || /^(?:达人|博主|作者|创作者|红人|kol|creator|author|influencer)$/.test(text.trim());
}

// ---- rows ------------------------------------------------------------------------------------

interface Row {
  /** 1-based line where the row starts, and where it ends (a quoted cell may span lines). */
  line: number;
  endLine: number;
  cells: string[];
}

/** Comma-separated (a CSV file, or comma rows pasted), judged by papaparse from the first rows. */
function looksCommaSeparated(text: string): boolean {
  const guess = Papa.parse<string[]>(text, { delimitersToGuess: [','], newline: '\n', skipEmptyLines: true, preview: 20 });
  return !guess.errors.some((error) => error.code === 'UndetectableDelimiter');
}

/**
 * The text's rows and cells. Tab-separated when there is a tab (spreadsheet cells), comma-separated
 * when papaparse finds commas separating fields, else one cell per line. Quoted cells may hold line
 * breaks; when quotes do not pair up (a nickname starting with `"`), each line is read as it is.
 */
function readRows(text: string, lines: readonly string[]): Row[] {
  const delimiter = text.includes('\t') ? '\t' : looksCommaSeparated(text) ? ',' : '\t';
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: '\n', skipEmptyLines: false });
  const table = parsed.errors.some((error) => error.type === 'Quotes') ? lines.map((l) => l.split(delimiter)) : parsed.data;
  const rows: Row[] = [];
  let line = 1;
  for (const cells of table) {
    const breaks = cells.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
    rows.push({ line, endLine: line + breaks, cells });
    line += breaks + 1;
  }
  return rows;
}

function rowText(row: Row, lines: readonly string[]): string {
  const text = lines.slice(row.line - 1, row.endLine).join('\n').trim();
  return text.length > MAX_REJECTED_TEXT_LENGTH ? `${text.slice(0, MAX_REJECTED_TEXT_LENGTH - 1)}…` : text;
}

interface ClassifiedCell {
  column: number;
  cell: Cell;
}

type RowOutcome = { ok: true; ref: ListCreatorRef; source: string } | { ok: false; reason: RejectReason };

function readRow(cells: readonly ClassifiedCell[], nameColumn: number | null): RowOutcome {
  const only = cells.length === 1 ? cells[0]?.cell : undefined;
  if (only !== undefined) {
    if (only.kind === 'creator') return { ok: true, ref: only.ref, source: only.source };
    if (only.kind === 'reject') return { ok: false, reason: only.reason };
    if (only.kind === 'long-text') return { ok: false, reason: 'too-long' };
    return { ok: true, ref: { kind: 'nickname', nickname: only.text }, source: only.text };
  }
  const named = cells.find((c) => c.column === nameColumn && c.cell.kind === 'text')?.cell;
  const nameText = named?.kind === 'text' ? named.text : null;
  const creator = cells.find((c) => c.cell.kind === 'creator')?.cell;
  if (creator?.kind === 'creator') {
    if (creator.ref.kind !== 'douyin') return { ok: true, ref: creator.ref, source: creator.source };
    const hint = nameText ?? cells.map((c) => c.cell).find((c) => c.kind === 'text')?.text ?? null;
    return { ok: true, ref: { ...creator.ref, nickname: hint }, source: creator.source };
  }
  // A link or id that cannot be used is what the row meant: say why rather than search the name.
  const rejected = cells.find((c) => c.cell.kind === 'reject')?.cell;
  if (rejected?.kind === 'reject') return { ok: false, reason: rejected.reason };
  // No link or id at all: the name column of a sheet with a header row makes it a nickname row.
  if (nameText !== null) return { ok: true, ref: { kind: 'nickname', nickname: nameText }, source: nameText };
  return { ok: false, reason: 'no-creator-in-row' };
}

function isHeaderRow(cells: readonly ClassifiedCell[], raw: readonly string[]): boolean {
  if (cells.some((c) => c.cell.kind === 'creator' || c.cell.kind === 'reject' || c.cell.kind === 'long-text')) return false;
  return cells.some((c) => isHeaderCell(raw[c.column] ?? ''));
}

/** Read pasted or loaded text into list rows (see the module comment). */
export function parseCreatorLines(text: string): ParsedInput {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  const byKey = new Map<string, NewEntry>();
  const rejected: RejectedLine[] = [];
  let duplicates = 0;
  let headerSkipped = false;
  let nameColumn: number | null = null;
  let first = true;

  for (const row of readRows(normalised, lines)) {
    const cells: ClassifiedCell[] = [];
    row.cells.forEach((raw, column) => {
      if (raw.trim() !== '') cells.push({ column, cell: classifyCell(raw) });
    });
    if (cells.length === 0) continue;
    if (first) {
      first = false;
      if (isHeaderRow(cells, row.cells)) {
        headerSkipped = true;
        const index = row.cells.findIndex(isNameHeader);
        nameColumn = index >= 0 ? index : null;
        continue;
      }
    }
    const outcome = readRow(cells, nameColumn);
    const entry: NewEntry | null = outcome.ok ? { ref: outcome.ref, source: outcome.source } : null;
    if (entry === null || !v.is(NewEntrySchema, entry)) {
      rejected.push({ line: row.line, text: rowText(row, lines), reason: outcome.ok ? 'unrecognised' : outcome.reason });
      continue;
    }
    const key = entryKey(entry.ref);
    const known = byKey.get(key);
    if (known === undefined) {
      byKey.set(key, entry);
      continue;
    }
    duplicates += 1;
    // The same Douyin creator given again with a name beside it: keep the name for the search.
    if (known.ref.kind === 'douyin' && known.ref.nickname === null && entry.ref.kind === 'douyin' && entry.ref.nickname !== null) {
      byKey.set(key, { ...known, ref: { ...known.ref, nickname: entry.ref.nickname } });
    }
  }
  return { entries: [...byKey.values()], duplicates, rejected, headerSkipped };
}

// ---- files -----------------------------------------------------------------------------------

const SPREADSHEET_EXTENSIONS = /\.(?:xlsx|xlsm|xlsb|xls|et|ods|numbers)$/i;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/**
 * A file's text: UTF-8 (with or without a byte-order mark), UTF-16 with its mark (Excel's
 * "Unicode text"), else GB18030 (Excel on Chinese Windows saves CSV in the ANSI code page, GBK).
 */
export function decodeCreatorFile(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes);
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * Read a dropped or chosen `.csv` (or `.tsv` / `.txt`) file. Throws CreatorFileError for a file
 * over MAX_CREATOR_FILE_BYTES ('too-large'), an Excel/WPS workbook ('spreadsheet': save it as
 * CSV first) or a file that is not text ('not-text').
 */
export async function readCreatorFile(file: Blob): Promise<ParsedInput> {
  const name = 'name' in file && typeof file.name === 'string' ? file.name : '';
  if (SPREADSHEET_EXTENSIONS.test(name)) throw new CreatorFileError('spreadsheet');
  if (file.size > MAX_CREATOR_FILE_BYTES) throw new CreatorFileError('too-large');
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Workbooks renamed or without a name: a zip (xlsx, ods) or an OLE compound file (xls, et).
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new CreatorFileError('spreadsheet');
  }
  const text = decodeCreatorFile(bytes);
  if (text.includes('\u0000')) throw new CreatorFileError('not-text');
  return parseCreatorLines(text);
}
