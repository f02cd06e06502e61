import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, formatRelative } from '@/utils/views/i18n';
import { isoTime } from '@/utils/views/iso-time';

/**
 * A past time as "2 hours ago" / "2小时前", the exact local time in its tooltip (and in
 * `dateTime`). Redrawn every minute while shown, so it does not go stale in an open panel.
 * `wrap` puts the relative text in a sentence, e.g. "Fetched {time}".
 */
export function TimeAgo({ ms, wrap }: { ms: number; wrap?: (text: string) => string }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, [ms]);
  const text = formatRelative(ms, now);
  return (
    <time dateTime={isoTime(ms)} title={formatDateTime(ms)} class="xdp-time">
      {wrap ? wrap(text) : text}
    </time>
  );
}
