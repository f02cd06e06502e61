import type { Unwatch } from 'wxt/utils/storage';

/**
 * Read once and watch. A change seen before the first read settles wins (the read may be older);
 * nothing is delivered after `stop`.
 */
export function follow<T>(
  read: () => Promise<unknown>,
  watch: (onRaw: (raw: unknown) => void) => Unwatch,
  parse: (raw: unknown) => T,
  onValue: (value: T) => void,
): Unwatch {
  let stopped = false;
  let changed = false;
  const unwatch = watch((raw) => {
    changed = true;
    if (!stopped) onValue(parse(raw));
  });
  const first = (raw: unknown) => {
    if (!stopped && !changed) onValue(parse(raw));
  };
  read().then(first, () => first(null));
  return () => {
    stopped = true;
    unwatch();
  };
}
