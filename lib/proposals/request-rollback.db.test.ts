// Rollback (issue 14, part 3): "Roll back" on an executed proposal makes a
// linked proposal rollback:<intent> with the envelope's rollback plan, decided
// like any other; both carry a rollback_requested receipt; the agent is told
// by webhook; one rollback per proposal, only by its queue's approvers and
// admins, only when executed and reversible.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Envelope } from "@/lib/proposals/envelope";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { reportExecution } from "@/lib/executions/report-execution";
import { requestRollback } from "@/lib/proposals/request-rollback";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

type World = Awaited<ReturnType<typeof createTestWorld>>;

const rollback: Envelope["rollback"] = [{ title: "Reverse the payment", tool: "ap.reverse_payment", scope: "ap:commit", args: { payment_id: "pay_draft_12" } }];

async function executed(world: World, overrides: Partial<Envelope> = {}): Promise<string> {
  const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { risk: "medium", ...overrides }));
  expect(res.status).toBe(201);
  const approver = await createTestUser("approver", "Rollback Approver");
  const decided = await decideProposals(approver, { ids: [res.body.id], outcome: "approved" });
  expect(decided.decided).toHaveLength(1);
  const seen = await getProposal(world.apiKey, res.body.id);
  await reportExecution({ id: world.agent.id, name: world.agent.name }, res.body.id, { outcome: "executed", digest: seen.body.approved_digest });
  return res.body.id;
}

describe("rollback", () => {
  it("refuses a rollback plan step outside the proposal's scopes", async () => {
    const world = await createTestWorld();
    const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { rollback: [{ title: "x", tool: "iam.revoke", scope: "iam:commit", args: {} }] }));
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: "rollback[0].scope", message: '"iam:commit" is not one of the proposal\'s scopes' }]);
  });

  it("makes a linked, pending rollback proposal with the plan, receipts on both and a webhook; once only", async () => {
    const world = await createTestWorld();
    await db.agent.update({ where: { id: world.agent.id }, data: { callbackUrl: "https://agent.example/hook", webhookSecret: "s".repeat(32) } });
    const id = await executed(world, { rollback });
    const admin = await createTestUser("admin", "Rollback Admin");
    const requested = await requestRollback(admin, id);
    expect(requested.status).toBe("pending"); // a commit: people decide it, as any other
    const made = await db.proposal.findUniqueOrThrow({ where: { id: requested.id } });
    expect(made).toMatchObject({ intent: "rollback:pay_vendor_bill", rollbackOfId: id, agentId: world.agent.id, tier: "commit", status: "pending" });
    expect(made.plan).toEqual(rollback);
    for (const proposalId of [id, requested.id]) {
      const receipt = await db.receipt.findFirstOrThrow({ where: { proposalId, kind: "rollback_requested" } });
      expect(receipt.payload).toMatchObject({ rollback_of: id, rollback_proposal_id: requested.id });
      expect(receipt.actorId).toBe(admin.id);
    }
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { proposalId: requested.id, event: "proposal.rollback_requested" } });
    expect(JSON.parse(delivery.body).data).toMatchObject({ proposal_id: requested.id, rollback_of: id, status: "pending" });

    // The agent's view links both ways.
    expect((await getProposal(world.apiKey, id)).body).toMatchObject({ rolled_back_by: requested.id, reversible: true });
    expect((await getProposal(world.apiKey, requested.id)).body).toMatchObject({ rollback_of: id });

    // Twice at once: one rollback.
    await expect(requestRollback(admin, id)).rejects.toMatchObject({ code: "rollback_exists" });
  });

  it("refuses a viewer, a proposal not executed, and an irreversible one", async () => {
    const world = await createTestWorld();
    const viewer = await createTestUser("viewer", "Rollback Viewer");
    const admin = await createTestUser("admin", "Rollback Admin 2");
    const id = await executed(world, { rollback });
    await expect(requestRollback(viewer, id)).rejects.toMatchObject({ kind: "forbidden" });
    const pending = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { rollback }));
    await expect(requestRollback(admin, pending.body.id)).rejects.toMatchObject({ code: "not_executed" });
    const irreversible = await executed(world);
    await expect(requestRollback(admin, irreversible)).rejects.toMatchObject({ code: "irreversible" });
    expect((await getProposal(world.apiKey, irreversible)).body).toMatchObject({ reversible: false });
  });
});
