import "server-only";
// Admin changes to people: global role, active flag, per-queue roles. Each
// change and its receipt commit together, and none may leave the install
// without an active admin (who else could undo it?).
import { z } from "zod";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";
import { appendReceipt } from "@/lib/receipts/append-receipt";
import { ROLES } from "@/lib/roles/roles";

const roleSchema = z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` });

export const setUserRoleInput = z.object({ userId: z.string().min(1).max(100), role: roleSchema });
export const setUserActiveInput = z.object({ userId: z.string().min(1).max(100), active: z.boolean() });
export const setMembershipInput = z.object({
  userId: z.string().min(1).max(100),
  /** null: the role holds on every queue. */
  queueId: z.string().min(1).max(100).nullable(),
  /** null removes the membership. */
  role: roleSchema.nullable(),
});

async function loadTarget(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, role: true, active: true } });
  if (!user) throw new AppError("not_found", "not_found", "No such user.");
  return user;
}

/**
 * Runs after the change and its receipt are written. Receipt writers lock the
 * chain head, so by now any concurrent change has committed and is counted:
 * two admins demoting each other at once cannot both succeed.
 */
async function assertAnActiveAdminRemains(tx: Tx, self: boolean) {
  const admins = await tx.user.count({ where: { role: "admin", active: true } });
  if (admins === 0) {
    throw new AppError(
      "conflict", "last_admin",
      self
        ? "You are the last active admin: make someone else an admin first, or nobody could administer Countersign."
        : "This is the last active admin: make someone else an admin first, or nobody could administer Countersign.",
    );
  }
}

/** True when a signed-in admin is changing their own account. */
function isSelf(caller: AdminCaller, userId: string): boolean {
  return !("type" in caller) && caller.id === userId;
}

export async function setUserRole(caller: AdminCaller, raw: z.input<typeof setUserRoleInput>) {
  const actor = adminActor(caller);
  const input = setUserRoleInput.parse(raw);
  return db.$transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    if (target.role === input.role) return { id: target.id, role: input.role, changed: false };
    // A new role starts a new session: sessions issued under the old role end on their next request.
    await tx.user.update({ where: { id: target.id }, data: { role: input.role, sessionVersion: { increment: 1 } } });
    await appendReceipt(tx, {
      kind: "user_role_changed",
      actor,
      payload: { user_id: target.id, email: target.email, before: target.role, after: input.role },
    });
    // Only a change that takes an admin away can leave none (an install that has
    // none yet, set up from the command line, may still change its other people).
    if (target.role === "admin") await assertAnActiveAdminRemains(tx, isSelf(caller, target.id));
    return { id: target.id, email: target.email, before: target.role, role: input.role, changed: true };
  });
}

export async function setUserActive(caller: AdminCaller, raw: z.input<typeof setUserActiveInput>) {
  const actor = adminActor(caller);
  const input = setUserActiveInput.parse(raw);
  return db.$transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    if (target.active === input.active) return { id: target.id, active: input.active, changed: false };
    // Disabling also ends every session (the session version moves on), so re-enabling does not revive them.
    await tx.user.update({ where: { id: target.id }, data: { active: input.active, ...(input.active ? {} : { sessionVersion: { increment: 1 } }) } });
    await appendReceipt(tx, {
      kind: input.active ? "user_enabled" : "user_disabled",
      actor,
      payload: { user_id: target.id, email: target.email, role: target.role },
    });
    if (!input.active && target.role === "admin") await assertAnActiveAdminRemains(tx, isSelf(caller, target.id));
    return { id: target.id, active: input.active, changed: true };
  });
}

export async function setMembership(caller: AdminCaller, raw: z.input<typeof setMembershipInput>) {
  const actor = adminActor(caller);
  const input = setMembershipInput.parse(raw);
  return db.$transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    const queue = input.queueId ? await tx.queue.findUnique({ where: { id: input.queueId }, select: { id: true, slug: true } }) : null;
    if (input.queueId && !queue) throw new AppError("not_found", "not_found", "No such queue.");
    // findFirst, not a compound-unique lookup: Prisma cannot look up a unique key holding null.
    const existing = await tx.membership.findFirst({ where: { userId: target.id, queueId: input.queueId }, select: { id: true, role: true } });
    const before = existing?.role ?? null;
    if (before === input.role) return { email: target.email, queue: queue?.slug ?? null, before, role: input.role, changed: false };
    if (input.role === null) await tx.membership.delete({ where: { id: existing!.id } });
    else if (existing) await tx.membership.update({ where: { id: existing.id }, data: { role: input.role } });
    else await tx.membership.create({ data: { userId: target.id, queueId: input.queueId, role: input.role } });
    await appendReceipt(tx, {
      kind: "membership_changed",
      actor,
      payload: { user_id: target.id, email: target.email, queue: queue?.slug ?? null, scope: queue ? "queue" : "all_queues", before, after: input.role },
    });
    return { email: target.email, queue: queue?.slug ?? null, before, role: input.role, changed: true };
  });
}
