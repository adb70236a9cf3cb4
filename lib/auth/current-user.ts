import "server-only";
// Who is signed in, read fresh from the database on every call: a disabled or
// demoted user loses rights on their next request, whatever their cookie says.
// The cookie also carries the user's session version from when it was issued;
// disabling, a role or password change and "sign out everywhere" bump the
// version, so every older session is signed out on its next request.
import { cache } from "react";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { authOptions, publicUrlIsHttps, type AuthMethod } from "@/lib/auth/auth-options";
import { sessionClaimsMemo } from "@/lib/auth/session-claims-memo";
import type { Role } from "@/lib/roles/roles";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  authMethod: AuthMethod;
  /** An admin forced a password reset: until a new one is set, only /account is open. */
  mustChangePassword?: boolean;
};

type SessionClaims = { userId?: string; authMethod?: AuthMethod; sessionVersion?: number; tokenExpiresAt?: number };

const decoded = sessionClaimsMemo<SessionClaims>();

/**
 * The session cookie's claims, unchecked against the database (getCurrentUser
 * checks them on every request). Remembered per cookie value for a few
 * seconds (session-claims-memo.ts says why that is safe).
 */
export async function readSession(): Promise<SessionClaims | null> {
  const jar = await cookies(); // reading the request first keeps every page that asks "who is this" dynamic
  // next-auth's session cookie, split into ".0", ".1"... when large: the value is all of its parts.
  const name = `${publicUrlIsHttps() ? "__Secure-" : ""}next-auth.session-token`;
  const parts = jar.getAll().filter((c) => c.name === name || c.name.startsWith(`${name}.`));
  const cookie = parts.length ? parts.map((c) => `${c.name}=${c.value}`).sort().join("; ") : null;
  return decoded.read(cookie, async () => (await getServerSession(authOptions())) as SessionClaims | null);
}

/**
 * Once per request: the layout and the page both ask, and React's `cache()`
 * shares the answer within one server render (outside one, as in tests, it
 * simply calls through). A new request always reads the database again.
 * Only the web app calls this; the CLI acts as its own "system" caller.
 */
export const getCurrentUser = cache(async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await readSession();
  if (!session?.userId) return null;
  const user = await db.user.findUnique({
    where: { id: session.userId },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true, mustChangePassword: true },
  });
  if (!user || !user.active || (session.sessionVersion ?? 0) !== user.sessionVersion) return null;
  const authMethod = session.authMethod ?? "password";
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as Role,
    authMethod,
    // Single sign-on sessions never used the password, so a forced reset does not hold them up.
    mustChangePassword: user.mustChangePassword && authMethod === "password",
  };
});

/** For pages: the signed-in user, or a redirect to the sign-in page (or to /account while a reset is due). */
export async function requireUser(returnTo?: string, options: { allowPendingReset?: boolean } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : "/login");
  if (user.mustChangePassword && !options.allowPendingReset) redirect("/account?reset=required");
  return user;
}
