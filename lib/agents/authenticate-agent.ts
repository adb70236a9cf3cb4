import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { bearerToken, hashApiKey } from "@/lib/agents/api-keys";
import { rememberAgent } from "@/lib/security/request-agent";

export type AuthenticatedAgent = { id: string; name: string; scopes: string[]; sponsorId: string };

/** Resolves the calling agent from its API key; a missing, unknown, revoked or disabled key is 401. */
export async function authenticateAgent(request: Request): Promise<AuthenticatedAgent> {
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) {
    throw new AppError("unauthenticated", "unauthenticated", "Send the agent's API key as `Authorization: Bearer <key>`.");
  }
  const key = await db.apiKey.findUnique({
    where: { hash: hashApiKey(token) },
    select: { id: true, lastUsedAt: true, revokedAt: true, agent: { select: { id: true, name: true, scopes: true, sponsorId: true, disabled: true } } },
  });
  // A revoked key or disabled agent still names who tried, for the security log.
  if (key && (key.revokedAt || key.agent.disabled)) rememberAgent(request, key.agent);
  if (!key || key.revokedAt || key.agent.disabled) {
    throw new AppError("unauthenticated", "unauthenticated", "This API key is not valid: it is unknown, revoked, or its agent is disabled.");
  }
  await touchLastUsed(key);
  const { id, name, scopes, sponsorId } = key.agent;
  rememberAgent(request, key.agent);
  return { id, name, sponsorId, scopes: Array.isArray(scopes) ? (scopes as string[]) : [] };
}

// "Last used" for the admin page, written at most once a minute per key so a
// busy agent does not turn every request into a write. Never fails the request.
const LAST_USED_RESOLUTION_MS = 60_000;
async function touchLastUsed(key: { id: string; lastUsedAt: Date | null }) {
  const now = new Date();
  if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } }).catch(() => {});
}
