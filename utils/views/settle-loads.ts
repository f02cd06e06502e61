/**
 * Paid requests wait for the view to settle: when requests follow each other faster than
 * `quietMs` (the user clicks through creators, or presses Back several times), each waits
 * `quietMs`, and one overtaken by a newer request is never sent — it answers `superseded()`,
 * which the view drops anyway (it shows only the answer to its latest request). A request after
 * a quiet moment, and a refresh the user asked for, go at once. What the view shows changes at
 * once either way: only the call waits.
 */
export interface SettleOptions<Req = never, Res = never> {
  /**
   * A free answer tried first (e.g. the cache): when it has one, that is the answer at once and
   * nothing waits. It still counts as a request: it overtakes one that is waiting.
   */
  fast?: (req: Req) => Promise<Res | null>;
  /** Requests closer together than this are settled (default 350 ms). */
  quietMs?: number;
  now?: () => number;
}

export const DEFAULT_QUIET_MS = 350;

export function settleRequests<Req extends object, Res>(
  send: (req: Req) => Promise<Res>,
  superseded: () => Res,
  options: SettleOptions<Req, Res> = {},
): (req: Req) => Promise<Res> {
  const quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
  const now = options.now ?? Date.now;
  let last = Number.NEGATIVE_INFINITY;
  let waiting: { resolve: (res: Res) => void; timer: ReturnType<typeof setTimeout> } | null = null;
  let latest = 0;

  return (req) => {
    const seq = ++latest;
    const time = now();
    const rapid = time - last < quietMs;
    last = time;
    if (waiting) {
      clearTimeout(waiting.timer);
      waiting.resolve(superseded());
      waiting = null;
    }
    const explicit = 'refresh' in req && (req as { refresh?: unknown }).refresh === true;
    if (!rapid || explicit) return send(req);
    const fast = options.fast;
    if (fast) {
      // A newer request while the free answer was looked up overtakes this one.
      const orWait = () => (seq === latest ? wait(req) : superseded());
      return fast(req).then((hit) => hit ?? orWait(), orWait);
    }
    return wait(req);
  };

  function wait(req: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting = null;
        send(req).then(resolve, reject);
      }, quietMs);
      waiting = { resolve, timer };
    });
  }
}
