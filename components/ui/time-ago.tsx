// A moment shown relative to the request ("5 min ago"), exact on hover and
// machine-readable for assistive tech.
import { ago, exact } from "@/lib/format-time";

export function TimeAgo({ iso, now, className }: { iso: string; now: number; className?: string }) {
  return (
    <time dateTime={iso} title={exact(iso)} className={className}>
      {ago(iso, now)}
    </time>
  );
}

/** A cell with nothing to show. */
export const none = <span className="text-zinc-400 dark:text-zinc-500">—</span>;

/** A date shown in full (admin tables' "Created" and "Added" columns). */
export function ExactTime({ iso }: { iso: string }) {
  return <time dateTime={iso}>{exact(iso)}</time>;
}
