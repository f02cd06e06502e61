import { isOAuthorId } from './page-detect';

/** A creator as a page or the user identifies it. Douyin kinds arrive with issue 3. */
export interface XingtuCreator {
  kind: 'xingtu';
  oAuthorId: string;
}

export type PageCreator = XingtuCreator;

/** Guard for creators that cross a context boundary (port or message). */
export function isPageCreator(value: unknown): value is PageCreator {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.kind === 'xingtu' && typeof v.oAuthorId === 'string' && isOAuthorId(v.oAuthorId);
}
