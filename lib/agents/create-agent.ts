import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { generateApiKey } from "@/lib/agents/api-keys";
import { parseScope } from "@/lib/policy/scopes";
import { appendReceipt, type ReceiptActor } from "@/lib/receipts/append-receipt";

export const createAgentInput = z.object({
  name: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, "letters, digits, dot, dash and underscore (e.g. ap-payments-bot)"),
  sponsorEmail: z.email("must be the email of an existing user").transform((e) => e.toLowerCase()),
  scopes: z
    .array(z.string().refine((s) => parseScope(s) !== null, "each scope must be <domain>:<tier>, tier read, write:draft or commit"))
    .min(1, "grant at least one scope"),
});
export type CreateAgentInput = z.input<typeof createAgentInput>;

export class AgentInputError extends Error {}

/** Creates an agent with one API key; the key is returned once and only its hash is kept. */
const CLI_ACTOR: ReceiptActor = { type: "system", id: "cli", name: "Command line" };

/** `actor` is who the receipt names: the command line by default, the admin from the admin pages. */
export async function createAgent(input: CreateAgentInput, actor: ReceiptActor = CLI_ACTOR, now = new Date()) {
  const data = createAgentInput.parse(input);
  const sponsor = await db.user.findUnique({ where: { email: data.sponsorEmail }, select: { id: true, email: true, active: true } });
  if (!sponsor || !sponsor.active) throw new AgentInputError(`No active user ${data.sponsorEmail} to sponsor this agent.`);
  if (await db.agent.findUnique({ where: { name: data.name }, select: { id: true } })) {
    throw new AgentInputError(`An agent named ${data.name} already exists.`);
  }
  const scopes = [...new Set(data.scopes)];
  const key = generateApiKey();
  const agent = await db.$transaction(async (tx) => {
    const created = await tx.agent.create({
      data: { name: data.name, sponsorId: sponsor.id, scopes, createdAt: now, updatedAt: now, apiKeys: { create: { prefix: key.prefix, hash: key.hash, createdAt: now } } },
      select: { id: true, name: true },
    });
    await appendReceipt(tx, {
      kind: "agent_created",
      actor,
      at: now,
      payload: { agent_id: created.id, agent: created.name, sponsor: sponsor.email, scopes, key_prefix: key.prefix },
    });
    return created;
  });
  return { ...agent, scopes, sponsorEmail: sponsor.email, apiKey: key.key, keyPrefix: key.prefix };
}
