// One Cedar policy as the admin sees it: what it does (effect, quorum,
// message), why (the comment above it in the file), where (file:line) and
// the exact text Countersign evaluates.
import type { ActivePolicy } from "@/lib/policy/engine";
import { card } from "@/components/ui/tokens";

const EFFECT_STYLE = {
  permit: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950/40 dark:text-emerald-300 dark:ring-emerald-900",
  forbid: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950/40 dark:text-red-300 dark:ring-red-900",
} as const;
const badge = "inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset";
const neutral = "bg-zinc-50 text-zinc-700 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700";

/** Annotations other than @id and @message, in words where Countersign gives them a meaning. */
function annotationLabels(annotations: Record<string, string>): string[] {
  return Object.entries(annotations)
    .filter(([key]) => key !== "id" && key !== "message")
    .map(([key, value]) => (key === "approvals" ? `needs ${value} approval${value === "1" ? "" : "s"}` : `@${key}("${value}")`));
}

/**
 * The comment above a policy as paragraphs: wrapped lines are joined, and
 * indented lines (examples of Cedar) stay as written.
 */
function commentBlocks(comment: string): { code: boolean; text: string }[] {
  const blocks: { code: boolean; text: string }[] = [];
  for (const line of comment.split("\n")) {
    const code = /^\s{2,}/.test(line);
    const last = blocks.at(-1);
    if (last && last.code === code) last.text += code ? `\n${line.replace(/^\s{2}/, "")}` : ` ${line.trim()}`;
    else blocks.push({ code, text: code ? line.replace(/^\s{2}/, "") : line.trim() });
  }
  return blocks.filter((b) => b.text !== "");
}

export function PolicyCard({ policy }: { policy: ActivePolicy }) {
  const headingId = `policy-${policy.id}`;
  return (
    <article aria-labelledby={headingId} className={`${card} space-y-2`}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="font-mono text-sm font-semibold">
          {policy.id}
        </h3>
        <span className={`${badge} ${EFFECT_STYLE[policy.effect]}`}>{policy.effect}</span>
        <span className={`${badge} ${neutral}`}>{policy.action}</span>
        {annotationLabels(policy.annotations).map((label) => (
          <span key={label} className={`${badge} bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950/40 dark:text-sky-300 dark:ring-sky-900`}>
            {label}
          </span>
        ))}
        <span className="ml-auto font-mono text-xs text-zinc-500 dark:text-zinc-400">
          {policy.file}:{policy.line}
        </span>
      </div>
      {commentBlocks(policy.comment).map((block, i) =>
        block.code ? (
          <pre key={i} className="overflow-x-auto text-xs text-zinc-600 dark:text-zinc-400">
            {block.text}
          </pre>
        ) : (
          <p key={i} className="max-w-4xl text-sm text-zinc-700 dark:text-zinc-300">
            {block.text}
          </p>
        ),
      )}
      {policy.annotations.message && (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          <span className="font-medium">Message: </span>
          {policy.annotations.message}
        </p>
      )}
      <pre className="overflow-x-auto rounded bg-zinc-50 p-2 text-xs leading-relaxed text-zinc-800 dark:bg-zinc-900 dark:text-zinc-200">
        <code>{policy.text}</code>
      </pre>
    </article>
  );
}
