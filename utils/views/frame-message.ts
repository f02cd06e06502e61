import { isPlacement } from '../shared/panel-place';
import type { FrameMessage } from '../shared/panel-port';

/**
 * Whether a message on the panel's port is the content script's frame state (utils/shared/panel-port.ts).
 * Here, not beside the other guards, so the popup (which shares their module) does not load it.
 */
export function isFrameMessage(value: unknown): value is FrameMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.type === 'frame' && typeof v.compact === 'boolean' && (v.theme === 'dark' || v.theme === 'light') && isPlacement(v.placement) && typeof v.moved === 'boolean';
}
