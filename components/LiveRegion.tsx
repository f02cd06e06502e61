import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';

/** The announcer of the view's live region, for views nested in another (Douyin → creator). */
const AnnounceContext = createContext<((message: string) => void) | null>(null);

/** Say something through the enclosing view's live region (a form's error); a no-op outside one. */
export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext) ?? noop;
}
const noop = () => undefined;

/**
 * The view's one polite live region (visually hidden). `message` is what the view shows now in
 * a few words (loading, the result, an error); it is announced when it changes, not when the
 * view re-renders with the same state. A view inside another announces through the outer one's
 * region, so a page has one region per view however the views nest.
 */
export function LiveRegion({ message, children }: { message: string | null; children: ComponentChildren }) {
  const outer = useContext(AnnounceContext);
  const [text, setText] = useState('');
  const announce = outer ?? setText;
  useEffect(() => {
    if (message) announce(message);
  }, [message]);
  if (outer) return <>{children}</>;
  return (
    <AnnounceContext.Provider value={setText}>
      {children}
      <p class="xdp-sr-only" role="status" aria-live="polite" data-live-region="">
        {text}
      </p>
    </AnnounceContext.Provider>
  );
}
