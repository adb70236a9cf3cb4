import "server-only";
// Who may act as an admin: a signed-in admin (checked here, whatever the caller
// checked before: defense in depth) or the command line, which runs on the
// server with the database's own credentials and so is trusted as "system".
// The check comes from lib/roles (pure), not lib/auth/require-admin, because
// that module loads next/navigation and the session, which the CLI cannot load.
import type { CurrentUser } from "@/lib/auth/current-user";
import type { ReceiptActor } from "@/lib/receipts/append-receipt";
import { assertAdmin } from "@/lib/roles/admin";
import { userActor } from "@/lib/users/user-actor";

export type SystemCaller = { type: "system"; id: string; name: string };
export type AdminCaller = CurrentUser | SystemCaller;

export const CLI_CALLER: SystemCaller = { type: "system", id: "cli", name: "Command line" };

/** The receipt actor for an admin action; throws AppError("forbidden") for a signed-in non-admin. */
export function adminActor(caller: AdminCaller): ReceiptActor {
  if ("type" in caller) return caller;
  assertAdmin(caller);
  return userActor(caller);
}
