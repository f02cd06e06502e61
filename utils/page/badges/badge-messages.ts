import type { ProtocolMap } from '../../shared/messaging';
import { extensionApi } from '../extension-api';

/**
 * Sends the badges' messages to the background, in the wire format of @webext-core/messaging
 * (what the background's onMessage reads: `{id, type, data, timestamp}` → `{res}` or `{err}`),
 * without that library and the promise polyfill it would bring into the page's world.
 * Only the badge messages can be sent from here.
 */
type BadgeMessage = 'badgePeek' | 'badgeLookUp' | 'badgeAddToList' | 'badgeEstimate' | 'badgeRun' | 'badgeOpen';

let nextId = Math.floor(Math.random() * 10_000);

export async function sendBadgeMessage<K extends BadgeMessage>(type: K, data: Parameters<ProtocolMap[K]>[0]): Promise<ReturnType<ProtocolMap[K]>> {
  const message = { id: nextId++, type, data, timestamp: Date.now() };
  const answer = (await extensionApi().runtime.sendMessage(message)) as { res?: unknown; err?: unknown } | undefined;
  if (!answer || answer.err != null || !('res' in answer)) throw new Error('badge message failed');
  return answer.res as ReturnType<ProtocolMap[K]>;
}
