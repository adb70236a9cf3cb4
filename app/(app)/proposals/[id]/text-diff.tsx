"use client";
// Whole-text changes (an email draft, a document, a source file) as a line
// diff that marks the changed words (not characters) and wraps long lines in
// both layouts instead of cutting them off. A file's text is syntax-highlighted
// for its language (the viewer loads the grammar on demand); unchanged regions
// fold, three lines of context around each change. Split or unified; follows
// the app's dark mode (the `dark` class). Loaded lazily (lazy-text-diff.tsx).
import { useEffect, useState } from "react";
import ReactDiffViewer, { DiffMethod } from "react-diff-viewer-continued";
import { AgentText } from "@/components/agent-text";
import { containsHiddenCharacters } from "@/lib/text/hidden-characters";

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

export function TextDiff({ before, after, label, language }: { before: string; after: string; label: string; language: string | null }) {
  // A brand-new text (nothing before) reads better unified.
  const [split, setSplit] = useState(before !== "" && after !== "");
  const dark = useDarkClass();
  // Highlighting replaces renderContent, which shows hidden characters as markers: text with any keeps the markers.
  const highlight = language && !containsHiddenCharacters(before) && !containsHiddenCharacters(after) ? language : undefined;
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
      <div tabIndex={0} role="region" aria-label="Text diff" data-language={highlight} className="overflow-x-auto rounded border border-zinc-200 text-xs focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-800">
        <ReactDiffViewer
          oldValue={before}
          newValue={after}
          splitView={split}
          useDarkTheme={dark}
          leftTitle={split ? "Before" : undefined}
          rightTitle={split ? "After" : undefined}
          hideSummary
          disableWorker
          compareMethod={DiffMethod.WORDS}
          showDiffOnly
          extraLinesSurroundingDiff={3}
          highlightLanguage={highlight}
          renderContent={renderContent}
          // The library's light line numbers on tinted rows fall below 4.5:1 contrast; these darker ones pass (WCAG 1.4.3).
          styles={{
            variables: {
              light: { gutterColor: "#52525b", addedGutterColor: "#14532d", removedGutterColor: "#7f1d1d", wordAddedBackground: "#bbf7d0", wordRemovedBackground: "#fecaca" },
            },
            // Wrap, never clip: the library's 1000px minimum width pushed the split view's right side out of view.
            diffContainer: { minWidth: 0 },
            contentText: { fontSize: 12, lineHeight: "18px", whiteSpace: "pre-wrap", overflowWrap: "anywhere", wordBreak: "break-word" },
            // The library dims line numbers to half opacity, which halves the contrast again.
            gutter: { minWidth: 28, padding: "0 6px", pre: { opacity: 1 } },
            lineNumber: { opacity: 1 },
            // Syntax colours are chosen for a white background; on the red and green of changed lines
            // and words several fall below 4.5:1, so changed lines keep one dark colour (WCAG 1.4.3).
            diffAdded: { "& span": { color: "#14532d !important" } },
            diffRemoved: { "& span": { color: "#7f1d1d !important" } },
            wordAdded: { color: "#14532d !important", "& span": { color: "#14532d !important" } },
            wordRemoved: { color: "#7f1d1d !important", "& span": { color: "#7f1d1d !important" } },
          }}
        />
      </div>
    </div>
  );
}
