export interface InFlight<T> {
  /**
   * Run `fn` unless a call with the same key is still running, in which case share its promise.
   * The entry is removed as soon as the promise settles (fulfilled or rejected), so a later
   * call starts afresh.
   */
  run(key: string, fn: () => Promise<T>): Promise<T>;
  /** Keys currently running (for tests and diagnostics). */
  size(): number;
}

/** Collapse identical concurrent requests into one (every avoidable API call costs money). */
export function createInFlight<T>(): InFlight<T> {
  const running = new Map<string, Promise<T>>();
  return {
    run(key, fn) {
      const existing = running.get(key);
      if (existing) return existing;
      let promise: Promise<T>;
      try {
        promise = fn();
      } catch (error) {
        promise = Promise.reject(error);
      }
      const entry = promise.finally(() => {
        if (running.get(key) === entry) running.delete(key);
      });
      running.set(key, entry);
      return entry;
    },
    size: () => running.size,
  };
}
