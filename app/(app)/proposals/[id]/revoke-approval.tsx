import "server-only";
// Shown to admins only, while the proposal is approved and the agent has not
// reported executing it: after that there is nothing left to revoke.
import { revocationBlocker } from "@/lib/containment/revoke-approval";
import { exact } from "@/lib/format-time";
import { isAdmin } from "@/lib/auth/require-admin";
import { RevokeApprovalForm } from "./revoke-approval-form";

export async function RevokeApproval({ user, proposalId, status }: { user: { role: string }; proposalId: string; status: string }) {
  if (!isAdmin(user) || status !== "approved") return null;
  const blocker = await revocationBlocker(proposalId);
  if (blocker?.kind === "executed") return null;
  if (blocker?.kind === "redeemed") {
    return (
      <p className="rounded-md border border-orange-200 bg-orange-50 p-3 text-sm text-orange-900 dark:border-orange-900 dark:bg-orange-950 dark:text-orange-100">
        This approval can no longer be revoked: its approval token was redeemed by {blocker.usedBy ?? "a tool that gave no name"} at{" "}
        {exact(blocker.usedAt.toISOString())}, so the action may have run. Wait for the agent&apos;s execution report.
      </p>
    );
  }
  return <RevokeApprovalForm proposalId={proposalId} />;
}
