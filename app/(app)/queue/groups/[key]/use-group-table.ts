"use client";
// The group table's state: the sort (a column, ascending or descending;
// numbers by value, text by collation) and the selection of rows to decide.
import { useMemo, useState } from "react";
import type { LookAlikeGroupDetail } from "@/lib/proposals/look-alike-groups";

type Row = LookAlikeGroupDetail["rows"][number];
export type SortState = { key: string; direction: "ascending" | "descending" } | null;

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function compare(a: Row, b: Row, key: string): number {
  if (key === "title") return collator.compare(a.title, b.title);
  const x = a.cells[key];
  const y = b.cells[key];
  if (x?.number != null && y?.number != null) return x.number - y.number;
  return collator.compare(x?.text ?? "", y?.text ?? "");
}

export function useGroupTable(rows: Row[]) {
  const [sort, setSort] = useState<SortState>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const sorted = useMemo(() => {
    if (!sort) return rows;
    const sign = sort.direction === "ascending" ? 1 : -1;
    return [...rows].sort((a, b) => sign * compare(a, b, sort.key));
  }, [rows, sort]);

  // Rows that left the group (decided, refreshed away) drop out of the selection.
  const live = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);
  const selectedIds = [...selected].filter((id) => live.has(id));

  return {
    sorted,
    sort,
    /** First click sorts ascending, the next descending. */
    sortBy: (key: string) => setSort((s) => ({ key, direction: s?.key === key && s.direction === "ascending" ? "descending" : "ascending" })),
    selectedIds,
    isSelected: (id: string) => selected.has(id),
    toggle: (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    allSelected: rows.length > 0 && selectedIds.length === rows.length,
    toggleAll: () => setSelected(selectedIds.length === rows.length ? new Set() : new Set(rows.map((r) => r.id))),
    clear: () => setSelected(new Set()),
  };
}
