// Issue 9.7 against a real database (SQLite, and PostgreSQL when configured):
// an approver who edits a commit step's arguments (the payee, the amount)
// cannot make the edit final alone. Their approval counts once; someone else
// must approve the edited version, whatever the queue's quorum.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { approveWithEdits, type ApproveWithEditsInput } from "@/lib/proposals/approve-with-edits";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { getProposalDetail } from "@/lib/proposals/get-proposal-detail";
import { listQueue } from "@/lib/proposals/list-queue";
import { parseQueueFilters } from "@/lib/proposals/queue-filters";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

async function pendingProposal(risk: "high" | "critical" = "high") {
  const world = await createTestWorld();
  const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { risk }));
  expect(res.status).toBe(201);
  expect(res.body.status).toBe("pending");
  return { world, id: res.body.id as string };
}

/** The attack: rewrite the commit step's payment and approve it. */
const rewritePayment = (id: string): ApproveWithEditsInput => ({
  id,
  version: 1,
  plan: [
    { index: 0, args: { invoice: "INV-2291" } },
    { index: 1, args: { bill_id: "bill_789", amount: "12480.00" } },
    { index: 2, args: { payment_id: "pay_attacker_account" } },
  ],
});

const state = (id: string) =>
  db.proposal.findUniqueOrThrow({ where: { id }, select: { status: true, approvalCount: true, requiredApprovals: true, commitEditedById: true } });

describe("an edit of commit-step arguments needs a second approver", () => {
  it("stays pending after the editor's approval, and says so to the agent, the queue, the page and the receipts", async () => {
    const { world, id } = await pendingProposal();
    const mallory = await createTestUser("approver", "Mallory Editor");
    const result = await approveWithEdits(mallory, rewritePayment(id));
    expect(result).toMatchObject({ approvals: 1, requiredApprovals: 2, secondApproverRequired: true });
    expect(await state(id)).toEqual({ status: "pending", approvalCount: 1, requiredApprovals: 2, commitEditedById: mallory.id });

    const agentView = await getProposal(world.apiKey, id);
    expect(agentView.body).toMatchObject({ status: "pending", approvals: { count: 1, required: 2 } });
    expect(agentView.body).not.toHaveProperty("approval_token");

    const detail = await getProposalDetail(mallory, id);
    expect(detail?.secondApprover).toMatchObject({ editedBy: "Mallory Editor", editedById: mallory.id });
    const queue = await listQueue(parseQueueFilters({ queue: world.queue.slug, status: "pending" }), null);
    expect(queue.rows.find((r) => r.id === id)?.secondApprover).toMatchObject({ editedBy: "Mallory Editor" });

    const vote = await db.receipt.findFirstOrThrow({ where: { proposalId: id, kind: "approval" } });
    expect(vote.payload).toMatchObject({ with_edits: true, approvals: 1, required_approvals: 2, final: false, second_approver_required: true, edited_by: mallory.email });
    expect(await db.receipt.count({ where: { proposalId: id, kind: "approved" } })).toBe(0);
  });

  it("refuses the editor's second vote as already_voted, and approves on another person's", async () => {
    const { world, id } = await pendingProposal();
    const mallory = await createTestUser("approver", "Mallory Editor");
    const edited = await approveWithEdits(mallory, rewritePayment(id));

    const again = await decideProposals(mallory, { ids: [id], outcome: "approved", versions: { [id]: edited.version } });
    expect(again.decided).toEqual([]);
    expect(again.skipped).toMatchObject([{ id, reason: "already_voted" }]);
    expect(await state(id)).toMatchObject({ status: "pending", approvalCount: 1 });

    const dana = await createTestUser("approver", "Dana Second");
    const second = await decideProposals(dana, { ids: [id], outcome: "approved", versions: { [id]: edited.version } });
    expect(second.decided.map((d) => d.id)).toEqual([id]);
    expect(await state(id)).toMatchObject({ status: "approved", approvalCount: 2 });
    const final = await db.receipt.findFirstOrThrow({ where: { proposalId: id, kind: "approved" } });
    expect(final.payload).toMatchObject({ approvals: 2, required_approvals: 2, final: true, second_approver_for_edit_by: mallory.id });
    expect(final.digest).toBe(edited.digest);

    expect((await getProposal(world.apiKey, id)).body).toMatchObject({ status: "approved", approvals: { count: 2, required: 2 } });
    expect((await getProposalDetail(dana, id))?.secondApprover).toBeNull();
  });

  it("two second approvers at once: one approval makes it final, the other finds it decided", async () => {
    const { id } = await pendingProposal();
    const mallory = await createTestUser("approver", "Mallory Editor");
    await approveWithEdits(mallory, rewritePayment(id));
    const [dana, sam] = [await createTestUser("approver", "Dana"), await createTestUser("approver", "Sam")];
    const [a, b] = await Promise.all([
      decideProposals(dana, { ids: [id], outcome: "approved" }),
      decideProposals(sam, { ids: [id], outcome: "approved" }),
    ]);
    expect(a.decided.length + b.decided.length).toBe(1);
    expect([...a.skipped, ...b.skipped]).toMatchObject([{ id, reason: "already_decided" }]);
    expect(await state(id)).toMatchObject({ status: "approved", approvalCount: 2 });
    expect(await db.decision.count({ where: { proposalId: id } })).toBe(2);
    expect(await db.receipt.count({ where: { proposalId: id, kind: "approved" } })).toBe(1);
  });

  it("keeps a quorum of two or more as it is: the editor's approval is one of them", async () => {
    const { id } = await pendingProposal("critical");
    const before = await state(id);
    const mallory = await createTestUser("approver", "Mallory Editor");
    const result = await approveWithEdits(mallory, rewritePayment(id));
    expect(result.requiredApprovals).toBe(Math.max(before.requiredApprovals, 2));
    expect(await state(id)).toMatchObject({ status: "pending", approvalCount: 1, commitEditedById: mallory.id });
  });

  it("an edit of non-commit steps only keeps the queue's quorum (final at quorum 1)", async () => {
    const { id } = await pendingProposal();
    const dana = await createTestUser("approver", "Dana");
    const result = await approveWithEdits(dana, {
      id,
      version: 1,
      plan: [
        { index: 0, args: { invoice: "INV-2291" } },
        { index: 1, args: { bill_id: "bill_789", amount: "10000.00" } },
        { index: 2, args: { payment_id: "pay_draft_12" } },
      ],
    });
    expect(result).toMatchObject({ approvals: 1, requiredApprovals: 1, secondApproverRequired: false });
    expect(await state(id)).toEqual({ status: "approved", approvalCount: 1, requiredApprovals: 1, commitEditedById: null });
  });

  it("dropping the commit step is not an edit of its arguments: nothing irreversible is left to run", async () => {
    const { id } = await pendingProposal();
    const dana = await createTestUser("approver", "Dana");
    await approveWithEdits(dana, { id, version: 1, plan: [{ index: 0, args: { invoice: "INV-2291" } }, { index: 1, args: { bill_id: "bill_789", amount: "1.00" } }] });
    expect(await state(id)).toMatchObject({ status: "approved", commitEditedById: null });
  });
});
