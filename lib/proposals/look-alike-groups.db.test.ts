// Look-alike groups against a real database: the shape key stored at intake,
// GROUP BY over pending proposals, the group's table, first-time parties
// against earlier approvals, and the read-time fill of rows without a key.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { getLookAlikeGroup, listLookAlikeGroups } from "@/lib/proposals/look-alike-groups";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

function billEnvelope(queue: string, vendor: string, invoice: string, amount: string) {
  const base = sampleEnvelope(queue);
  return sampleEnvelope(queue, {
    title: `Pay ${vendor} ${invoice}`,
    inputs: { vendor_id: vendor, invoice, amount, currency: "USD" },
    plan: [
      { title: "Match invoice", tool: "ap.match_invoice", scope: "ap:read", args: { invoice } },
      { title: "Create draft payment", tool: "ap.create_draft_payment", scope: "ap:write:draft", args: { bill_id: `bill_${invoice}`, amount } },
      { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: `pay_${invoice}` } },
    ],
    changes: [{ target: { type: "vendor_bill", id: `bill_${invoice}` }, fields: [{ path: "status", before: "approved", after: "paid" }, { path: "paid_amount", before: "0.00", after: amount }] }],
    artifacts: base.artifacts,
  });
}

async function post(apiKey: string, envelope: ReturnType<typeof sampleEnvelope>): Promise<string> {
  const res = await postProposal(apiKey, envelope);
  expect(res.status).toBe(201);
  return res.body.id;
}

describe("look-alike groups", () => {
  it("groups pending proposals of one shape, shows what differs, marks outliers and first-time vendors", async () => {
    const world = await createTestWorld();
    const slug = world.queue.slug;
    const earlier = await post(world.apiKey, billEnvelope(slug, "v_1", "INV-0", "1000.00"));
    const dana = await createTestUser("approver");
    expect((await decideProposals(dana, { ids: [earlier], outcome: "approved" })).decided).toHaveLength(1);

    const ids = [
      await post(world.apiKey, billEnvelope(slug, "v_1", "INV-1", "1000.00")),
      await post(world.apiKey, billEnvelope(slug, "v_1", "INV-2", "1100.00")),
      await post(world.apiKey, billEnvelope(slug, "v_1", "INV-3", "950.00")),
      await post(world.apiKey, billEnvelope(slug, "v_9", "INV-4", "48000.00")),
    ];
    // Another shape (an extra plan step): not in the group.
    const other = billEnvelope(slug, "v_1", "INV-5", "1000.00");
    other.plan.unshift({ title: "Check bank details", tool: "ap.verify_vendor_bank", scope: "ap:read", args: { vendor_id: "v_1" } });
    const otherId = await post(world.apiKey, other);

    const stored = await db.proposal.findMany({ where: { id: { in: [...ids, otherId, earlier] } }, select: { id: true, shapeKey: true } });
    const key = stored.find((s) => s.id === ids[0])!.shapeKey!;
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(stored.find((s) => s.id === earlier)!.shapeKey).toBe(key);
    expect(stored.find((s) => s.id === otherId)!.shapeKey).not.toBe(key);

    const groups = await listLookAlikeGroups(dana, { queue: slug });
    expect(groups).toEqual([{ key, count: 4, intent: "pay_vendor_bill", title: "Pay vendor bill", agent: world.agent.name, queue: { slug, name: "Test queue" } }]);

    const group = (await getLookAlikeGroup(dana, key))!;
    expect(group.rows.map((r) => r.id)).toEqual(ids);
    expect(group.approvedBefore).toBe(1);
    const amount = group.columns.find((c) => c.label === "amount")!;
    expect(amount.numeric).toBe(true);
    expect(group.rows.map((r) => r.cells[amount.key]!.outlier)).toEqual([false, false, false, true]);
    const vendor = group.columns.find((c) => c.label === "vendor_id")!;
    expect(group.rows.map((r) => r.cells[vendor.key]!.firstTime)).toEqual([false, false, false, true]);
    // What is the same is shown once: the tools and the unchanging values.
    expect(group.plan.map((s) => s.tool)).toEqual(["ap.match_invoice", "ap.create_draft_payment", "ap.release_payment"]);
    expect(group.plan[1]!.args).toEqual([
      { name: "amount", value: undefined, differs: true },
      { name: "bill_id", value: undefined, differs: true },
    ]);
    expect(group.same).toContainEqual({ path: "inputs.currency", value: "USD" });
  });

  it("leaves out decided and expired items, fills missing keys at read, refuses a malformed key", async () => {
    const world = await createTestWorld();
    const slug = world.queue.slug;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await post(world.apiKey, billEnvelope(slug, `v_${i}`, `INV-${i}`, `${100 + i}.00`)));
    const key = (await db.proposal.findUniqueOrThrow({ where: { id: ids[0] } })).shapeKey!;
    const sam = await createTestUser("approver");
    await decideProposals(sam, { ids: [ids[0]!], outcome: "rejected", reason: "duplicate" });
    await db.proposal.update({ where: { id: ids[1] }, data: { expiresAt: new Date(Date.now() - 1000) } });
    // A row from before the column existed.
    await db.proposal.update({ where: { id: ids[3] }, data: { shapeKey: null } });

    const group = (await getLookAlikeGroup(sam, key))!;
    expect(group.rows.map((r) => r.id)).toEqual([ids[2], ids[3]]);
    expect((await db.proposal.findUniqueOrThrow({ where: { id: ids[3] } })).shapeKey).toBe(key);
    expect(await listLookAlikeGroups(sam, { queue: slug })).toMatchObject([{ key, count: 2 }]);

    expect(await getLookAlikeGroup(sam, "not-a-key")).toBeNull();
    expect(await getLookAlikeGroup(sam, "0".repeat(32))).toBeNull();
  });
});
