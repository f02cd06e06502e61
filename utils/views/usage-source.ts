import type { Unwatch } from 'wxt/utils/storage';
import { parseUsageLog, usageLogItem, type UsageEntry } from '../shared/usage';
import { follow } from './follow-storage';

/**
 * The usage log as the options page reads it: storage.local, where the background alone writes it
 * (utils/shared/usage.ts), validated entry by entry and followed as calls are made. Calls
 * `onValue` with the log (oldest first), then with every change, until the returned function is called.
 */
export type FollowUsageLog = (onValue: (entries: UsageEntry[]) => void) => Unwatch;

export const followStoredUsageLog: FollowUsageLog = (onValue) =>
  follow(() => usageLogItem.getValue(), (onRaw) => usageLogItem.watch(onRaw), parseUsageLog, onValue);
