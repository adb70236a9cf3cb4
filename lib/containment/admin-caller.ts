import "server-only";
// Who may contain: a signed-in admin (checked here, whatever the caller
// checked before: defense in depth) or the command line, which runs on the
// server with the database's own credentials and so is trusted as "system".
// The check is spelled out here rather than imported from lib/auth/require-admin,
// because that module loads next/navigation and the session, which the CLI
// (agent:stop, proposal:revoke) cannot load.
import type { CurrentUser } from "@/lib/auth/current-user";
import { ActionFailure } from "@/lib/actions/action-failure";
import type { ReceiptActor } from "@/lib/receipts/append-receipt";
import { userActor } from "@/lib/users/user-actor";

export type SystemCaller = { type: "system"; id: string; name: string };
export type AdminCaller = CurrentUser | SystemCaller;

export const CLI_CALLER: SystemCaller = { type: "system", id: "cli", name: "Command line" };

/** The receipt actor for an admin action; throws ActionFailure("forbidden") for a signed-in non-admin. */
export function adminActor(caller: AdminCaller): ReceiptActor {
  if ("type" in caller) return caller;
  if (caller.role !== "admin") throw new ActionFailure("forbidden", "Only an admin can do this. Ask an admin of this Countersign install.");
  return userActor(caller);
}
