import { waitFor } from '@testing-library/preact';

/**
 * The view's state blocks (components/StatusMessage.tsx). They are not live regions (the view
 * announces through its one LiveRegion), so tests find them by their class, not by an ARIA role.
 */
export function queryErrorBlock(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.xdp-view__status--error');
}

export function errorBlock(): HTMLElement {
  const el = queryErrorBlock();
  if (!el) throw new Error('no error block (.xdp-view__status--error)');
  return el;
}

export function findErrorBlock(): Promise<HTMLElement> {
  return waitFor(errorBlock);
}

/** The first state block that is not an error: loading, no key, empty. */
export function statusBlock(): HTMLElement {
  const el = document.querySelector<HTMLElement>('.xdp-view__status:not(.xdp-view__status--error)');
  if (!el) throw new Error('no status block (.xdp-view__status)');
  return el;
}
