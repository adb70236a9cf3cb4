import "server-only";
// Disabling keeps the user row (their decisions and receipts still point at it)
// and touches nothing but the flag: sessions are not revoked here because
// getCurrentUser() reads `active` on every request, so the next request fails.
import { db } from "@/lib/db/client";

export class UserNotFoundError extends Error {}

export async function disableUser(email: string): Promise<{ id: string; email: string; name: string; wasActive: boolean }> {
  const normalized = email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email: normalized }, select: { id: true, email: true, name: true, active: true } });
  if (!user) throw new UserNotFoundError(`No user with email ${normalized}.`);
  // The session version moves on too, so re-enabling the account later does not revive old sessions.
  if (user.active) await db.user.update({ where: { id: user.id }, data: { active: false, sessionVersion: { increment: 1 } } });
  return { id: user.id, email: user.email, name: user.name, wasActive: user.active };
}
