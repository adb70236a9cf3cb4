import "server-only";
// Admin-only pages and actions. The role is read fresh from the database on
// every request (getCurrentUser), so a demoted admin loses access at once.
import { notFound } from "next/navigation";
import { requireUser, type CurrentUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/roles/admin";

export { isAdmin, assertAdmin } from "@/lib/roles/admin";

/** For pages: the signed-in admin; others get a 404 (the page's existence is not advertised). */
export async function requireAdminPage(returnTo: string): Promise<CurrentUser> {
  const user = await requireUser(returnTo);
  if (!isAdmin(user)) notFound();
  return user;
}
