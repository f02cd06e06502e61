import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * The list page's one polite live region (ListApp renders it): parts announce status changes
 * through `useAnnounce()` instead of live regions of their own, so screen readers hear each
 * change once and in order.
 */
export const AnnounceContext = createContext<(text: string) => void>(() => undefined);

export function useAnnounce(): (text: string) => void {
  return useContext(AnnounceContext);
}
