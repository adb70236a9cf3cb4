// Exactly once (issue 4, point 7): many concurrent decisions on one proposal,
// by different approvers and by one approver in several sessions, in one
// process and across two processes sharing the database, always end with
// exactly one decision, or exactly the quorum.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { databaseTarget, db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

const run = promisify(execFile);

async function pendingProposal(risk: "high" | "critical" = "high"): Promise<string> {
  const world = await createTestWorld();
  const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { risk }));
  expect(res.status).toBe(201);
  expect(res.body.status).toBe("pending");
  return res.body.id;
}

async function approvers(count: number): Promise<CurrentUser[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => createTestUser("approver", `Racer ${i}`)));
}

async function outcomeOf(id: string) {
  const [proposal, decisions, receipts] = await Promise.all([
    db.proposal.findUniqueOrThrow({ where: { id }, select: { status: true, approvalCount: true, decidedBatchId: true } }),
    db.decision.findMany({ where: { proposalId: id }, select: { userId: true, outcome: true } }),
    db.receipt.findMany({ where: { proposalId: id, kind: { in: ["approved", "rejected", "approval"] } }, select: { kind: true, actorId: true } }),
  ]);
  return { proposal, decisions, receipts };
}

function race(users: CurrentUser[], id: string, outcome: (i: number) => "approved" | "rejected" = () => "approved") {
  return Promise.all(users.map((user, i) => decideProposals(user, { ids: [id], outcome: outcome(i), reason: outcome(i) === "rejected" ? "race" : undefined })));
}

describe("concurrent decisions on one proposal", () => {
  for (const n of [2, 10, 50]) {
    it(`${n} different approvers at once: exactly one decision and one receipt`, async () => {
      const id = await pendingProposal();
      const results = await race(await approvers(n), id, (i) => (i % 3 === 2 ? "rejected" : "approved"));
      const winners = results.filter((r) => r.decided.length === 1);
      expect(winners).toHaveLength(1);
      for (const loser of results.filter((r) => r.decided.length === 0)) expect(loser.skipped[0]?.reason).toBe("already_decided");
      const { proposal, decisions, receipts } = await outcomeOf(id);
      expect(decisions).toHaveLength(1);
      expect(receipts).toHaveLength(1);
      expect(proposal.status).toBe(winners[0]!.outcome);
      expect(proposal.decidedBatchId).toBe(winners[0]!.batchId);
    });

    it(`one approver in ${n} sessions at once: exactly one decision`, async () => {
      const id = await pendingProposal();
      const [dana] = await approvers(1);
      const results = await race(Array.from({ length: n }, () => dana!), id);
      expect(results.filter((r) => r.decided.length === 1)).toHaveLength(1);
      const { proposal, decisions, receipts } = await outcomeOf(id);
      expect(proposal.status).toBe("approved");
      expect(decisions).toHaveLength(1);
      expect(receipts).toHaveLength(1);
    });

    it(`quorum of 2 with ${n} approvers at once: exactly two approvals, then approved`, async () => {
      const id = await pendingProposal("critical");
      const results = await race(await approvers(n), id);
      const { proposal, decisions, receipts } = await outcomeOf(id);
      expect(proposal.status).toBe("approved");
      expect(proposal.approvalCount).toBe(2);
      expect(decisions).toHaveLength(2);
      expect(new Set(decisions.map((d) => d.userId)).size).toBe(2);
      expect(receipts.map((r) => r.kind).sort()).toEqual(["approval", "approved"]);
      expect(results.reduce((sum, r) => sum + r.decided.length, 0)).toBe(1);
      expect(results.reduce((sum, r) => sum + r.recorded.length, 0)).toBe(1);
    });
  }

  it("quorum: one approver in 10 sessions counts once and the proposal stays pending", async () => {
    const id = await pendingProposal("critical");
    const [dana] = await approvers(1);
    const results = await race(Array.from({ length: 10 }, () => dana!), id);
    expect(results.reduce((sum, r) => sum + r.recorded.length, 0)).toBe(1);
    expect(results.filter((r) => r.skipped[0]?.reason === "already_voted")).toHaveLength(9);
    const { proposal, decisions } = await outcomeOf(id);
    expect(proposal).toMatchObject({ status: "pending", approvalCount: 1 });
    expect(decisions).toHaveLength(1);
  });

  // Several app instances means PostgreSQL (README): SQLite is one machine, one app process.
  it.runIf(databaseTarget.provider === "postgresql")("two app instances (separate processes) on one PostgreSQL racing 50 decisions: exactly one decision", async () => {
    const id = await pendingProposal();
    const users = await approvers(50);
    const child = (part: CurrentUser[]) =>
      run("npx", ["tsx", "--conditions=react-server", "test-support/decide-in-child.ts", JSON.stringify({ proposalId: id, outcome: "approved", users: part })], {
        env: { ...process.env, LOG_LEVEL: "silent" },
        timeout: 120_000,
      }).then(({ stdout }) => JSON.parse(stdout.trim().split("\n").at(-1)!) as { decided: number; recorded: number; errors: string[] });
    const [a, b] = await Promise.all([child(users.slice(0, 25)), child(users.slice(25))]);
    expect([...a.errors, ...b.errors]).toEqual([]);
    expect(a.decided + b.decided).toBe(1);
    const { proposal, decisions, receipts } = await outcomeOf(id);
    expect(proposal.status).toBe("approved");
    expect(decisions).toHaveLength(1);
    expect(receipts).toHaveLength(1);
  }, 180_000);
});
