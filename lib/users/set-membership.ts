import "server-only";
// Role changes from the command line (`user:role`, `membership:set`), by email
// and queue slug, recorded with the command line as the receipt's actor. The
// admin pages use lib/users/admin-changes.ts, which checks that the signed-in
// person is an admin; that module reaches next/navigation through the admin
// guard, which the CLI cannot load, hence this small CLI-safe twin. Receipts and
// their payloads have the same shape in both, and so does the last-admin rule.
import { db, type Tx } from "@/lib/db/client";
import { appendReceipt, type ReceiptActor } from "@/lib/receipts/append-receipt";
import { isRole, ROLES, type Role } from "@/lib/users/roles";

export const CLI_ACTOR: ReceiptActor = { type: "system", id: "cli", name: "Command line" };

export class UserChangeError extends Error {}

function parseRole(role: string): Role {
  if (!isRole(role)) throw new UserChangeError(`--role must be one of ${ROLES.join(", ")}`);
  return role;
}

async function userByEmail(tx: Tx, email: string) {
  const normalized = email.trim().toLowerCase();
  const user = await tx.user.findUnique({ where: { email: normalized }, select: { id: true, email: true, role: true } });
  if (!user) throw new UserChangeError(`No user with email ${normalized}.`);
  return user;
}

/** Sets a user's global role. Takes effect on their next request: the role is read from the database every time. */
export async function setUserRoleByEmail(email: string, rawRole: string, actor: ReceiptActor = CLI_ACTOR) {
  const role = parseRole(rawRole);
  return db.$transaction(async (tx) => {
    const user = await userByEmail(tx, email);
    if (user.role === role) return { email: user.email, before: user.role, role, changed: false };
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await appendReceipt(tx, { kind: "user_role_changed", actor, payload: { user_id: user.id, email: user.email, before: user.role, after: role } });
    if ((await tx.user.count({ where: { role: "admin", active: true } })) === 0) {
      throw new UserChangeError(`${user.email} is the last active admin: make someone else an admin first.`);
    }
    return { email: user.email, before: user.role, role, changed: true };
  });
}

/**
 * Sets (or with role "none" removes) a user's role on one queue, or on every
 * queue when no slug is given. The effective role is the highest of the
 * global role and the memberships (lib/users/queue-roles.ts).
 */
export async function setMembershipByEmail(email: string, queueSlug: string | null, rawRole: string, actor: ReceiptActor = CLI_ACTOR) {
  const role = rawRole === "none" ? null : parseRole(rawRole);
  return db.$transaction(async (tx) => {
    const user = await userByEmail(tx, email);
    const queue = queueSlug ? await tx.queue.findUnique({ where: { slug: queueSlug }, select: { id: true, slug: true } }) : null;
    if (queueSlug && !queue) throw new UserChangeError(`No queue with slug ${queueSlug}.`);
    const queueId = queue?.id ?? null;
    // findFirst, not a compound-unique lookup: Prisma cannot look up a unique key holding null.
    const existing = await tx.membership.findFirst({ where: { userId: user.id, queueId }, select: { id: true, role: true } });
    const before = existing?.role ?? null;
    if (before === role) return { email: user.email, queue: queue?.slug ?? null, before, role, changed: false };
    if (role === null) await tx.membership.delete({ where: { id: existing!.id } });
    else if (existing) await tx.membership.update({ where: { id: existing.id }, data: { role } });
    else await tx.membership.create({ data: { userId: user.id, queueId, role } });
    await appendReceipt(tx, {
      kind: "membership_changed",
      actor,
      payload: { user_id: user.id, email: user.email, queue: queue?.slug ?? null, scope: queue ? "queue" : "all_queues", before, after: role },
    });
    return { email: user.email, queue: queue?.slug ?? null, before, role, changed: true };
  });
}
