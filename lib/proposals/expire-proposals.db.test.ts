import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { expireOverdueProposals } from "@/lib/proposals/expire-proposals";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

describe("expireOverdueProposals", () => {
  it("expires overdue pending proposals once, with a receipt each, and leaves the rest alone", async () => {
    const world = await createTestWorld();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `P${i}` }))).body.id);
    const past = new Date(Date.now() - 60_000);
    await db.proposal.updateMany({ where: { id: { in: [ids[0]!, ids[1]!] } }, data: { expiresAt: past } });

    // Two sweepers at once (two app instances): each overdue row is expired exactly once.
    const counts = await Promise.all([expireOverdueProposals(), expireOverdueProposals()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
    const rows = await db.proposal.findMany({ where: { id: { in: ids } }, orderBy: { title: "asc" }, select: { status: true } });
    expect(rows.map((r) => r.status)).toEqual(["expired", "expired", "pending"]);
    for (const id of ids.slice(0, 2)) {
      const receipts = await db.receipt.findMany({ where: { proposalId: id, kind: "expired" } });
      expect(receipts).toHaveLength(1);
      expect(receipts[0]!.actorId).toBe("expiry-sweeper");
    }
    expect((await getProposal(world.apiKey, ids[0]!)).body.status).toBe("expired");
    expect(await db.receipt.count({ where: { proposalId: ids[2], kind: "expired" } })).toBe(0);
  });

  it("an expired proposal can never be approved, before or after the sweep", async () => {
    const world = await createTestWorld();
    const id = (await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).body.id;
    await db.proposal.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const approver = await createTestUser("approver");
    const before = await decideProposals(approver, { ids: [id], outcome: "approved" });
    expect(before.skipped).toEqual([expect.objectContaining({ id, reason: "expired" })]);
    await expireOverdueProposals();
    const after = await decideProposals(approver, { ids: [id], outcome: "approved" });
    expect(after.decided).toEqual([]);
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("expired");
    expect(await db.decision.count({ where: { proposalId: id } })).toBe(0);
  });
});
