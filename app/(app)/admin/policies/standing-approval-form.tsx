"use client";
// The form that grants (or changes) a standing approval: agent, queue, tool,
// argument constraints, a limit, an expiry and a reason. The server turns it
// into a Cedar policy (shown in the list once granted) and checks it again.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { ActionMessage, useActionMessage } from "@/components/ui/action-message";
import { field, input, label, primaryButton, secondaryButton, smallButton } from "@/components/ui/tokens";
import type { GrantFormValues } from "@/lib/standing-approvals/grant-form-prefill";
import { changeStandingApprovalAction, grantStandingApprovalAction } from "./standing-approval-actions";

type Choices = { agents: { id: string; name: string }[]; queues: { slug: string; name: string }[] };
type Props = { choices: Choices; initial: GrantFormValues; editId?: string; onDone?: () => void };

const OPS = [
  { value: "equals", label: "equals" },
  { value: "one_of", label: "is one of (comma-separated)" },
  { value: "at_most", label: "is a number at most" },
] as const;

function toInput(values: GrantFormValues) {
  const number = (s: string) => (s.trim() === "" ? null : Number(s));
  return {
    agentId: values.agent,
    queue: values.queue,
    tool: values.tool.trim(),
    constraints: values.constraints
      .filter((c) => c.arg.trim() !== "")
      .map((c) =>
        c.op === "one_of"
          ? { arg: c.arg.trim(), op: c.op, value: c.value.split(",").map((v) => v.trim()).filter(Boolean) }
          : { arg: c.arg.trim(), op: c.op, value: c.value.trim() },
      ),
    limitPeriod: values.limitPeriod,
    maxCount: number(values.maxCount),
    maxAmount: number(values.maxAmount),
    amountArg: values.amountArg.trim() === "" ? null : values.amountArg.trim(),
    expiresAt: new Date(Date.now() + Number(values.expiresDays || "0") * 86400_000).toISOString(),
    reason: values.reason,
  };
}

export function StandingApprovalForm({ choices, initial, editId, onDone }: Props) {
  const router = useRouter();
  const [values, setValues] = useState<GrantFormValues>(initial);
  const { message, setMessage, busy, run } = useActionMessage();
  const set = <K extends keyof GrantFormValues>(key: K, value: GrantFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const setConstraint = (i: number, patch: Partial<GrantFormValues["constraints"][number]>) =>
    set("constraints", values.constraints.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const idp = editId ? `sa-${editId}` : "sa-new";

  return (
    <form
      aria-label={editId ? "Change standing approval" : "Grant a standing approval"}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const form = toInput(values) as Parameters<typeof grantStandingApprovalAction>[0];
          const result = editId ? await changeStandingApprovalAction({ id: editId, form }) : await grantStandingApprovalAction(form);
          if (!result.ok) {
            const issue = result.error.issues?.[0];
            return setMessage({ tone: "error", text: issue ? `${issue.path}: ${issue.message}` : result.error.message });
          }
          // A grant keeps the form open, cleared, with its answer; an edit closes.
          setMessage({ tone: "ok", text: editId ? "Changed." : "Granted." });
          if (editId) onDone?.();
          else setValues({ ...initial, agent: "", tool: "", constraints: [], reason: "" });
          router.refresh();
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${idp}-agent`} className={label}>Agent</label>
          <select id={`${idp}-agent`} required className={`${field} mt-1 w-full`} value={values.agent} onChange={(e) => set("agent", e.target.value)}>
            <option value="">Choose an agent…</option>
            {choices.agents.map((a) => (
              <option key={a.id} value={a.id}>{a.name}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${idp}-queue`} className={label}>Queue</label>
          <select id={`${idp}-queue`} required className={`${field} mt-1 w-full`} value={values.queue} onChange={(e) => set("queue", e.target.value)}>
            <option value="">Choose a queue…</option>
            {choices.queues.map((q) => (
              <option key={q.slug} value={q.slug}>{q.name}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${idp}-tool`} className={label}>Tool</label>
          <input id={`${idp}-tool`} required className={`${input} mt-1 w-full font-mono`} placeholder="ap.release_payment" value={values.tool} onChange={(e) => set("tool", e.target.value)} />
        </div>
      </div>

      <fieldset className="space-y-1">
        <legend className={label}>Argument constraints (every step that acts must meet all of them)</legend>
        {values.constraints.length === 0 && <p className="text-xs text-zinc-600 dark:text-zinc-400">None: any arguments of this tool.</p>}
        {values.constraints.map((c, i) => (
          <div key={i} className="flex flex-wrap items-center gap-1">
            <label htmlFor={`${idp}-arg-${i}`} className="sr-only">Argument {i + 1}</label>
            <input id={`${idp}-arg-${i}`} className={`${input} w-40 font-mono`} placeholder="argument" value={c.arg} onChange={(e) => setConstraint(i, { arg: e.target.value })} />
            <label htmlFor={`${idp}-op-${i}`} className="sr-only">Condition {i + 1}</label>
            <select id={`${idp}-op-${i}`} className={field} value={c.op} onChange={(e) => setConstraint(i, { op: e.target.value as GrantFormValues["constraints"][number]["op"] })}>
              {OPS.map((o) => (
                <option key={o.value} value={o.value}>{o.label}</option>
              ))}
            </select>
            <label htmlFor={`${idp}-value-${i}`} className="sr-only">Value {i + 1}</label>
            <input id={`${idp}-value-${i}`} className={`${input} w-56`} placeholder="value" value={c.value} onChange={(e) => setConstraint(i, { value: e.target.value })} />
            <button type="button" className={smallButton} onClick={() => set("constraints", values.constraints.filter((_, j) => j !== i))} aria-label={`Remove constraint ${i + 1}`}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className={smallButton} onClick={() => set("constraints", [...values.constraints, { arg: "", op: "equals", value: "" }])}>
          Add a constraint
        </button>
      </fieldset>

      <div className="grid gap-3 sm:grid-cols-5">
        <div>
          <label htmlFor={`${idp}-period`} className={label}>Limit applies to</label>
          <select id={`${idp}-period`} className={`${field} mt-1 w-full`} value={values.limitPeriod} onChange={(e) => set("limitPeriod", e.target.value === "day" ? "day" : "total")}>
            <option value="total">all uses (total)</option>
            <option value="day">each UTC day</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${idp}-count`} className={label}>At most (uses)</label>
          <input id={`${idp}-count`} type="number" min={1} className={`${input} mt-1 w-full`} value={values.maxCount} onChange={(e) => set("maxCount", e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${idp}-amount`} className={label}>At most (amount)</label>
          <input id={`${idp}-amount`} type="number" min={0} step="any" className={`${input} mt-1 w-full`} value={values.maxAmount} onChange={(e) => set("maxAmount", e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${idp}-amount-arg`} className={label}>Amount argument</label>
          <input id={`${idp}-amount-arg`} className={`${input} mt-1 w-full font-mono`} placeholder="amount" value={values.amountArg} onChange={(e) => set("amountArg", e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${idp}-days`} className={label}>Expires in (days)</label>
          <input id={`${idp}-days`} type="number" min={1} max={3650} required className={`${input} mt-1 w-full`} value={values.expiresDays} onChange={(e) => set("expiresDays", e.target.value)} />
        </div>
      </div>
      <div>
        <label htmlFor={`${idp}-reason`} className={label}>Reason</label>
        <input id={`${idp}-reason`} required className={`${input} mt-1 w-full`} placeholder="Why this agent may act without a review here" value={values.reason} onChange={(e) => set("reason", e.target.value)} />
      </div>
      <div className="flex items-center gap-2">
        <button type="submit" className={primaryButton} disabled={busy}>
          {busy ? "Saving…" : editId ? "Save changes" : "Grant standing approval"}
        </button>
        {onDone && (
          <button type="button" className={secondaryButton} onClick={onDone}>Cancel</button>
        )}
        <ActionMessage message={message} />
      </div>
    </form>
  );
}
