import "server-only";
import { db } from "@/lib/db/client";

export type AgentState = "active" | "stopped" | "disabled" | "no active key";

/** Every agent with its sponsor, scopes, state and keys (newest first), for the admin page. */
export async function listAgentsForAdmin() {
  const agents = await db.agent.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      scopes: true,
      disabled: true,
      stoppedAt: true,
      createdAt: true,
      sponsor: { select: { email: true, name: true } },
      apiKeys: { orderBy: { createdAt: "desc" }, select: { id: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } },
    },
  });
  return agents.map((a) => {
    const activeKeys = a.apiKeys.filter((k) => !k.revokedAt).length;
    const state: AgentState = a.stoppedAt ? "stopped" : a.disabled ? "disabled" : activeKeys === 0 ? "no active key" : "active";
    return {
      id: a.id,
      name: a.name,
      sponsor: a.sponsor.email,
      scopes: Array.isArray(a.scopes) ? (a.scopes as string[]) : [],
      state,
      stoppedAt: a.stoppedAt?.toISOString() ?? null,
      createdAt: a.createdAt.toISOString(),
      keys: a.apiKeys.map((k) => ({
        id: k.id,
        prefix: k.prefix,
        createdAt: k.createdAt.toISOString(),
        lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
        revokedAt: k.revokedAt?.toISOString() ?? null,
      })),
    };
  });
}
