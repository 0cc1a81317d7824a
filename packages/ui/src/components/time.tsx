// A timestamp shown as "5 min ago" with the exact local time on hover and for screen readers.
import { formatAgo, formatDateTime } from '../lib/format.js';

export function Time({ iso, exact = false }: { iso: string | undefined; exact?: boolean }) {
  if (!iso) return <span class="muted">—</span>;
  const full = formatDateTime(iso);
  return (
    <time dateTime={iso} title={`${full} (${iso})`}>
      {exact ? full : formatAgo(iso)}
    </time>
  );
}
