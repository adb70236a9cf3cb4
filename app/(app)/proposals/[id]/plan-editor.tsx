"use client";
// Edit before approve: change a step's arguments (JSON object) or drop it.
// Titles, tools and scopes are shown but not editable; the server rebuilds
// them from the stored plan anyway, so only { index, args } is sent.
import { useMemo, useState } from "react";
import type { ApproveWithEditsInput } from "@/lib/proposals/approve-with-edits";
import type { PlanStep } from "@/lib/proposals/envelope";
import { AgentText } from "@/components/agent-text";

export type EditedStep = ApproveWithEditsInput["plan"][number];

type Row = { keep: boolean; text: string };

function parseArgs(text: string): { ok: true; value: EditedStep["args"] } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, error: 'Arguments must be a JSON object, like { "key": "value" }.' };
  }
  return { ok: true, value: value as EditedStep["args"] };
}

export function PlanEditor({
  plan,
  busy,
  onSubmit,
  onCancel,
}: {
  plan: PlanStep[];
  busy: boolean;
  onSubmit: (steps: EditedStep[], note: string) => void;
  onCancel: () => void;
}) {
  const [rows, setRows] = useState<Row[]>(() => plan.map((s) => ({ keep: true, text: JSON.stringify(s.args, null, 2) })));
  const [note, setNote] = useState("");
  const parsed = useMemo(() => rows.map((r) => parseArgs(r.text)), [rows]);
  const kept = rows.filter((r) => r.keep).length;
  const hasErrors = rows.some((r, i) => r.keep && !parsed[i]!.ok);
  const edited = rows.some((r, i) => {
    if (!r.keep) return true;
    const p = parsed[i]!;
    return !p.ok || JSON.stringify(p.value) !== JSON.stringify(plan[i]!.args);
  });
  const problem =
    kept === 0 ? "Keep at least one step." : hasErrors ? "Fix the arguments marked above." : !edited ? "Edit arguments or drop a step first." : null;

  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <form
      aria-label="Edit the plan before approving"
      className="mt-3 space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (problem) return;
        const steps = rows.flatMap((r, i) => {
          const p = parsed[i]!;
          return r.keep && p.ok ? [{ index: i, args: p.value }] : [];
        });
        onSubmit(steps, note.trim());
      }}
    >
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Change a step&apos;s arguments or drop steps. Titles, tools and scopes stay as the agent proposed them. Approving records a new
        version with its own digest; the proposed version is kept.
      </p>
      <ol className="space-y-2">
        {plan.map((step, i) => {
          const row = rows[i]!;
          const p = parsed[i]!;
          const errorId = `step-${i}-error`;
          return (
            <li key={i} className={`rounded-md border p-2 ${row.keep ? "border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950" : "border-dashed border-zinc-300 opacity-70 dark:border-zinc-700"}`}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-semibold">{i + 1}.</span>
                <span className={row.keep ? "font-medium" : "font-medium line-through"}>
                  <AgentText text={step.title} />
                </span>
                <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
                  {step.tool} · {step.scope}
                </code>
                <button
                  type="button"
                  onClick={() => update(i, { keep: !row.keep })}
                  aria-pressed={!row.keep}
                  className="ml-auto rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                >
                  {row.keep ? `Drop step ${i + 1}` : `Keep step ${i + 1}`}
                </button>
              </div>
              {row.keep && (
                <div className="mt-1">
                  <label htmlFor={`step-${i}-args`} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
                    Arguments for step {i + 1} (JSON)
                  </label>
                  <textarea
                    id={`step-${i}-args`}
                    value={row.text}
                    onChange={(e) => update(i, { text: e.target.value })}
                    spellCheck={false}
                    rows={Math.min(12, Math.max(3, row.text.split("\n").length))}
                    aria-invalid={!p.ok}
                    aria-describedby={!p.ok ? errorId : undefined}
                    className={`mt-1 w-full rounded-md border bg-white px-2 py-1 font-mono text-xs dark:bg-zinc-950 ${p.ok ? "border-zinc-300 dark:border-zinc-700" : "border-red-500 outline-red-500"}`}
                  />
                  {!p.ok && (
                    <p id={errorId} className="text-xs text-red-700 dark:text-red-300">
                      {p.error}
                    </p>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-80 flex-1">
          <label htmlFor="edit-note" className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
            Note (optional)
          </label>
          <input
            id="edit-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={2000}
            placeholder="Why you changed the plan"
            className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          />
        </div>
        <button
          type="submit"
          disabled={!!problem || busy}
          aria-describedby={problem ? "edit-problem" : undefined}
          className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Approve with edits
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
          Cancel
        </button>
      </div>
      {problem && (
        <p id="edit-problem" className="text-xs text-zinc-600 dark:text-zinc-400">
          {problem}
        </p>
      )}
    </form>
  );
}
