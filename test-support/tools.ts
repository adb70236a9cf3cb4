// Registered tools for tests: a real row and key, made as the command line makes them.
import { createTool } from "@/lib/tools/manage-tools";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { uniqueName } from "@/test-support/fixtures";

export async function createTestTool(name = uniqueName("tool")) {
  return createTool(CLI_CALLER, { name });
}
