// "Nothing changed": a fingerprint of everything a refused call could have
// altered, read straight from the end-to-end SQLite file (read-only, beside
// the running server). The security log itself is left out (it is supposed to
// grow), and so is what the server's own background work changes on its
// schedule: the expiry sweeper turns overdue pending proposals into expired
// ones with a receipt and a webhook (counted as if still pending), checkpoints
// are signed, and webhook deliveries are attempted (rows are counted, not their status).
import Database from "better-sqlite3";

export function e2eDatabasePath(): string {
  return `.tmp/e2e-${process.env.E2E_PORT ?? 3210}.db`;
}

const QUERIES: Record<string, string> = {
  users: `SELECT group_concat(id || ':' || role || ':' || active || ':' || sessionVersion || ':' || mustChangePassword || ':' || coalesce(ssoSubject, '') || ':' || coalesce(passwordHash, ''), ',') FROM (SELECT * FROM "User" ORDER BY id)`,
  memberships: `SELECT group_concat(userId || ':' || coalesce(queueId, '*') || ':' || role, ',') FROM (SELECT * FROM "Membership" ORDER BY id)`,
  agents: `SELECT group_concat(id || ':' || disabled || ':' || coalesce(stoppedAt, '') || ':' || coalesce(callbackUrl, '') || ':' || coalesce(webhookSecret, '') || ':' || scopes, ',') FROM (SELECT * FROM "Agent" ORDER BY id)`,
  keys: `SELECT group_concat(id || ':' || coalesce(revokedAt, ''), ',') FROM (SELECT * FROM "ApiKey" ORDER BY id)`,
  queues: `SELECT group_concat(id || ':' || separationOfDuties || ':' || domains, ',') FROM (SELECT * FROM "Queue" ORDER BY id)`,
  proposals: `SELECT group_concat(s || '=' || n, ',') FROM (SELECT CASE status WHEN 'expired' THEN 'pending' ELSE status END AS s, count(*) AS n FROM "Proposal" GROUP BY s ORDER BY s)`,
  proposalProgress: `SELECT sum(version) || ':' || sum(approvalCount) FROM "Proposal"`,
  versions: `SELECT count(*) FROM "ProposalVersion"`,
  decisions: `SELECT count(*) FROM "Decision"`,
  receipts: `SELECT count(*) || ':' || coalesce(max(seq), 0) FROM "Receipt" WHERE kind <> 'expired'`,
  executions: `SELECT count(*) FROM "Execution"`,
  approvalTokens: `SELECT count(*) || ':' || count(usedAt) FROM "ApprovalToken"`,
  webhookDeliveries: `SELECT count(*) FROM "WebhookDelivery" WHERE event <> 'proposal.expired'`,
};

export type Fingerprint = Record<string, string>;

export function openReadOnly(file = e2eDatabasePath()) {
  return new Database(file, { readonly: true, fileMustExist: true });
}

export function fingerprint(db: Database.Database): Fingerprint {
  const result: Fingerprint = {};
  for (const [name, sql] of Object.entries(QUERIES)) result[name] = String(db.prepare(sql).pluck().get() ?? "");
  return result;
}

export function securityEventCount(db: Database.Database): number {
  return Number(db.prepare(`SELECT count(*) FROM "SecurityEvent"`).pluck().get());
}

/** The newest security events, for a failure message that shows what was (not) recorded. */
export function latestSecurityEvents(db: Database.Database, limit: number) {
  return db.prepare(`SELECT actorType, action, code, rule, target FROM "SecurityEvent" ORDER BY createdAt DESC, id DESC LIMIT ?`).all(limit);
}
