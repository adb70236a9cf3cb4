"use client";
// Which rows are selected, which one has the keyboard focus, and the anchor of
// a shift-click range. Keys act on the selection, or on the focused row when
// nothing is selected.
import { useCallback, useState } from "react";

export function useSelection(ids: string[]) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState(0);
  const [anchor, setAnchor] = useState<number | null>(null);

  /** Toggle one row; with shift, set the whole range from the anchor to the row's new state. */
  function toggle(index: number, shift: boolean) {
    const id = ids[index];
    if (id === undefined) return;
    setSelected((current) => {
      const next = new Set(current);
      if (shift && anchor !== null) {
        const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
        const on = !current.has(id);
        for (let i = from; i <= to; i++) {
          if (on) next.add(ids[i]!);
          else next.delete(ids[i]!);
        }
      } else if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
    setAnchor(index);
    setFocus(index);
  }

  const allSelected = ids.length > 0 && ids.every((id) => selected.has(id));
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(ids));
  const clear = () => setSelected(new Set());

  const targetIds = useCallback((): string[] => {
    if (selected.size > 0) return [...selected];
    const id = ids[focus];
    return id === undefined ? [] : [id];
  }, [selected, ids, focus]);

  return { selected, focus, setFocus, toggle, allSelected, toggleAll, clear, targetIds };
}
