// Keyset pagination for the log pages: one link to the next (older) page and
// the page size; the "back to newest" link sits in each page's status line.
import Link from "next/link";
import { buttonLink } from "./tokens";

export function NextPageLink({ href, label, pageSize }: { href: string; label: string; pageSize: number }) {
  return (
    <nav aria-label="Pagination" className="flex items-center gap-3">
      <Link href={href} className={buttonLink}>
        {label} →
      </Link>
      <span className="text-xs text-zinc-500 dark:text-zinc-400">{pageSize} per page</span>
    </nav>
  );
}
