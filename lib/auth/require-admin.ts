import "server-only";
// Admin-only pages and actions. The role is read fresh from the database on
// every request (getCurrentUser), so a demoted admin loses access at once.
import { notFound } from "next/navigation";
import { requireUser, type CurrentUser } from "@/lib/auth/current-user";
import { ActionFailure } from "@/lib/actions/action-failure";

export function isAdmin(user: { role: string }): boolean {
  return user.role === "admin";
}

/** For pages: the signed-in admin; others get a 404 (the page's existence is not advertised). */
export async function requireAdminPage(returnTo: string): Promise<CurrentUser> {
  const user = await requireUser(returnTo);
  if (!isAdmin(user)) notFound();
  return user;
}

/** For server actions and lib functions: throws a readable `forbidden` unless the user is an admin. */
export function assertAdmin(user: { role: string }): void {
  if (!isAdmin(user)) throw new ActionFailure("forbidden", "Only an admin can do this. Ask an admin of this Countersign install.");
}
