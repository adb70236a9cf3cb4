"use client";
// The text diff, loaded when it is about to scroll into view: the diff viewer
// (and its syntax highlighter) is its own chunk, fetched only by proposal pages
// that show a text change, and a long page of changes renders the diffs as the
// reader reaches them. Until then a placeholder of about the right height.
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";

type Props = { before: string; after: string; label: string; language: string | null };

function Placeholder({ lines }: { lines: number }) {
  return (
    <div role="status" className="rounded border border-dashed border-zinc-300 px-3 py-2 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400" style={{ minHeight: Math.min(lines, 20) * 18 }}>
      Loading the diff…
    </div>
  );
}

const TextDiff = dynamic(() => import("./text-diff").then((m) => m.TextDiff), { ssr: false, loading: () => <Placeholder lines={4} /> });

export function LazyTextDiff(props: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === "undefined") return setNear(true);
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setNear(true);
        observer.disconnect();
      }
    }, { rootMargin: "600px 0px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const lines = Math.max(props.before.split("\n").length, props.after.split("\n").length);
  return <div ref={ref}>{near ? <TextDiff {...props} /> : <Placeholder lines={lines} />}</div>;
}
