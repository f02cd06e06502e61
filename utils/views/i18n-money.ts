import { pageTranslator, type Language } from './i18n';

/**
 * UI strings of the options page's money parts, Chinese and English: the balance line under the
 * key (components/BalanceLine.tsx) and the Usage (用量) section (components/UsageSection.tsx).
 * Loaded with them, after the settings form shows (components/options-money.ts).
 *
 * `moneyZh` defines the keys; `moneyEn` must have exactly the same keys (checked by its type).
 */
const moneyZh = {
  'balanceLoading': '正在查询余额…',
  'balanceRefresh': '刷新余额',
  'balanceAsOf': '{time} 查询',
  'balanceHelp': '查询余额不是付费数据调用；最多每 10 分钟查询一次，查询达人后也会更新。',
  'balanceUnknown.not-supported': '余额未知：此接口地址不提供余额查询。',
  'balanceUnknown.no-key': '保存 API 密钥后显示余额。',
  'balanceUnknown.failed': '余额暂时无法获取，可稍后刷新。',
  'balanceFailed': '余额未知：{reason}',

  'usageTitle': '用量',
  'usageHelp': '本扩展在这台电脑上发出的付费调用，每次请求计一次（重试也算），按北京时间计日，保留 90 天。',
  'usageLoading': '正在读取用量…',
  'usageEmpty': '还没有付费调用记录。',
  'usageCaption': '付费调用次数',
  'usageToday': '今天',
  'usageWindow': '近 30 天',
  'usageCalls': '调用次数',
  'usageEndpoint.distribution': '内容分布查询',
  'usageEndpoint.search': '达人搜索',
  'usageVia.panel': '页面面板',
  'usageVia.popup': '工具栏弹窗',
  'usageVia.list': '达人清单',
  'usageVia.options': '设置页（检测密钥）',
  'usageVia.badge': '列表页标记',
  'usageCost': '估算费用（每次 {price}）',
  'usageChartLabel': '近 30 天每日调用次数：共 {total} 次，最多的一天 {max} 次（{day}）',
  'usageChartEmpty': '近 30 天每日调用次数：无调用',
  'usageChartTooltip': '{count} 次调用',
  'usageExport': '导出 CSV',
  'usageExported': '已导出 {file}',
} as const satisfies Record<string, string>;

export type MoneyMessageKey = keyof typeof moneyZh;

const moneyEn: Record<MoneyMessageKey, string> = {
  'balanceLoading': 'Checking the balance…',
  'balanceRefresh': 'Refresh balance',
  'balanceAsOf': 'as of {time}',
  'balanceHelp': 'Checking the balance is not a paid data call; it is fetched at most every 10 minutes, and after lookups.',
  'balanceUnknown.not-supported': 'Balance unknown: this endpoint does not report it.',
  'balanceUnknown.no-key': 'The balance shows once an API key is saved.',
  'balanceUnknown.failed': 'The balance could not be fetched just now; refresh later.',
  'balanceFailed': 'Balance unknown: {reason}',

  'usageTitle': 'Usage',
  'usageHelp': 'Paid calls this extension made on this computer: every request counts once (retries too), by Beijing day, kept for 90 days.',
  'usageLoading': 'Reading usage…',
  'usageEmpty': 'No paid calls yet.',
  'usageCaption': 'Paid calls',
  'usageToday': 'Today',
  'usageWindow': 'Last 30 days',
  'usageCalls': 'Calls',
  'usageEndpoint.distribution': 'Distribution',
  'usageEndpoint.search': 'Creator search',
  'usageVia.panel': 'Page panel',
  'usageVia.popup': 'Toolbar popup',
  'usageVia.list': 'Creator lists',
  'usageVia.options': 'Settings (key check)',
  'usageVia.badge': 'List page badges',
  'usageCost': 'Estimated cost ({price} per call)',
  'usageChartLabel': 'Calls per day, last 30 days: {total} in all, at most {max} in one day ({day})',
  'usageChartEmpty': 'Calls per day, last 30 days: none',
  'usageChartTooltip': '{count} calls',
  'usageExport': 'Export CSV',
  'usageExported': 'Exported {file}',
};

/** The money parts' dictionaries (zh defines the keys; en must have the same). */
export const MONEY_DICTIONARIES: Readonly<Record<Language, Readonly<Record<MoneyMessageKey, string>>>> = {
  zh: moneyZh,
  en: moneyEn,
};

/** A string of the money parts or of the main dictionary, in the current language. */
export const tMoney = pageTranslator(MONEY_DICTIONARIES);
