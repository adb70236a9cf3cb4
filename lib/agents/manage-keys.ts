import "server-only";
// Key rotation and revocation from the admin pages. Rotation revokes the old
// keys at the same moment the new one is created (no grace period): a key is
// rotated because it may have leaked, and a leaked key that keeps working for
// a while is not rotated. The agent's operator installs the new key, shown once.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { generateApiKey } from "@/lib/agents/api-keys";
import { appendReceipts } from "@/lib/receipts/append-receipt";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";

export const rotateKeyInput = z.object({ agentId: z.string().min(1).max(100) });
export const revokeKeyInput = z.object({ keyId: z.string().min(1).max(100) });

/** Creates a new key for the agent and revokes all its others; returns the new key once. */
export async function rotateAgentKey(caller: AdminCaller, raw: z.input<typeof rotateKeyInput>, now = new Date()) {
  const actor = adminActor(caller);
  const input = rotateKeyInput.parse(raw);
  const key = generateApiKey();
  return db.$transaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { id: input.agentId }, select: { id: true, name: true, disabled: true } });
    if (!agent) throw new AppError("not_found", "not_found", "No such agent.");
    if (agent.disabled) throw new AppError("conflict", "agent_disabled", `Agent ${agent.name} is stopped or revoked; a new key would not work. Create a new agent instead.`);
    const old = await tx.apiKey.findMany({ where: { agentId: agent.id, revokedAt: null }, select: { id: true, prefix: true } });
    await tx.apiKey.updateMany({ where: { id: { in: old.map((k) => k.id) }, revokedAt: null }, data: { revokedAt: now } });
    const created = await tx.apiKey.create({ data: { agentId: agent.id, prefix: key.prefix, hash: key.hash, createdAt: now }, select: { id: true } });
    await appendReceipts(tx, [
      { kind: "key_created", actor, at: now, payload: { agent_id: agent.id, agent: agent.name, key_id: created.id, key_prefix: key.prefix, cause: "rotation" } },
      ...old.map((k) => ({
        kind: "key_revoked" as const,
        actor,
        at: now,
        payload: { agent_id: agent.id, agent: agent.name, key_id: k.id, key_prefix: k.prefix, cause: "rotation" as const },
      })),
    ]);
    return { agentId: agent.id, name: agent.name, apiKey: key.key, keyPrefix: key.prefix, revokedPrefixes: old.map((k) => k.prefix) };
  });
}

/** Revokes one key at once; the agent keeps any other keys. */
export async function revokeAgentKey(caller: AdminCaller, raw: z.input<typeof revokeKeyInput>, now = new Date()) {
  const actor = adminActor(caller);
  const input = revokeKeyInput.parse(raw);
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id: input.keyId }, select: { id: true, prefix: true, revokedAt: true, agent: { select: { id: true, name: true } } } });
    if (!key) throw new AppError("not_found", "not_found", "No such key.");
    const won = await tx.apiKey.updateMany({ where: { id: key.id, revokedAt: null }, data: { revokedAt: now } });
    if (won.count === 0) return { prefix: key.prefix, changed: false };
    await appendReceipts(tx, [
      { kind: "key_revoked", actor, at: now, payload: { agent_id: key.agent.id, agent: key.agent.name, key_id: key.id, key_prefix: key.prefix, cause: "revoked" } },
    ]);
    return { prefix: key.prefix, changed: true };
  });
}
