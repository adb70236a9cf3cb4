import "server-only";
// Setting and removing an agent's webhook. Each change is recorded as a
// receipt in the same transaction. Setting a URL always issues a new secret
// (returned once, like an API key), so re-registering is also how an agent
// rotates its secret. No next/navigation here: the CLI uses this module too.
import { db } from "@/lib/db/client";
import { appendReceipt, type ReceiptActor } from "@/lib/receipts/append-receipt";
import { newWebhookSecret } from "@/lib/webhooks/signature";

export type AgentRef = { id: string; name: string };
export type WebhookView = { url: string | null };

/** The agent itself when it calls the API with its key; the command line otherwise. */
export function agentActor(agent: AgentRef): ReceiptActor {
  return { type: "agent", id: agent.id, name: agent.name };
}

/** Sets the callback URL (already checked by checkCallbackUrl) and returns the new secret, shown once. */
export async function setAgentWebhook(agent: AgentRef, url: string, actor: ReceiptActor = agentActor(agent)): Promise<{ url: string; secret: string }> {
  const secret = newWebhookSecret();
  const now = new Date();
  await db.$transaction(async (tx) => {
    await tx.agent.update({ where: { id: agent.id }, data: { callbackUrl: url, webhookSecret: secret } });
    // Deliveries still waiting go to the URL the agent uses now, signed with its new secret.
    const moved = await tx.webhookDelivery.updateMany({ where: { agentId: agent.id, status: "pending" }, data: { url } });
    await appendReceipt(tx, {
      kind: "webhook_registered",
      actor,
      payload: { agent_id: agent.id, agent: agent.name, url, pending_deliveries_moved: moved.count },
      at: now,
    });
  });
  return { url, secret };
}

/** Removes the callback; deliveries still waiting are marked failed (nothing left to sign or send to). */
export async function removeAgentWebhook(agent: AgentRef, actor: ReceiptActor = agentActor(agent)): Promise<{ removed: boolean }> {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const current = await tx.agent.findUniqueOrThrow({ where: { id: agent.id }, select: { callbackUrl: true } });
    if (!current.callbackUrl) return { removed: false };
    await tx.agent.update({ where: { id: agent.id }, data: { callbackUrl: null, webhookSecret: null } });
    const dropped = await tx.webhookDelivery.updateMany({
      where: { agentId: agent.id, status: "pending" },
      data: { status: "failed", lastError: "The agent removed its webhook before this was delivered." },
    });
    await appendReceipt(tx, {
      kind: "webhook_removed",
      actor,
      payload: { agent_id: agent.id, agent: agent.name, url: current.callbackUrl, pending_deliveries_dropped: dropped.count },
      at: now,
    });
    return { removed: true };
  });
}

/** The current callback URL, or null; never the secret, which is shown only when it is set. */
export async function getAgentWebhook(agentId: string): Promise<WebhookView> {
  const agent = await db.agent.findUniqueOrThrow({ where: { id: agentId }, select: { callbackUrl: true } });
  return { url: agent.callbackUrl };
}
