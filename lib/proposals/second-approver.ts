import "server-only";
// "Edited by X, needs a second approver": who edited the commit arguments of
// pending proposals (approve-with-edits.ts), by name, for the queue and the
// proposal page. The rule itself is enforced in the decision path, not here.
import { db } from "@/lib/db/client";
import type { SecondApprover } from "@/lib/proposals/second-approver-label";

export type { SecondApprover };

/** For each pending proposal with a commit edit, who made it (name, else email). */
export async function secondApproversNeeded(rows: { id: string; status: string; commitEditedById: string | null }[]): Promise<Map<string, SecondApprover>> {
  const waiting = rows.filter((r) => r.status === "pending" && r.commitEditedById);
  if (waiting.length === 0) return new Map();
  const ids = [...new Set(waiting.map((r) => r.commitEditedById!))];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
  const names = new Map(users.map((u) => [u.id, u.name || u.email]));
  return new Map(waiting.map((r) => [r.id, { editedById: r.commitEditedById!, editedBy: names.get(r.commitEditedById!) ?? "a former user" }]));
}
