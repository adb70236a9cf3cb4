// Standing approvals (issue 14, part 2): an admin's grant approves matching
// proposals at intake, named as the decider, within its limits, and nothing
// else; changes and revocations hold from the next request; the limits hold
// under 50 concurrent intakes (one group commit) and 50 concurrent
// transactions (PostgreSQL's row lock, SQLite's one writer).
import { describe, expect, it, onTestFinished } from "vitest";
import { db } from "@/lib/db/client";
import type { Envelope } from "@/lib/proposals/envelope";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import { changeStandingApproval, grantStandingApproval, revokeStandingApproval } from "@/lib/standing-approvals/manage-standing-approvals";
import { listStandingApprovals } from "@/lib/standing-approvals/list-standing-approvals";
import { consumeStandingApproval } from "@/lib/standing-approvals/consume-standing-approval";
import type { StandingApprovalInput } from "@/lib/standing-approvals/standing-approval-input";
import { authenticateAgent } from "@/lib/agents/authenticate-agent";

type World = Awaited<ReturnType<typeof createTestWorld>>;

const inAWeek = () => new Date(Date.now() + 7 * 86400_000);

function payment(world: World, args: Record<string, string | number>, overrides: Partial<Envelope> = {}): Envelope {
  return sampleEnvelope(world.queue.slug, {
    scopes: ["ap:read", "ap:commit"],
    plan: [
      { title: "Look up the bill", tool: "ap.read_bill", scope: "ap:read", args: { bill: "b1" } },
      { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args },
    ],
    ...overrides,
  });
}

function form(world: World, overrides: Partial<StandingApprovalInput> = {}): StandingApprovalInput {
  return {
    agentId: world.agent.id,
    queue: world.queue.slug,
    tool: "ap.release_payment",
    constraints: [
      { arg: "currency", op: "equals", value: "EUR" },
      { arg: "vendor", op: "one_of", value: ["acme", "globex"] },
      { arg: "amount", op: "at_most", value: "500" },
    ],
    limitPeriod: "total",
    maxCount: 100,
    maxAmount: null,
    amountArg: null,
    expiresAt: inAWeek(),
    reason: "Recurring small vendor payments, reviewed monthly",
    ...overrides,
  };
}

const good = { currency: "EUR", vendor: "acme", amount: 120 };

async function receiptsOf(id: string) {
  return db.receipt.findMany({ where: { proposalId: id }, orderBy: { seq: "asc" }, select: { kind: true, actorId: true, payload: true } });
}

describe("standing approvals", () => {
  it("grants a Cedar policy with a receipt; a matching proposal is approved by it, named as the decider", async () => {
    const world = await createTestWorld();
    const { id, policyText } = await grantStandingApproval(CLI_CALLER, form(world));
    expect(policyText).toContain(`@id("standing-approval:${id}")`);
    expect(policyText).toContain(`principal == Agent::"${world.agent.id}"`);
    expect(policyText).toContain(`context.numbers["amount"].lessThanOrEqual(decimal("500.0"))`);
    const granted = (await db.receipt.findMany({ where: { kind: "standing_approval_granted" } })).find((r) => (r.payload as { standing_approval_id: string }).standing_approval_id === id);
    expect(granted?.reason).toBe("Recurring small vendor payments, reviewed monthly");

    const res = await postProposal(world.apiKey, payment(world, good));
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("approved");
    const receipts = await receiptsOf(res.body.id);
    expect(receipts.map((r) => r.kind)).toEqual(["proposed", "auto_approved"]);
    expect(receipts[1]!.payload).toMatchObject({ decided_by_standing_approval: id, policies: [`standing-approval:${id}`] });
    expect(receipts[1]!.actorId).toBe(`standing-approval:${id}`);
    // The agent hears who decided.
    const seen = await getProposal(world.apiKey, res.body.id);
    expect(seen.body.decision).toMatchObject({ outcome: "approved", decided_by: null, decided_by_standing_approval: id });
    const [view] = (await listStandingApprovals(CLI_CALLER)).filter((v) => v.id === id);
    expect(view).toMatchObject({ usedCount: 1, state: "active" });
  });

  it("leaves every non-matching proposal to people: each constraint, another tool, another agent, another queue", async () => {
    const world = await createTestWorld();
    const other = await createTestWorld();
    await grantStandingApproval(CLI_CALLER, form(world));
    const misses: Envelope[] = [
      payment(world, { ...good, currency: "USD" }), // equals
      payment(world, { ...good, vendor: "initech" }), // one of
      payment(world, { ...good, amount: 500.01 }), // at most
      payment(world, { ...good, amount: "lots" }), // at most, not a number
      payment(world, { currency: "EUR", vendor: "acme" }), // a constrained argument missing
      sampleEnvelope(world.queue.slug), // other tools in the plan
    ];
    for (const envelope of misses) {
      const res = await postProposal(world.apiKey, envelope);
      expect(res.status).toBe(201);
      expect(res.body.status).toBe("pending");
    }
    // The boundary itself matches (at most is inclusive; a numeric string counts as the number).
    expect((await postProposal(world.apiKey, payment(world, { ...good, amount: "500.00" }))).body.status).toBe("approved");
    // Another agent's proposal on the other queue is not covered.
    expect((await postProposal(other.apiKey, payment(other, good))).body.status).toBe("pending");
  });

  it("stops at expiry and after a revocation, from the next request on; a change takes effect at once", async () => {
    const world = await createTestWorld();
    const admin = await createTestUser("admin", "Standing Admin");
    const { id } = await grantStandingApproval(admin, form(world));
    expect((await postProposal(world.apiKey, payment(world, good))).body.status).toBe("approved");

    await changeStandingApproval(admin, id, form(world, { constraints: [{ arg: "amount", op: "at_most", value: "100" }] }));
    expect((await postProposal(world.apiKey, payment(world, good))).body.status).toBe("pending"); // 120 > 100 now
    expect((await postProposal(world.apiKey, payment(world, { ...good, amount: 99 }))).body.status).toBe("approved");

    await revokeStandingApproval(admin, { id, reason: "vendor under review" });
    expect((await postProposal(world.apiKey, payment(world, { ...good, amount: 99 }))).body.status).toBe("pending");
    const kinds = (await db.receipt.findMany({ where: { kind: { startsWith: "standing_approval_" } }, select: { kind: true, payload: true }, orderBy: { seq: "asc" } }))
      .filter((r) => (r.payload as { standing_approval_id: string }).standing_approval_id === id)
      .map((r) => r.kind);
    expect(kinds).toEqual(["standing_approval_granted", "standing_approval_changed", "standing_approval_revoked"]);

    const expiring = await createTestWorld();
    const soon = await grantStandingApproval(admin, form(expiring, { expiresAt: new Date(Date.now() + 60_000) }));
    await db.standingApproval.update({ where: { id: soon.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await postProposal(expiring.apiKey, payment(expiring, good))).body.status).toBe("pending");
  });

  it("the key check tells intake whether the agent has a live one (else intake skips the look-up): not revoked, not expired, its own", async () => {
    const world = await createTestWorld();
    const other = await createTestWorld();
    const admin = await createTestUser("admin", "Standing Admin");
    const live = async (apiKey: string) =>
      (await authenticateAgent(new Request("http://countersign.test/api/v1/proposals", { headers: { authorization: `Bearer ${apiKey}` } }))).liveStandingApprovals;
    expect(await live(world.apiKey)).toBe(false);
    const { id } = await grantStandingApproval(admin, form(world));
    expect(await live(world.apiKey)).toBe(true);
    expect(await live(other.apiKey), "another agent's grant is not this one's").toBe(false);
    await revokeStandingApproval(admin, { id, reason: "vendor under review" });
    expect(await live(world.apiKey)).toBe(false);
    const soon = await grantStandingApproval(admin, form(world, { expiresAt: new Date(Date.now() + 60_000) }));
    expect(await live(world.apiKey)).toBe(true);
    await db.standingApproval.update({ where: { id: soon.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await live(world.apiKey)).toBe(false);
  });

  it("refuses a viewer or approver as granter, and a form without a limit", async () => {
    const world = await createTestWorld();
    const approver = await createTestUser("approver", "Not An Admin");
    await expect(grantStandingApproval(approver, form(world))).rejects.toMatchObject({ kind: "forbidden" });
    await expect(grantStandingApproval(CLI_CALLER, form(world, { maxCount: null }))).rejects.toMatchObject({ code: "invalid_standing_approval" });
    await expect(grantStandingApproval(CLI_CALLER, form(world, { maxAmount: 10, amountArg: null }))).rejects.toMatchObject({ code: "invalid_standing_approval" });
  });

  it("a count limit holds under 50 concurrent intakes: exactly the limit is approved", async () => {
    const world = await createTestWorld();
    const { id } = await grantStandingApproval(CLI_CALLER, form(world, { maxCount: 7 }));
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => postProposal(world.apiKey, payment(world, good, { title: `Race ${i}` }))));
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(replies.filter((r) => r.body.status === "approved")).toHaveLength(7);
    expect((await db.standingApproval.findUniqueOrThrow({ where: { id } })).usedCount).toBe(7);
    const approved = await db.receipt.findMany({ where: { kind: "auto_approved", actorId: `standing-approval:${id}` } });
    expect(approved).toHaveLength(7);
  });

  it("a per-day amount limit holds under 50 concurrent intakes", async () => {
    const world = await createTestWorld();
    const { id } = await grantStandingApproval(CLI_CALLER, form(world, { limitPeriod: "day", maxCount: null, maxAmount: 1000, amountArg: "amount" }));
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => postProposal(world.apiKey, payment(world, { ...good, amount: 150 }, { title: `Day ${i}` }))));
    expect(replies.filter((r) => r.body.status === "approved")).toHaveLength(6); // 6 × 150 = 900 ≤ 1000 < 1050
    const row = await db.standingApproval.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ windowCount: 6, windowAmount: 900, usedCount: 6 });
  });

  it("the limit holds across 50 concurrent transactions (not one group): the guarded update, not the group, keeps it", async () => {
    const world = await createTestWorld();
    const { id } = await grantStandingApproval(CLI_CALLER, form(world, { maxCount: 5 }));
    const candidate = { id, revision: 1, reason: "r", policyId: `standing-approval:${id}`, limitPeriod: "total", maxCount: 5, maxAmount: null, amount: 0 };
    const now = new Date();
    const taken = await Promise.all(
      Array.from({ length: 50 }, () => db.$transaction((tx) => consumeStandingApproval(tx, candidate, now), { maxWait: 60_000, timeout: 60_000 })),
    );
    expect(taken.filter(Boolean)).toHaveLength(5);
    expect((await db.standingApproval.findUniqueOrThrow({ where: { id } })).usedCount).toBe(5);

    // Per day: a new day's first uses race to start the counters.
    const daily = await grantStandingApproval(CLI_CALLER, form(world, { limitPeriod: "day", maxCount: 4 }));
    await db.standingApproval.update({ where: { id: daily.id }, data: { windowDay: "2000-01-01", windowCount: 4 } });
    const dayCandidate = { ...candidate, id: daily.id, limitPeriod: "day", maxCount: 4 };
    const dayTaken = await Promise.all(
      Array.from({ length: 50 }, () => db.$transaction((tx) => consumeStandingApproval(tx, dayCandidate, now), { maxWait: 60_000, timeout: 60_000 })),
    );
    expect(dayTaken.filter(Boolean)).toHaveLength(4);
  }, 120_000);

  // Someone who can write to the database plants a grant whose policy text nests deeper than Cedar's
  // WebAssembly stack survives (policy-nesting.ts). Handed to Cedar, it trapped the shared instance and every
  // later intake and decision of the process failed; now it permits nothing and Cedar never sees it.
  it("a grant planted with policy text nested too deep permits nothing, and intake goes on working", async () => {
    const world = await createTestWorld();
    const { id, policyText } = await grantStandingApproval(CLI_CALLER, form(world));
    const deep = policyText.replace("when {", `when { ${"(".repeat(200)}true${")".repeat(200)} && `);
    expect(deep).not.toBe(policyText);
    await db.standingApproval.update({ where: { id }, data: { policyText: deep } });
    // The database tests share one database per run: the planted text is put back when this test is done.
    onTestFinished(() => db.standingApproval.update({ where: { id }, data: { policyText } }).then(() => undefined));

    const planted = await postProposal(world.apiKey, payment(world, good));
    expect(planted.status).toBe(201);
    expect(planted.body.status).toBe("pending");

    const other = await createTestWorld();
    await grantStandingApproval(CLI_CALLER, form(other));
    const next = await postProposal(other.apiKey, payment(other, good));
    expect(next.status).toBe(201);
    expect(next.body.status).toBe("approved");
  });
});

