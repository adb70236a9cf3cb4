import "server-only";
// Roles per queue. A user's global role (User.role) holds on every queue; a
// Membership row can raise it on one queue (queueId set) or on all queues
// (queueId null). The effective role on a queue is the highest of these, so a
// global viewer who is an approver of one queue may decide only that queue's
// proposals.
import { db } from "@/lib/db/client";
import { ROLES, type Role, isRole } from "@/lib/roles/roles";

export type QueueRoles = { global: Role; byQueue: Map<string, Role> };

function higher(a: Role, b: Role): Role {
  return ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b;
}

/** Loads a user's roles once (one query), for checking many proposals. */
export async function loadQueueRoles(user: { id: string; role: string }): Promise<QueueRoles> {
  let global: Role = isRole(user.role) ? user.role : "viewer";
  const byQueue = new Map<string, Role>();
  const rows = await db.membership.findMany({ where: { userId: user.id }, select: { queueId: true, role: true } });
  for (const row of rows) {
    if (!isRole(row.role)) continue;
    if (row.queueId === null) global = higher(global, row.role);
  }
  for (const row of rows) {
    if (row.queueId !== null && isRole(row.role)) byQueue.set(row.queueId, higher(global, row.role));
  }
  return { global, byQueue };
}

/** The user's effective role on one queue. */
export function roleOnQueue(roles: QueueRoles, queueId: string): Role {
  return roles.byQueue.get(queueId) ?? roles.global;
}

/** True when the user may decide on at least one queue (for showing decision controls). */
export function decidesAnywhere(roles: QueueRoles): boolean {
  return roles.global !== "viewer" || [...roles.byQueue.values()].some((r) => r !== "viewer");
}
