import { sendMessage, type DistributionRequest, type LinkedAuthor, type Resolution } from './messaging';
import type { DouyinAccount } from './creator';
import type { XingtuAuthor } from './search/parse-search';
import type { Distribution, Result } from './types';

/**
 * What the panel and the popup may ask of the background (the key stays there). Components take
 * it as a prop so tests can answer without a browser.
 */
export interface ViewBridge {
  load(req: DistributionRequest): Promise<Result<Distribution>>;
  resolveDouyin(account: DouyinAccount): Promise<Result<Resolution>>;
  linkDouyin(account: DouyinAccount, author: LinkedAuthor): Promise<Result<Resolution>>;
  searchCreators(keyword: string): Promise<Result<XingtuAuthor[]>>;
  openOptions(): void;
}

export const messagingBridge: ViewBridge = {
  load: (req) => sendMessage('getDistribution', req),
  resolveDouyin: (account) => sendMessage('resolveDouyin', account),
  linkDouyin: (account, author) => sendMessage('linkDouyin', { account, author }),
  searchCreators: (keyword) => sendMessage('searchCreators', { keyword }),
  openOptions: () => void sendMessage('openOptions', undefined).catch(() => undefined),
};
