/** The page a Xingtu author id opens on Xingtu (the creator's homepage, video tab). */
export function xingtuCreatorUrl(oAuthorId: string): string {
  return `https://www.xingtu.cn/ad/creator/author-homepage/douyin-video/${encodeURIComponent(oAuthorId)}`;
}
