import "server-only";
// "approved by Dana Ops": who decided each proposal last, for the messages a
// person sees when someone else got there first.
import { db } from "@/lib/db/client";

export async function describeDecisions(proposalIds: string[]): Promise<Map<string, string>> {
  const described = new Map<string, string>();
  if (proposalIds.length === 0) return described;
  const decisions = await db.decision.findMany({
    where: { proposalId: { in: proposalIds } },
    orderBy: { createdAt: "desc" },
    select: { proposalId: true, outcome: true, user: { select: { name: true } } },
  });
  for (const d of decisions) if (!described.has(d.proposalId)) described.set(d.proposalId, `${d.outcome} by ${d.user.name}`);
  return described;
}
