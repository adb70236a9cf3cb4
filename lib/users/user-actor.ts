// A signed-in person as a receipt names them: who they were at that moment.
// (Same shape as decide-proposals' userActor; kept here so user and agent
// administration do not depend on the decision module.)
import type { CurrentUser } from "@/lib/auth/current-user";
import type { ReceiptActor } from "@/lib/receipts/append-receipt";

export function userReceiptActor(user: CurrentUser): ReceiptActor {
  return { type: "user", id: user.id, email: user.email, name: user.name, role: user.role, auth_method: user.authMethod };
}
