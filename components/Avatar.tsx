import { useEffect, useState } from 'preact/hooks';
import { avatarDataUrl } from '@/utils/views/view-bridge';

/**
 * A creator's avatar: the image the background fetched and checked (utils/background/avatar.ts),
 * never a request from this page to the image host. Until then, or without one, a circle with
 * the name's first character. Decorative: the name is always written next to it.
 */
export function Avatar({ url, name }: { url: string | null | undefined; name: string }) {
  const [src, setSrc] = useState<{ url: string; data: string } | null>(null);
  useEffect(() => {
    if (!url) return undefined;
    let live = true;
    void avatarDataUrl(url).then((data) => live && data && setSrc({ url, data }));
    return () => {
      live = false;
    };
  }, [url]);
  return src && src.url === url ? (
    <img class="xdp-author__avatar" src={src.data} alt="" />
  ) : (
    <span class="xdp-author__avatar xdp-author__avatar--none" aria-hidden="true">
      {Array.from(name.trim())[0] ?? ''}
    </span>
  );
}
