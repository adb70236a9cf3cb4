// Signed-in users for tests of the data layer: real rows, as getCurrentUser returns them.
import { createUser } from "@/lib/users/create-user";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/roles/roles";
import { uniqueName } from "@/test-support/fixtures";

export async function createTestUser(role: Role, name = `Test ${role}`): Promise<CurrentUser> {
  const user = await createUser({ email: `${uniqueName(role)}@example.com`, name, role });
  return { id: user.id, email: user.email, name: user.name, role, authMethod: "password" };
}
