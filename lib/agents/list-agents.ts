import "server-only";
import { db } from "@/lib/db/client";

export async function listAgents() {
  const agents = await db.agent.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      scopes: true,
      disabled: true,
      stoppedAt: true,
      createdAt: true,
      sponsor: { select: { email: true } },
      apiKeys: { select: { prefix: true, revokedAt: true }, orderBy: { createdAt: "desc" } },
    },
  });
  return agents.map((agent) => {
    const active = agent.apiKeys.filter((k) => !k.revokedAt);
    return {
      id: agent.id,
      name: agent.name,
      sponsor: agent.sponsor.email,
      scopes: agent.scopes as string[],
      keyPrefixes: (active.length ? active : agent.apiKeys.slice(0, 1)).map((k) => k.prefix),
      state: agent.stoppedAt ? "stopped" : agent.disabled ? "revoked" : active.length === 0 ? "no active key" : "active",
    };
  });
}
