import { browser } from 'wxt/browser';
import type { Platform } from '../shared/platform';
import type { FailureKind } from '../shared/types';
import { formatNumber, formatRelativeTime } from './format';

/**
 * UI strings for the panel and the popup, and those the options page and the list page share with
 * them. Chinese first (the users read Chinese, in the words Xingtu and Douyin use), English when
 * the browser UI is English. A page's own strings are in a dictionary of their own
 * (i18n-options.ts, i18n-usage.ts, i18n-list.ts), so that the panel, loaded on every creator
 * page, does not carry them (pageTranslator below reads such a dictionary).
 *
 * `zh` defines the keys; `en` must have exactly the same keys (checked by its type).
 * Placeholders are written `{name}` and filled by `t(key, { name })`.
 */

export type Language = 'zh' | 'en';

/** Every failure the view can show: the API's kinds plus a thrown `load` (`unexpected`). */
export type ViewFailureKind = FailureKind | 'unexpected';

type FailurePart = 'title' | 'meaning' | 'action';
type FailureKeys = `error.${ViewFailureKind}.${FailurePart}`;
type PlatformKeys = `platform.${Platform}`;

const zh = {
  // ---- product / panel ----
  'appName': '星图达人内容分布',
  'panelTitle': '星图达人视频内容分布',
  'viewTitle': '视频内容分布',
  'xingtuId': '星图ID',
  'openInXingtu': '在巨量星图中打开达人主页（新标签页）',
  'refresh': '刷新',
  'refreshing': '刷新中…',
  'refreshHint': '刷新不使用缓存，会重新调用一次 API（付费调用）',
  'refreshCost': '（1 次调用）',
  'fetchedAt': '{time}获取',
  'fromCache': '来自缓存，未调用',
  'totalVideos': '共 {count} 个作品 · {categories} 个内容类型',
  'collapse': '收起',
  'showDistribution': '展开内容分布',
  'loading': '加载中…',
  'emptyPlatform': '该平台暂无作品',
  'emptyPlatformHint': '可以切换到其他平台查看。',
  'openSettings': '打开设置',
  'other': '其他',

  'platformLabel': '平台',
  'platform.SHORT_VIDEO': '短视频',
  'platform.LIVE_STREAMING': '直播',
  'platform.PICTURE_TEXT': '图文',
  'platform.SHORT_DRAMA': '短剧',

  'tableCaption': '{platform}内容类型分布',
  'tableRegion': '内容类型列表',
  'colCategory': '内容类型',
  'colVideos': '作品数',
  'colShare': '占比',

  'chartLabel': '内容类型分布图：{summary}',
  'chartItem': '{name} {share}',
  'chartMore': '等 {count} 个内容类型',
  'chartEmpty': '内容类型分布图：无数据',
  'chartTooltip': '{count} 个作品（{share}）',
  'listSeparator': '、',

  // ---- error details ----
  'errorCode': '错误码：{code}',
  'errorHttpStatus': 'HTTP 状态：{status}',
  'errorDetail': '服务器返回：{detail}',
  'errorAuthorId': '达人ID：{id}',

  'error.no-key.title': '尚未设置 API 密钥',
  'error.no-key.meaning': '查询需要 Just One API 的 API 密钥 (Token)。',
  'error.no-key.action': '请在设置中填写 API 密钥。',
  'error.invalid-token.title': 'API 密钥无效',
  'error.invalid-token.meaning': 'API 密钥无效或未激活。',
  'error.invalid-token.action': '请在设置中检查并更正 API 密钥。',
  'error.collection-failed.title': '数据采集失败',
  'error.collection-failed.meaning': '多次重试后仍未能采集到该达人的数据。',
  'error.collection-failed.action': '请稍后点击“刷新”重试。',
  'error.rate-limited.title': '请求过于频繁',
  'error.rate-limited.meaning': '已超过接口的请求频率限制。',
  'error.rate-limited.action': '请等待一分钟后再点击“刷新”。',
  'error.quota-exceeded.title': '今日额度已用完',
  'error.quota-exceeded.meaning': '该 API 密钥今天的调用额度已经用完。',
  'error.quota-exceeded.action': '请明天再查询。',
  'error.invalid-params.title': '请求参数无效',
  'error.invalid-params.meaning': '接口不接受这次请求的参数，可能是达人ID有误。',
  'error.invalid-params.action': '请确认这是正确的星图达人ID；如确认无误，请反馈此问题。',
  'error.server-error.title': '接口服务器错误',
  'error.server-error.meaning': 'Just One API 服务器内部出错。',
  'error.server-error.action': '请稍后点击“刷新”重试。',
  'error.permission-denied.title': '无权访问此接口',
  'error.permission-denied.meaning': '该 API 密钥没有调用此接口的权限。',
  'error.permission-denied.action': '请在 Just One API 为该密钥开通此接口，或在设置中更换密钥。',
  'error.insufficient-balance.title': '余额不足',
  'error.insufficient-balance.meaning': 'Just One API 账户余额不足。',
  'error.insufficient-balance.action': '请前往 Just One API 充值后再查询。',
  'error.spending-cap.title': '已达到密钥的消费上限',
  'error.spending-cap.meaning': '这个 API 密钥在 Just One API 设定的消费上限已用完（错误码 602），在更换密钥之前不会再自动调用。',
  'error.spending-cap.action': '请在 Just One API 控制台提高该密钥的消费上限，或在设置中换用其他密钥。',
  'error.daily-cap.title': '已达到每日调用上限',
  'error.daily-cap.meaning': '今天（北京时间）的付费调用次数已达到你在设置中填写的每日调用上限，不会再自动调用。',
  'error.daily-cap.action': '可以允许调用一次，或在设置中提高上限；北京时间 0 点后自动恢复。',
  'error.undocumented-code.title': '接口返回错误',
  'error.undocumented-code.meaning': '接口返回了一个没有文档说明的错误码。',
  'error.undocumented-code.action': '请稍后重试；如持续出现，请记下错误码并反馈。',
  'error.unknown-code.title': '未知错误码',
  'error.unknown-code.meaning': '接口返回了一个未知的错误码。',
  'error.unknown-code.action': '请稍后重试；如持续出现，请记下错误码并反馈。',
  'error.upstream.title': '星图拒绝了请求',
  'error.upstream.meaning': '接口已响应，但巨量星图返回了错误。',
  'error.upstream.action': '请稍后点击“刷新”重试，并确认该达人在星图上可以访问。',
  'error.http.title': 'HTTP 错误',
  'error.http.meaning': '接口返回了 HTTP 错误，且没有可读的错误信息。',
  'error.http.action': '请稍后重试；如使用自定义接口地址，请在设置中检查。',
  'error.network.title': '网络错误',
  'error.network.meaning': '无法连接到接口地址。',
  'error.network.action': '请检查网络连接，或在设置中检查接口地址（在中国大陆可选择“中国大陆”）。',
  'error.timeout.title': '请求超时',
  'error.timeout.meaning': '接口在设定的请求超时时间内没有响应。',
  'error.timeout.action': '请稍后点击“刷新”重试；也可以在设置中延长请求超时。',
  'error.bad-response.title': '无法识别的返回数据',
  'error.bad-response.meaning': '接口返回的数据格式无法识别。',
  'error.bad-response.action': '请稍后重试；如持续出现，请反馈此问题。',
  'error.bad-input.title': '无效的达人ID',
  'error.bad-input.meaning': '这不是有效的星图达人ID。',
  'error.bad-input.action': '请检查达人ID或星图链接。',
  'error.unexpected.title': '出错了',
  'error.unexpected.meaning': '扩展未能完成这次请求。',
  'error.unexpected.action': '请点击“刷新”重试；如仍失败，请重新加载页面。',
  'blocked.rate-limited': '为遵守频率限制，{time} 之前暂停调用 API。',
  'blocked.quota-exceeded': '今日额度将于北京时间 0 点（{time}）恢复；在此之前或更换 API 密钥之前，不会自动调用 API。',
  'blocked.insufficient-balance': '更换 API 密钥之前不会自动调用 API。充值后可点击“刷新”重试一次。',

  // ---- popup ----
  'creatorLabel': '达人',
  'lookUp': '查询',
  'creatorPlaceholder': '星图ID、星图或抖音主页链接，或达人昵称',
  'creatorInputInvalid': '无法识别这个链接：请粘贴星图达人主页或抖音用户主页的链接',
  'creatorInputEmpty': '请输入星图达人ID或链接',
  'openCreatorPageOrLookUp': '打开达人主页，或在上方查询达人',
  'settings': '设置',

  // ---- Douyin creators ----
  'noCreatorOnPage': '当前页面不是达人主页',
  'backToPageCreator': '返回当前页面的达人',
  'readingPage': '正在读取页面…',
  'unreadableTitle': '无法读取此页面',
  'unreadableHint': '页面可能还没加载完，或出现了验证码。刷新页面后再试，或在工具栏弹窗中用星图链接查询。',
  'resolving': '正在星图中查找该达人…',
  'notOnXingtu': '该达人未入驻星图',
  'notOnXingtuHint': '星图达人搜索中没有与此抖音账号对应的达人。如果你知道其星图主页，可以在下方粘贴链接或星图ID。',
  'matchedCreator': '星图达人',
  'matchSure': '已按抖音 UID 匹配',
  'matchUser': '由你指定',
  'likelyTitle': '可能是这位星图达人',
  'likelyHint': '只有昵称相同，无法确认是同一账号。确认后才会查询内容分布（一次 API 调用）。',
  'confirmMatch': '是这位，查询内容分布',
  'ambiguousTitle': '有多位同名星图达人，请选择',
  'pick': '选择',
  'followersCount': '{count} 粉丝',
  'wrongMatch': '匹配不对？',
  'correctLabel': '星图主页链接或星图ID',
  'correctSubmit': '使用',
  'correctCancel': '取消',
  'correctInvalid': '这不是星图ID或星图达人链接',
  'douyinId': '抖音号 {id}',
  'douyinCreator': '抖音达人',
  'searchResults': '星图搜索结果',
  'searchNoResults': '没有找到昵称匹配的星图达人',
  'searching': '搜索中…',
  'douyinPageNotOpen': '请先在当前标签页打开这个抖音主页，再打开本弹窗；扩展只读取你正在浏览的页面。',

  'listPageTitle': '达人清单',

  'addToList': '加入清单',
  'addingToList': '正在加入…',
  'addedToList': '已加入「{list}」',
  'alreadyInList': '已在「{list}」中',
  'listFull': '「{list}」已满（最多 {max} 位），未加入',
  'openLists': '打开清单',


  'allowOneCall': '允许调用一次',
  'balanceShort': '余额 {amount}',
  'balanceUnknownShort': '余额未知',

  // ---- details users notice (issue 13 item 5): copy, retry, cool-down, other platforms, Other row ----
  'copyId': '复制星图ID',
  'idCopied': '已复制',
  'idCopyFailed': '无法复制',
  'retry': '重试',
  'retrySearch': '重新搜索（1 次调用）',
  'searchDenied': '该密钥无权调用「星图达人搜索」接口，无法按昵称查找。',
  'refreshPausedUntil': '{time} 前暂停',
  'emptyWithVideos': '有作品的平台：',
  'emptyAlsoNone': '也无作品：{platforms}',
  'emptyNotLookedUp': '未查询：{platforms}',
  'platformVideos': '{platform}（{count} 个作品）',
  'otherRow': '其他（{count} 个内容类型）',
  'notThisCreator': '不是这位达人',
  'rejectedTitle': '你已确认不是这位达人',

  // ---- screen readers: what the view's live region says (components/LiveRegion.tsx) ----
  'announceError': '{title}。{action}',
  'announceNamed': '{title}：{name}',
} as const satisfies Record<FailureKeys | PlatformKeys, string> & Record<string, string>;

export type MessageKey = keyof typeof zh;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  'appName': 'Xingtu Creator Content Distribution',
  'panelTitle': 'Xingtu creator content distribution',
  'viewTitle': 'Video content distribution',
  'xingtuId': 'Xingtu ID',
  'openInXingtu': 'Open the creator page on Xingtu (new tab)',
  'refresh': 'Refresh',
  'refreshing': 'Refreshing…',
  'refreshHint': 'Refresh skips the cache and calls the API once more (a paid call)',
  'refreshCost': ' (1 call)',
  'fetchedAt': 'Fetched {time}',
  'fromCache': 'from cache, no call',
  'totalVideos': '{count} videos · {categories} categories',
  'collapse': 'Collapse',
  'showDistribution': 'Show distribution',
  'loading': 'Loading…',
  'emptyPlatform': 'No videos on this platform',
  'emptyPlatformHint': 'Try another platform.',
  'openSettings': 'Open settings',
  'other': 'Other',

  'platformLabel': 'Platform',
  'platform.SHORT_VIDEO': 'Short video',
  'platform.LIVE_STREAMING': 'Live',
  'platform.PICTURE_TEXT': 'Picture & text',
  'platform.SHORT_DRAMA': 'Short drama',

  'tableCaption': 'Content categories: {platform}',
  'tableRegion': 'Category list',
  'colCategory': 'Category',
  'colVideos': 'Videos',
  'colShare': 'Share',

  'chartLabel': 'Content distribution chart: {summary}',
  'chartItem': '{name} {share}',
  'chartMore': 'and {count} more categories',
  'chartEmpty': 'Content distribution chart: no data',
  'chartTooltip': '{count} videos ({share})',
  'listSeparator': ', ',

  'errorCode': 'Code: {code}',
  'errorHttpStatus': 'HTTP status: {status}',
  'errorDetail': 'Server said: {detail}',
  'errorAuthorId': 'Creator id: {id}',

  'error.no-key.title': 'No API key yet',
  'error.no-key.meaning': 'Looking up creators needs a Just One API key (token).',
  'error.no-key.action': 'Enter your API key in the settings.',
  'error.invalid-token.title': 'Invalid API key',
  'error.invalid-token.meaning': 'The API key is invalid or not active.',
  'error.invalid-token.action': 'Check and correct the API key in the settings.',
  'error.collection-failed.title': 'Collection failed',
  'error.collection-failed.meaning': "The creator's data could not be collected, even after retries.",
  'error.collection-failed.action': 'Try Refresh again later.',
  'error.rate-limited.title': 'Too many requests',
  'error.rate-limited.meaning': "The API's rate limit was exceeded.",
  'error.rate-limited.action': 'Wait a minute, then press Refresh.',
  'error.quota-exceeded.title': 'Daily quota used up',
  'error.quota-exceeded.meaning': "This API key has used up today's quota.",
  'error.quota-exceeded.action': 'Try again tomorrow.',
  'error.invalid-params.title': 'Invalid parameters',
  'error.invalid-params.meaning': 'The API did not accept the request; the creator id may be wrong.',
  'error.invalid-params.action': 'Check that this is a valid Xingtu author id; if it is, please report the problem.',
  'error.server-error.title': 'API server error',
  'error.server-error.meaning': 'The Just One API server had an internal error.',
  'error.server-error.action': 'Try Refresh again later.',
  'error.permission-denied.title': 'No access to this API',
  'error.permission-denied.meaning': 'This API key has no access to this endpoint.',
  'error.permission-denied.action': 'Enable this API for your key at Just One API, or use another key in the settings.',
  'error.insufficient-balance.title': 'Insufficient balance',
  'error.insufficient-balance.meaning': 'Your Just One API account balance is too low.',
  'error.insufficient-balance.action': 'Top up your account at Just One API, then try again.',
  'error.spending-cap.title': "The key's spending cap is reached",
  'error.spending-cap.meaning': 'The spending cap set for this API key at Just One API is used up (code 602). No automatic calls until the key is changed.',
  'error.spending-cap.action': "Raise the key's spending cap in the Just One API console, or save another key in the settings.",
  'error.daily-cap.title': 'Daily call limit reached',
  'error.daily-cap.meaning': "Today's paid calls (Beijing time) have reached the daily call limit in your settings, so nothing calls automatically.",
  'error.daily-cap.action': 'Allow one call, or raise the limit in the settings; calls resume at 00:00 Beijing time.',
  'error.undocumented-code.title': 'The API returned an error',
  'error.undocumented-code.meaning': 'The API answered with a code it does not document.',
  'error.undocumented-code.action': 'Try again later; if it persists, note the code and report it.',
  'error.unknown-code.title': 'Unknown error code',
  'error.unknown-code.meaning': 'The API answered with an unknown error code.',
  'error.unknown-code.action': 'Try again later; if it persists, note the code and report it.',
  'error.upstream.title': 'Xingtu refused the request',
  'error.upstream.meaning': 'The API answered, but Xingtu returned an error.',
  'error.upstream.action': 'Try Refresh again later, and check that the creator is available on Xingtu.',
  'error.http.title': 'HTTP error',
  'error.http.meaning': 'The API answered with an HTTP error and no readable message.',
  'error.http.action': 'Try again later; if you use a custom endpoint, check it in the settings.',
  'error.network.title': 'Network error',
  'error.network.meaning': 'The API endpoint could not be reached.',
  'error.network.action': 'Check your connection, or the API endpoint in the settings (in mainland China choose "Mainland China").',
  'error.timeout.title': 'Timed out',
  'error.timeout.meaning': 'The API did not answer within the request timeout.',
  'error.timeout.action': 'Try Refresh again later, or allow more time in the settings.',
  'error.bad-response.title': 'Unexpected answer',
  'error.bad-response.meaning': "The API's answer had a format that could not be read.",
  'error.bad-response.action': 'Try again later; if it persists, please report the problem.',
  'error.bad-input.title': 'Invalid creator id',
  'error.bad-input.meaning': 'This is not a valid Xingtu author id.',
  'error.bad-input.action': 'Check the creator id or Xingtu link.',
  'error.unexpected.title': 'Something went wrong',
  'error.unexpected.meaning': 'The extension could not complete the request.',
  'error.unexpected.action': 'Press Refresh to try again; if it still fails, reload the page.',
  'blocked.rate-limited': 'No API calls until {time}, to respect the rate limit.',
  'blocked.quota-exceeded': 'The daily quota renews at 00:00 Beijing time ({time}); until then, or until the API key is changed, no automatic API calls are made.',
  'blocked.insufficient-balance': 'No automatic API calls until the API key is changed. After topping up, press Refresh to try once.',

  'creatorLabel': 'Creator',
  'lookUp': 'Look up',
  'creatorPlaceholder': 'Xingtu id, Xingtu or Douyin profile link, or nickname',
  'creatorInputInvalid': 'This link is not a creator page: paste a Xingtu creator link or a Douyin profile link',
  'creatorInputEmpty': 'Enter a Xingtu author id or link',
  'openCreatorPageOrLookUp': 'Open a creator page or look one up',
  'settings': 'Settings',

  'noCreatorOnPage': 'This page is not a creator page',
  'backToPageCreator': "Back to this page's creator",
  'readingPage': 'Reading this page…',
  'unreadableTitle': 'Could not read this page',
  'unreadableHint': 'The page may still be loading or shows a captcha. Reload it and try again, or look the creator up by Xingtu link in the toolbar popup.',
  'resolving': 'Finding this creator on Xingtu…',
  'notOnXingtu': 'This creator is not on Xingtu',
  'notOnXingtuHint': "Xingtu's creator search has no creator for this Douyin account. If you know their Xingtu page, paste its link or id below.",
  'matchedCreator': 'Xingtu creator',
  'matchSure': 'matched by Douyin UID',
  'matchUser': 'set by you',
  'likelyTitle': 'Likely this Xingtu creator',
  'likelyHint': 'Only the nickname matches, so it may be another account. Confirm to load the distribution (one API call).',
  'confirmMatch': 'Yes, load the distribution',
  'ambiguousTitle': 'Several Xingtu creators have this name — pick one',
  'pick': 'Choose',
  'followersCount': '{count} followers',
  'wrongMatch': 'Wrong match?',
  'correctLabel': 'Xingtu link or id',
  'correctSubmit': 'Use',
  'correctCancel': 'Cancel',
  'correctInvalid': 'Not a Xingtu author id or creator link',
  'douyinId': 'Douyin ID {id}',
  'douyinCreator': 'Douyin creator',
  'searchResults': 'Xingtu search results',
  'searchNoResults': 'No Xingtu creator has a matching nickname',
  'searching': 'Searching…',
  'douyinPageNotOpen': 'Open this Douyin profile in the current tab first, then open this popup: the extension reads only the page you are on.',

  'listPageTitle': 'Creator lists',

  'addToList': 'Add to list',
  'addingToList': 'Adding…',
  'addedToList': 'Added to {list}',
  'alreadyInList': 'Already in {list}',
  'listFull': '{list} is full (at most {max}); not added',
  'openLists': 'Open lists',


  'allowOneCall': 'Allow one call',
  'balanceShort': 'Balance {amount}',
  'balanceUnknownShort': 'Balance unknown',

  'copyId': 'Copy Xingtu ID',
  'idCopied': 'Copied',
  'idCopyFailed': 'Could not copy',
  'retry': 'Retry',
  'retrySearch': 'Search again (1 call)',
  'searchDenied': 'This key may not call the Creator Search endpoint: no search by nickname.',
  'refreshPausedUntil': 'Paused until {time}',
  'emptyWithVideos': 'Platforms with videos: ',
  'emptyAlsoNone': 'No videos either: {platforms}',
  'emptyNotLookedUp': 'Not looked up: {platforms}',
  'platformVideos': '{platform} ({count} videos)',
  'otherRow': 'Other ({count} categories)',
  'notThisCreator': 'No, not this creator',
  'rejectedTitle': 'You said this is not the creator',

  // ---- screen readers: what the view's live region says (components/LiveRegion.tsx) ----
  'announceError': '{title}. {action}',
  'announceNamed': '{title}: {name}',
};

/** Both dictionaries, for tests and tooling. */
export const DICTIONARIES: Readonly<Record<Language, Messages>> = { zh, en };

/** The language for a BCP 47 tag: English for en*, Chinese for everything else. */
export function languageFromTag(tag: string | null | undefined): Language {
  return typeof tag === 'string' && /^en(?:[-_]|$)/i.test(tag.trim()) ? 'en' : 'zh';
}

function uiLanguageTag(): string | undefined {
  try {
    const lang = browser?.i18n?.getUILanguage?.();
    if (typeof lang === 'string' && lang !== '') return lang;
  } catch {
    // Not available here (tests, non-extension pages): use the page's language.
  }
  return typeof navigator !== 'undefined' ? navigator.language : undefined;
}

/** Detect from the browser UI language (extension API first, then navigator.language). */
export function detectLanguage(): Language {
  return languageFromTag(uiLanguageTag());
}

let override: Language | null = null;
let detected: Language | null = null;

/** The language in use: the override when set, else the detected one (detected once). */
export function getLanguage(): Language {
  if (override) return override;
  detected ??= detectLanguage();
  return detected;
}

/** Force a language (tests, a future setting); `null` returns to detection. */
export function setLanguage(lang: Language | null): void {
  override = lang;
  detected = null;
}

/** The value for `<html lang>`. */
export function htmlLang(lang: Language = getLanguage()): string {
  return lang === 'en' ? 'en' : 'zh-CN';
}

export type MessageParams = Readonly<Record<string, string | number>>;

/** Fill `{name}` placeholders. Unknown placeholders stay visible, so a missing param is noticed. */
export function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The UI string for `key` in the current language. */
export function t(key: MessageKey, params?: MessageParams): string {
  const dict = DICTIONARIES[getLanguage()];
  return format(dict[key] ?? zh[key], params);
}

/**
 * `t` for a page's own dictionary (`dictionaries.zh` defines its keys; a key it does not have is
 * read from the main dictionary).
 */
export function pageTranslator<K extends string>(
  dictionaries: Readonly<Record<Language, Readonly<Record<K, string>>>>,
): (key: K | MessageKey, params?: MessageParams) => string {
  const own = (key: string): key is K => Object.hasOwn(dictionaries.zh, key);
  return (key, params) => (own(key) ? format(dictionaries[getLanguage()][key], params) : t(key, params));
}

/** Key of one part of a failure's explanation. */
export function failureKey(kind: ViewFailureKind, part: FailurePart): MessageKey {
  return `error.${kind}.${part}`;
}

/** Key of a platform's name. */
export function platformKey(platform: Platform): MessageKey {
  return `platform.${platform}`;
}

/** Local date and time, e.g. 2025/3/1 14:05 (zh) or Mar 1, 2025, 2:05 PM (en). */
export function formatDateTime(ms: number, lang: Language = getLanguage()): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '—';
  return formatters(lang).dateTime.format(date);
}

/** Local time of day with seconds, e.g. 14:05:30 (zh) or 2:05:30 PM (en). */
export function formatTime(ms: number, lang: Language = getLanguage()): string {
  return Number.isFinite(ms) ? new Date(ms).toLocaleTimeString(htmlLang(lang)) : '—';
}

/** A number as the language writes it: 3,862,000 (en), 386.2万 (zh) (utils/views/format.ts). */
export function formatCount(n: number, lang: Language = getLanguage()): string {
  return formatNumber(n, lang);
}

/** "2 hours ago" / "2小时前" (show formatDateTime in a tooltip beside it). */
export function formatRelative(ms: number, now: number = Date.now(), lang: Language = getLanguage()): string {
  return formatRelativeTime(ms, now, lang);
}

// Made once per language: creating an Intl formatter costs far more than formatting with it
// (the list page formats hundreds of cells per render).
const FORMATTERS = new Map<Language, Intl.DateTimeFormat>();

function formatters(lang: Language): { dateTime: Intl.DateTimeFormat } {
  let made = FORMATTERS.get(lang);
  if (!made) {
    made = new Intl.DateTimeFormat(htmlLang(lang), { dateStyle: 'medium', timeStyle: 'short' });
    FORMATTERS.set(lang, made);
  }
  return { dateTime: made };
}
