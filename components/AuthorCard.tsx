import type { ComponentChildren } from 'preact';
import { formatCount, t } from '@/utils/views/i18n';
import type { LinkedAuthor } from '@/utils/shared/messaging';
import { xingtuCreatorUrl } from '@/utils/shared/xingtu-link';
import { Avatar } from './Avatar';
import './douyin.css';

/** One Xingtu creator: avatar, nickname (linked to Xingtu; cut names in the tooltip), followers; plain text only. */
export function AuthorCard({ author, children }: { author: LinkedAuthor; children?: ComponentChildren }) {
  const name = author.nickname || author.oAuthorId;
  return (
    <div class="xdp-author" data-author-id={author.oAuthorId}>
      <Avatar url={author.avatarUrl} name={name} />
      <span class="xdp-author__text">
        <a class="xdp-author__name" href={xingtuCreatorUrl(author.oAuthorId)} target="_blank" rel="noopener noreferrer" title={name}>
          {name}
        </a>
        <span class="xdp-author__meta">
          {author.followers != null && <span>{t('followersCount', { count: formatCount(author.followers) })}</span>}
          {author.city && <span>{author.city}</span>}
        </span>
      </span>
      {children}
    </div>
  );
}
