// What a list shows when nothing matches: a headline, a hint at what to do,
// and, when filters or paging narrowed the view, a way back to everything.
import Link from "next/link";
import type { ReactNode } from "react";
import { link } from "./tokens";

type Props = {
  title?: ReactNode;
  children: ReactNode;
  action?: { href: string; label: string } | null;
  /** `page`: the main list of a page; `tall`: the queue's roomier one; `note`: one line under a create form. */
  size?: "page" | "tall" | "note";
};

export function EmptyState({ title, children, action, size = "page" }: Props) {
  if (size === "note") {
    return <p className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">{children}</p>;
  }
  return (
    <div className={`rounded-md border border-dashed border-zinc-300 text-center dark:border-zinc-700 ${size === "tall" ? "px-6 py-16" : "px-4 py-10"}`}>
      {title && <p className="font-medium">{title}</p>}
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{children}</p>
      {action && (
        <Link href={action.href} className={`${link} mt-3 inline-block text-sm`}>
          {action.label}
        </Link>
      )}
    </div>
  );
}
