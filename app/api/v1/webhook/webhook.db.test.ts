// PUT/GET/DELETE /api/v1/webhook through the real route handlers: an agent
// registers, reads and removes its own callback with its API key.
import { describe, expect, it } from "vitest";
import { DELETE, GET, PUT } from "@/app/api/v1/webhook/route";
import { db } from "@/lib/db/client";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { enqueueProposalEvents } from "@/lib/webhooks/enqueue";
import { postProposal } from "@/test-support/agent-api";

type Method = "GET" | "PUT" | "DELETE";
const handlers = { GET, PUT, DELETE };

async function call(method: Method, apiKey: string | null, body?: unknown, contentType = "application/json") {
  const request = new Request("http://countersign.test/api/v1/webhook", {
    method,
    headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...(body !== undefined ? { "content-type": contentType } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await handlers[method](request);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("/api/v1/webhook", () => {
  it("refuses every method without a valid API key (401)", async () => {
    for (const method of ["GET", "PUT", "DELETE"] as const) {
      const res = await call(method, null, method === "PUT" ? { url: "https://agent.example/cb" } : undefined);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthenticated");
      expect((await call(method, "cs_not-a-key")).status).toBe(401);
    }
  });

  it("refuses a bad callback with 400 naming the field, and non-JSON with 415", async () => {
    const { apiKey, agent } = await createTestWorld();
    for (const [url, problem] of [
      ["ftp://agent.example/cb", "must use http or https, not ftp"],
      ["not a url", "must be an absolute URL, e.g. https://agent.example/hooks/countersign"],
      ["javascript:alert(1)", "must use http or https, not javascript"],
      ["https://u:p@agent.example/cb", "must not contain credentials; verify the Countersign-Signature header instead"],
    ]) {
      const res = await call("PUT", apiKey, { url });
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: "invalid_body", message: `The body is not valid: url ${problem}.`, issues: [{ path: "url", message: problem }] });
    }
    expect((await call("PUT", apiKey, {})).body.error.issues).toEqual([{ path: "url", message: "is required" }]);
    expect((await call("PUT", apiKey, { url: "https://agent.example/cb", secret: "mine" })).body.error).toMatchObject({
      code: "invalid_body",
      issues: [{ path: "secret", message: "is not a known field" }],
    });
    expect((await call("PUT", apiKey, "{not json")).body.error.code).toBe("invalid_body");
    expect((await call("PUT", apiKey, "url=https://agent.example/cb", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await call("PUT", apiKey, { url: `https://agent.example/${"a".repeat(20_000)}` })).status).toBe(413);
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).callbackUrl).toBeNull();
  });

  it("registers a callback with a new secret each time, never shows it again, and records receipts", async () => {
    const { apiKey, agent } = await createTestWorld();
    expect(await call("GET", apiKey)).toEqual({ status: 200, body: { url: null } });

    const first = await call("PUT", apiKey, { url: "https://agent.example/hooks/countersign" });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ url: "https://agent.example/hooks/countersign", secret: expect.stringMatching(/^whsec_/) });
    expect(await call("GET", apiKey)).toEqual({ status: 200, body: { url: "https://agent.example/hooks/countersign" } });

    const second = await call("PUT", apiKey, { url: "https://agent.example/v2" });
    expect(second.body.secret).not.toBe(first.body.secret);
    const stored = await db.agent.findUniqueOrThrow({ where: { id: agent.id }, select: { callbackUrl: true, webhookSecret: true } });
    expect(stored).toEqual({ callbackUrl: "https://agent.example/v2", webhookSecret: second.body.secret });

    const receipts = await db.receipt.findMany({ where: { kind: "webhook_registered", actorId: agent.id }, orderBy: { seq: "asc" } });
    expect(receipts.map((r) => (r.payload as { url: string }).url)).toEqual(["https://agent.example/hooks/countersign", "https://agent.example/v2"]);
    expect(receipts[0]!.actor).toMatchObject({ type: "agent", id: agent.id, name: agent.name });
    // The secret is never written to the audit trail.
    expect(JSON.stringify(receipts)).not.toContain(first.body.secret);
  });

  it("moves undelivered events to a new URL, and drops them when the webhook is removed", async () => {
    const { apiKey, agent, queue } = await createTestWorld();
    await call("PUT", apiKey, { url: "https://agent.example/old" });
    const id = (await postProposal(apiKey, sampleEnvelope(queue.slug))).body.id as string;
    await db.$transaction(async (tx) => {
      await tx.proposal.update({ where: { id }, data: { status: "rejected" } });
      await enqueueProposalEvents(tx, [id]);
    });
    await call("PUT", apiKey, { url: "https://agent.example/new" });
    expect((await db.webhookDelivery.findFirstOrThrow({ where: { proposalId: id } })).url).toBe("https://agent.example/new");

    expect(await call("DELETE", apiKey)).toEqual({ status: 200, body: { removed: true } });
    expect(await call("GET", apiKey)).toEqual({ status: 200, body: { url: null } });
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { proposalId: id } });
    expect(delivery).toMatchObject({ status: "failed", lastError: "The agent removed its webhook before this was delivered." });
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.id }, select: { webhookSecret: true } })).toEqual({ webhookSecret: null });
    expect(await db.receipt.count({ where: { kind: "webhook_removed", actorId: agent.id } })).toBe(1);
    // Removing again changes nothing and records nothing.
    expect(await call("DELETE", apiKey)).toEqual({ status: 200, body: { removed: false } });
    expect(await db.receipt.count({ where: { kind: "webhook_removed", actorId: agent.id } })).toBe(1);
  });
});
