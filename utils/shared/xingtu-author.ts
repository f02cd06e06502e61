/** One creator of a Creator Search answer. Ids are strings, never numbers. */
export interface XingtuAuthor {
  /** Xingtu author id (`attribute_datas.id`, else `star_id`). */
  oAuthorId: string;
  /** Douyin uid of the account (`attribute_datas.core_user_id`); null when missing or "0". */
  douyinUid: string | null;
  /** `nick_name`, trimmed; '' when missing. Plain text, never markup. */
  nickname: string;
  /** `follower` as a number; null when missing or not a plain number. */
  followers: number | null;
  /** `avatar_uri` when it is an http(s) URL (`//host/…` becomes https); else null. */
  avatarUrl: string | null;
  city: string | null;
}
