import { ago } from "@/lib/format-time";
import type { ProposalReceipt } from "@/lib/proposals/get-proposal-detail";
import { Digest, Time } from "./section";

const KIND_LABELS: Record<string, string> = {
  proposed: "proposed",
  auto_approved: "approved by policy",
  approved: "approved",
  rejected: "rejected",
  edited: "plan edited",
  expired: "expired",
  cancelled: "cancelled",
  revoked: "approval revoked",
  executed: "executed",
  failed: "failed",
};

const KIND_DOT: Record<string, string> = {
  approved: "bg-emerald-600",
  auto_approved: "bg-emerald-600",
  executed: "bg-emerald-700",
  rejected: "bg-red-600",
  failed: "bg-red-700",
  edited: "bg-sky-600",
  revoked: "bg-orange-600",
};

export function receiptLabel(r: Pick<ProposalReceipt, "kind" | "withEdits">): string {
  if (r.kind === "approved" && r.withEdits) return "approved with edits";
  return KIND_LABELS[r.kind] ?? r.kind.replace(/_/g, " ");
}

/** An approval at intake by an admin's standing approval (lib/standing-approvals): its policy id is the actor. */
function byStandingApproval(r: ProposalReceipt): boolean {
  return r.kind === "auto_approved" && r.actorType === "policy" && String(r.actor.id ?? "").startsWith("standing-approval:");
}

/** The receipts of this proposal, oldest first: who did what, when, on which digest. */
export function History({ receipts, now }: { receipts: ProposalReceipt[]; now: number }) {
  if (receipts.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No receipts yet.</p>;
  return (
    <ol aria-label="Receipts, oldest first" className="space-y-3">
      {receipts.map((r) => (
        <li key={r.id} className="flex gap-2 text-sm">
          <span aria-hidden="true" className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${KIND_DOT[r.kind] ?? "bg-zinc-400"}`} />
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-medium">{byStandingApproval(r) ? "approved by standing approval" : receiptLabel(r)}</span>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                <Time iso={r.createdAt} text={ago(r.createdAt, now)} />
              </span>
            </div>
            <div className="text-xs text-zinc-700 dark:text-zinc-300">
              <Who r={r} />
            </div>
            {r.reason && <p className="mt-0.5 whitespace-pre-wrap break-words text-xs text-zinc-700 dark:text-zinc-300">“{r.reason}”</p>}
            <div className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-zinc-500 dark:text-zinc-400">
              {r.digest && <Digest value={r.digest} />}
              {r.batchId && (
                <span className="font-mono" title={r.batchId}>
                  batch {r.batchId.slice(0, 8)}
                </span>
              )}
              <span className="font-mono">#{r.seq}</span>
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}

function Who({ r }: { r: ProposalReceipt }) {
  const a = r.actor;
  if (r.actorType === "user") {
    return (
      <>
        by {a.name ?? "unknown user"}
        {a.email && <span className="text-zinc-500 dark:text-zinc-400"> &lt;{a.email}&gt;</span>}
        {a.role && <span className="text-zinc-500 dark:text-zinc-400"> · {a.role}</span>}
      </>
    );
  }
  if (r.actorType === "agent") return <>by agent {a.name ?? a.id}</>;
  if (byStandingApproval(r)) return <>by {a.name ?? a.id} <span className="font-mono text-zinc-500 dark:text-zinc-400">({a.id})</span></>;
  if (r.actorType === "policy") return <>by policy {a.name ?? a.id}</>;
  return <>by {r.actorType} {a.name ?? a.id}</>;
}
