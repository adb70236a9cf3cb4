import "server-only";
// The command line's way to change people: by email and queue slug, as the
// trusted "system" caller. The rules (receipts, the last-admin guard) are the
// admin pages' own, in lib/users/admin-changes.ts.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { setMembership, setUserActive, setUserRole } from "@/lib/users/admin-changes";
import { isRole, ROLES, type Role } from "@/lib/roles/roles";

function parseRole(role: string): Role {
  if (!isRole(role)) throw new AppError("invalid", "invalid_input", `--role must be one of ${ROLES.join(", ")}`);
  return role;
}

async function userIdByEmail(email: string): Promise<string> {
  const normalized = email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email: normalized }, select: { id: true } });
  if (!user) throw new AppError("not_found", "not_found", `No user with email ${normalized}.`);
  return user.id;
}

/** Sets a user's global role. Takes effect on their next request: the role is read from the database every time. */
export async function setUserRoleByEmail(email: string, rawRole: string) {
  return setUserRole(CLI_CALLER, { userId: await userIdByEmail(email), role: parseRole(rawRole) });
}

/**
 * Sets (or with role "none" removes) a user's role on one queue, or on every
 * queue when no slug is given. The effective role is the highest of the
 * global role and the memberships (lib/users/queue-roles.ts).
 */
export async function setMembershipByEmail(email: string, queueSlug: string | null, rawRole: string) {
  const role = rawRole === "none" ? null : parseRole(rawRole);
  const queue = queueSlug ? await db.queue.findUnique({ where: { slug: queueSlug }, select: { id: true } }) : null;
  if (queueSlug && !queue) throw new AppError("not_found", "not_found", `No queue with slug ${queueSlug}.`);
  return setMembership(CLI_CALLER, { userId: await userIdByEmail(email), queueId: queue?.id ?? null, role });
}

/** Disables (or re-enables) a user by email, with the admin pages' rules: a receipt, and never the last active admin. */
export async function setUserActiveByEmail(email: string, active: boolean) {
  const userId = await userIdByEmail(email);
  const result = await setUserActive(CLI_CALLER, { userId, active });
  return { ...result, email: email.trim().toLowerCase() };
}
