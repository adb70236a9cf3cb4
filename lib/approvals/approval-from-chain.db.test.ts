// Approval tokens come from the receipt chain, not from the proposal row
// (SQLite, and PostgreSQL when TEST_POSTGRES_URL is set). Someone with
// database access but without the signing key sets a row to `approved` by SQL:
// the agent's GET shows approved with no token and the reason, and the admins
// get a security event. A real approval (one approver, or a quorum) still
// gets its token, naming the deciders the chain records.
import { describe, expect, it } from "vitest";
import { decodeJwt } from "jose";
import { databaseTarget, db, type Tx } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { findApprovalInChain } from "@/lib/approvals/approval-in-chain";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

const POSTGRES = databaseTarget.provider === "postgresql";

/** What the attacker runs: a plain UPDATE of the row, no receipt. */
async function approveBySql(id: string): Promise<void> {
  await db.$executeRawUnsafe(`UPDATE "Proposal" SET "status" = 'approved', "decidedAt" = CURRENT_TIMESTAMP, "approvalCount" = "requiredApprovals" WHERE "id" = $1`.replace("$1", POSTGRES ? "$1" : "?"), id);
}

async function pendingProposal(overrides: Parameters<typeof sampleEnvelope>[1] = {}) {
  const world = await createTestWorld();
  const posted = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, overrides));
  expect(posted.status).toBe(201);
  expect(posted.body.status).toBe("pending");
  return { world, id: posted.body.id as string };
}

async function securityEvents(id: string) {
  return db.securityEvent.findMany({ where: { target: id, code: "approval_not_in_receipts" } });
}

class Rollback extends Error {}

describe("approval tokens only for approvals the receipt chain holds", () => {
  it("a proposal set to approved by SQL, with no receipt, gets no token: the reason is shown and a security event logged (once)", async () => {
    const { world, id } = await pendingProposal();
    await approveBySql(id);
    const first = await getProposal(world.apiKey, id);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe("approved");
    expect(first.body.approval_token).toBeNull();
    expect(first.body.approval_token_error).toEqual({
      code: "approval_not_in_receipts",
      message: expect.stringMatching(/marked approved, but the receipt chain holds no approval of this proposal/),
    });
    expect(await db.approvalToken.count({ where: { proposalId: id } })).toBe(0);
    // Agents poll: the second GET is refused the same way but not logged again.
    expect((await getProposal(world.apiKey, id)).body.approval_token).toBeNull();
    const events = await securityEvents(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "system", action: "approval_token.issue" });
  });

  it("a real approval gets a token, naming the approver the chain records", async () => {
    const { world, id } = await pendingProposal();
    const dana = await createTestUser("approver", "Dana Chain");
    expect((await decideProposals(dana, { ids: [id], outcome: "approved" })).decided).toHaveLength(1);
    const res = await getProposal(world.apiKey, id);
    expect(typeof res.body.approval_token).toBe("string");
    expect(res.body.approval_token_error).toBeUndefined();
    expect(decodeJwt(res.body.approval_token).deciders).toEqual([{ id: dana.id, email: dana.email, name: "Dana Chain" }]);
  });

  it("a quorum of two with one real approval, completed by SQL, gets no token; the second real approval does", async () => {
    const { world, id } = await pendingProposal({ title: "Critical from the chain", risk: "critical" });
    const [dana, sam] = [await createTestUser("approver", "Dana"), await createTestUser("approver", "Sam")];
    expect((await decideProposals(dana, { ids: [id], outcome: "approved" })).recorded).toHaveLength(1);
    await approveBySql(id);
    const forged = await getProposal(world.apiKey, id);
    expect(forged.body.approval_token).toBeNull();
    expect(forged.body.approval_token_error.message).toMatch(/holds no approval|last decision/);
    // Undo the forgery and let the second approver decide for real.
    await db.proposal.update({ where: { id }, data: { status: "pending", approvalCount: 1, decidedAt: null } });
    expect((await decideProposals(sam, { ids: [id], outcome: "approved" })).decided).toHaveLength(1);
    const real = await getProposal(world.apiKey, id);
    expect(typeof real.body.approval_token).toBe("string");
    expect((decodeJwt(real.body.approval_token).deciders as { id: string }[]).map((d) => d.id).sort()).toEqual([dana.id, sam.id].sort());
  });

  it("a rejected proposal set to approved by SQL gets no token", async () => {
    const { world, id } = await pendingProposal();
    const lee = await createTestUser("approver", "Lee");
    expect((await decideProposals(lee, { ids: [id], outcome: "rejected", reason: "wrong vendor" })).decided).toHaveLength(1);
    await approveBySql(id);
    const res = await getProposal(world.apiKey, id);
    expect(res.body.approval_token).toBeNull();
    expect(res.body.approval_token_error.message).toMatch(/last decision on this proposal is "rejected"/);
  });

  it("an approval receipt altered in place, or for another digest, does not count", async () => {
    const { id } = await pendingProposal();
    const kim = await createTestUser("approver", "Kim");
    await decideProposals(kim, { ids: [id], outcome: "approved" });
    const proposal = await db.proposal.findUniqueOrThrow({ where: { id }, select: { id: true, digest: true, requiredApprovals: true } });
    expect(await findApprovalInChain(proposal, proposal.digest)).toMatchObject({ ok: true });
    expect(await findApprovalInChain(proposal, "0".repeat(64))).toMatchObject({ ok: false, problem: expect.stringMatching(/is for digest .*, not the approved digest/) });
    await expect(
      db.$transaction(
        async (tx: Tx) => {
          await tx.$executeRawUnsafe(POSTGRES ? `DROP TRIGGER "Receipt_no_update" ON "Receipt"` : `DROP TRIGGER "Receipt_no_update"`);
          await tx.receipt.updateMany({ where: { proposalId: id, kind: "approved" }, data: { reason: "approved by someone else" } });
          expect(await findApprovalInChain(proposal, proposal.digest, tx)).toMatchObject({ ok: false, problem: expect.stringMatching(/was altered: its contents no longer match its hash/) });
          throw new Rollback();
        },
        { timeout: 60_000, maxWait: 60_000 },
      ),
    ).rejects.toBeInstanceOf(Rollback);
  });
});
