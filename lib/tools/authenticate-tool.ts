import "server-only";
// Who is redeeming an approval token: a registered tool, by its key. The agent
// that asked for the action must not be able to spend its own approval (it
// would mark the approval used and block its revocation), so an agent key is
// recognised and refused with 403, and anything else without a valid tool key
// gets 401. apiHandler records both in the security log.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { bearerToken, hashApiKey } from "@/lib/agents/api-keys";
import { rememberAgent } from "@/lib/security/request-agent";

export type AuthenticatedTool = { id: string; name: string };

export async function authenticateTool(request: Request, now = new Date()): Promise<AuthenticatedTool> {
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) {
    throw new AppError("unauthenticated", "unauthenticated", "Send a tool key as `Authorization: Bearer <key>` (create one with `npm run cli -- tool:create --name N`).");
  }
  const hash = hashApiKey(token);
  const tool = await db.tool.findUnique({ where: { hash }, select: { id: true, name: true, revokedAt: true, lastUsedAt: true } });
  if (tool && !tool.revokedAt) {
    await touchLastUsed(tool, now);
    return { id: tool.id, name: tool.name };
  }
  if (!tool) {
    const agentKey = await db.apiKey.findUnique({ where: { hash }, select: { agent: { select: { id: true, name: true } } } });
    if (agentKey) {
      rememberAgent(request, agentKey.agent);
      throw new AppError("forbidden", "agent_key_not_allowed", "Agent keys cannot redeem approvals; use a tool key. The tool that executes the action redeems its token, never the agent that asked for it.");
    }
  }
  throw new AppError("unauthenticated", "unauthenticated", "This tool key is not valid: it is unknown or revoked.");
}

// Shown on /admin/tools; written at most once a minute and never fails the request.
async function touchLastUsed(tool: { id: string; lastUsedAt: Date | null }, now: Date) {
  if (tool.lastUsedAt && now.getTime() - tool.lastUsedAt.getTime() < 60_000) return;
  await db.tool.update({ where: { id: tool.id }, data: { lastUsedAt: now } }).catch(() => {});
}
