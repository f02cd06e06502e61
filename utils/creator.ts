/** A creator as a page or the user identifies it. Douyin kinds arrive with issue 3. */
export interface XingtuCreator {
  kind: 'xingtu';
  oAuthorId: string;
}

export type PageCreator = XingtuCreator;
