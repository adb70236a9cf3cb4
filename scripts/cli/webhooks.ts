// The webhook commands of the command line (scripts/cli.ts): set or remove an
// agent's callback as an admin, and send due deliveries now.
import { AppError } from "@/lib/base/app-error";
import { db } from "@/lib/db/client";
import type { ReceiptActor } from "@/lib/receipts/append-receipt";
import { removeAgentWebhook, setAgentWebhook } from "@/lib/webhooks/agent-webhook";
import { checkRegisteredCallbackUrl, type CallbackHostOptions } from "@/lib/webhooks/callback-host";
import { deliverAllDueWebhooks } from "@/lib/webhooks/deliver";

const CLI_ACTOR: ReceiptActor = { type: "system", id: "cli", name: "Command line" };

async function findAgent(name: string) {
  const agent = await db.agent.findUnique({ where: { name }, select: { id: true, name: true } });
  if (!agent) throw new AppError("not_found", "not_found", `No agent named ${name}.`);
  return agent;
}

/** Sets (url) or removes (null) the agent's callback; the output's last line is the new secret. `options`: the resolver, for tests. */
export async function agentWebhookCommand(name: string, url: string | null, options: CallbackHostOptions = {}): Promise<string[]> {
  const agent = await findAgent(name);
  if (url === null) {
    const { removed } = await removeAgentWebhook(agent, CLI_ACTOR);
    return [removed ? `Removed the webhook of agent ${agent.name}; undelivered events were dropped.` : `Agent ${agent.name} had no webhook.`];
  }
  const checked = await checkRegisteredCallbackUrl(url, options);
  if (!checked.ok) throw new AppError("invalid", "invalid_input", `--url ${checked.message}`);
  const result = await setAgentWebhook(agent, checked.url, CLI_ACTOR);
  return [
    `Agent ${agent.name} now receives signed webhooks at ${result.url}.`,
    "Signing secret (shown only now; give it to the agent to verify Countersign-Signature):",
    result.secret,
  ];
}

/** Sends every due delivery (of one agent when named). */
export async function deliverWebhooksCommand(agentName?: string): Promise<string> {
  const agentId = agentName ? (await findAgent(agentName)).id : undefined;
  const total = await deliverAllDueWebhooks({ agentId });
  if (total.delivered + total.retrying + total.failed === 0) return "No webhooks due.";
  return `Delivered ${total.delivered}; ${total.retrying} will be retried later; ${total.failed} failed for good.`;
}
