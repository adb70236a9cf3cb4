// Edit before approve against a real database (SQLite, and PostgreSQL when
// configured): the edited plan, versions, digests, receipts, the agent's view,
// and every way it must refuse without changing anything.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addVersion } from "@/test-support/new-version";
import { approveWithEdits, type ApproveWithEditsInput } from "@/lib/proposals/approve-with-edits";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { digestOf } from "@/lib/base/canonical-json";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

async function pendingProposal() {
  const world = await createTestWorld();
  const envelope = sampleEnvelope(world.queue.slug);
  const res = await postProposal(world.apiKey, envelope);
  expect(res.status).toBe(201);
  return { world, envelope, id: res.body.id as string, digest: res.body.digest as string };
}

/** Everything an edit could touch, to prove a refusal changed nothing. */
async function snapshot(id: string) {
  const p = await db.proposal.findUniqueOrThrow({
    where: { id },
    select: { status: true, version: true, plan: true, decidedAt: true, decidedBatchId: true },
  });
  return {
    ...p,
    versions: await db.proposalVersion.count({ where: { proposalId: id } }),
    receipts: (await db.receipt.findMany({ where: { proposalId: id }, orderBy: { seq: "asc" }, select: { kind: true } })).map((r) => r.kind),
    decisions: await db.decision.count({ where: { proposalId: id } }),
  };
}

const editLowerAmountDropRelease = (id: string, version = 1): ApproveWithEditsInput => ({
  id,
  version,
  plan: [
    { index: 0, args: { invoice: "INV-2291" } },
    { index: 1, args: { bill_id: "bill_789", amount: "10000.00" } },
  ],
  reason: "Pay the agreed partial amount only",
});

describe("approveWithEdits", () => {
  it("approves an edited plan: new version and digest, version 1 kept, receipts edited then approved, agent sees the approved plan", async () => {
    const { world, envelope, id, digest } = await pendingProposal();
    const dana = await createTestUser("approver", "Dana Ops");
    const result = await approveWithEdits(dana, editLowerAmountDropRelease(id));

    const expectedPlan = [envelope.plan[0]!, { ...envelope.plan[1]!, args: { bill_id: "bill_789", amount: "10000.00" } }];
    const expectedDigest = digestOf({ ...envelope, plan: expectedPlan });
    expect(result.version).toBe(2);
    expect(result.digest).toBe(expectedDigest);
    expect(result.digest).not.toBe(digest);
    expect(result.previousDigest).toBe(digest);
    const changes = [
      { step: 2, change: "args", before: { bill_id: "bill_789", amount: "12480.00" }, after: { bill_id: "bill_789", amount: "10000.00" } },
      { step: 3, change: "dropped" },
    ];
    expect(result.changes).toEqual(changes);

    const stored = await db.proposal.findUniqueOrThrow({
      where: { id },
      include: { versions: { orderBy: { version: "asc" } }, decisions: true, receipts: { orderBy: { seq: "asc" } } },
    });
    expect(stored.status).toBe("approved");
    expect(stored.version).toBe(2);
    expect(stored.plan).toEqual(expectedPlan);
    expect(stored.digest).toBe(digest); // the digest of what was proposed never changes
    expect(stored.decidedBatchId).toBe(result.batchId);
    expect(stored.versions.map((v) => [v.version, v.digest, v.editedById])).toEqual([
      [1, digest, null],
      [2, expectedDigest, dana.id],
    ]);
    expect(stored.versions[0]!.plan).toEqual(envelope.plan);
    expect(stored.versions[1]!.plan).toEqual(expectedPlan);
    expect(stored.versions[1]!.editSummary).toEqual(changes);

    expect(stored.receipts.map((r) => r.kind)).toEqual(["proposed", "edited", "approved"]);
    const [, edited, approved] = stored.receipts;
    for (const r of [edited!, approved!]) {
      expect(r.actorId).toBe(dana.id);
      expect(r.actor).toMatchObject({ type: "user", name: "Dana Ops", role: "approver" });
      expect(r.digest).toBe(expectedDigest);
      expect(r.batchId).toBe(result.batchId);
    }
    expect(edited!.payload).toMatchObject({ from_version: 1, to_version: 2, previous_digest: digest, digest: expectedDigest, changes });
    expect(approved!.payload).toMatchObject({ outcome: "approved", with_edits: true, previous_digest: digest, digest: expectedDigest, changes });
    expect(approved!.reason).toBe("Pay the agreed partial amount only");

    expect(stored.decisions).toHaveLength(1);
    expect(stored.decisions[0]).toMatchObject({ userId: dana.id, outcome: "approved", digest: expectedDigest, batchId: result.batchId });

    const got = await getProposal(world.apiKey, id);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      id,
      status: "approved",
      digest,
      version: 2,
      approved_digest: expectedDigest,
      approved_plan: expectedPlan,
      decision: { outcome: "approved", with_edits: true, decided_by: { id: dana.id, name: "Dana Ops" }, reason: "Pay the agreed partial amount only" },
    });
  });

  it("the agent's view: version 1 and no approved plan while pending; with_edits false after a plain approval", async () => {
    const { world, envelope, id, digest } = await pendingProposal();
    const pending = await getProposal(world.apiKey, id);
    expect(pending.body.version).toBe(1);
    expect(pending.body).not.toHaveProperty("approved_plan");
    expect(pending.body).not.toHaveProperty("approved_digest");
    await decideProposals(await createTestUser("approver"), { ids: [id], outcome: "approved" });
    const approved = await getProposal(world.apiKey, id);
    expect(approved.body).toMatchObject({ version: 1, approved_digest: digest, approved_plan: envelope.plan, decision: { with_edits: false } });
  });

  it("a viewer is refused and nothing changes", async () => {
    const { id } = await pendingProposal();
    const before = await snapshot(id);
    const vic = await createTestUser("viewer");
    await expect(approveWithEdits(vic, editLowerAmountDropRelease(id))).rejects.toMatchObject({ code: "forbidden" });
    expect(await snapshot(id)).toEqual(before);
  });

  it("a stale version gives a conflict: someone else decided first, or the version moved on", async () => {
    const { id } = await pendingProposal();
    const dana = await createTestUser("approver", "Dana Ops");
    const sam = await createTestUser("approver", "Sam Rivera");
    await decideProposals(dana, { ids: [id], outcome: "approved" });
    const afterDana = await snapshot(id);
    const late = approveWithEdits(sam, editLowerAmountDropRelease(id));
    await expect(late).rejects.toMatchObject({ code: "conflict" });
    await expect(late).rejects.toThrow(/decided or changed by someone else.*approved by Dana Ops/);
    expect(await snapshot(id)).toEqual(afterDana);

    // Edited by someone else meanwhile: the person saw version 1, it is now version 2.
    const second = await pendingProposal();
    await addVersion(second.id);
    const before = await snapshot(second.id);
    await expect(approveWithEdits(sam, editLowerAmountDropRelease(second.id, 1))).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/decided or changed by someone else/),
    });
    expect(await snapshot(second.id)).toEqual(before);
  });

  it("two approvers editing at once: exactly one wins, the other gets the conflict", async () => {
    const { id } = await pendingProposal();
    const [a, b] = await Promise.all([createTestUser("approver", "A"), createTestUser("admin", "B")]);
    const results = await Promise.allSettled([
      approveWithEdits(a, editLowerAmountDropRelease(id)),
      approveWithEdits(b, { id, version: 1, plan: [{ index: 1, args: { bill_id: "bill_789", amount: "1.00" } }] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: "conflict" });
    const s = await snapshot(id);
    expect(s).toMatchObject({ status: "approved", version: 2, versions: 2, decisions: 1, receipts: ["proposed", "edited", "approved"] });
  });

  it("the browser cannot add steps or change a title, tool or scope", async () => {
    const { id, envelope } = await pendingProposal();
    const dana = await createTestUser("approver");
    const before = await snapshot(id);
    const attempts: unknown[] = [
      // extra fields on a step
      { id, version: 1, plan: [{ index: 0, args: {}, tool: "ap.release_payment" }] },
      { id, version: 1, plan: [{ index: 2, args: { payment_id: "x" }, scope: "iam:commit" }] },
      { id, version: 1, plan: [{ index: 0, args: {}, title: "Something else" }] },
      // a whole new step instead of an index
      { id, version: 1, plan: [{ title: "Grant admin", tool: "iam.grant", scope: "ap:commit", args: {} }] },
      // an index past the end, a negative one, a duplicate, a reordering
      { id, version: 1, plan: [{ index: 0, args: {} }, { index: 3, args: {} }] },
      { id, version: 1, plan: [{ index: -1, args: {} }] },
      { id, version: 1, plan: [{ index: 1, args: {} }, { index: 1, args: {} }] },
      { id, version: 1, plan: [{ index: 2, args: {} }, { index: 0, args: {} }] },
      // top-level extras: a status or a claimed decider
      { id, version: 1, plan: [{ index: 0, args: {} }], status: "approved" },
      // no step at all
      { id, version: 1, plan: [] },
    ];
    for (const attempt of attempts) {
      await expect(approveWithEdits(dana, attempt as ApproveWithEditsInput), JSON.stringify(attempt)).rejects.toMatchObject({
        code: "invalid_input",
      });
    }
    expect(await snapshot(id)).toEqual(before);

    // What is kept comes from the stored plan, whatever the args say.
    await approveWithEdits(dana, { id, version: 1, plan: [{ index: 2, args: { payment_id: "pay_draft_12", tool: "iam.grant" } }] });
    const stored = await db.proposal.findUniqueOrThrow({ where: { id } });
    expect(stored.plan).toEqual([{ ...envelope.plan[2]!, args: { payment_id: "pay_draft_12", tool: "iam.grant" } }]);
  });

  it("refuses arguments that are not a JSON object, and an edit that changes nothing", async () => {
    const { id } = await pendingProposal();
    const dana = await createTestUser("approver");
    const before = await snapshot(id);
    for (const args of [[1, 2], "amount=1", null, 42]) {
      await expect(approveWithEdits(dana, { id, version: 1, plan: [{ index: 0, args }] } as unknown as ApproveWithEditsInput)).rejects.toMatchObject({
        code: "invalid_input",
        message: expect.stringContaining("JSON object"),
      });
    }
    // Nested 200,000 deep: a 400 naming the depth (zod's recursive schema would overflow the stack, a 500).
    const deep = JSON.parse(`{"a":${"[".repeat(200_000)}${"]".repeat(200_000)}}`) as Record<string, unknown>;
    await expect(approveWithEdits(dana, { id, version: 1, plan: [{ index: 0, args: deep }] })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("nested deeper than 64 levels"),
    });
    // What an agent's body may not hold, an edit may not either (PostgreSQL's jsonb refuses the first two: a 500).
    for (const [args, says] of [
      [{ memo: "half \ud800 a pair" }, "lone surrogate"],
      [{ memo: "nul \u0000 here" }, "NUL character"],
      [{ amount: 2 ** 60 }, "beyond 2^53"],
      // The key rule intake applies at any depth: a key that reads like another, or one JavaScript treats specially.
      [{ payee: { ["acct\u200b"]: "x" } }, "U+200B"],
      [JSON.parse('{"meta":{"__proto__":{"admin":true}}}') as Record<string, unknown>, "reserved name"],
    ] as const) {
      await expect(approveWithEdits(dana, { id, version: 1, plan: [{ index: 0, args }] })).rejects.toMatchObject({ code: "invalid_input", message: expect.stringContaining(says) });
    }
    const unchanged = sampleEnvelope("x").plan.map((s, index) => ({ index, args: s.args }));
    await expect(approveWithEdits(dana, { id, version: 1, plan: unchanged })).rejects.toMatchObject({ code: "no_changes" });
    expect(await snapshot(id)).toEqual(before);
  });

  it("refuses an expired or unknown proposal", async () => {
    const { id } = await pendingProposal();
    const dana = await createTestUser("approver");
    await db.proposal.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await snapshot(id);
    await expect(approveWithEdits(dana, editLowerAmountDropRelease(id))).rejects.toMatchObject({ code: "expired" });
    expect(await snapshot(id)).toEqual(before);
    await expect(approveWithEdits(dana, editLowerAmountDropRelease("no-such-id"))).rejects.toMatchObject({ code: "not_found" });
  });

  it("quorum: edit-and-approve is the first of two approvals; once an approval exists, editing is refused", async () => {
    const world = await createTestWorld();
    const post = async () => (await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { risk: "critical" }))).body.id as string;
    const [a, b] = [await post(), await post()];
    const [dana, sam] = [await createTestUser("approver", "Dana"), await createTestUser("approver", "Sam")];

    const edited = await approveWithEdits(dana, editLowerAmountDropRelease(a));
    expect(edited).toMatchObject({ version: 2, approvals: 1, requiredApprovals: 2 });
    expect(await db.proposal.findUniqueOrThrow({ where: { id: a }, select: { status: true, approvalCount: true } })).toEqual({ status: "pending", approvalCount: 1 });
    expect((await snapshot(a)).receipts).toEqual(["proposed", "edited", "approval"]);
    const done = await decideProposals(sam, { ids: [a], outcome: "approved" });
    expect(done.decided).toHaveLength(1);
    const decisions = await db.decision.findMany({ where: { proposalId: a }, select: { digest: true } });
    expect(new Set(decisions.map((d) => d.digest))).toEqual(new Set([edited.digest]));

    await decideProposals(dana, { ids: [b], outcome: "approved" });
    const before = await snapshot(b);
    await expect(approveWithEdits(sam, editLowerAmountDropRelease(b))).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/1 of 2 approvals/) });
    expect(await snapshot(b)).toEqual(before);
  });

  it("quorum: a second approver's vote never lands on a version they did not review", async () => {
    const world = await createTestWorld();
    const id = (await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { risk: "critical" }))).body.id as string;
    const [dana, sam] = [await createTestUser("approver", "Dana"), await createTestUser("approver", "Sam")];
    // Sam opens version 1; meanwhile Dana edits and approves, making version 2.
    await approveWithEdits(dana, editLowerAmountDropRelease(id));
    const stale = await decideProposals(sam, { ids: [id], outcome: "approved", versions: { [id]: 1 } });
    expect(stale.decided).toEqual([]);
    expect(stale.skipped).toEqual([{ id, title: expect.any(String), reason: "changed", message: expect.stringMatching(/version 2 is now in force/) }]);
    expect(await db.proposal.findUniqueOrThrow({ where: { id }, select: { status: true, approvalCount: true } })).toEqual({ status: "pending", approvalCount: 1 });
    const fresh = await decideProposals(sam, { ids: [id], outcome: "approved", versions: { [id]: 2 } });
    expect(fresh.decided).toHaveLength(1);
  });
});
