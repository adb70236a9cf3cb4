// A list page's title line: heading, one sentence of what the page is, and
// optional actions on the right.
import type { ReactNode } from "react";

export function PageHeader({ title, level = 1, children, actions }: { title: string; level?: 1 | 2; children: ReactNode; actions?: ReactNode }) {
  const Heading = level === 1 ? "h1" : "h2";
  return (
    <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
      <Heading className="text-lg font-semibold tracking-tight">{title}</Heading>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{children}</p>
      {actions && <div className="ml-auto flex items-center gap-2">{actions}</div>}
    </div>
  );
}
