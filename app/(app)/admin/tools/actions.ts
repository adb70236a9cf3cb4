"use server";
// Server actions for the tools page. authedAction re-reads the session; the
// lib functions check that the caller is an admin themselves. A new tool key
// is returned once, to the admin who asked, and never stored in clear.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/authed-action";
import { createTool, createToolInput, revokeTool, revokeToolInput } from "@/lib/tools/manage-tools";

export const createToolAction = authedAction(createToolInput, async (admin, input) => {
  const tool = await createTool(admin, input);
  revalidatePath("/admin/tools");
  return { name: tool.name, key: tool.key, keyPrefix: tool.keyPrefix };
}, { name: "admin.create_tool" });

export const revokeToolAction = authedAction(revokeToolInput, async (admin, input) => {
  const result = await revokeTool(admin, input);
  revalidatePath("/admin/tools");
  return result;
}, { name: "admin.revoke_tool" });
