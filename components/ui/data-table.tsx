// The list table every page uses: a bordered, horizontally scrolling frame, a
// screen-reader caption, header cells from a list, and the rows as children.
import type { ReactNode } from "react";
import { th } from "./tokens";

export type Column = string | { label: ReactNode; className?: string };

type Props = {
  caption: string;
  columns: Column[];
  /** Column widths for a fixed layout (`w-[96px]`); omitted for an automatic layout. An empty string leaves a column free. */
  widths?: string[];
  /** The table's minimum width, e.g. `min-w-[1200px]`, so narrow screens scroll instead of squeezing. */
  minWidth?: string;
  /** Rows separated by the body's dividers (log tables) or by each row's own border (admin tables). */
  divided?: boolean;
  children: ReactNode;
};

export function DataTable({ caption, columns, widths, minWidth = "", divided = false, children }: Props) {
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      <table className={`w-full ${minWidth} ${widths ? "table-fixed" : ""} border-collapse text-sm`}>
        <caption className="sr-only">{caption}</caption>
        {widths && (
          <colgroup>
            {widths.map((w, i) => (
              <col key={i} className={w || undefined} />
            ))}
          </colgroup>
        )}
        <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
          <tr>
            {columns.map((c, i) =>
              typeof c === "string" ? (
                <th key={i} scope="col" className={th}>
                  {c}
                </th>
              ) : (
                <th key={i} scope="col" className={`${th} ${c.className ?? ""}`}>
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody className={divided ? "divide-y divide-zinc-100 dark:divide-zinc-800/70" : undefined}>{children}</tbody>
      </table>
    </div>
  );
}

/** The row of a divided log table. */
export const logRow = "hover:bg-zinc-50 dark:hover:bg-zinc-900/60";
/** The row of an admin table, separated by its own border. */
export const adminRow = "border-b border-zinc-100 last:border-0 dark:border-zinc-800/60";
