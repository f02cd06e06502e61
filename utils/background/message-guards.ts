import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { PLATFORMS } from '../shared/platform';
import { O_AUTHOR_ID } from '../shared/page-detect';
import { DOUYIN_UID, SEC_UID } from '../shared/douyin-page-url';
import type { DistributionRequest, DouyinAccount, LinkedAuthor, Resolution } from '../shared/messaging';
import type { XingtuAuthor } from '../shared/xingtu-author';
import type { UsageVia } from '../shared/usage';
import { listPageOf } from '../shared/list-pages';
import { BadgeSchemas, type BadgeNamed, type BadgeRef } from '../shared/badges';

/** What the background knows about who sent a message (runtime.MessageSender). */
export interface MessageSenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  /** Set for a content script's message: the tab and frame it runs in. */
  tab?: { id?: number; windowId?: number };
  frameId?: number;
}

/**
 * `scheme://host` of a URL, or null. (URL.origin is 'null' for schemes a runtime does not know
 * as special — chrome-extension: outside Chrome — so it is built from the parts.)
 */
export function originOf(url: string | undefined): string | null {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** This extension's page origin, e.g. `chrome-extension://<id>` (Firefox: `moz-extension://<uuid>`). */
function extensionOrigin(): string | null {
  return originOf(browser.runtime.getURL('/'));
}

/**
 * Messages are answered only for this extension's own pages (panel, popup, options): the sender
 * carries our id AND a URL of our origin. Other extensions (another id; their messages would
 * arrive on onMessageExternal anyway), web pages (no `externally_connectable`) and content
 * scripts (our id, but the page's URL: they run in the page's process and never need the
 * background) are refused.
 */
export function isFromThisExtension(sender: MessageSenderInfo | undefined): boolean {
  if (!sender || sender.id !== browser.runtime.id) return false;
  const origin = extensionOrigin();
  if (origin === null || originOf(sender.url) !== origin) return false;
  // Chrome also reports the origin; when present it must agree.
  return sender.origin === undefined || sender.origin === origin;
}

/** From one of the given pages of this extension (paths like '/options.html'). */
export function isFromExtensionPage(sender: MessageSenderInfo | undefined, paths: readonly string[]): boolean {
  if (!isFromThisExtension(sender) || typeof sender?.url !== 'string') return false;
  return paths.includes(new URL(sender.url).pathname);
}

/**
 * The list page badges' messages (utils/shared/badges.ts): from this extension's content script
 * (our id, a tab) in the top frame of a list page of the sites (utils/shared/list-pages.ts), as
 * the browser reports its URL. A web page cannot send to the background at all (no
 * `externally_connectable`); this keeps the badge messages to the pages that show badges, and
 * away from the extension's own pages, which have messages of their own.
 */
export function isFromListPageScript(sender: MessageSenderInfo | undefined): boolean {
  if (!sender || sender.id !== browser.runtime.id || sender.tab === undefined || sender.frameId !== 0) return false;
  if (typeof sender.url !== 'string' || listPageOf(sender.url) === null) return false;
  // Chrome also reports the origin; when present it must agree.
  return sender.origin === undefined || sender.origin === originOf(sender.url);
}

function parseBy<S extends v.GenericSchema>(schema: S, data: unknown): v.InferOutput<S> | null {
  const parsed = v.safeParse(schema, data);
  return parsed.success ? parsed.output : null;
}
export const parseBadgePeek = (data: unknown): { refs: BadgeRef[] } | null => parseBy(BadgeSchemas.peek, data);
export const parseBadgeOne = (data: unknown): BadgeNamed | null => parseBy(BadgeSchemas.one, data);
export const parseBadgeVisible = (data: unknown): { creators: BadgeNamed[] } | null => parseBy(BadgeSchemas.visible, data);
export const parseBadgeRun = (data: unknown): { token: string } | null => parseBy(BadgeSchemas.run, data);
export const parseBadgeOpen = (data: unknown): { ref: BadgeRef } | null => parseBy(BadgeSchemas.open, data);

/** Pages that show creators (in-page panel, popup). */
export const VIEW_PAGES: readonly string[] = ['/panel.html', '/popup.html'];
/** The settings page. */
export const OPTIONS_PAGES: readonly string[] = ['/options.html'];
/** Pages that show the account balance (never a content page nor the in-page panel). */
export const BALANCE_PAGES: readonly string[] = ['/options.html', '/popup.html'];
/** The page a badge's "Open" shows its creator in. */
export const POPUP_PAGES: readonly string[] = ['/popup.html'];
/** Pages that offer "Allow one call" past the daily call limit. */
export const ALLOW_ONE_CALL_PAGES: readonly string[] = ['/panel.html', '/popup.html', '/list.html'];

const VIA_OF_PAGE: Readonly<Record<string, UsageVia>> = {
  '/panel.html': 'panel',
  '/popup.html': 'popup',
  '/list.html': 'list',
  '/options.html': 'options',
};

/**
 * Which view a message came from, for the usage log: its page of this extension, or undefined
 * (the service's default applies). Call it for senders already checked.
 */
export function usageViaOf(sender: MessageSenderInfo | undefined): UsageVia | undefined {
  if (!isFromThisExtension(sender) || typeof sender?.url !== 'string') return undefined;
  return VIA_OF_PAGE[new URL(sender.url).pathname];
}

const BalanceRequestSchema = v.strictObject({ refresh: v.optional(v.boolean()) });

/** `getBalance`'s data (`{}` or `{refresh}`; nothing at all is `{}`), or null for anything else. */
export function parseBalanceRequest(data: unknown): { refresh?: boolean } | null {
  if (data === undefined || data === null) return {};
  const parsed = v.safeParse(BalanceRequestSchema, data);
  return parsed.success ? parsed.output : null;
}

const DistributionRequestSchema = v.strictObject({
  oAuthorId: v.pipe(v.string(), v.regex(O_AUTHOR_ID)),
  platform: v.picklist(PLATFORMS),
  refresh: v.optional(v.boolean()),
});

/** The validated request, or null for anything of another shape. */
export function parseDistributionRequest(data: unknown): DistributionRequest | null {
  const parsed = v.safeParse(DistributionRequestSchema, data);
  return parsed.success ? parsed.output : null;
}

// ---- Douyin accounts and Xingtu authors (messages and stored account links) ------------------

/** Longest nickname accepted from a Douyin page, and longest search keyword (after trimming). */
export const MAX_NICKNAME_LENGTH = 100;
/** Longest 抖音号. */
export const MAX_UNIQUE_ID_LENGTH = 64;
/** Longest Xingtu nickname / city kept from a search answer. */
const MAX_AUTHOR_TEXT_LENGTH = 200;
const MAX_URL_LENGTH = 2048;
/** Most candidates an 'ambiguous' answer may carry. */
export const MAX_CANDIDATES = 100;

const OAuthorIdSchema = v.pipe(v.string(), v.regex(O_AUTHOR_ID));
const DouyinUidSchema = v.pipe(v.string(), v.regex(DOUYIN_UID));
const SecUidSchema = v.pipe(v.string(), v.regex(SEC_UID));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** An http(s) URL (an avatar shown as an image: never javascript:, data: …). */
const WebUrlSchema = v.pipe(v.string(), v.maxLength(MAX_URL_LENGTH), v.check(isWebUrl));
const FollowersSchema = v.pipe(v.number(), v.finite(), v.minValue(0));

/** A Douyin account as a content script sends it: ids in their formats, bounded texts, nothing else. */
export const DouyinAccountSchema = v.strictObject({
  uid: v.nullable(DouyinUidSchema),
  secUid: v.nullable(SecUidSchema),
  nickname: v.nullable(text(MAX_NICKNAME_LENGTH)),
  uniqueId: v.nullable(text(MAX_UNIQUE_ID_LENGTH)),
});

/** One creator of a search answer (utils/background/api/parse-search.ts XingtuAuthor). */
export const XingtuAuthorSchema = v.strictObject({
  oAuthorId: OAuthorIdSchema,
  douyinUid: v.nullable(DouyinUidSchema),
  nickname: text(MAX_AUTHOR_TEXT_LENGTH),
  followers: v.nullable(FollowersSchema),
  avatarUrl: v.nullable(WebUrlSchema),
  city: v.nullable(text(MAX_AUTHOR_TEXT_LENGTH)),
});

/** A linked creator: the id, and whatever else is known (nothing when the user pasted an id). */
export const LinkedAuthorSchema = v.strictObject({
  oAuthorId: OAuthorIdSchema,
  douyinUid: v.optional(v.nullable(DouyinUidSchema)),
  nickname: v.optional(text(MAX_AUTHOR_TEXT_LENGTH)),
  followers: v.optional(v.nullable(FollowersSchema)),
  avatarUrl: v.optional(v.nullable(WebUrlSchema)),
  city: v.optional(v.nullable(text(MAX_AUTHOR_TEXT_LENGTH))),
});

/** Which Xingtu creator an account is (utils/shared/messaging.ts Resolution). */
export const ResolutionSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('sure'), author: LinkedAuthorSchema, source: v.picklist(['search', 'user']) }),
  v.strictObject({ kind: v.literal('likely'), author: XingtuAuthorSchema }),
  v.strictObject({
    kind: v.literal('ambiguous'),
    candidates: v.pipe(v.array(XingtuAuthorSchema), v.minLength(1), v.maxLength(MAX_CANDIDATES)),
  }),
  v.strictObject({ kind: v.literal('none'), rejected: v.optional(OAuthorIdSchema) }),
]);

/** `{ account, oAuthorId }`: the user rejects a likely match. */
export function parseRejectRequest(data: unknown): { account: DouyinAccount; oAuthorId: string } | null {
  return parseWith(v.strictObject({ account: DouyinAccountSchema, oAuthorId: OAuthorIdSchema }), data);
}

const LinkRequestSchema = v.strictObject({ account: DouyinAccountSchema, author: LinkedAuthorSchema });

/** A search keyword: text that is 1–100 characters once trimmed. */
const SearchRequestSchema = v.strictObject({
  keyword: v.pipe(
    v.string(),
    v.check((k) => {
      const trimmed = k.trim();
      return trimmed.length > 0 && trimmed.length <= MAX_NICKNAME_LENGTH;
    }),
  ),
});

function parseWith<S extends v.GenericSchema>(schema: S, data: unknown): v.InferOutput<S> | null {
  const parsed = v.safeParse(schema, data);
  return parsed.success ? parsed.output : null;
}

/** `resolveDouyin`'s data, or null for anything of another shape. */
export function parseDouyinAccount(data: unknown): DouyinAccount | null {
  return parseWith(DouyinAccountSchema, data);
}

/** `linkDouyin`'s data, or null for anything of another shape. */
export function parseLinkRequest(data: unknown): { account: DouyinAccount; author: LinkedAuthor } | null {
  return parseWith(LinkRequestSchema, data);
}

/** `searchCreators`' data, or null for anything of another shape. */
export function parseSearchRequest(data: unknown): { keyword: string } | null {
  return parseWith(SearchRequestSchema, data);
}

/** Pages that show creator avatars (AuthorCard: panel, popup, list page). */
export const AVATAR_PAGES: readonly string[] = ['/panel.html', '/popup.html', '/list.html'];

/** `{ url }` with an http(s) URL, or null. */
export function parseAvatarRequest(data: unknown): { url: string } | null {
  return parseWith(v.strictObject({ url: WebUrlSchema }), data);
}

/** `{ oAuthorId }`, or null. */
export function parseAuthorRequest(data: unknown): { oAuthorId: string } | null {
  return parseWith(v.strictObject({ oAuthorId: OAuthorIdSchema }), data);
}

/** A Resolution (unknown fields anywhere are refused), or null. */
export function parseResolution(data: unknown): Resolution | null {
  return parseWith(ResolutionSchema, data);
}

/** A search author, or null. */
export function parseXingtuAuthor(data: unknown): XingtuAuthor | null {
  return parseWith(XingtuAuthorSchema, data);
}
