// A signed-in person as a receipt names them: who they were at that moment.
import type { CurrentUser } from "@/lib/auth/current-user";
import type { ReceiptActor } from "@/lib/receipts/append-receipt";

export function userActor(user: CurrentUser): ReceiptActor {
  return { type: "user", id: user.id, email: user.email, name: user.name, role: user.role, auth_method: user.authMethod };
}
