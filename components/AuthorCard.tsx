import type { ComponentChildren } from 'preact';
import { formatCount, t } from '@/utils/views/i18n';
import type { LinkedAuthor } from '@/utils/shared/messaging';
import { xingtuCreatorUrl } from '@/utils/shared/xingtu-link';
import './douyin.css';

/** One Xingtu creator: avatar, nickname (linked to Xingtu), followers; plain text only. */
export function AuthorCard({ author, children }: { author: LinkedAuthor; children?: ComponentChildren }) {
  return (
    <div class="xdp-author" data-author-id={author.oAuthorId}>
      {author.avatarUrl ? (
        <img class="xdp-author__avatar" src={author.avatarUrl} alt="" referrerpolicy="no-referrer" loading="lazy" />
      ) : (
        <span class="xdp-author__avatar xdp-author__avatar--none" aria-hidden="true" />
      )}
      <span class="xdp-author__text">
        <a class="xdp-author__name" href={xingtuCreatorUrl(author.oAuthorId)} target="_blank" rel="noopener noreferrer">
          {author.nickname || author.oAuthorId}
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
