"use client";
// Whole-text changes (an email draft, a document) as a line diff with word
// highlights. Split or unified; follows the app's dark mode (the `dark` class).
import { useEffect, useState } from "react";
import ReactDiffViewer from "react-diff-viewer-continued";
import { AgentText } from "@/components/agent-text";

// Each line (or word) of the diff, with hidden characters shown as markers.
const renderContent = (source: string) => <AgentText text={source} inline />;

function useDarkClass(): boolean {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const root = document.documentElement;
    const read = () => setDark(root.classList.contains("dark"));
    read();
    const observer = new MutationObserver(read);
    observer.observe(root, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return dark;
}

export function TextDiff({ before, after, label }: { before: string; after: string; label: string }) {
  // A brand-new text (nothing before) reads better unified.
  const [split, setSplit] = useState(before !== "" && after !== "");
  const dark = useDarkClass();
  return (
    <div className="space-y-1">
      <div role="group" aria-label={`Diff layout for ${label}`} className="inline-flex overflow-hidden rounded-md border border-zinc-300 text-xs dark:border-zinc-700">
        {[
          { value: true, text: "Split" },
          { value: false, text: "Unified" },
        ].map((o) => (
          <button
            key={o.text}
            type="button"
            aria-pressed={split === o.value}
            onClick={() => setSplit(o.value)}
            className={`px-2 py-0.5 ${split === o.value ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
          >
            {o.text}
          </button>
        ))}
      </div>
      {/* Focusable so keyboard users can scroll a wide diff (WCAG 2.1.1). */}
      <div tabIndex={0} role="region" aria-label="Text diff" className="overflow-x-auto rounded border border-zinc-200 text-xs focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-800">
        <ReactDiffViewer
          oldValue={before}
          newValue={after}
          splitView={split}
          useDarkTheme={dark}
          leftTitle={split ? "Before" : undefined}
          rightTitle={split ? "After" : undefined}
          hideSummary
          disableWorker
          renderContent={renderContent}
          // The library's light line numbers on tinted rows fall below 4.5:1 contrast; these darker ones pass (WCAG 1.4.3).
          styles={{
            variables: { light: { gutterColor: "#52525b", addedGutterColor: "#14532d", removedGutterColor: "#7f1d1d" } },
            contentText: { fontSize: 12, lineHeight: "18px" },
            // The library dims line numbers to half opacity, which halves the contrast again.
            gutter: { minWidth: 28, padding: "0 6px", pre: { opacity: 1 } },
            lineNumber: { opacity: 1 },
          }}
        />
      </div>
    </div>
  );
}
