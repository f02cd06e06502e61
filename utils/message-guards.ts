import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { PLATFORMS } from './platform';
import { O_AUTHOR_ID } from './page-detect';
import type { DistributionRequest } from './messaging';

/** Messages are answered only for this extension's own pages and content scripts. */
export function isFromThisExtension(sender: { id?: string } | undefined): boolean {
  return sender?.id === browser.runtime.id;
}

const DistributionRequestSchema = v.strictObject({
  oAuthorId: v.pipe(v.string(), v.regex(O_AUTHOR_ID)),
  platform: v.picklist(PLATFORMS),
  refresh: v.optional(v.boolean()),
});

/** The validated request, or null for anything of another shape. */
export function parseDistributionRequest(data: unknown): DistributionRequest | null {
  const parsed = v.safeParse(DistributionRequestSchema, data);
  return parsed.success ? parsed.output : null;
}
