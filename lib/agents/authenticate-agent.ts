import "server-only";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { bearerToken, hashApiKey } from "@/lib/agents/api-keys";

export type AuthenticatedAgent = { id: string; name: string; scopes: string[]; sponsorId: string };

/** Resolves the calling agent from its API key; a missing, unknown, revoked or disabled key is 401. */
export async function authenticateAgent(request: Request): Promise<AuthenticatedAgent> {
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) {
    throw new ApiError(401, "unauthenticated", "Send the agent's API key as `Authorization: Bearer <key>`.");
  }
  const key = await db.apiKey.findUnique({
    where: { hash: hashApiKey(token) },
    select: { revokedAt: true, agent: { select: { id: true, name: true, scopes: true, sponsorId: true, disabled: true } } },
  });
  if (!key || key.revokedAt || key.agent.disabled) {
    throw new ApiError(401, "unauthenticated", "This API key is not valid: it is unknown, revoked, or its agent is disabled.");
  }
  const { id, name, scopes, sponsorId } = key.agent;
  return { id, name, sponsorId, scopes: Array.isArray(scopes) ? (scopes as string[]) : [] };
}
