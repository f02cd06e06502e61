import { useEffect, useState } from 'preact/hooks';
import { PLATFORMS, type Platform } from '@/utils/shared/platform';
import type { DistributionRequest } from '@/utils/shared/messaging';
import type { Distribution } from '@/utils/shared/types';
import { formatCount, platformKey, t } from '@/utils/views/i18n';

type Known = Partial<Record<Platform, number>>;

/**
 * Under "No videos on this platform": which other platforms have videos, which have none, and
 * which were not looked up yet — from the cache only (`peek` never calls the API). A platform
 * with videos is a button that switches to it.
 */
export function OtherPlatforms({
  oAuthorId,
  platform,
  peek,
  onPick,
}: {
  oAuthorId: string;
  platform: Platform;
  peek: (req: DistributionRequest) => Promise<Distribution | null>;
  onPick: (p: Platform) => void;
}) {
  const others = PLATFORMS.filter((p) => p !== platform);
  const [known, setKnown] = useState<{ key: string; videos: Known } | null>(null);
  const key = `${oAuthorId}:${platform}`;
  useEffect(() => {
    let live = true;
    void Promise.all(
      others.map((p) =>
        peek({ oAuthorId, platform: p }).then(
          (d) => [p, d ? d.rows.reduce((n, r) => n + r.count, 0) : undefined] as const,
          () => [p, undefined] as const,
        ),
      ),
    ).then((pairs) => {
      const videos: Known = {};
      for (const [p, n] of pairs) if (n !== undefined) videos[p] = n;
      if (live) setKnown({ key, videos });
    });
    return () => {
      live = false;
    };
  }, [key]);
  if (!known || known.key !== key) return null;
  const name = (p: Platform) => t(platformKey(p));
  const list = (ps: Platform[]) => ps.map(name).join(t('listSeparator'));
  const withVideos = others.filter((p) => (known.videos[p] ?? 0) > 0);
  const none = others.filter((p) => known.videos[p] === 0);
  const unknown = others.filter((p) => known.videos[p] === undefined);
  return (
    <div class="xdp-view__platforms-known">
      {withVideos.length > 0 && (
        <p>
          {t('emptyWithVideos')}
          {withVideos.map((p) => (
            <button key={p} type="button" class="xdp-link-button xdp-view__platform-link" onClick={() => onPick(p)}>
              {t('platformVideos', { platform: name(p), count: formatCount(known.videos[p] ?? 0) })}
            </button>
          ))}
        </p>
      )}
      {none.length > 0 && <p>{t('emptyAlsoNone', { platforms: list(none) })}</p>}
      {unknown.length > 0 && <p>{t('emptyNotLookedUp', { platforms: list(unknown) })}</p>}
    </div>
  );
}
