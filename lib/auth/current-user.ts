import "server-only";
// Who is signed in, read fresh from the database on every call: a disabled or
// demoted user loses rights on their next request, whatever their cookie says.
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { authOptions, type AuthMethod } from "@/lib/auth/auth-options";
import type { Role } from "@/lib/users/roles";

export type CurrentUser = { id: string; email: string; name: string; role: Role; authMethod: AuthMethod };

export async function getCurrentUser(): Promise<CurrentUser | null> {
  await cookies(); // reading the request first keeps every page that asks "who is this" dynamic
  const session = (await getServerSession(authOptions())) as { userId?: string; authMethod?: AuthMethod } | null;
  if (!session?.userId) return null;
  const user = await db.user.findUnique({
    where: { id: session.userId },
    select: { id: true, email: true, name: true, role: true, active: true },
  });
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, authMethod: session.authMethod ?? "password" };
}

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser(returnTo?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : "/login");
  return user;
}
