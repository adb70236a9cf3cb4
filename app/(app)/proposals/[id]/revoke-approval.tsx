import "server-only";
// Shown to admins only, while the proposal is approved and the agent has not
// reported executing it: after that there is nothing left to revoke.
import { db } from "@/lib/db/client";
import { isAdmin } from "@/lib/auth/require-admin";
import { RevokeApprovalForm } from "./revoke-approval-form";

export async function RevokeApproval({ user, proposalId, status }: { user: { role: string }; proposalId: string; status: string }) {
  if (!isAdmin(user) || status !== "approved") return null;
  const executed = await db.execution.findUnique({ where: { proposalId }, select: { id: true } });
  if (executed) return null;
  return <RevokeApprovalForm proposalId={proposalId} />;
}
