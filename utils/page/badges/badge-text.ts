/**
 * The badges' strings (zh / en). They live beside the badges, not in utils/views/i18n.ts: that
 * table is the extension views' (and the lint keeps page code from importing view code), and
 * the badge chunk should not carry the panel's strings. English when the browser's language is
 * English, Chinese otherwise (as in the views).
 */
const zh = {
  lookUp: '查看分布 · 1 次调用',
  lookUpSearch: '查看分布 · 搜索 + 1 次调用',
  lookUpTitle: '点击查询此达人的内容分布：一次付费调用',
  lookUpSearchTitle: '此抖音号尚未关联星图达人：一次达人搜索，找到后再一次内容分布调用（均为付费调用）',
  looking: '查询中…',
  retry: '失败，重试',
  'error.no-key': '未设置 API 密钥',
  'error.daily-cap': '已达每日调用上限',
  'error.bad-input': '无法查询',
  notOnXingtu: '未入驻星图',
  confirm: '需确认 · 打开',
  confirmTitle: '找到可能的星图达人：请在面板中确认',
  noVideos: '无作品',
  cardTitle: '内容分布 · 短视频',
  fetched: '抓取于 {time}',
  categories: '共 {n} 个类别',
  open: '打开',
  addToList: '加入清单',
  adding: '加入中…',
  added: '已加入「{list}」',
  already: '已在「{list}」中',
  full: '「{list}」已满',
  addFailed: '未能加入清单',
  all: '查看本页全部',
  estimating: '估算中…',
  estimate: '{paid} 次付费调用 · {cached} 个来自缓存',
  run: '开始查询',
  cancel: '取消',
  running: '正在清单「{list}」中查询',
  noneVisible: '本页没有可查看的达人',
  barLabel: '星图达人内容分布',
} as const;

export type BadgeTextKey = keyof typeof zh;

const en: Record<BadgeTextKey, string> = {
  lookUp: 'Look up · 1 call',
  lookUpSearch: 'Look up · search + 1 call',
  lookUpTitle: "Look up this creator's content mix: one paid call",
  lookUpSearchTitle: 'This Douyin account has no known Xingtu link: one creator search, then one distribution call when found (both paid)',
  looking: 'Looking up…',
  retry: 'Failed — retry',
  'error.no-key': 'No API key',
  'error.daily-cap': 'Daily call limit reached',
  'error.bad-input': 'Cannot look this up',
  notOnXingtu: 'Not on Xingtu',
  confirm: 'Confirm · open',
  confirmTitle: 'A possible Xingtu creator was found: confirm it in the panel',
  noVideos: 'No videos',
  cardTitle: 'Content mix · Short videos',
  fetched: 'Fetched {time}',
  categories: '{n} categories',
  open: 'Open',
  addToList: 'Add to list',
  adding: 'Adding…',
  added: 'Added to “{list}”',
  already: 'Already in “{list}”',
  full: '“{list}” is full',
  addFailed: 'Could not add to the list',
  all: 'Look up all visible',
  estimating: 'Estimating…',
  estimate: '{paid} paid calls · {cached} from cache',
  run: 'Run',
  cancel: 'Cancel',
  running: 'Running in list “{list}”',
  noneVisible: 'No creators in view',
  barLabel: 'Creator content mix',
};

export function badgeLanguage(language: string | undefined): 'zh' | 'en' {
  return /^en\b/i.test(language ?? '') ? 'en' : 'zh';
}

export function badgeText(key: BadgeTextKey, values: Record<string, string | number> = {}, language = badgeLanguage(globalThis.navigator?.language)): string {
  const table: Record<BadgeTextKey, string> = language === 'en' ? en : zh;
  return table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** "美食 53%": a category and its share, whole percent. */
export function shareText(name: string, share: number): string {
  return `${name} ${Math.round(share * 100)}%`;
}
