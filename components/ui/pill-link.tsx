// A link in a row of pills (admin sections, a status filter): the current one
// is filled and marked with aria-current for screen readers.
import Link from "next/link";
import type { ReactNode } from "react";

const current = "bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900";
const other = {
  plain: "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-950 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white",
  outlined: "text-zinc-700 ring-1 ring-zinc-200 hover:bg-zinc-100 dark:text-zinc-300 dark:ring-zinc-800 dark:hover:bg-zinc-800",
};

export function PillLink({ href, isCurrent, variant = "plain", children }: { href: string; isCurrent: boolean; variant?: keyof typeof other; children: ReactNode }) {
  return (
    <Link href={href} aria-current={isCurrent ? "page" : undefined} className={`rounded-md px-2.5 py-1 ${isCurrent ? current : other[variant]}`}>
      {children}
    </Link>
  );
}
