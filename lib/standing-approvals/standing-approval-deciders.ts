import "server-only";
// Which standing approval decided each of some proposals, for the queue's
// Approved tab: the proposal's intake policies name it ("standing-approval:<id>").
import { db } from "@/lib/db/client";

const PREFIX = "standing-approval:";

export type StandingDecider = { id: string; reason: string };

export function standingApprovalIdOf(policies: unknown): string | null {
  if (!Array.isArray(policies)) return null;
  const named = policies.find((p): p is string => typeof p === "string" && p.startsWith(PREFIX));
  return named ? named.slice(PREFIX.length) : null;
}

/** proposal id → the standing approval that approved it at intake, for those that were. */
export async function standingDeciders(proposals: { id: string; policies: unknown }[]): Promise<Map<string, StandingDecider>> {
  const byProposal = new Map<string, string>();
  for (const p of proposals) {
    const id = standingApprovalIdOf(p.policies);
    if (id) byProposal.set(p.id, id);
  }
  if (byProposal.size === 0) return new Map();
  const grants = await db.standingApproval.findMany({ where: { id: { in: [...new Set(byProposal.values())] } }, select: { id: true, reason: true } });
  const byId = new Map(grants.map((g) => [g.id, g]));
  const result = new Map<string, StandingDecider>();
  for (const [proposalId, id] of byProposal) result.set(proposalId, byId.get(id) ?? { id, reason: "" });
  return result;
}
