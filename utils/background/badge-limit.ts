/**
 * A bound on the badges' paid look-ups per tab (`badgeLookUp`). The background cannot see the
 * user's click: it trusts the content script on a list page. This keeps a page process that
 * poses as the content script (or a bug of ours) from spending faster than a person clicks —
 * the daily call limit and the call guard still bound the rest.
 */
export const LOOK_UPS_PER_MINUTE = 20;

export interface LookUpLimit {
  /** True (and counted) when this tab may make one more look-up now. */
  take(tabId: number): boolean;
}

export function createLookUpLimit(options: { max?: number; windowMs?: number; now?: () => number } = {}): LookUpLimit {
  const max = options.max ?? LOOK_UPS_PER_MINUTE;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const recent = new Map<number, number[]>();
  return {
    take(tabId) {
      const t = now();
      for (const [tab, times] of recent) {
        const kept = times.filter((at) => t - at < windowMs);
        if (kept.length === 0) recent.delete(tab);
        else recent.set(tab, kept);
      }
      const times = recent.get(tabId) ?? [];
      if (times.length >= max) return false;
      recent.set(tabId, [...times, t]);
      return true;
    },
  };
}
