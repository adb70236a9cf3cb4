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
      <div className="overflow-x-auto rounded border border-zinc-200 text-xs dark:border-zinc-800">
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
          styles={{ contentText: { fontSize: 12, lineHeight: "18px" }, gutter: { minWidth: 28, padding: "0 6px" } }}
        />
      </div>
    </div>
  );
}
