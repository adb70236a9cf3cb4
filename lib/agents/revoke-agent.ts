import "server-only";
import { db } from "@/lib/db/client";
import { appendReceipt } from "@/lib/receipts/append-receipt";

export class AgentNotFoundError extends Error {}

/** Disables the agent and revokes all its keys at once; intake checks both on every request. */
export async function revokeAgent(name: string, actor = { type: "system" as const, id: "cli", name: "Command line" }) {
  return db.$transaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { name }, select: { id: true, name: true } });
    if (!agent) throw new AgentNotFoundError(`No agent named ${name}.`);
    const now = new Date();
    await tx.agent.update({ where: { id: agent.id }, data: { disabled: true } });
    const keys = await tx.apiKey.updateMany({ where: { agentId: agent.id, revokedAt: null }, data: { revokedAt: now } });
    await appendReceipt(tx, {
      kind: "agent_revoked",
      actor,
      payload: { agent_id: agent.id, agent: agent.name, keys_revoked: keys.count },
      at: now,
    });
    return { name: agent.name, keysRevoked: keys.count };
  });
}
