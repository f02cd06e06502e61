/**
 * A real HTTP server imitating Just One API's Author Video Distribution and Creator Search
 * endpoints, for e2e tests and the demo. Bound to 127.0.0.1 only.
 *
 *   GET /api/douyin-xingtu/gw/api/data_sp/author_video_distribution/v1?token&oAuthorId&platform
 *   GET /api/douyin-xingtu/gw/api/gsearch/search_for_author_square/v1?token&keyword&page&searchType&sort
 *
 * Every answer carries `Access-Control-Allow-Origin: *`; OPTIONS is answered with 204.
 *
 * Normal behaviour (no scenario):
 *   - token missing or not the valid one → HTTP 200 `{code:100, message:'invalid token', data:null}`
 *     (set `token: null` to accept any token)
 *   - oAuthorId missing or not decimal → `{code:400}`; platform not one of the four → `{code:400}`
 *   - otherwise `{code:0, data:{base_resp:{status_code:0}, video_content_distribution:[…]}}` from
 *     the table (an id or platform not in the table → empty list, or see `unknownAuthor`)
 *   - any other path → HTTP 404 with a `{code:404}` envelope
 *
 * Scenarios (see `Scenario`) override this per creator id (or '*' for every request):
 *   mock.setScenario(id, { code: 601 })                     // business error, HTTP 200
 *   mock.setScenario(id, { http: 503, body: '<html>…' })    // HTTP error with a non-JSON body
 *   mock.setScenario(id, { delayMs: 2000 })                 // slow, then normal answer
 *   mock.setScenario(id, { hang: true })                    // never answers
 *   mock.setScenario(id, { destroy: true })                 // closes the socket, no answer
 *   mock.setScenario(id, [{ code: 301 }, { code: 301 }])    // a sequence: one per request, then normal
 *
 * Creator Search (normal behaviour): the same token check; keyword missing or blank, searchType
 * other than NICKNAME/CONTENT, sort other than FANS/DEFAULT, page not a positive integer →
 * `{code:400}`; otherwise `{code:0, data:{authors:[…], pagination:{page, limit, total_count,
 * has_more}, base_resp:{status_code:0}}}` with every author of the table whose nick_name contains
 * the keyword (case-insensitive; an exact name is a match too), most followers first for
 * sort=FANS, SEARCH_PAGE_SIZE per page. Authors are sent exactly as in the table: strings.
 * Search scenarios (`SearchScenario`, the same modifiers plus `authors`) are set per keyword
 * (the trimmed keyword, exactly) or '*', and never apply to the distribution endpoint (nor the
 * distribution's to search):
 *   mock.setSearchScenario('川味小厨娘', { code: 303 })
 *   mock.setSearchScenario('*', { upstream: { status_code: 4003 } })
 *   mock.setSearchScenario('*', { authors: [...] })            // answer with this list
 * Count calls per endpoint with `mock.calls({ path: SEARCH_PATH })` (or DISTRIBUTION_PATH), or
 * per keyword with `mock.calls({ keyword })`.
 *
 * Account balance (api.md §4, not a data call): GET /user/get-balance?token → the same token check,
 * then `{code:0, data:{balance, currency:'CNY'}}` with the balance set by `setBalance` (default
 * "123.4500"; a number is sent as a JSON number). `setBalanceSupported(false)` answers HTTP 404
 * with an HTML page, like a proxy that does not forward the path. Faults: `setBalanceScenario`
 * (the ScenarioBase modifiers: `hang`, `delayMs`, `code: 100`, `http: 503`, an HTML `body`, …).
 * Balance requests are recorded apart from the data calls: `balanceCalls()`, never `calls()`.
 *
 * Avatars: GET /avatar/<name>.svg answers a small SVG. Table avatars written as `/avatar/…` are
 * sent as absolute URLs on the mock. Avatar requests are not API calls and are not recorded.
 *
 * CLI: `npx tsx e2e/mock-api.ts [--port 8787] [--token demo-key]` serves the demo data.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  DEMO_AUTHORS,
  DEMO_CREATORS,
  MOCK_PLATFORMS,
  type CategoryItem,
  type CreatorTable,
  type MockAuthor,
  type MockPlatform,
} from './fixtures/creators';

export const DISTRIBUTION_PATH = '/api/douyin-xingtu/gw/api/data_sp/author_video_distribution/v1';
export const SEARCH_PATH = '/api/douyin-xingtu/gw/api/gsearch/search_for_author_square/v1';
export const BALANCE_PATH = '/user/get-balance';
/** The balance answered until `setBalance`. */
export const DEFAULT_MOCK_BALANCE = '123.4500';
/** Where the mock serves avatar images (not an API path). */
export const AVATAR_PATH_PREFIX = '/avatar/';
/** Authors per search page. */
export const SEARCH_PAGE_SIZE = 20;

/** Default messages, as documented in reference/api.md. */
export const CODE_MESSAGES: Record<number, string> = {
  0: 'success',
  100: 'invalid token',
  301: 'collection failed, please retry',
  302: 'rate limit exceeded',
  303: 'daily quota exceeded',
  400: 'invalid parameters',
  404: 'not found',
  500: 'internal server error',
  600: 'permission denied',
  601: 'insufficient balance',
};

/**
 * What every scenario can do. Modifiers (`delayMs`, `hang`, `destroy`, `noCors`) combine with
 * the others; the answer is chosen in this order:
 *   hang → destroy → body → http/code → upstream → list/authors → normal (token check, table).
 * `body`, `http` and `code` bypass the token check; `upstream`, `list` and `authors` do not.
 */
export interface ScenarioBase {
  /** Wait this long before answering (or before hanging up with `destroy`). */
  delayMs?: number;
  /** Never answer (the socket stays open until the client gives up or the mock closes). */
  hang?: boolean;
  /** Close the socket without an answer (the client sees a network error). */
  destroy?: boolean;
  /** Leave out the CORS header (a browser sees a network/CORS error). */
  noCors?: boolean;
  /** Business code: answer with the envelope `{code, message, data: null}`. */
  code?: number;
  /** Message for `code` (default: the documented one). */
  message?: string;
  /** HTTP status. Alone: an HTML error page; with `code`: the envelope with this status. */
  http?: number;
  /** Raw answer body: a string is sent as is, anything else as JSON. Status is `http` or 200. */
  body?: unknown;
  /** Content-Type for `body` (default: JSON for objects and strings starting with { or [, else HTML). */
  contentType?: string;
  /** code 0, but the upstream refused: `data.base_resp = {status_code, status_message}`. */
  upstream?: { status_code: number; status_message?: string };
}

/** How to answer a distribution request. */
export interface Scenario extends ScenarioBase {
  /** Answer with this list instead of the table's. */
  list?: CategoryItem[];
  /** Only requests for this platform match (default: any). */
  platform?: MockPlatform;
}

/** How to answer a search request. */
export interface SearchScenario extends ScenarioBase {
  /** Answer with these authors (this page, as is) instead of the table's matches. */
  authors?: MockAuthor[];
  /** `pagination.has_more` with `authors` (default false). */
  hasMore?: boolean;
}

export interface RecordedCall {
  method: string;
  path: string;
  /** Every query parameter (the last value when repeated). Includes `token`. */
  query: Record<string, string>;
  oAuthorId: string | null;
  platform: string | null;
  /** The search keyword as sent (not trimmed), or null. */
  keyword: string | null;
  token: string | null;
  /** ms since epoch when the request arrived. */
  time: number;
  /** ms since epoch when the answer was finished (or the socket destroyed); null while pending or hung. */
  doneAt: number | null;
  /** HTTP status sent, or null when none was (hang, destroy). */
  status: number | null;
  /** Business code sent, when the body was an envelope. */
  code: number | null;
  /** Which rule answered: 'normal', 'scenario', 'not-found', 'preflight'. */
  answeredBy: string;
}

export interface CallFilter {
  oAuthorId?: string;
  platform?: string;
  /** Search keyword, exactly as sent. */
  keyword?: string;
  token?: string;
  path?: string;
  /** Default 'GET' (preflights are not API calls); '*' for every method. */
  method?: string;
}

export interface MockApiOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** The one valid token (default 'test-key'); null accepts any token, even none. */
  token?: string | null;
  /** The creator table (default DEMO_CREATORS). */
  creators?: CreatorTable;
  /** The search table (default DEMO_AUTHORS). */
  authors?: MockAuthor[];
  /** An id not in the table: an empty list (default) or an upstream refusal. */
  unknownAuthor?: 'empty' | 'upstream-error';
  /** Log every request to stdout (the CLI does). */
  log?: boolean;
}

export interface MockApi {
  /** Base URL, `http://127.0.0.1:<port>` (no trailing slash): what the options page's custom endpoint takes. */
  url: string;
  port: number;
  /** The full distribution URL, for direct requests. */
  distributionUrl(params: Record<string, string>): string;
  /** The full search URL, for direct requests. */
  searchUrl(params: Record<string, string>): string;
  /** Override answers for one creator id, or '*' for all. An array is a sequence: one per request, then normal. */
  setScenario(oAuthorId: string, scenario: Scenario | Scenario[]): void;
  clearScenario(oAuthorId: string): void;
  /** Override search answers for one keyword (trimmed, exact), or '*' for all. Arrays are sequences. */
  setSearchScenario(keyword: string, scenario: SearchScenario | SearchScenario[]): void;
  clearSearchScenario(keyword: string): void;
  /** Replace the search table (until reset). */
  setAuthors(authors: MockAuthor[]): void;
  /** The balance the balance endpoint answers (a string as is, a number as a JSON number). */
  setBalance(balance: string | number): void;
  /** false: the balance path answers HTTP 404 with an HTML page (a proxy that does not forward it). */
  setBalanceSupported(supported: boolean): void;
  /** Override balance answers (faults); an array is a sequence: one per request, then normal. */
  setBalanceScenario(scenario: ScenarioBase | ScenarioBase[]): void;
  /** Recorded balance requests (GET unless `method` says otherwise), oldest first; never part of calls(). */
  balanceCalls(filter?: Pick<CallFilter, 'token' | 'method'>): RecordedCall[];
  /** Replace one creator's data for one or more platforms (merged into the table). */
  setCreator(oAuthorId: string, platforms: Partial<Record<MockPlatform, CategoryItem[]>>): void;
  /** Change the valid token (null: accept any). */
  setToken(token: string | null): void;
  /** Recorded requests matching the filter, oldest first. */
  calls(filter?: CallFilter): RecordedCall[];
  /** Resolve when at least `count` matching calls were recorded (rejects after timeoutMs). */
  waitForCalls(count: number, filter?: CallFilter, timeoutMs?: number): Promise<RecordedCall[]>;
  /** Requests being answered right now (delayed or hung), and the most seen at once since reset. */
  inFlight(): number;
  maxInFlight(): number;
  /** Forget calls and scenarios (every endpoint); restore the original tables, token and balance. Hung requests are ended. */
  reset(): void;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

function envelope(code: number, data: unknown, message: string | null): string {
  return JSON.stringify({
    code,
    data,
    message,
    recordTime: new Date().toISOString(),
    requestId: randomUUID(),
  });
}

function errorPage(status: number): string {
  return `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>`;
}

function matches(call: RecordedCall, filter: CallFilter): boolean {
  const method = filter.method ?? 'GET';
  if (method !== '*' && call.method !== method) return false;
  if (filter.path !== undefined && call.path !== filter.path) return false;
  if (filter.oAuthorId !== undefined && call.oAuthorId !== filter.oAuthorId) return false;
  if (filter.platform !== undefined && call.platform !== filter.platform) return false;
  if (filter.keyword !== undefined && call.keyword !== filter.keyword) return false;
  if (filter.token !== undefined && call.token !== filter.token) return false;
  return true;
}

function cloneTable(table: CreatorTable): CreatorTable {
  return structuredClone(table);
}

/** Pick (and consume, for sequences) the first scenario that fits, by key then '*'. */
function takeFrom<S>(scenarios: Map<string, S | S[]>, key: string | null, fits: (scenario: S) => boolean): S | null {
  for (const k of [key, '*']) {
    if (k === null) continue;
    const entry = scenarios.get(k);
    if (entry === undefined) continue;
    if (Array.isArray(entry)) {
      const index = entry.findIndex(fits);
      if (index < 0) continue;
      const [scenario] = entry.splice(index, 1);
      if (entry.length === 0) scenarios.delete(k);
      if (scenario) return scenario;
    } else if (fits(entry)) {
      return entry;
    }
  }
  return null;
}

const POSITIVE_INTEGER = /^[1-9]\d{0,5}$/;

/** A small round avatar with the first character of `label`. */
function avatarSvg(label: string): string {
  const hue = Array.from(label).reduce((h, c) => (h * 31 + (c.codePointAt(0) ?? 0)) % 360, 7);
  const escaped = label.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100"><circle cx="50" cy="50" r="50" fill="hsl(${hue},55%,55%)"/><text x="50" y="64" font-size="40" text-anchor="middle" fill="#fff" font-family="sans-serif">${escaped}</text></svg>`;
}

export async function startMockApi(options: MockApiOptions = {}): Promise<MockApi> {
  const initialToken = options.token === undefined ? 'test-key' : options.token;
  const initialTable = options.creators ?? DEMO_CREATORS;
  const initialAuthors = options.authors ?? DEMO_AUTHORS;
  const unknownAuthor = options.unknownAuthor ?? 'empty';

  let token = initialToken;
  let table = cloneTable(initialTable);
  let authors = structuredClone(initialAuthors);
  let scenarios = new Map<string, Scenario | Scenario[]>();
  let searchScenarios = new Map<string, SearchScenario | SearchScenario[]>();
  let balanceScenarios = new Map<string, ScenarioBase | ScenarioBase[]>();
  let balance: string | number = DEFAULT_MOCK_BALANCE;
  let balanceSupported = true;
  let recorded: RecordedCall[] = [];
  let balanceRecorded: RecordedCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const hung = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname.startsWith(AVATAR_PATH_PREFIX)) {
      const label = decodeURIComponent(url.pathname.slice(AVATAR_PATH_PREFIX.length)).replace(/\.svg$/, '');
      const name = authors.find((a) => a.star_id === label)?.attribute_datas.nick_name ?? label;
      res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=3600', 'Access-Control-Allow-Origin': '*' });
      res.end(avatarSvg(Array.from(name)[0] ?? '?'));
      return;
    }
    const query: Record<string, string> = {};
    url.searchParams.forEach((value, key) => {
      query[key] = value;
    });
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      oAuthorId: url.searchParams.get('oAuthorId'),
      platform: url.searchParams.get('platform'),
      keyword: url.searchParams.get('keyword'),
      token: url.searchParams.get('token'),
      time: Date.now(),
      doneAt: null,
      status: null,
      code: null,
      answeredBy: 'normal',
    };
    const isBalance = url.pathname === BALANCE_PATH;
    (isBalance ? balanceRecorded : recorded).push(call);
    waiters.forEach((wake) => wake());
    if (options.log) {
      const shownQuery = new URLSearchParams(url.searchParams);
      if (shownQuery.has('token')) shownQuery.set('token', '***');
      console.log(`[mock-api] ${call.method} ${url.pathname}?${shownQuery.toString()}`);
    }

    const send = (status: number, body: string, contentType: string, cors = true): void => {
      const headers: Record<string, string> = { 'Content-Type': contentType, 'Cache-Control': 'no-store' };
      if (cors) headers['Access-Control-Allow-Origin'] = '*';
      res.writeHead(status, headers);
      res.end(body);
      call.status = status;
      call.doneAt = Date.now();
      try {
        const parsed: unknown = JSON.parse(body);
        if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { code?: unknown }).code === 'number') {
          call.code = (parsed as { code: number }).code;
        }
      } catch {
        // not JSON: no business code
      }
    };
    const sendEnvelope = (status: number, code: number, data: unknown, message?: string | null, cors = true): void => {
      send(status, envelope(code, data, message === undefined ? (CODE_MESSAGES[code] ?? 'error') : message), JSON_TYPE, cors);
    };

    if (call.method === 'OPTIONS') {
      call.answeredBy = 'preflight';
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, OPTIONS',
        'Access-Control-Allow-Headers': '*',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      call.status = 204;
      call.doneAt = Date.now();
      return;
    }
    const isSearch = url.pathname === SEARCH_PATH;
    if (url.pathname !== DISTRIBUTION_PATH && !isSearch && !isBalance) {
      call.answeredBy = 'not-found';
      sendEnvelope(404, 404, null, `no route for ${url.pathname}`);
      return;
    }

    const platform = call.platform ?? 'SHORT_VIDEO';
    const keyword = (call.keyword ?? '').trim();
    const distributionScenario =
      isSearch || isBalance ? null : takeFrom(scenarios, call.oAuthorId, (s) => s.platform === undefined || s.platform === platform);
    const searchScenario = isSearch ? takeFrom(searchScenarios, keyword, () => true) : null;
    const balanceScenario = isBalance ? takeFrom(balanceScenarios, '*', () => true) : null;
    const scenario: ScenarioBase | null = distributionScenario ?? searchScenario ?? balanceScenario;
    if (scenario) call.answeredBy = 'scenario';
    const cors = !scenario?.noCors;

    /** The search endpoint after the token check: parameters, upstream, table. */
    const answerSearch = (kw: string, params: URLSearchParams, custom: SearchScenario | null, withCors: boolean): void => {
      const searchType = params.get('searchType') ?? 'NICKNAME';
      const sort = params.get('sort') ?? 'FANS';
      const pageText = params.get('page') ?? '1';
      const invalid =
        kw === '' ? 'keyword'
        : !['NICKNAME', 'CONTENT'].includes(searchType) ? 'searchType'
        : !['FANS', 'DEFAULT'].includes(sort) ? 'sort'
        : !POSITIVE_INTEGER.test(pageText) ? 'page'
        : null;
      if (invalid) {
        sendEnvelope(200, 400, null, `invalid parameters: ${invalid}`, withCors);
        return;
      }
      const page = Number(pageText);
      if (custom?.upstream) {
        const baseResp = { status_code: custom.upstream.status_code, status_message: custom.upstream.status_message ?? '' };
        sendEnvelope(200, 0, { authors: [], pagination: { page, has_more: false }, base_resp: baseResp }, 'success', withCors);
        return;
      }
      let found: MockAuthor[];
      let hasMore: boolean;
      let total: number;
      if (custom?.authors) {
        found = custom.authors;
        hasMore = custom.hasMore ?? false;
        total = found.length;
      } else {
        const needle = kw.toLowerCase();
        const matching = authors.filter((a) => a.attribute_datas.nick_name.toLowerCase().includes(needle));
        if (sort === 'FANS') matching.sort((a, b) => Number(b.attribute_datas.follower) - Number(a.attribute_datas.follower));
        found = matching.slice((page - 1) * SEARCH_PAGE_SIZE, page * SEARCH_PAGE_SIZE);
        hasMore = matching.length > page * SEARCH_PAGE_SIZE;
        total = matching.length;
      }
      const withAvatars = found.map((a) => {
        const uri = a.attribute_datas.avatar_uri;
        const absolute = uri.startsWith('/') && !uri.startsWith('//') ? `${base}${uri}` : uri;
        return { ...a, attribute_datas: { ...a.attribute_datas, avatar_uri: absolute } };
      });
      const data = {
        authors: withAvatars,
        pagination: { page, limit: SEARCH_PAGE_SIZE, total_count: total, has_more: hasMore },
        base_resp: { status_code: 0, status_message: '' },
      };
      sendEnvelope(200, 0, data, 'success', withCors);
    };

    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (scenario?.delayMs) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, scenario.delayMs);
          res.on('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (res.destroyed || res.writableEnded) return;
      }
      if (scenario?.hang) {
        hung.add(res);
        await new Promise<void>((resolve) => res.on('close', resolve));
        hung.delete(res);
        return;
      }
      if (scenario?.destroy) {
        call.doneAt = Date.now();
        req.socket.destroy();
        return;
      }
      if (scenario && scenario.body !== undefined) {
        const raw = typeof scenario.body === 'string' ? scenario.body : JSON.stringify(scenario.body);
        const type =
          scenario.contentType ??
          (typeof scenario.body !== 'string' || /^\s*[[{]/.test(scenario.body) ? JSON_TYPE : HTML_TYPE);
        send(scenario.http ?? 200, raw, type, cors);
        return;
      }
      if (scenario && scenario.code !== undefined) {
        sendEnvelope(scenario.http ?? 200, scenario.code, null, scenario.message, cors);
        return;
      }
      if (scenario && scenario.http !== undefined) {
        send(scenario.http, errorPage(scenario.http), HTML_TYPE, cors);
        return;
      }

      // Normal path: token, parameters, table.
      if (isBalance && !balanceSupported) {
        send(404, errorPage(404), HTML_TYPE, cors);
        return;
      }
      if (token !== null && call.token !== token) {
        sendEnvelope(200, 100, null, 'invalid token', cors);
        return;
      }
      if (isBalance) {
        sendEnvelope(200, 0, { balance, currency: 'CNY' }, null, cors);
        return;
      }
      if (isSearch) {
        answerSearch(keyword, url.searchParams, searchScenario, cors);
        return;
      }
      if (call.oAuthorId === null || !/^\d{1,24}$/.test(call.oAuthorId)) {
        sendEnvelope(200, 400, null, 'invalid parameters: oAuthorId', cors);
        return;
      }
      if (!(MOCK_PLATFORMS as readonly string[]).includes(platform)) {
        sendEnvelope(200, 400, null, 'invalid parameters: platform', cors);
        return;
      }
      if (distributionScenario?.upstream) {
        const data = {
          base_resp: {
            status_code: distributionScenario.upstream.status_code,
            status_message: distributionScenario.upstream.status_message ?? '',
          },
        };
        sendEnvelope(200, 0, data, 'success', cors);
        return;
      }
      const creator = table[call.oAuthorId];
      if (!creator && !distributionScenario?.list && unknownAuthor === 'upstream-error') {
        sendEnvelope(200, 0, { base_resp: { status_code: 4001, status_message: '达人不存在' } }, 'success', cors);
        return;
      }
      const list = distributionScenario?.list ?? creator?.[platform as MockPlatform] ?? [];
      const data = { base_resp: { status_code: 0, status_message: '' }, video_content_distribution: list };
      sendEnvelope(200, 0, data, 'success', cors);
    } finally {
      inFlight -= 1;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[mock-api] handler failed', error);
      if (!res.headersSent) {
        res.writeHead(500, { 'Access-Control-Allow-Origin': '*' });
        res.end();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  const calls = (filter: CallFilter = {}): RecordedCall[] => recorded.filter((c) => matches(c, filter));

  return {
    url: base,
    port,
    distributionUrl(params) {
      return `${base}${DISTRIBUTION_PATH}?${new URLSearchParams(params).toString()}`;
    },
    searchUrl(params) {
      return `${base}${SEARCH_PATH}?${new URLSearchParams(params).toString()}`;
    },
    setScenario(oAuthorId, scenario) {
      scenarios.set(oAuthorId, Array.isArray(scenario) ? [...scenario] : scenario);
    },
    clearScenario(oAuthorId) {
      scenarios.delete(oAuthorId);
    },
    setSearchScenario(keyword, scenario) {
      searchScenarios.set(keyword === '*' ? '*' : keyword.trim(), Array.isArray(scenario) ? [...scenario] : scenario);
    },
    clearSearchScenario(keyword) {
      searchScenarios.delete(keyword === '*' ? '*' : keyword.trim());
    },
    setAuthors(next) {
      authors = structuredClone(next);
    },
    setBalance(next) {
      balance = next;
    },
    setBalanceSupported(supported) {
      balanceSupported = supported;
    },
    setBalanceScenario(scenario) {
      balanceScenarios.set('*', Array.isArray(scenario) ? [...scenario] : scenario);
    },
    balanceCalls: (filter = {}) => balanceRecorded.filter((c) => matches(c, filter)),
    setCreator(oAuthorId, platforms) {
      table[oAuthorId] = { ...table[oAuthorId], ...structuredClone(platforms) };
    },
    setToken(next) {
      token = next;
    },
    calls,
    waitForCalls(count, filter = {}, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = calls(filter);
          if (found.length < count) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found);
          return true;
        };
        const wake = (): void => {
          check();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`mock-api: expected ${count} call(s) matching ${JSON.stringify(filter)}, got ${calls(filter).length}`));
        }, timeoutMs);
        if (!check()) waiters.add(wake);
      });
    },
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    reset() {
      token = initialToken;
      table = cloneTable(initialTable);
      authors = structuredClone(initialAuthors);
      scenarios = new Map();
      searchScenarios = new Map();
      balanceScenarios = new Map();
      balance = DEFAULT_MOCK_BALANCE;
      balanceSupported = true;
      recorded = [];
      balanceRecorded = [];
      maxInFlight = inFlight;
      hung.forEach((res) => res.destroy());
      hung.clear();
    },
    async close() {
      waiters.clear();
      hung.forEach((res) => res.destroy());
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---- CLI -----------------------------------------------------------------------------------

function argValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index >= 0) return args[index + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = Number(argValue(args, '--port') ?? '8787');
  const token = argValue(args, '--token') ?? 'demo-key';
  const mock = await startMockApi({ port, token, log: true });
  console.log(`Mock Just One API on ${mock.url} (token "${token}")`);
  console.log(`Try: curl '${mock.distributionUrl({ token, oAuthorId: Object.keys(DEMO_CREATORS)[0] ?? '', platform: 'SHORT_VIDEO' })}'`);
  console.log('Demo creators:', Object.keys(DEMO_CREATORS).join(', '));
  console.log(`Search: curl '${mock.searchUrl({ token, keyword: DEMO_AUTHORS[0]?.attribute_datas.nick_name ?? '' })}'`);
  const stop = (): void => {
    void mock.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
