// What the inventory test calls entry points on, created through the real
// command line and the real agent API on the end-to-end database: a target
// queue with a pending and an approved proposal from an agent whose sponsor is
// an approver (so separation of duties is what refuses the sponsor), a global
// viewer who approves only ANOTHER queue, a revoked agent's key and another
// agent's key with a grant outside the target's domain.
import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";
import { cli, createAgentKey } from "../cli";
import { DEMO_PASSWORD } from "../helpers";
import { anonymousContext, callServerAction, signedInContext } from "./http";
import { openReadOnly } from "./fingerprint";
import type { Caller } from "./coverage";

export const WORLD_PASSWORD = "entry-points-password-123";

export type World = {
  suffix: string;
  targetQueueId: string;
  pendingId: string;
  approvedId: string;
  approvedDigest: string;
  ownerAgentId: string;
  ownerKeyId: string;
  viewerId: string;
  adminId: string;
  deliveryId: string;
  /** A commit-tier envelope for the target queue, in the ap domain. */
  envelope: Record<string, unknown>;
  /** Shaped like an approval token for the approved proposal, signed by no key of Countersign's. */
  forgedToken: string;
  keys: { owner: string; other: string; revoked: string };
};

export type Callers = Record<Exclude<Caller, "revokedAgentKey" | "otherAgentKey">, APIRequestContext> & { dispose(): Promise<void> };

function envelopeFor(queue: string, title: string): Record<string, unknown> {
  return {
    queue,
    intent: "pay_vendor_bill",
    title,
    actor: { type: "user", id: "u_ops", email: "ops@northwind.example", name: "Ops Person" },
    agent: { model: "gpt-4.1", run_id: "run_inventory" },
    scopes: ["ap:read", "ap:commit"],
    risk: "high",
    plan: [
      { title: "Match invoice", tool: "ap.match_invoice", scope: "ap:read", args: { invoice: "INV-1" } },
      { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "pay_1" } },
    ],
    changes: [{ target: { type: "vendor_bill", id: "bill_1" }, fields: [{ path: "status", before: "approved", after: "paid" }] }],
  };
}

function base64url(value: unknown): string {
  return Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
}

function forgedToken(proposalId: string, digest: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "EdDSA", kid: "forged-key", typ: "countersign-approval+jwt" };
  const claims = { sub: proposalId, proposal_id: proposalId, digest, aud: "countersign:tool", iat: now, nbf: now, exp: now + 300, jti: "forged", scopes: ["ap:commit"] };
  return `${base64url(header)}.${base64url(claims)}.${randomBytes(64).toString("base64url")}`;
}

async function propose(baseURL: string, key: string, envelope: Record<string, unknown>): Promise<string> {
  const context = await anonymousContext(baseURL);
  const response = await context.post("/api/v1/proposals", { headers: { authorization: `Bearer ${key}` }, data: envelope });
  expect(response.status(), await response.text()).toBe(201);
  const { id, status } = (await response.json()) as { id: string; status: string };
  expect(status).toBe("pending");
  await context.dispose();
  return id;
}

export async function createWorld(
  baseURL: string,
  decideAction: { id: string; page: string },
): Promise<{ world: World; callers: Callers }> {
  const suffix = Date.now().toString(36);
  const target = `inventory-target-${suffix}`;
  const other = `inventory-other-${suffix}`;
  const sponsorEmail = `inventory-sponsor-${suffix}@countersign.test`;
  const otherApproverEmail = `inventory-other-approver-${suffix}@countersign.test`;

  cli("queue:create", "--slug", target, "--name", "Inventory target", "--domains", "ap");
  cli("queue:create", "--slug", other, "--name", "Inventory other", "--domains", "ap");
  cli("user:create", "--email", sponsorEmail, "--name", "Inventory Sponsor", "--role", "approver", "--password", WORLD_PASSWORD);
  cli("user:create", "--email", otherApproverEmail, "--name", "Other Queue Approver", "--role", "viewer", "--password", WORLD_PASSWORD);
  cli("membership:set", "--email", otherApproverEmail, "--queue", other, "--role", "approver");
  const owner = createAgentKey(`inventory-owner-${suffix}`, sponsorEmail, "ap:read,ap:write:draft,ap:commit");
  const otherKey = createAgentKey(`inventory-other-${suffix}`, sponsorEmail, "crm:read");
  const revoked = createAgentKey(`inventory-revoked-${suffix}`, sponsorEmail, "ap:read,ap:write:draft,ap:commit");
  cli("agent:revoke", "--name", `inventory-revoked-${suffix}`);

  const envelope = envelopeFor(target, `Inventory payment ${suffix}`);
  const pendingId = await propose(baseURL, owner, envelope);
  const approvedId = await propose(baseURL, owner, envelopeFor(target, `Inventory approved payment ${suffix}`));

  // Dana (a global approver, neither sponsor nor acted-for) approves one, through the same raw action call.
  const dana = await signedInContext(baseURL, "dana@countersign.dev", DEMO_PASSWORD);
  const decided = await callServerAction(dana, decideAction.page, decideAction.id, [{ ids: [approvedId], outcome: "approved" }]);
  expect(decided.text, "Dana's approval in the set-up").toContain(approvedId);
  await dana.dispose();
  const agentView = await anonymousContext(baseURL);
  const view = (await (await agentView.get(`/api/v1/proposals/${approvedId}`, { headers: { authorization: `Bearer ${owner}` } })).json()) as {
    status: string;
    digest: string;
    approved_digest?: string;
  };
  await agentView.dispose();
  expect(view.status, "the set-up's approved proposal").toBe("approved");
  const approvedDigest = view.approved_digest ?? view.digest;

  const db = openReadOnly();
  try {
    const one = (sql: string, ...params: unknown[]) => String(db.prepare(sql).pluck().get(...params) ?? "");
    const ownerAgentId = one(`SELECT id FROM "Agent" WHERE name = ?`, `inventory-owner-${suffix}`);
    const world: World = {
      suffix,
      targetQueueId: one(`SELECT id FROM "Queue" WHERE slug = ?`, target),
      pendingId,
      approvedId,
      approvedDigest,
      ownerAgentId,
      ownerKeyId: one(`SELECT id FROM "ApiKey" WHERE agentId = ? AND revokedAt IS NULL`, ownerAgentId),
      viewerId: one(`SELECT id FROM "User" WHERE email = 'vic@countersign.dev'`),
      adminId: one(`SELECT id FROM "User" WHERE email = 'admin@countersign.dev'`),
      // A real delivery when there is one; the refusal comes before any lookup either way.
      deliveryId: one(`SELECT id FROM "WebhookDelivery" ORDER BY createdAt LIMIT 1`) || "cmnodelivery000000000000",
      envelope,
      forgedToken: forgedToken(approvedId, approvedDigest),
      keys: { owner, other: otherKey, revoked },
    };
    const [anonymous, viewer, otherQueueApprover, sponsor] = await Promise.all([
      anonymousContext(baseURL),
      signedInContext(baseURL, "vic@countersign.dev", DEMO_PASSWORD),
      signedInContext(baseURL, otherApproverEmail, WORLD_PASSWORD),
      signedInContext(baseURL, sponsorEmail, WORLD_PASSWORD),
    ]);
    const callers: Callers = {
      anonymous,
      viewer,
      otherQueueApprover,
      sponsor,
      dispose: async () => void (await Promise.all([anonymous, viewer, otherQueueApprover, sponsor].map((c) => c.dispose()))),
    };
    return { world, callers };
  } finally {
    db.close();
  }
}
