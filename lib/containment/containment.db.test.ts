// Containment against a real database: revoking approvals and stopping agents.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { revocationBlocker, revokeApproval } from "@/lib/containment/revoke-approval";
import { stopAgent } from "@/lib/containment/stop-agent";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { approveWithEdits } from "@/lib/proposals/approve-with-edits";
import { redeemApprovalToken } from "@/lib/approvals/redeem-approval-token";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

async function propose(world: Awaited<ReturnType<typeof createTestWorld>>, title: string): Promise<string> {
  const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title }));
  expect(res.status).toBe(201);
  return res.body.id;
}

/** Approves through the real decision path, adding approvers until any quorum is met. */
async function approve(id: string) {
  for (let i = 0; i < 4; i++) {
    const approver = await createTestUser("approver");
    await decideProposals(approver, { ids: [id], outcome: "approved" });
    const { status } = await db.proposal.findUniqueOrThrow({ where: { id }, select: { status: true } });
    if (status === "approved") return;
  }
  throw new Error(`could not approve ${id}`);
}

/** The agent fetches a token and a tool redeems it online: the tool has been told "go". */
async function redeem(world: Awaited<ReturnType<typeof createTestWorld>>, id: string, tool = { id: "tool_erp", name: "erp-payments" }) {
  const view = await getProposal(world.apiKey, id);
  expect(typeof view.body.approval_token).toBe("string");
  expect(await redeemApprovalToken({ token: view.body.approval_token, tool })).toMatchObject({ valid: true });
}

describe("revokeApproval", () => {
  it("refuses once a token was redeemed (the action may have run) and changes nothing", async () => {
    const world = await createTestWorld();
    const id = await propose(world, "Redeemed, then revoke");
    await approve(id);
    expect(await revocationBlocker(id)).toBeNull();
    await redeem(world, id);
    const used = await db.approvalToken.findFirstOrThrow({ where: { proposalId: id, usedAt: { not: null } } });
    expect(await revocationBlocker(id)).toEqual({ kind: "redeemed", usedAt: used.usedAt, usedBy: "erp-payments" });
    const admin = await createTestUser("admin");
    const refused = revokeApproval(admin, { proposalId: id, reason: "too late" });
    await expect(refused).rejects.toMatchObject({ code: "conflict" });
    await expect(refused).rejects.toThrow(
      `its approval token was already redeemed by erp-payments at ${used.usedAt!.toISOString()}: the action may have run; wait for the execution report`,
    );
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("approved");
    expect(await db.receipt.count({ where: { proposalId: id, kind: "revoked" } })).toBe(0);
  });

  it("writes the APPROVED digest into the revoked receipt when an approver edited the plan", async () => {
    const world = await createTestWorld();
    const id = await propose(world, "Edited, then revoked");
    const approver = await createTestUser("approver");
    const edited = await approveWithEdits(approver, {
      id,
      version: 1,
      plan: [
        { index: 0, args: { invoice: "INV-2291" } },
        { index: 1, args: { bill_id: "bill_789", amount: "10000.00" } },
        { index: 2, args: { payment_id: "pay_draft_12" } },
      ],
    });
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("approved");
    const envelopeDigest = (await db.proposal.findUniqueOrThrow({ where: { id } })).digest;
    expect(edited.digest).not.toBe(envelopeDigest);
    await revokeApproval(CLI_CALLER, { proposalId: id, reason: "Amount disputed" });
    const receipt = await db.receipt.findFirstOrThrow({ where: { proposalId: id, kind: "revoked" } });
    expect(receipt.digest).toBe(edited.digest);
    expect((receipt.payload as { digest: string }).digest).toBe(edited.digest);
  });

  it("revokes an approved, unexecuted proposal: status, one receipt naming the deciders, and the agent sees revoked", async () => {
    const world = await createTestWorld();
    const id = await propose(world, "Pay and then revoke");
    await approve(id);
    const admin = await createTestUser("admin", "Ada Admin");
    const result = await revokeApproval(admin, { proposalId: id, reason: "Vendor flagged for fraud" });
    expect(result).toEqual({ id, status: "revoked" });
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("revoked");
    const receipts = await db.receipt.findMany({ where: { proposalId: id, kind: "revoked" } });
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.actorId).toBe(admin.id);
    expect(receipts[0]!.reason).toBe("Vendor flagged for fraud");
    const payload = receipts[0]!.payload as { proposal_id: string; digest: string; previous_deciders: { email: string }[] };
    expect(payload.proposal_id).toBe(id);
    expect(payload.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(payload.previous_deciders.length).toBeGreaterThanOrEqual(1);
    const agentView = await getProposal(world.apiKey, id);
    expect(agentView.status).toBe(200);
    expect(agentView.body.status).toBe("revoked");
    expect(agentView.body.approved_plan).toBeUndefined();
  });

  it("two admins revoking at once: one wins, one receipt", async () => {
    const world = await createTestWorld();
    const id = await propose(world, "Double revoke");
    await approve(id);
    const [a, b] = [await createTestUser("admin"), await createTestUser("admin")];
    const results = await Promise.allSettled([
      revokeApproval(a, { proposalId: id, reason: "first" }),
      revokeApproval(b, { proposalId: id, reason: "second" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: "not_approved" });
    expect(await db.receipt.count({ where: { proposalId: id, kind: "revoked" } })).toBe(1);
  });

  it("refuses an executed proposal, a pending one, a missing reason and a non-admin, changing nothing", async () => {
    const world = await createTestWorld();
    const executed = await propose(world, "Already executed");
    await approve(executed);
    const p = await db.proposal.findUniqueOrThrow({ where: { id: executed }, select: { digest: true } });
    await db.$transaction([
      db.execution.create({ data: { proposalId: executed, agentId: world.agent.id, outcome: "executed", digest: p.digest, digestMatches: true } }),
      db.proposal.update({ where: { id: executed }, data: { status: "executed" } }),
    ]);
    const pending = await propose(world, "Still pending");
    const admin = await createTestUser("admin");
    await expect(revokeApproval(admin, { proposalId: executed, reason: "too late" })).rejects.toMatchObject({ code: "already_executed" });
    await expect(revokeApproval(admin, { proposalId: pending, reason: "not approved" })).rejects.toMatchObject({ code: "not_approved" });
    await expect(revokeApproval(admin, { proposalId: "no-such-id", reason: "x" })).rejects.toMatchObject({ code: "not_found" });

    const approved = await propose(world, "Approved, guarded");
    await approve(approved);
    await expect(revokeApproval(admin, { proposalId: approved, reason: "   " })).rejects.toThrow(/reason/);
    for (const role of ["approver", "viewer"] as const) {
      const user = await createTestUser(role);
      await expect(revokeApproval(user, { proposalId: approved, reason: "I want to" })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await db.proposal.findUniqueOrThrow({ where: { id: approved } })).status).toBe("approved");
    expect(await db.receipt.count({ where: { proposalId: { in: [executed, pending, approved] }, kind: "revoked" } })).toBe(0);
  });
});

describe("stopAgent", () => {
  it("leaves approvals whose token was redeemed, and says how many", async () => {
    const world = await createTestWorld();
    const [redeemed, open] = [await propose(world, "Redeemed"), await propose(world, "Not redeemed")];
    await approve(redeemed);
    await approve(open);
    await redeem(world, redeemed);
    // A token fetched but never redeemed does not protect an approval.
    expect(typeof (await getProposal(world.apiKey, open)).body.approval_token).toBe("string");
    const result = await stopAgent(CLI_CALLER, { agentId: world.agent.id, reason: "Agent misbehaving" });
    expect(result).toMatchObject({ revoked: 1, leftRedeemed: 1 });
    expect((await db.proposal.findUniqueOrThrow({ where: { id: redeemed } })).status).toBe("approved");
    expect((await db.proposal.findUniqueOrThrow({ where: { id: open } })).status).toBe("revoked");
    expect(await db.receipt.count({ where: { proposalId: redeemed, kind: "revoked" } })).toBe(0);
    const { batchId } = await db.receipt.findFirstOrThrow({ where: { proposalId: open, kind: "revoked" } });
    const stopped = await db.receipt.findFirstOrThrow({ where: { kind: "agent_stopped", batchId } });
    expect(stopped.payload).toMatchObject({ approvals_revoked: 1, approvals_left_redeemed: 1 });
  });

  it("in one action: keys refused at once, pending cancelled, approved revoked, executed untouched, receipts counted", async () => {
    const world = await createTestWorld();
    const pending = [await propose(world, "Pending 1"), await propose(world, "Pending 2"), await propose(world, "Pending 3")];
    const approved = [await propose(world, "Approved 1"), await propose(world, "Approved 2")];
    for (const id of approved) await approve(id);
    const executed = await propose(world, "Executed");
    await approve(executed);
    const digest = (await db.proposal.findUniqueOrThrow({ where: { id: executed } })).digest;
    await db.execution.create({ data: { proposalId: executed, agentId: world.agent.id, outcome: "executed", digest, digestMatches: true } });
    const other = await createTestWorld();
    const bystander = await propose(other, "Another agent's proposal");

    const admin = await createTestUser("admin");
    const result = await stopAgent(admin, { agentId: world.agent.id, reason: "Agent looping on payments" });
    expect(result).toMatchObject({ name: world.agent.name, keysRevoked: 1, cancelled: 3, revoked: 2, alreadyStopped: false });

    // The key stops working on the very next request.
    const refused = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: "After stop" }));
    expect(refused.status).toBe(401);
    expect((await getProposal(world.apiKey, pending[0]!)).status).toBe(401);
    expect((await postProposal(other.apiKey, sampleEnvelope(other.queue.slug))).status).toBe(201);

    const agent = await db.agent.findUniqueOrThrow({ where: { id: world.agent.id } });
    expect(agent.disabled).toBe(true);
    expect(agent.stoppedAt).not.toBeNull();
    const statuses = Object.fromEntries((await db.proposal.findMany({ where: { agentId: world.agent.id }, select: { id: true, status: true } })).map((p) => [p.id, p.status]));
    for (const id of pending) expect(statuses[id]).toBe("cancelled");
    for (const id of approved) expect(statuses[id]).toBe("revoked");
    expect(statuses[executed]).toBe("approved"); // an execution report exists: not revocable
    expect((await db.proposal.findUniqueOrThrow({ where: { id: bystander } })).status).toBe("pending");

    expect(await db.receipt.count({ where: { proposalId: { in: pending }, kind: "cancelled" } })).toBe(3);
    expect(await db.receipt.count({ where: { proposalId: { in: approved }, kind: "revoked" } })).toBe(2);
    expect(await db.receipt.count({ where: { proposalId: executed, kind: "revoked" } })).toBe(0);
    const summary = await db.receipt.findFirstOrThrow({ where: { kind: "agent_stopped", batchId: (await db.receipt.findFirstOrThrow({ where: { proposalId: pending[0], kind: "cancelled" } })).batchId } });
    expect(summary.payload).toMatchObject({ agent: world.agent.name, keys_revoked: 1, proposals_cancelled: 3, approvals_revoked: 2 });
    expect(summary.actorId).toBe(admin.id);
  });

  it("handles thousands of pending proposals in one stop (SQLite's parameter limit)", async () => {
    const world = await createTestWorld();
    const template = await propose(world, "Template");
    const row = await db.proposal.findUniqueOrThrow({ where: { id: template } });
    const { id: _id, createdAt: _c, updatedAt: _u, idempotencyKey: _k, ...copy } = row;
    const many = 1200;
    for (let i = 0; i < many; i += 200) {
      await db.proposal.createMany({
        data: Array.from({ length: Math.min(200, many - i) }, (_, j) => ({
          ...copy,
          title: `Bulk ${i + j}`,
          inputs: copy.inputs ?? undefined,
          changes: copy.changes ?? undefined,
          artifacts: copy.artifacts ?? undefined,
          rollbackPlan: copy.rollbackPlan ?? undefined,
          trace: copy.trace ?? undefined,
          policies: copy.policies ?? undefined,
          scopes: copy.scopes as string[],
          plan: copy.plan as object,
          envelope: copy.envelope as object,
          intakeResponse: copy.intakeResponse as object,
        })),
      });
    }
    const result = await stopAgent(CLI_CALLER, { agentName: world.agent.name, reason: "bulk stop" });
    expect(result.cancelled).toBe(many + 1);
    expect(await db.proposal.count({ where: { agentId: world.agent.id, status: "pending" } })).toBe(0);
    expect(await db.receipt.count({ where: { kind: "cancelled", batchId: (await db.receipt.findFirstOrThrow({ where: { proposalId: template, kind: "cancelled" } })).batchId } })).toBe(many + 1);
  }, 120_000);

  it("leaves a proposal already past its expiry to the expiry sweeper", async () => {
    const world = await createTestWorld();
    const overdue = await propose(world, "Overdue");
    await db.proposal.update({ where: { id: overdue }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const result = await stopAgent(CLI_CALLER, { agentId: world.agent.id, reason: "stop" });
    expect(result.cancelled).toBe(0);
    expect((await db.proposal.findUniqueOrThrow({ where: { id: overdue } })).status).toBe("pending");
  });

  it("refuses a non-admin and changes nothing; stopping twice is harmless", async () => {
    const world = await createTestWorld();
    const id = await propose(world, "Keep pending");
    const approver = await createTestUser("approver");
    await expect(stopAgent(approver, { agentId: world.agent.id, reason: "no" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(201);
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("pending");

    const admin = await createTestUser("admin");
    await stopAgent(admin, { agentId: world.agent.id, reason: "first" });
    const again = await stopAgent(admin, { agentId: world.agent.id, reason: "second" });
    expect(again).toMatchObject({ keysRevoked: 0, cancelled: 0, revoked: 0, alreadyStopped: true });
  });
});
