// Execution reports on a real database: once, only for approved (or revoked:
// recorded and flagged) proposals, only by the proposing agent; a digest mismatch is recorded and flagged; the
// receipt is written with the change.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal, type ApiReply } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import { revokeApproval } from "@/lib/containment/revoke-approval";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { getExecutionView } from "@/lib/executions/get-execution";
import { listQueue } from "@/lib/proposals/list-queue";
import { parseQueueFilters } from "@/lib/proposals/queue-filters";
import { POST as reportRoute } from "@/app/api/v1/proposals/[id]/executions/route";

async function report(apiKey: string | null, id: string, body: unknown): Promise<ApiReply> {
  const response = await reportRoute(
    new Request(`http://countersign.test/api/v1/proposals/${id}/executions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ id }) },
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

async function proposal(approve: boolean) {
  const world = await createTestWorld();
  const posted = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
  expect(posted.status).toBe(201);
  if (approve) {
    const approver = await createTestUser("approver");
    expect((await decideProposals(approver, { ids: [posted.body.id], outcome: "approved" })).decided).toHaveLength(1);
  }
  const view = await getProposal(world.apiKey, posted.body.id);
  return { world, id: posted.body.id as string, approvedDigest: view.body.approved_digest as string | undefined };
}

describe("POST /api/v1/proposals/{id}/executions", () => {
  it("records an execution: 201, status executed, Execution row, receipt, and the agent's GET shows it without a token", async () => {
    const { world, id, approvedDigest } = await proposal(true);
    const res = await report(world.apiKey, id, { outcome: "executed", digest: approvedDigest, result: { payment: "pay_12", amount: "12480.00" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ proposal_id: id, status: "executed", digest_matches: true, digest: approvedDigest, approved_digest: approvedDigest });

    const stored = await db.proposal.findUniqueOrThrow({ where: { id }, include: { execution: true, receipts: { orderBy: { seq: "asc" } } } });
    expect(stored.status).toBe("executed");
    expect(stored.execution).toMatchObject({ id: res.body.id, outcome: "executed", digest: approvedDigest, digestMatches: true, agentId: world.agent.id });
    expect(stored.execution!.result).toEqual({ payment: "pay_12", amount: "12480.00" });
    const receipt = stored.receipts.at(-1)!;
    expect(receipt).toMatchObject({ kind: "executed", actorType: "agent", actorId: world.agent.id, digest: approvedDigest });
    expect(receipt.payload).toMatchObject({
      outcome: "executed",
      digest_reported: approvedDigest,
      approved_digest: approvedDigest,
      digest_matches: true,
      result_summary: '{"payment":"pay_12","amount":"12480.00"}',
    });

    const view = await getProposal(world.apiKey, id);
    expect(view.body.status).toBe("executed");
    expect(view.body).not.toHaveProperty("approval_token");
    expect(view.body.execution).toMatchObject({ outcome: "executed", digest: approvedDigest, digest_matches: true });
  });

  it("refuses a second report with 409 already_reported and changes nothing", async () => {
    const { world, id, approvedDigest } = await proposal(true);
    expect((await report(world.apiKey, id, { outcome: "failed", digest: approvedDigest, result: "timeout" })).status).toBe(201);
    const again = await report(world.apiKey, id, { outcome: "executed", digest: approvedDigest });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "already_reported" } } });
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("failed");
    expect(await db.receipt.count({ where: { proposalId: id, kind: { in: ["executed", "failed"] } } })).toBe(1);
  });

  it("lets exactly one of two concurrent reports win", async () => {
    const { world, id, approvedDigest } = await proposal(true);
    const results = await Promise.all([
      report(world.apiKey, id, { outcome: "executed", digest: approvedDigest }),
      report(world.apiKey, id, { outcome: "failed", digest: approvedDigest }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await db.execution.count({ where: { proposalId: id } })).toBe(1);
  });

  it("refuses a pending proposal (409 not_approved)", async () => {
    const { world, id } = await proposal(false);
    const digest = (await db.proposal.findUniqueOrThrow({ where: { id } })).digest;
    const pending = await report(world.apiKey, id, { outcome: "executed", digest });
    expect(pending).toMatchObject({ status: 409, body: { error: { code: "not_approved" } } });
    expect(pending.body.error.message).toMatch(/pending/);
    expect(await db.execution.count({ where: { proposalId: id } })).toBe(0);
  });

  it("records a report for a revoked proposal: Execution row and receipt, status stays revoked, flagged, once only", async () => {
    const approved = await proposal(true);
    await revokeApproval(CLI_CALLER, { proposalId: approved.id, reason: "Vendor flagged" });
    const res = await report(approved.world.apiKey, approved.id, { outcome: "executed", digest: approved.approvedDigest, result: { payment: "pay_12" } });
    expect(res).toMatchObject({ status: 201, body: { status: "executed", digest_matches: true, after_revocation: true } });
    const stored = await db.proposal.findUniqueOrThrow({ where: { id: approved.id }, include: { execution: true } });
    expect(stored.status).toBe("revoked");
    expect(stored.execution).toMatchObject({ outcome: "executed", digest: approved.approvedDigest });
    const receipt = await db.receipt.findFirstOrThrow({ where: { proposalId: approved.id, kind: "executed" } });
    expect(receipt.payload).toMatchObject({ after_revocation: true, digest_matches: true });
    const view = await getExecutionView({ id: approved.id, status: stored.status, decidedAt: stored.decidedAt?.toISOString() ?? null });
    expect(view.flag).toBe("executed_after_revocation");
    const agentView = await getProposal(approved.world.apiKey, approved.id);
    expect(agentView.body).toMatchObject({ status: "revoked", execution: { outcome: "executed" } });
    expect(agentView.body).not.toHaveProperty("approval_token");

    const again = await report(approved.world.apiKey, approved.id, { outcome: "failed", digest: approved.approvedDigest });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "already_reported" } } });
    expect(await db.execution.count({ where: { proposalId: approved.id } })).toBe(1);
  });

  it("answers 404 for another agent's proposal, and 401 without a key", async () => {
    const { id, approvedDigest } = await proposal(true);
    const stranger = await createTestWorld();
    expect(await report(stranger.apiKey, id, { outcome: "executed", digest: approvedDigest })).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect((await report(null, id, { outcome: "executed", digest: approvedDigest })).status).toBe(401);
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("approved");
  });

  it("records and flags an execution whose digest differs from the approved one", async () => {
    const { world, id, approvedDigest } = await proposal(true);
    const other = approvedDigest!.slice(0, -1) + (approvedDigest!.endsWith("0") ? "1" : "0");
    const res = await report(world.apiKey, id, { outcome: "executed", digest: other });
    expect(res).toMatchObject({ status: 201, body: { digest_matches: false, digest: other, approved_digest: approvedDigest } });
    expect((await db.execution.findUniqueOrThrow({ where: { proposalId: id } })).digestMatches).toBe(false);
    const receipt = await db.receipt.findFirstOrThrow({ where: { proposalId: id, kind: "executed" } });
    expect(receipt.payload).toMatchObject({ digest_matches: false, digest_reported: other, approved_digest: approvedDigest });
  });

  it("records a stale report (the target changed, nothing done): the proposal fails, the execution says stale, the queue flags it", async () => {
    const world = await createTestWorld();
    const envelope = sampleEnvelope(world.queue.slug);
    // The version the agent read when it proposed; it found another one before executing.
    (envelope.changes![0]!.target as { version?: string }).version = "etag-41";
    const posted = await postProposal(world.apiKey, envelope);
    expect(posted.status).toBe(201);
    await decideProposals(await createTestUser("approver"), { ids: [posted.body.id], outcome: "approved" });
    const id = posted.body.id as string;
    const approvedDigest = (await getProposal(world.apiKey, id)).body.approved_digest as string;
    // Stored with the proposal (and covered by its digest), shown on the proposal page.
    const changes = (await db.proposal.findUniqueOrThrow({ where: { id }, select: { changes: true } })).changes as { target: { version?: string } }[];
    expect(changes[0]!.target.version).toBe("etag-41");

    const res = await report(world.apiKey, id, { outcome: "stale", digest: approvedDigest, result: { found_version: "etag-42" } });
    expect(res).toMatchObject({ status: 201, body: { status: "failed", stale: true, digest_matches: true } });
    const stored = await db.proposal.findUniqueOrThrow({ where: { id }, include: { execution: true } });
    expect(stored.status).toBe("failed");
    expect(stored.execution!.outcome).toBe("stale");
    const receipt = await db.receipt.findFirstOrThrow({ where: { proposalId: id, kind: "failed" } });
    expect(receipt.payload).toMatchObject({ outcome: "stale", result_summary: '{"found_version":"etag-42"}' });
    expect((await getExecutionView({ id, status: "failed", decidedAt: null })).flag).toBe("stale_target");
    const flagged = await listQueue(parseQueueFilters({ status: "all", flag: "stale_target" }), null);
    expect(flagged.rows.map((r) => r.id)).toContain(id);
    expect(flagged.rows.every((r) => r.executionFlag === "stale_target")).toBe(true);
    // Once only, like any report.
    expect((await report(world.apiKey, id, { outcome: "executed", digest: approvedDigest })).status).toBe(409);
  });

  it("validates the body: 400 invalid_body naming each field", async () => {
    const { world, id } = await proposal(true);
    const res = await report(world.apiKey, id, { outcome: "done", digest: "abc", extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_body");
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["digest", "extra", "outcome"]);
    // Just over the result limit: a validation error naming the field; far over: the body itself is refused.
    const big = await report(world.apiKey, id, { outcome: "executed", digest: "a".repeat(64), result: "x".repeat(66_000) });
    expect(big.status).toBe(400);
    expect(big.body.error.issues[0].path).toBe("result");
    const huge = await report(world.apiKey, id, { outcome: "executed", digest: "a".repeat(64), result: "x".repeat(200_000) });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
    expect((await report(world.apiKey, id, "{")).body.error.code).toBe("invalid_body");
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("approved");
  });
});
