"use client";
// Keyboard triage: j/k (or arrows) move, x select (shift-x a range), m select
// all matching the view, a approve, r reject, Enter open, ? help, / search,
// Escape clear. Keys typed into a field, a dialog or a region marked
// data-own-keys (the view's confirmation) are theirs, and modified keys belong
// to the browser.
import { useEffect } from "react";

export type QueueKeyHandlers = {
  move: (by: 1 | -1) => void;
  toggle: (shift: boolean) => void;
  approve: () => void;
  reject: () => void;
  open: () => void;
  help: () => void;
  clear: () => void;
  /** Select every row on the page and ask for all the view matches (select-all-matching.tsx). */
  selectAllMatching?: () => void;
};

export function useQueueKeyboard(handlers: QueueKeyHandlers) {
  // Re-subscribed each render so the handlers always see the current rows and selection.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (target.closest("input, textarea, select, [contenteditable=true], dialog, [data-own-keys]")) return;
      switch (event.key) {
        case "j":
        case "ArrowDown":
          handlers.move(1);
          break;
        case "k":
        case "ArrowUp":
          handlers.move(-1);
          break;
        case "x":
          handlers.toggle(event.shiftKey);
          break;
        case "m":
          if (!handlers.selectAllMatching) return;
          handlers.selectAllMatching();
          break;
        case "a":
          handlers.approve();
          break;
        case "r":
          handlers.reject();
          break;
        case "Enter":
          handlers.open();
          break;
        case "?":
          handlers.help();
          break;
        case "/":
          (document.querySelector("[data-shortcut-search]") as HTMLInputElement | null)?.focus();
          break;
        case "Escape":
          handlers.clear();
          break;
        default:
          return;
      }
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });
}
