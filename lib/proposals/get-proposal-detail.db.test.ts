// The proposal page's data, against a real database.
import { describe, expect, it } from "vitest";
import { approveWithEdits } from "@/lib/proposals/approve-with-edits";
import { getProposalDetail } from "@/lib/proposals/get-proposal-detail";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

describe("getProposalDetail", () => {
  it("returns a small serializable view for any role, and null for an unknown id", async () => {
    const world = await createTestWorld();
    const envelope = sampleEnvelope(world.queue.slug);
    const res = await postProposal(world.apiKey, envelope);
    const viewer = await createTestUser("viewer");

    const p = await getProposalDetail(viewer, res.body.id);
    expect(p).not.toBeNull();
    expect(JSON.parse(JSON.stringify(p))).toEqual(p); // plain data only: safe to hand to the browser
    expect(p).toMatchObject({
      id: res.body.id,
      title: envelope.title,
      intent: "pay_vendor_bill",
      status: "pending",
      tier: "commit",
      risk: "high",
      agent: { name: world.agent.name, model: "gpt-4.1", version: "2026-10-01", runId: "run_88f" },
      actor: { type: "user", id: "u_123", email: "ops@company.com", name: "Dana Ops" },
      queue: { slug: world.queue.slug, name: "Test queue" },
      version: 1,
      currentDigest: res.body.digest,
      envelopeDigest: res.body.digest,
      plan: envelope.plan,
      proposedPlan: envelope.plan,
      changes: envelope.changes,
      artifacts: envelope.artifacts,
      trace: envelope.trace,
      inputs: envelope.inputs,
      envelope,
      decisions: [],
    });
    expect(p!.versions).toEqual([{ version: 1, digest: res.body.digest, editedBy: null, editSummary: null, createdAt: expect.any(String) }]);
    expect(p!.receipts).toEqual([
      expect.objectContaining({ kind: "proposed", actorType: "agent", actor: expect.objectContaining({ name: world.agent.name }), withEdits: false }),
    ]);
    expect(JSON.stringify(p)).not.toMatch(/hash|apiKey|passwordHash/i);

    expect(await getProposalDetail(viewer, "no-such-id")).toBeNull();
    expect(await getProposalDetail(viewer, "x".repeat(500))).toBeNull();
  });

  it("after approve-with-edits: both versions with digests, the editor's name, receipts in order, and an expired pending one reads expired", async () => {
    const world = await createTestWorld();
    const envelope = sampleEnvelope(world.queue.slug);
    const res = await postProposal(world.apiKey, envelope);
    const dana = await createTestUser("approver", "Dana Ops");
    const edit = await approveWithEdits(dana, { id: res.body.id, version: 1, plan: [{ index: 0, args: { invoice: "INV-2292" } }] });

    const p = (await getProposalDetail(dana, res.body.id))!;
    expect(p.status).toBe("approved");
    expect(p.version).toBe(2);
    expect(p.currentDigest).toBe(edit.digest);
    expect(p.envelopeDigest).toBe(res.body.digest);
    expect(p.plan).toEqual([{ ...envelope.plan[0]!, args: { invoice: "INV-2292" } }]);
    expect(p.proposedPlan).toEqual(envelope.plan);
    expect(p.versions.map((v) => [v.version, v.digest, v.editedBy])).toEqual([
      [1, res.body.digest, null],
      [2, edit.digest, "Dana Ops"],
    ]);
    expect(p.versions[1]!.editSummary).toEqual(edit.changes);
    expect(p.receipts.map((r) => [r.kind, r.withEdits])).toEqual([
      ["proposed", false],
      ["edited", false],
      ["approved", true],
    ]);
    expect(p.receipts[2]!.actor).toEqual({ id: dana.id, name: "Dana Ops", email: dana.email, role: "approver" });
    expect(p.receipts[2]!.batchId).toBe(edit.batchId);
    expect(p.decisions).toEqual([{ by: { name: "Dana Ops", email: dana.email }, outcome: "approved", reason: null, digest: edit.digest, at: expect.any(String) }]);

    const other = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: "Later" }));
    const later = new Date(Date.now() + 30 * 86400_000);
    expect((await getProposalDetail(dana, other.body.id, later))!.status).toBe("expired");
  });
});
