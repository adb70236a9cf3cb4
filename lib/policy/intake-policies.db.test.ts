// Intake asks the Cedar policies, through the real route handler and database
// (SQLite, and PostgreSQL when configured): the proposal row, its receipts and
// a refusal in the security log each name the policies that determined them.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";

async function stored(id: string) {
  return db.proposal.findUniqueOrThrow({
    where: { id },
    select: { status: true, requiredApprovals: true, policies: true, receipts: { orderBy: { seq: "asc" }, select: { kind: true, actorId: true, payload: true, reason: true } } },
  });
}

describe("intake under the shipped Cedar policies", () => {
  it("keeps a commit pending, stores the quorum and the policy ids, and puts them in the receipt", async () => {
    const world = await createTestWorld();
    const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
    expect(res.status).toBe(201);
    const row = await stored(res.body.id);
    expect(row).toMatchObject({ status: "pending", requiredApprovals: 1, policies: ["commit-needs-a-person", "quorum-one"] });
    expect(row.receipts.map((r) => r.kind)).toEqual(["proposed"]);
    expect(row.receipts[0]!.payload).toMatchObject({ status: "pending", policies: ["commit-needs-a-person", "quorum-one"] });
  });

  it("asks two approvers for a critical commit", async () => {
    const world = await createTestWorld();
    const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { risk: "critical" }));
    expect(res.status).toBe(201);
    expect(await stored(res.body.id)).toMatchObject({ requiredApprovals: 2, policies: ["commit-needs-a-person", "quorum-one", "quorum-critical"] });
  });

  it("approves a draft by policy, with the policy as the receipt's actor and in both payloads", async () => {
    const world = await createTestWorld();
    const envelope = sampleEnvelope(world.queue.slug, {
      scopes: ["ap:write:draft"],
      plan: [{ title: "Draft the payment", tool: "ap.create_draft_payment", scope: "ap:write:draft", args: {} }],
    });
    const res = await postProposal(world.apiKey, envelope);
    expect(res.body).toMatchObject({ status: "approved", tier: "write:draft" });
    const row = await stored(res.body.id);
    expect(row.policies).toEqual(["auto-approve-read-and-drafts"]);
    expect(row.receipts.map((r) => [r.kind, r.actorId])).toEqual([
      ["proposed", world.agent.id],
      ["auto_approved", "auto-approve-read-and-drafts"],
    ]);
    expect(row.receipts[1]).toMatchObject({
      reason: "write:draft-tier proposals are approved by policy at intake and recorded",
      payload: { outcome: "approved", policies: ["auto-approve-read-and-drafts"] },
    });
    expect(row.receipts[0]!.payload).toMatchObject({ policies: ["auto-approve-read-and-drafts"] });
  });

  it("refuses a scope outside the grant with 403, naming the policy in the answer and in the security log", async () => {
    const world = await createTestWorld(["ap:read", "ap:write:draft"]);
    const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      code: "scope_not_granted",
      message: "This agent is not granted ap:commit; the whole proposal is refused. Ask its sponsor to extend the grant.",
      scopes: ["ap:commit"],
      policies: ["scopes-within-grant"],
    });
    const events = await db.securityEvent.findMany({ where: { actorId: world.agent.id } });
    expect(events.map((e) => [e.code, e.rule, e.action])).toEqual([["scope_not_granted", "scopes-within-grant", "POST /api/v1/proposals"]]);
    expect(await db.proposal.count({ where: { agentId: world.agent.id } })).toBe(0);
  });
});
