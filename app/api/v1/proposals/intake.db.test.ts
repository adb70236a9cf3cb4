// The agent API of contract section 3, against a real database (SQLite, and
// PostgreSQL when configured): every success and error row of the table.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { revokeAgent } from "@/lib/agents/revoke-agent";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { digestOf } from "@/lib/base/canonical-json";

async function proposalCount(agentId: string) {
  return db.proposal.count({ where: { agentId } });
}

describe("POST /api/v1/proposals", () => {
  it("records a commit proposal as pending, with tier, digest, url, version and receipt", async () => {
    const world = await createTestWorld();
    const envelope = sampleEnvelope(world.queue.slug);
    const res = await postProposal(world.apiKey, envelope);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      status: "pending",
      tier: "commit",
      digest: digestOf(envelope),
      url: `http://countersign.test/proposals/${res.body.id}`,
    });
    const stored = await db.proposal.findUniqueOrThrow({
      where: { id: res.body.id },
      include: { versions: true, receipts: true },
    });
    expect(stored.agentId).toBe(world.agent.id);
    expect(stored.queueId).toBe(world.queue.id);
    expect(stored.actorEmail).toBe("ops@company.com");
    expect(stored.agentModel).toBe("gpt-4.1");
    expect(stored.risk).toBe("high");
    expect(stored.plan).toEqual(envelope.plan);
    expect(stored.envelope).toEqual(envelope);
    expect(stored.versions).toHaveLength(1);
    expect(stored.versions[0]!.digest).toBe(res.body.digest);
    expect(stored.receipts.map((r) => r.kind)).toEqual(["proposed"]);
    expect(stored.receipts[0]!.actorId).toBe(world.agent.id);

    const got = await getProposal(world.apiKey, res.body.id);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: res.body.id, status: "pending", tier: "commit", digest: res.body.digest, decision: null });
    expect(new Date(got.body.created_at).toISOString()).toBe(got.body.created_at);
  });

  it("approves read and write:draft proposals by policy at once, with a policy receipt", async () => {
    const world = await createTestWorld(["ap:read", "ap:write:draft"]);
    for (const [scope, tier] of [["ap:read", "read"], ["ap:write:draft", "write:draft"]] as const) {
      const envelope = sampleEnvelope(world.queue.slug, {
        scopes: [scope],
        plan: [{ title: "Step", tool: "ap.tool", scope, args: {} }],
      });
      const res = await postProposal(world.apiKey, envelope);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: "approved", tier });
      const got = await getProposal(world.apiKey, res.body.id);
      expect(got.body.decision).toMatchObject({ outcome: "approved", decided_by: null, decided_by_policy: "auto-approve-read-and-drafts" });
      const kinds = (await db.receipt.findMany({ where: { proposalId: res.body.id }, orderBy: { seq: "asc" } })).map((r) => r.kind);
      expect(kinds).toEqual(["proposed", "auto_approved"]);
    }
  });

  it("computes the tier from plan steps too and ignores the order of scopes", async () => {
    const world = await createTestWorld();
    const res = await postProposal(
      world.apiKey,
      sampleEnvelope(world.queue.slug, {
        scopes: ["ap:commit", "ap:read"],
        plan: [{ title: "Read", tool: "ap.read", scope: "ap:read", args: {} }],
      }),
    );
    expect(res.body.tier).toBe("commit");
  });

  it("400 invalid_envelope names the path of every problem and stores nothing", async () => {
    const world = await createTestWorld();
    const { title: _t, plan: _p, ...rest } = sampleEnvelope(world.queue.slug);
    const res = await postProposal(world.apiKey, { ...rest, status: "approved", agent: { id: "someone-else" }, scopes: ["ap:commit", "AP:root"] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_envelope");
    const paths = res.body.error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(["agent.id", "plan", "scopes[1]", "status", "title"]);
    expect(await proposalCount(world.agent.id)).toBe(0);
  });

  it("400 for malformed JSON, a non-object body and an unknown queue", async () => {
    const world = await createTestWorld();
    const broken = await postProposal(world.apiKey, '{"queue": ');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("invalid_envelope");
    const array = await postProposal(world.apiKey, "[1,2]");
    expect(array.status).toBe(400);
    const unknownQueue = await postProposal(world.apiKey, sampleEnvelope("no-such-queue"));
    expect(unknownQueue.status).toBe(400);
    expect(unknownQueue.body.error.issues).toEqual([{ path: "queue", message: expect.stringContaining("no-such-queue") }]);
    expect(await proposalCount(world.agent.id)).toBe(0);
  });

  it("400 when a plan step's scope is not one of the proposal's scopes", async () => {
    const world = await createTestWorld();
    const res = await postProposal(
      world.apiKey,
      sampleEnvelope(world.queue.slug, { scopes: ["ap:read"], plan: [{ title: "Pay", tool: "ap.pay", scope: "ap:commit", args: {} }] }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe("plan[0].scope");
  });

  it("401 unauthenticated without a key, with an unknown key, and with a revoked key", async () => {
    const world = await createTestWorld();
    const envelope = sampleEnvelope(world.queue.slug);
    expect((await postProposal(null, envelope)).body.error.code).toBe("unauthenticated");
    const unknown = await postProposal("cs_not-a-real-key", envelope);
    expect(unknown.status).toBe(401);
    const first = await postProposal(world.apiKey, envelope);
    expect(first.status).toBe(201);
    await revokeAgent(world.agent.name);
    const revoked = await postProposal(world.apiKey, envelope);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe("unauthenticated");
    expect((await getProposal(world.apiKey, first.body.id)).status).toBe(401);
    expect(await proposalCount(world.agent.id)).toBe(1);
  });

  it("403 scope_not_granted refuses the whole proposal (fail closed)", async () => {
    const world = await createTestWorld(["ap:read", "ap:write:draft"]);
    const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "scope_not_granted", scopes: ["ap:commit"], policies: ["scopes-within-grant"] });
    expect(res.body.error.message).toContain("ap:commit");
    expect(await proposalCount(world.agent.id)).toBe(0);
  });

  it("413 payload_too_large over 1 MiB, with or without a Content-Length", async () => {
    const world = await createTestWorld();
    const big = sampleEnvelope(world.queue.slug, { inputs: { blob: "x".repeat(1024 * 1024) } });
    const res = await postProposal(world.apiKey, big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify(big)));
        controller.close();
      },
    });
    const { POST } = await import("@/app/api/v1/proposals/route");
    const chunked = await POST(
      new Request("http://countersign.test/api/v1/proposals", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${world.apiKey}` },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(chunked.status).toBe(413);
    expect(await proposalCount(world.agent.id)).toBe(0);
  });

  it("415 unsupported_media_type for a body that is not JSON", async () => {
    const world = await createTestWorld();
    const res = await postProposal(world.apiKey, JSON.stringify(sampleEnvelope(world.queue.slug)), { "content-type": "text/plain" });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe("unsupported_media_type");
  });

  it("replays the first response with 200 for the same Idempotency-Key and body", async () => {
    const world = await createTestWorld();
    const envelope = sampleEnvelope(world.queue.slug);
    const first = await postProposal(world.apiKey, envelope, { "idempotency-key": "retry-1" });
    expect(first.status).toBe(201);
    // The same JSON with keys in another order is the same body (same canonical digest).
    const reordered = Object.fromEntries(Object.entries(envelope).reverse());
    const replay = await postProposal(world.apiKey, reordered, { "idempotency-key": "retry-1" });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(await proposalCount(world.agent.id)).toBe(1);
  });

  it("422 idempotency_key_reused for the same key with another body; keys are per agent", async () => {
    const world = await createTestWorld();
    const other = await createTestWorld();
    const first = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug), { "idempotency-key": "k" });
    expect(first.status).toBe(201);
    const changed = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: "Another" }), { "idempotency-key": "k" });
    expect(changed.status).toBe(422);
    expect(changed.body.error.code).toBe("idempotency_key_reused");
    const otherAgent = await postProposal(other.apiKey, sampleEnvelope(other.queue.slug), { "idempotency-key": "k" });
    expect(otherAgent.status).toBe(201);
    expect(await proposalCount(world.agent.id)).toBe(1);
  });

  it("twenty concurrent requests with one key create exactly one proposal", async () => {
    const world = await createTestWorld();
    const envelope = sampleEnvelope(world.queue.slug);
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => postProposal(world.apiKey, envelope, { "idempotency-key": "burst" })),
    );
    expect(replies.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
    expect(replies.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(await proposalCount(world.agent.id)).toBe(1);
    expect(await db.receipt.count({ where: { proposalId: replies[0]!.body.id } })).toBe(1);
  });

  it("400 for a malformed Idempotency-Key", async () => {
    const world = await createTestWorld();
    const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug), { "idempotency-key": "x".repeat(201) });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe("header:Idempotency-Key");
  });
});

describe("GET /api/v1/proposals/{id}", () => {
  it("404 not_found for another agent's proposal and for an unknown id", async () => {
    const owner = await createTestWorld();
    const stranger = await createTestWorld();
    const created = await postProposal(owner.apiKey, sampleEnvelope(owner.queue.slug));
    const res = await getProposal(stranger.apiKey, created.body.id);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect((await getProposal(owner.apiKey, "00000000-0000-0000-0000-000000000000")).status).toBe(404);
    expect((await getProposal(owner.apiKey, created.body.id)).status).toBe(200);
  });

  it("reports a pending proposal past its expiry as expired", async () => {
    const world = await createTestWorld();
    const created = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
    await db.proposal.update({ where: { id: created.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await getProposal(world.apiKey, created.body.id)).body.status).toBe("expired");
  });

  it("shows a person's decision with who decided, when and why", async () => {
    const world = await createTestWorld();
    const created = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
    await db.$transaction([
      db.decision.create({
        data: { proposalId: created.body.id, userId: world.sponsor.id, outcome: "rejected", reason: "Wrong vendor", digest: created.body.digest },
      }),
      db.proposal.update({ where: { id: created.body.id }, data: { status: "rejected", decidedAt: new Date() } }),
    ]);
    const got = await getProposal(world.apiKey, created.body.id);
    expect(got.body.status).toBe("rejected");
    expect(got.body.decision).toMatchObject({
      outcome: "rejected",
      reason: "Wrong vendor",
      decided_by: { id: world.sponsor.id, email: world.sponsor.email, name: "Test Sponsor" },
    });
  });
});
