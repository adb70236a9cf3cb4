import "server-only";
// Who an unauthenticated server-action call came from, for the security log.
// getCurrentUser() answers null both for "no session" and for "a valid session
// cookie of a disabled or deleted user"; the second is worth naming, because it
// is exactly the attempt an admin wants to see after disabling someone.
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import { authOptions } from "@/lib/auth/auth-options";
import type { RefusalActor } from "@/lib/security/record-refusal";

export async function sessionActor(): Promise<RefusalActor> {
  try {
    const session = (await getServerSession(authOptions())) as { userId?: string } | null;
    if (!session?.userId) return { type: "anonymous" };
    const user = await db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, role: true, active: true } });
    if (!user) return { type: "anonymous" };
    return { type: "user", id: user.id, email: user.email, role: user.active ? user.role : `${user.role} (disabled)` };
  } catch {
    return { type: "anonymous" };
  }
}
