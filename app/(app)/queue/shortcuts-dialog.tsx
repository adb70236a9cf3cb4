"use client";
import { useEffect, useRef } from "react";

const SHORTCUTS: [string, string][] = [
  ["j / ↓", "Next row"],
  ["k / ↑", "Previous row"],
  ["x", "Select or unselect the row (shift+x or shift+click: a range)"],
  ["m", "Select all proposals matching this view (then a or r opens the confirmation)"],
  ["a", "Approve the selection (or the highlighted row)"],
  ["r", "Reject the selection (asks for a reason)"],
  ["Enter", "Open the highlighted proposal"],
  ["/", "Search"],
  ["Esc", "Clear the selection"],
  ["?", "This list"],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="shortcuts-title"
      className="m-auto w-full max-w-md rounded-lg border border-zinc-200 bg-white p-5 text-zinc-900 backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id="shortcuts-title" className="text-base font-semibold">Keyboard shortcuts</h2>
      <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1.5 text-sm">
        {SHORTCUTS.map(([keys, text]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-zinc-300 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-700">{keys}</kbd>
            </dt>
            <dd className="text-zinc-700 dark:text-zinc-300">{text}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 text-right">
        <button className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
