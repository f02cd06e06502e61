import { DEFAULT_PLATFORM, PLATFORMS, type Platform } from '@/utils/shared/platform';

/** The platforms a run fetches: short video (the default) or all four (4 calls per creator). */
export type RunScope = 'short' | 'all';

export const RUN_SCOPES: Readonly<Record<RunScope, Platform[]>> = {
  short: [DEFAULT_PLATFORM],
  all: [...PLATFORMS],
};
