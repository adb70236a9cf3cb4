// The admin check every admin-only lib function repeats for itself (authorize
// in the data layer). Pure: no session, no next/*, so the CLI and the security
// log reader can use it as well as pages and actions.
import { AppError } from "@/lib/base/app-error";

export function isAdmin(user: { role: string }): boolean {
  return user.role === "admin";
}

export const ADMIN_ONLY_MESSAGE = "Only an admin can do this. Ask an admin of this Countersign install.";

/** Throws a readable `forbidden` unless the user is an admin. */
export function assertAdmin(user: { role: string }): void {
  if (!isAdmin(user)) throw new AppError("forbidden", "forbidden", ADMIN_ONLY_MESSAGE);
}
