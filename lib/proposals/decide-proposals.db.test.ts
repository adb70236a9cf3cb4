// Batch decisions against a real database: rights, guards, races, receipts.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decideProposals, MAX_BATCH } from "@/lib/proposals/decide-proposals";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import { setSeparationOfDuties } from "@/lib/queues/set-separation-of-duties";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { verifyStoredChain } from "@/lib/receipts/verify-stored-chain";

async function pendingProposals(count: number) {
  const world = await createTestWorld();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `Pay invoice ${i}` }));
    ids.push(res.body.id);
  }
  return { world, ids };
}

describe("decideProposals", () => {
  it("approves a batch: status, decision rows and one receipt each, with the decider's identity", async () => {
    const { ids } = await pendingProposals(3);
    const dana = await createTestUser("approver", "Dana Ops");
    const result = await decideProposals(dana, { ids, outcome: "approved" });
    expect(result.decided.map((d) => d.id).sort()).toEqual([...ids].sort());
    expect(result.skipped).toEqual([]);
    const rows = await db.proposal.findMany({ where: { id: { in: ids } }, select: { status: true, decidedAt: true } });
    expect(rows.every((r) => r.status === "approved" && r.decidedAt)).toBe(true);
    const receipts = await db.receipt.findMany({ where: { proposalId: { in: ids }, kind: "approved" } });
    expect(receipts).toHaveLength(3);
    for (const r of receipts) {
      expect(r.actorId).toBe(dana.id);
      expect(r.batchId).toBe(result.batchId);
      expect(r.actor).toMatchObject({ type: "user", email: dana.email, name: "Dana Ops", role: "approver", auth_method: "password" });
      expect(r.digest).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(await db.decision.count({ where: { proposalId: { in: ids }, userId: dana.id, outcome: "approved" } })).toBe(3);
  });

  it("a chain without its head row: the batch, written on the driver, falls back to a Prisma transaction that rebuilds the head", async () => {
    const { ids } = await pendingProposals(3);
    const dana = await createTestUser("approver", "Dana Ops");
    await db.$executeRawUnsafe(`DELETE FROM ${qualifiedTable("ReceiptChainHead")}`);
    const result = await decideProposals(dana, { ids, outcome: "approved" });
    expect(result.decided).toHaveLength(3);
    expect(await db.receipt.count({ where: { proposalId: { in: ids }, kind: "approved", batchId: result.batchId } })).toBe(3);
    expect(await db.receiptChainHead.count()).toBe(1);
    const verified = await verifyStoredChain();
    expect(verified.firstBroken).toBeUndefined();
    expect(verified.ok).toBe(true);
  });

  it("rejects with a reason and refuses a rejection without one", async () => {
    const { ids } = await pendingProposals(1);
    const sam = await createTestUser("approver");
    await expect(decideProposals(sam, { ids, outcome: "rejected" })).rejects.toThrow(/reason/);
    expect((await db.proposal.findUniqueOrThrow({ where: { id: ids[0] } })).status).toBe("pending");
    const result = await decideProposals(sam, { ids, outcome: "rejected", reason: "Duplicate invoice" });
    expect(result.decided).toHaveLength(1);
    const receipt = await db.receipt.findFirstOrThrow({ where: { proposalId: ids[0], kind: "rejected" } });
    expect(receipt.reason).toBe("Duplicate invoice");
  });

  it("a viewer decides nothing: refused, and nothing changes", async () => {
    const { ids } = await pendingProposals(2);
    const vic = await createTestUser("viewer");
    await expect(decideProposals(vic, { ids, outcome: "approved" })).rejects.toMatchObject({ code: "forbidden" });
    const rows = await db.proposal.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.status === "pending")).toBe(true);
    expect(await db.receipt.count({ where: { proposalId: { in: ids }, kind: "approved" } })).toBe(0);
  });

  it("skips decided, expired and unknown items and says why, by whom", async () => {
    const { ids } = await pendingProposals(3);
    const dana = await createTestUser("approver", "Dana Ops");
    const sam = await createTestUser("approver", "Sam Rivera");
    await decideProposals(dana, { ids: [ids[0]!], outcome: "approved" });
    await db.proposal.update({ where: { id: ids[1] }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const result = await decideProposals(sam, { ids: [...ids, "no-such-id", ids[2]!], outcome: "approved" });
    expect(result.decided.map((d) => d.id)).toEqual([ids[2]]);
    expect(result.skipped).toEqual([
      { id: ids[0], title: "Pay invoice 0", reason: "already_decided", message: "Already approved by Dana Ops." },
      { id: ids[1], title: "Pay invoice 1", reason: "expired", message: "Expired before it was decided." },
      { id: "no-such-id", title: null, reason: "not_found", message: "No such proposal." },
    ]);
    expect((await db.proposal.findUniqueOrThrow({ where: { id: ids[1] } })).status).not.toBe("approved"); // pending, or expired by a sweeper
  });

  it("dedupes ids and caps the batch size", async () => {
    const { ids } = await pendingProposals(1);
    const dana = await createTestUser("approver");
    const result = await decideProposals(dana, { ids: [ids[0]!, ids[0]!, ids[0]!], outcome: "approved" });
    expect(result.decided).toHaveLength(1);
    expect(await db.receipt.count({ where: { proposalId: ids[0], kind: "approved" } })).toBe(1);
    const tooMany = Array.from({ length: MAX_BATCH + 1 }, (_, i) => `id-${i}`);
    await expect(decideProposals(dana, { ids: tooMany, outcome: "approved" })).rejects.toThrow(/at most/);
  });

  it("two approvers racing on the same items end with exactly one decision per item", async () => {
    const { ids } = await pendingProposals(5);
    const approvers = await Promise.all([createTestUser("approver", "A"), createTestUser("approver", "B"), createTestUser("admin", "C")]);
    const results = await Promise.all(
      approvers.flatMap((user) => [
        decideProposals(user, { ids, outcome: "approved" }),
        decideProposals(user, { ids, outcome: "rejected", reason: "race" }),
      ]),
    );
    const decidedCount = results.reduce((n, r) => n + r.decided.length, 0);
    expect(decidedCount).toBe(ids.length);
    for (const id of ids) {
      expect(await db.decision.count({ where: { proposalId: id } })).toBe(1);
      expect(await db.receipt.count({ where: { proposalId: id, kind: { in: ["approved", "rejected"] } } })).toBe(1);
    }
    const losers = results.flatMap((r) => r.skipped);
    expect(losers.every((s) => s.reason === "already_decided" && /^Already (approved|rejected) by [ABC]\.$/.test(s.message))).toBe(true);
  });

  it("separation of duties: the sponsor and the acted-for person cannot approve, may reject; a queue can switch it off", async () => {
    const world = await createTestWorld();
    const sponsor = { id: world.sponsor.id, email: world.sponsor.email, name: world.sponsor.name, role: "approver" as const, authMethod: "password" as const };
    const actedFor = await createTestUser("approver", "Acted For");
    const post = async (title: string) =>
      (await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title, actor: { type: "user", id: "u1", email: actedFor.email.toUpperCase() } }))).body.id as string;
    const [a, b, c] = [await post("A"), await post("B"), await post("C")];

    const bySponsor = await decideProposals(sponsor, { ids: [a], outcome: "approved" });
    expect(bySponsor.skipped).toEqual([{ id: a, title: "A", reason: "separation_of_duties", message: expect.stringMatching(/sponsor/) }]);
    const byActedFor = await decideProposals(actedFor, { ids: [b], outcome: "approved" });
    expect(byActedFor.skipped).toEqual([{ id: b, title: "B", reason: "separation_of_duties", message: expect.stringMatching(/acts for Acted For, who cannot approve/) }]);
    expect(await db.decision.count({ where: { proposalId: { in: [a, b] } } })).toBe(0);

    const rejected = await decideProposals(sponsor, { ids: [b], outcome: "rejected", reason: "Not needed" });
    expect(rejected.decided.map((d) => d.id)).toEqual([b]);

    // Switching the rule off is an explicit, audited act.
    await setSeparationOfDuties(world.queue.slug, false, { type: "system", id: "cli", name: "Command line" }, "one-person install");
    // Compared as values: the stored JSON text is canonical (keys sorted), so a whole-object `equals` filter would compare text.
    const changes = await db.receipt.findMany({ where: { kind: "queue_setting_changed" } });
    const audit = changes.find((receipt) => (receipt.payload as { queue?: string }).queue === world.queue.slug);
    expect(audit?.payload).toEqual({ queue: world.queue.slug, setting: "separation_of_duties", before: true, after: false });
    expect(audit?.reason).toBe("one-person install");
    const allowed = await decideProposals(actedFor, { ids: [c], outcome: "approved" });
    expect(allowed.decided.map((d) => d.id)).toEqual([c]);
  });

  it("quorum: a critical proposal needs two distinct approvers, shows 1 of 2, and any rejection rejects", async () => {
    const world = await createTestWorld();
    const post = async (title: string) => (await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title, risk: "critical" }))).body.id as string;
    const [a, b] = [await post("Critical A"), await post("Critical B")];
    const [dana, sam, lee] = [await createTestUser("approver", "Dana"), await createTestUser("approver", "Sam"), await createTestUser("approver", "Lee")];

    const first = await decideProposals(dana, { ids: [a, b], outcome: "approved" });
    expect(first.decided).toEqual([]);
    expect(first.recorded).toEqual([
      { id: a, title: "Critical A", approvals: 1, required: 2 },
      { id: b, title: "Critical B", approvals: 1, required: 2 },
    ]);
    expect(await db.proposal.findUniqueOrThrow({ where: { id: a }, select: { status: true, approvalCount: true, requiredApprovals: true } })).toEqual({
      status: "pending",
      approvalCount: 1,
      requiredApprovals: 2,
    });
    expect((await getProposal(world.apiKey, a)).body).toMatchObject({ status: "pending", approvals: { count: 1, required: 2 }, decision: null });
    const vote = await db.receipt.findFirstOrThrow({ where: { proposalId: a, kind: "approval" } });
    expect(vote.payload).toMatchObject({ approvals: 1, required_approvals: 2, final: false });

    // The same person again (another session or batch) counts once.
    const again = await decideProposals(dana, { ids: [a], outcome: "approved" });
    expect(again.skipped).toEqual([{ id: a, title: "Critical A", reason: "already_voted", message: expect.stringMatching(/already approved/) }]);

    const second = await decideProposals(sam, { ids: [a], outcome: "approved" });
    expect(second.decided).toEqual([{ id: a, title: "Critical A" }]);
    expect((await db.proposal.findUniqueOrThrow({ where: { id: a } })).status).toBe("approved");
    const decided = await db.receipt.findFirstOrThrow({ where: { proposalId: a, kind: "approved" } });
    expect(decided.payload).toMatchObject({ approvals: 2, required_approvals: 2, final: true });

    // One approval recorded, then a rejection: rejected.
    const rejected = await decideProposals(lee, { ids: [b], outcome: "rejected", reason: "Wrong vendor" });
    expect(rejected.decided).toEqual([{ id: b, title: "Critical B" }]);
    expect((await db.proposal.findUniqueOrThrow({ where: { id: b } })).status).toBe("rejected");
  });

  it("queue roles: an approver of one queue cannot decide another queue's proposals, and the refusal is logged", async () => {
    const [mine, other] = [await createTestWorld(), await createTestWorld()];
    const inMine = (await postProposal(mine.apiKey, sampleEnvelope(mine.queue.slug, { title: "Mine" }))).body.id as string;
    const inOther = (await postProposal(other.apiKey, sampleEnvelope(other.queue.slug, { title: "Other" }))).body.id as string;
    const member = await createTestUser("viewer", "Queue Approver");
    await db.membership.create({ data: { userId: member.id, queueId: mine.queue.id, role: "approver" } });

    const result = await decideProposals(member, { ids: [inMine, inOther], outcome: "approved" });
    expect(result.decided).toEqual([{ id: inMine, title: "Mine" }]);
    expect(result.skipped).toEqual([{ id: inOther, title: "Other", reason: "not_allowed", message: expect.stringMatching(/viewer/i) }]);
    expect((await db.proposal.findUniqueOrThrow({ where: { id: inOther } })).status).toBe("pending");
    const event = await db.securityEvent.findFirstOrThrow({ where: { actorId: member.id, target: inOther } });
    expect(event).toMatchObject({ code: "not_allowed", action: "decide:approved" });
    expect(event.rule).toBe("deciders-are-approvers");

    // A decision records the policies that permitted it.
    const decision = await db.decision.findFirstOrThrow({ where: { proposalId: inMine } });
    expect(decision.policies).toEqual(["people-decide"]);
  });
});
