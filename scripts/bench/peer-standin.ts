// A stand-in for the peer that issue 13 measures intake against (AgentGate: a
// Hono server on SQLite). The peer is not published to the npm registry, so
// bench:peer runs this instead, on the same machine and in the same sitting as
// Countersign. It does per request what the issue and the peer's public source
// say the peer does when an agent asks for approval, and nothing more, so it
// is, if anything, faster than the peer:
// - a Bearer key hashed with SHA-256 and looked up once, then remembered;
// - the JSON body parsed and checked by hand (action, params, context, urgency);
// - its policies read (one SELECT ordered by priority) and matched;
// - the request inserted, then an audit row, each its own autocommit (no
//   transaction, no idempotency, no digest, no chain, no search index);
// - 201 with the stored request as JSON.
// SQLite as the peer opens it: better-sqlite3, WAL, the driver's default sync
// (NORMAL in WAL: commits are not synced one by one, unlike Countersign's FULL).
// Its statements are prepared once (the peer goes through an ORM: more work).
//
// Usage: tsx scripts/bench/peer-standin.ts <port> <sqlite file>; prints the
// API key it created as its first line once it listens.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { serve } from "@hono/node-server";
import Database from "better-sqlite3";
import { Hono } from "hono";

const [portArg, file] = process.argv.slice(2);
if (!portArg || !file) {
  console.error("usage: peer-standin.ts <port> <sqlite file>");
  process.exit(2);
}

const db = new Database(file);
db.pragma("journal_mode = WAL");
db.exec(`
  CREATE TABLE IF NOT EXISTS api_keys (id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, scopes TEXT NOT NULL, revoked_at INTEGER);
  CREATE TABLE IF NOT EXISTS policies (id TEXT PRIMARY KEY, rules TEXT NOT NULL, priority INTEGER NOT NULL, enabled INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS approval_requests (
    id TEXT PRIMARY KEY, action TEXT NOT NULL, params TEXT, context TEXT, status TEXT NOT NULL, urgency TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, decided_at INTEGER, decided_by TEXT, decision_reason TEXT, expires_at INTEGER);
  CREATE INDEX IF NOT EXISTS approval_requests_status ON approval_requests (status);
  CREATE INDEX IF NOT EXISTS approval_requests_action ON approval_requests (action);
  CREATE INDEX IF NOT EXISTS approval_requests_created_at ON approval_requests (created_at);
  CREATE TABLE IF NOT EXISTS audit_logs (id TEXT PRIMARY KEY, request_id TEXT NOT NULL, event_type TEXT NOT NULL, actor TEXT NOT NULL, details TEXT, created_at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS audit_logs_request_id ON audit_logs (request_id);
`);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const key = `agk_${randomBytes(32).toString("base64url")}`;
db.prepare("INSERT INTO api_keys (id, key_hash, scopes) VALUES (?, ?, ?)").run(randomUUID(), sha256(key), JSON.stringify(["request:create"]));

const findKey = db.prepare("SELECT id, scopes FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL");
const listPolicies = db.prepare("SELECT id, rules, priority FROM policies WHERE enabled = 1 ORDER BY priority");
const insertRequest = db.prepare(
  "INSERT INTO approval_requests (id, action, params, context, status, urgency, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?)",
);
const insertAudit = db.prepare("INSERT INTO audit_logs (id, request_id, event_type, actor, details, created_at) VALUES (?, ?, 'created', 'system', ?, ?)");

const keys = new Map<string, { id: string; scopes: string[] }>();
const URGENCIES = new Set(["low", "normal", "high", "critical"]);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const app = new Hono();
app.post("/api/requests", async (c) => {
  const bearer = c.req.header("authorization");
  if (!bearer?.startsWith("Bearer ")) return c.json({ error: "Missing Authorization header" }, 401);
  const hash = sha256(bearer.slice(7));
  let found = keys.get(hash);
  if (!found) {
    const row = findKey.get(hash) as { id: string; scopes: string } | undefined;
    if (!row) return c.json({ error: "Invalid API key" }, 401);
    keys.set(hash, (found = { id: row.id, scopes: JSON.parse(row.scopes) as string[] }));
  }
  if (!found.scopes.includes("request:create")) return c.json({ error: "Missing required scope: request:create" }, 403);

  const body: unknown = await c.req.json().catch(() => null);
  if (!isObject(body) || typeof body.action !== "string" || !body.action.trim()) {
    return c.json({ error: "action is required and must be a non-empty string" }, 400);
  }
  const action = body.action.trim();
  const params = isObject(body.params) ? body.params : {};
  const context = isObject(body.context) ? body.context : {};
  const urgency = typeof body.urgency === "string" && URGENCIES.has(body.urgency) ? body.urgency : "normal";
  const expiresAt = typeof body.expiresAt === "string" ? Date.parse(body.expiresAt) : NaN;

  // The peer's policy engine: the first enabled rule whose match fits decides; none routes to a person.
  const policies = listPolicies.all() as { rules: string }[];
  const matched = policies.flatMap((p) => JSON.parse(p.rules) as { match: Record<string, unknown>; decision: string }[])
    .find((rule) => Object.entries(rule.match).every(([field, value]) => (field === "action" ? action : params[field]) === value));
  const decision = matched?.decision ?? "route_to_human";

  const id = randomUUID();
  const now = Date.now();
  insertRequest.run(id, action, JSON.stringify(params), JSON.stringify(context), urgency, now, now, Number.isNaN(expiresAt) ? null : expiresAt);
  insertAudit.run(randomUUID(), id, JSON.stringify({ action, params, context, urgency, policyDecision: decision }), now);

  const at = new Date(now).toISOString();
  return c.json(
    { id, action, params, context, status: "pending", urgency, createdAt: at, updatedAt: at, decidedAt: null, decidedBy: null, decisionReason: null, expiresAt: Number.isNaN(expiresAt) ? null : new Date(expiresAt).toISOString(), policyDecision: { decision } },
    201,
  );
});
app.get("/health", (c) => c.json({ status: "ok" }));

serve({ fetch: app.fetch, port: Number(portArg), hostname: "127.0.0.1" }, () => console.log(key));
