import type { Result } from '@/utils/shared/types';
import type { ViewFailure } from './StatusMessage';

/**
 * The action of "Allow one call" (允许调用一次) after the daily call limit stopped a request: ask
 * the background to let one paid call past the limit, then `retry` once. When the background
 * refuses or does not answer, `fail` shows why. Undefined when the view cannot ask (no button).
 */
export function allowOneCallThen(
  allow: (() => Promise<Result<true>>) | undefined,
  retry: () => void,
  fail: (error: ViewFailure) => void,
): (() => void) | undefined {
  if (!allow) return undefined;
  return () => {
    let asked: Promise<Result<true>>;
    try {
      asked = allow();
    } catch (error) {
      asked = Promise.reject(error);
    }
    asked.then(
      (result) => (result.ok ? retry() : fail(result.error)),
      () => fail({ kind: 'unexpected' }),
    );
  };
}
