import "server-only";
import { db } from "@/lib/db/client";
import { driverSql } from "@/lib/db/driver-sql";
import { AppError } from "@/lib/base/app-error";
import { bearerToken, hashApiKey } from "@/lib/agents/api-keys";
import { rememberAgent } from "@/lib/security/request-agent";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { readBoolean, readDate, readJson, sqlParam, storedTimestamp } from "@/lib/db/raw-values";

export type AuthenticatedAgent = {
  id: string;
  name: string;
  scopes: string[];
  sponsorId: string;
  /**
   * Whether any standing approval of this agent was live (not revoked, not
   * expired) when its key was read. False lets intake skip looking for one;
   * undefined (an agent not read here) means look.
   */
  liveStandingApprovals?: boolean;
};

/** Resolves the calling agent from its API key; a missing, unknown, revoked or disabled key is 401. */
export async function authenticateAgent(request: Request): Promise<AuthenticatedAgent> {
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) {
    throw new AppError("unauthenticated", "unauthenticated", "Send the agent's API key as `Authorization: Bearer <key>`.");
  }
  const key = await findKey(hashApiKey(token));
  // A revoked key or disabled agent still names who tried, for the security log.
  if (key && (key.revokedAt || key.agent.disabled)) rememberAgent(request, key.agent);
  if (!key || key.revokedAt || key.agent.disabled) {
    throw new AppError("unauthenticated", "unauthenticated", "This API key is not valid: it is unknown, revoked, or its agent is disabled.");
  }
  await touchLastUsed(key);
  const { id, name, scopes, sponsorId } = key.agent;
  rememberAgent(request, key.agent);
  // A copy: the key may be remembered (findKey), and no request may change what the next one reads.
  return { id, name, sponsorId, scopes: Array.isArray(scopes) ? [...(scopes as string[])] : [], liveStandingApprovals: key.liveStandingApprovals };
}

// "Last used" for the admin page, written at most once a minute per key so a
// busy agent does not turn every request into a write. Never fails the request.
const LAST_USED_RESOLUTION_MS = 60_000;
async function touchLastUsed(key: { id: string; lastUsedAt: Date | null }) {
  const now = new Date();
  if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  // Also on the remembered key (findKey), so it is not written again within the minute.
  key.lastUsedAt = now;
  await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } }).catch(() => {});
}

type FoundKey = {
  id: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  liveStandingApprovals: boolean;
  agent: { id: string; name: string; scopes: unknown; sponsorId: string; disabled: boolean };
};

// Every agent request starts here. The key and its agent are read with one
// prepared statement on the driver (lib/db/driver-sql.ts says why), together
// with the credentials token (migration credentials_version): triggers give it
// a new value, in the writer's own transaction, whenever a key, an agent or a
// standing approval changes in what this read returns, whoever writes it. So
// a key read before is answered from memory while the token is still the one
// it was read with: one read of one row, where the whole read cost more than
// twice as much on SQLite (each read after the writer thread's commit re-reads
// its pages; docs/benchmarks.md). A key revoked or an agent stopped by any
// instance changes the token, and the next request reads the key afresh: it
// is refused as before (app/api/v1/proposals/refused-across-instances.db.test.ts).
//
// The same read tells whether the agent has a live standing approval: most
// have none, and intake then skips a read of its own. It can only be stale
// towards "yes" (a grant expired since: looked up, and checked again where it
// is used); a grant made or lifted changes the token.
const CREDENTIALS_TABLE = qualifiedTable("CredentialsVersion");
const TOKEN_SQL = `SELECT "token" FROM ${CREDENTIALS_TABLE} WHERE "id" = 1`;
/** Keys remembered per process, the oldest forgotten first: plenty for every agent of an installation. */
const REMEMBERED_KEYS = 1_000;
const REMEMBERED = Symbol.for("countersign.rememberedAgentKeys");
// On globalThis: Next bundles route handlers separately, and one process must have one memory.
const holder = globalThis as { [REMEMBERED]?: Map<string, { token: string; key: FoundKey }> };

async function findKey(hash: string): Promise<FoundKey | null> {
  const sql = await driverSql();
  const remembered = (holder[REMEMBERED] ??= new Map());
  const known = remembered.get(hash);
  if (known) {
    const [current] = await sql.query<{ token: string }>(TOKEN_SQL);
    if (current?.token === known.token) return known.key;
    remembered.delete(hash);
  }
  const [row] = await sql.query(
    `SELECT k."id", k."lastUsedAt", k."revokedAt", a."id" AS "agentId", a."name", a."scopes", a."sponsorId", a."disabled", ` +
      `EXISTS (SELECT 1 FROM ${qualifiedTable("StandingApproval")} s WHERE s."agentId" = a."id" AND s."revokedAt" IS NULL AND s."expiresAt" > ${sqlParam(1, "timestamp")}) AS "liveStanding", ` +
      `(${TOKEN_SQL}) AS "credentialsToken" ` +
      `FROM ${qualifiedTable("ApiKey")} k JOIN ${qualifiedTable("Agent")} a ON a."id" = k."agentId" WHERE k."hash" = ${sqlParam(2)}`,
    // In the order they appear: SQLite's parameters are positional.
    [storedTimestamp(new Date()), hash],
  );
  if (!row) return null;
  const key: FoundKey = {
    id: String(row.id),
    lastUsedAt: readDate(row.lastUsedAt),
    revokedAt: readDate(row.revokedAt),
    liveStandingApprovals: readBoolean(row.liveStanding),
    agent: { id: String(row.agentId), name: String(row.name), scopes: readJson(row.scopes), sponsorId: String(row.sponsorId), disabled: readBoolean(row.disabled) },
  };
  // Without a token (its row deleted by hand), nothing is remembered: every request reads the key.
  if (typeof row.credentialsToken === "string") {
    if (remembered.size >= REMEMBERED_KEYS) remembered.delete(remembered.keys().next().value!);
    remembered.set(hash, { token: row.credentialsToken, key });
  }
  return key;
}
