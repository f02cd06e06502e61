import { pageTranslator, type Language } from './i18n';

/**
 * UI strings of the options page (options.html, components/OptionsApp.tsx), Chinese and English:
 * the settings form with the daily call limit and the price per call. A module of their own (see
 * utils/views/i18n.ts): the panel and the popup never show them. The balance line's and the Usage
 * section's strings are in utils/views/i18n-money.ts, loaded with those parts.
 *
 * `optionsZh` defines the keys; `optionsEn` must have exactly the same keys (checked by its type).
 */
const optionsZh = {
  'optionsTitle': '设置',
  'apiKeyLabel': 'API 密钥 (Token)',
  'apiKeyHelp': '在 Just One API 控制台获取。密钥只保存在本扩展中，只发送到下方的接口地址。',
  'show': '显示',
  'hide': '隐藏',
  'endpointLabel': '接口地址',
  'endpointGlobal': '国际',
  'endpointCn': '中国大陆',
  'endpointCustom': '自定义',
  'endpointCnNote': '中国大陆地址使用 HTTP（不加密）传输。',
  'customUrlLabel': '自定义接口地址',
  'cacheTtlLabel': '缓存时长（小时）',
  'cacheTtlHelp': '缓存时长内重复查看同一达人不会再次调用 API（不产生费用）。',
  'advanced': '高级',
  'timeoutLabel': '请求超时（秒）',
  'timeoutHelp': '等待一次接口响应的最长时间，5 到 120 秒。服务商实时采集数据，建议至少 60 秒。',
  'errorTimeoutRange': '请填写 5 到 120 之间的秒数',
  'save': '保存',
  'saving': '保存中…',
  'saved': '已保存',
  'saveFailed': '保存失败：{detail}',
  'checkKey': '检测密钥',
  'checkKeyCost': '检测查询的是余额，不是付费数据调用（接口地址不支持余额时，改为一次可能计费的调用）',
  'checkingKey': '检测中…',
  'keyValid': '密钥有效',
  'errorKeyEmpty': '请填写 API 密钥',
  'errorUrlNotHttp': '请填写以 http:// 或 https:// 开头的地址',
  'errorTtlRange': '请填写 1 到 720 之间的小时数',
  'errorKeyWhitespace': 'API 密钥不能包含空格或换行',
  'errorUrlEmpty': '请填写自定义接口地址',
  'errorInvalid': '请检查此项',
  'notSaved': '未保存：请先更正标出的项目',
  'customUrlHelp': '例如您自己的代理，或 http://127.0.0.1:8787；需以 http:// 或 https:// 开头。',
  'noticeSettingsReset': '保存的设置无法读取，已恢复为默认值：请检查接口地址和缓存时长。',
  'noticeKeyReset': '保存的 API 密钥无法读取，已被移除：请重新填写。',
  'dismiss': '知道了',
  'concurrencyLabel': '并行请求数',
  'concurrencyHelp': '达人清单查询时同时进行的请求数，1 到 4。',
  'errorConcurrencyRange': '请填写 1 到 4 之间的整数',
  'listBadgesLabel': '列表页标记',
  'listBadgesHelp': '在星图达人广场、搜索结果和抖音用户列表中，于每位达人旁显示已缓存的内容分布；未缓存的只显示“查看分布”按钮，点击才会付费查询。',

  'dailyLimitLabel': '每日调用上限',
  'dailyLimitHelp': '留空为不限制。今天（北京时间）的付费调用达到此数后不再自动调用，可“允许调用一次”。',
  'errorDailyLimitRange': '请填写 1 到 100000 之间的整数，或留空',
  'priceLabel': '每次调用价格（元）',
  'priceHelp': '可选，例如 0.05（服务商未公布价格，请按账单填写）。填写后用量会显示估算费用。',
  'errorPriceRange': '请填写不小于 0 的数字（例如 0.05），或留空',
} as const satisfies Record<string, string>;

export type OptionsMessageKey = keyof typeof optionsZh;

const optionsEn: Record<OptionsMessageKey, string> = {
  'optionsTitle': 'Settings',
  'apiKeyLabel': 'API key',
  'apiKeyHelp':
    'Get it from the Just One API dashboard. The key is kept by this extension and only sent to the API endpoint below.',
  'show': 'Show',
  'hide': 'Hide',
  'endpointLabel': 'API endpoint',
  'endpointGlobal': 'Global',
  'endpointCn': 'Mainland China',
  'endpointCustom': 'Custom',
  'endpointCnNote': 'The Mainland China endpoint uses plain HTTP (not encrypted).',
  'customUrlLabel': 'Custom endpoint URL',
  'cacheTtlLabel': 'Cache lifetime (hours)',
  'cacheTtlHelp': 'Viewing the same creator again within this time does not call the API (no cost).',
  'advanced': 'Advanced',
  'timeoutLabel': 'Request timeout (seconds)',
  'timeoutHelp': 'How long to wait for one answer, 5 to 120 seconds. The provider collects data live and recommends at least 60.',
  'errorTimeoutRange': 'Enter a number of seconds from 5 to 120',
  'save': 'Save',
  'saving': 'Saving…',
  'saved': 'Saved',
  'saveFailed': 'Could not save: {detail}',
  'checkKey': 'Check key',
  'checkKeyCost': 'Checking reads the balance, not a paid data call (an endpoint without a balance gets one call that may be billed)',
  'checkingKey': 'Checking…',
  'keyValid': 'Key is valid',
  'errorKeyEmpty': 'Enter an API key',
  'errorUrlNotHttp': 'Enter an address starting with http:// or https://',
  'errorTtlRange': 'Enter a number of hours from 1 to 720',
  'errorKeyWhitespace': 'The API key cannot contain spaces or line breaks',
  'errorUrlEmpty': 'Enter the custom endpoint URL',
  'errorInvalid': 'Check this field',
  'notSaved': 'Not saved: correct the marked fields first',
  'customUrlHelp': 'For example your own proxy, or http://127.0.0.1:8787; must start with http:// or https://.',
  'noticeSettingsReset': 'Your saved settings could not be read and were reset to the defaults: check the endpoint and the cache lifetime.',
  'noticeKeyReset': 'Your saved API key could not be read and was removed: enter it again.',
  'dismiss': 'Dismiss',
  'concurrencyLabel': 'Parallel requests',
  'concurrencyHelp': 'How many requests a creator-list run makes at once, 1 to 4.',
  'errorConcurrencyRange': 'Enter a whole number from 1 to 4',
  'listBadgesLabel': 'Badges on list pages',
  'listBadgesHelp': 'Show the cached content mix beside each creator on Xingtu’s market and search pages and Douyin’s user lists; an uncached creator gets a “Look up” button, and only a click on it makes a paid call.',

  'dailyLimitLabel': 'Daily call limit',
  'dailyLimitHelp': 'Empty: no limit. When today’s paid calls (Beijing time) reach it, nothing calls by itself; you can “Allow one call”.',
  'errorDailyLimitRange': 'Enter a whole number from 1 to 100000, or leave it empty',
  'priceLabel': 'Price per call (CNY)',
  'priceHelp': 'Optional, e.g. 0.05 (the provider does not publish it: see your bill). Usage then shows an estimated cost.',
  'errorPriceRange': 'Enter a number of 0 or more (e.g. 0.05), or leave it empty',
};

/** The options page's dictionaries (zh defines the keys; en must have the same). */
export const OPTIONS_DICTIONARIES: Readonly<Record<Language, Readonly<Record<OptionsMessageKey, string>>>> = {
  zh: optionsZh,
  en: optionsEn,
};

/** A string of the options page or of the main dictionary, in the current language. */
export const tOpt = pageTranslator(OPTIONS_DICTIONARIES);
