"use server";
// Server actions for the agents page. authedAction re-reads the session; the
// lib functions check that the caller is an admin themselves. New keys are
// returned once, to the admin who asked, and never stored in clear.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/authed-action";
import { assertAdmin } from "@/lib/auth/require-admin";
import { AppError } from "@/lib/base/app-error";
import { AgentInputError, createAgent, createAgentInput } from "@/lib/agents/create-agent";
import { revokeAgentKey, revokeKeyInput, rotateAgentKey, rotateKeyInput } from "@/lib/agents/manage-keys";
import { stopAgent, stopAgentInput } from "@/lib/containment/stop-agent";
import { userActor } from "@/lib/users/user-actor";

export const createAgentAction = authedAction(createAgentInput, async (admin, input) => {
  assertAdmin(admin);
  try {
    const agent = await createAgent(input, userActor(admin));
    revalidatePath("/admin/agents");
    return { name: agent.name, apiKey: agent.apiKey, keyPrefix: agent.keyPrefix };
  } catch (error) {
    if (error instanceof AgentInputError) throw new AppError("invalid", "invalid_input", error.message);
    throw error;
  }
}, { name: "admin.create_agent" });

export const rotateKeyAction = authedAction(rotateKeyInput, async (admin, input) => {
  const result = await rotateAgentKey(admin, input);
  revalidatePath("/admin/agents");
  return { name: result.name, apiKey: result.apiKey, keyPrefix: result.keyPrefix, revokedPrefixes: result.revokedPrefixes };
}, { name: "admin.rotate_key" });

export const revokeKeyAction = authedAction(revokeKeyInput, async (admin, input) => {
  const result = await revokeAgentKey(admin, input);
  revalidatePath("/admin/agents");
  return result;
}, { name: "admin.revoke_key" });

export const stopAgentAction = authedAction(stopAgentInput, async (admin, input) => {
  const result = await stopAgent(admin, input);
  revalidatePath("/admin/agents");
  revalidatePath("/queue");
  revalidatePath("/receipts");
  return result;
}, { name: "admin.stop_agent" });
