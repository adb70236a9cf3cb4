// Real responses of the agent API, from the real route handlers against a
// real database, parsed with the (strict) schemas the OpenAPI document is
// generated from, and each (route, status) checked to be documented with
// exactly that schema: an undocumented field or status fails here.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { POST as verifyToken } from "@/app/api/v1/approval-tokens/verify/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { POST as reportExecution } from "@/app/api/v1/proposals/[id]/executions/route";
import { DELETE as removeWebhook, GET as getWebhook, PUT as setWebhook } from "@/app/api/v1/webhook/route";
import { openApiDocument } from "@/lib/api-docs/openapi-document";
import {
  errorBodySchema,
  executionRecordedSchema,
  proposalCreatedSchema,
  proposalViewSchema,
  tokenRefusedSchema,
  tokenValidSchema,
  webhookRegisteredSchema,
  webhookRemovedSchema,
  webhookViewSchema,
} from "@/lib/api-docs/response-schemas";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestTool } from "@/test-support/tools";
import { createTestUser } from "@/test-support/users";

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref?: string; oneOf?: { $ref: string }[] } }> }> }>> };
const doc = openApiDocument("http://countersign.test") as unknown as Doc;

/** The reply parses with `schema`, and the document lists `status` for the operation with that schema's component. */
function conforms(method: string, route: string, reply: { status: number; body: unknown }, component: string, schema: z.ZodType) {
  const documented = doc.paths[route]?.[method]?.responses[String(reply.status)];
  expect(documented, `${method.toUpperCase()} ${route} ${reply.status} is not documented`).toBeDefined();
  const ref = documented!.content!["application/json"]!.schema;
  const refs = ref.oneOf ? ref.oneOf.map((r) => r.$ref) : [ref.$ref];
  expect(refs, `${method.toUpperCase()} ${route} ${reply.status}`).toContain(`#/components/schemas/${component}`);
  const parsed = schema.safeParse(reply.body);
  expect(parsed.success ? null : parsed.error.issues, `${method.toUpperCase()} ${route} ${reply.status}: ${JSON.stringify(reply.body)}`).toBeNull();
}

async function call(handler: (request: Request, ...args: never[]) => Promise<Response>, request: Request, id?: string) {
  const response = await (handler as (r: Request, c?: unknown) => Promise<Response>)(request, id ? { params: Promise.resolve({ id }) } : undefined);
  return { status: response.status, body: await response.json() };
}

const agentRequest = (apiKey: string, path: string, method = "GET", body?: unknown) =>
  new Request(`http://countersign.test${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("real responses match the OpenAPI document", () => {
  it("proposals: create, replay, read pending and approved, report execution, and their errors", async () => {
    const world = await createTestWorld();
    const envelope = sampleEnvelope(world.queue.slug);
    const created = await postProposal(world.apiKey, envelope, { "idempotency-key": "doc-test-1" });
    expect(created.status).toBe(201);
    conforms("post", "/api/v1/proposals", created, "ProposalCreated", proposalCreatedSchema);
    const replay = await postProposal(world.apiKey, envelope, { "idempotency-key": "doc-test-1" });
    expect(replay.status).toBe(200);
    conforms("post", "/api/v1/proposals", replay, "ProposalCreated", proposalCreatedSchema);
    conforms("post", "/api/v1/proposals", await postProposal(world.apiKey, { ...envelope, plan: [] }), "Error", errorBodySchema);
    conforms("post", "/api/v1/proposals", await postProposal("cs_wrong", envelope), "Error", errorBodySchema);
    conforms("post", "/api/v1/proposals", await postProposal(world.apiKey, { ...envelope, title: "other" }, { "idempotency-key": "doc-test-1" }), "Error", errorBodySchema);

    const id = created.body.id as string;
    const pending = await getProposal(world.apiKey, id);
    expect(pending.body.status).toBe("pending");
    conforms("get", "/api/v1/proposals/{id}", pending, "Proposal", proposalViewSchema);
    conforms("get", "/api/v1/proposals/{id}", await getProposal(world.apiKey, "no-such-id"), "Error", errorBodySchema);

    await decideProposals(await createTestUser("approver"), { ids: [id], outcome: "approved" });
    const approved = await getProposal(world.apiKey, id);
    expect(approved.body).toMatchObject({ status: "approved", approval_token: expect.any(String) });
    conforms("get", "/api/v1/proposals/{id}", approved, "Proposal", proposalViewSchema);

    const bad = await call(reportExecution, agentRequest(world.apiKey, `/api/v1/proposals/${id}/executions`, "POST", { outcome: "done" }), id);
    expect(bad.status).toBe(400);
    conforms("post", "/api/v1/proposals/{id}/executions", bad, "Error", errorBodySchema);
    const report = { outcome: "executed", digest: approved.body.approved_digest, result: { payment: "pay_1" } };
    const recorded = await call(reportExecution, agentRequest(world.apiKey, `/api/v1/proposals/${id}/executions`, "POST", report), id);
    expect(recorded.status).toBe(201);
    conforms("post", "/api/v1/proposals/{id}/executions", recorded, "ExecutionRecorded", executionRecordedSchema);
    const again = await call(reportExecution, agentRequest(world.apiKey, `/api/v1/proposals/${id}/executions`, "POST", report), id);
    expect(again.status).toBe(409);
    conforms("post", "/api/v1/proposals/{id}/executions", again, "Error", errorBodySchema);
    const executed = await getProposal(world.apiKey, id);
    conforms("get", "/api/v1/proposals/{id}", executed, "Proposal", proposalViewSchema);

    // A policy-approved read proposal carries decided_by_policy.
    const read = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { scopes: ["ap:read"], plan: [{ title: "Look", tool: "ap.look", scope: "ap:read", args: {} }] }));
    conforms("post", "/api/v1/proposals", read, "ProposalCreated", proposalCreatedSchema);
    conforms("get", "/api/v1/proposals/{id}", await getProposal(world.apiKey, read.body.id), "Proposal", proposalViewSchema);
  });

  it("webhook registration, approval-token verification and the document itself", async () => {
    const world = await createTestWorld();
    conforms("get", "/api/v1/webhook", await call(getWebhook, agentRequest(world.apiKey, "/api/v1/webhook")), "Webhook", webhookViewSchema);
    const put = await call(setWebhook, agentRequest(world.apiKey, "/api/v1/webhook", "PUT", { url: "https://agent.example/hooks" }));
    conforms("put", "/api/v1/webhook", put, "WebhookRegistered", webhookRegisteredSchema);
    conforms("put", "/api/v1/webhook", await call(setWebhook, agentRequest(world.apiKey, "/api/v1/webhook", "PUT", { url: "ftp://x" })), "Error", errorBodySchema);
    conforms("get", "/api/v1/webhook", await call(getWebhook, agentRequest(world.apiKey, "/api/v1/webhook")), "Webhook", webhookViewSchema);
    conforms("delete", "/api/v1/webhook", await call(removeWebhook, agentRequest(world.apiKey, "/api/v1/webhook", "DELETE")), "WebhookRemoved", webhookRemovedSchema);
    conforms("delete", "/api/v1/webhook", await call(removeWebhook, agentRequest("cs_wrong", "/api/v1/webhook", "DELETE")), "Error", errorBodySchema);

    const created = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
    await decideProposals(await createTestUser("approver"), { ids: [created.body.id], outcome: "approved" });
    const token = (await getProposal(world.apiKey, created.body.id)).body.approval_token as string;
    const tool = await createTestTool();
    const verify = (body: unknown, key: string | null = tool.key) =>
      call(
        verifyToken,
        new Request("http://countersign.test/api/v1/approval-tokens/verify", {
          method: "POST",
          headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: JSON.stringify(body),
        }),
      );
    const anonymous = await verify({ token }, null);
    expect(anonymous.status).toBe(401);
    conforms("post", "/api/v1/approval-tokens/verify", anonymous, "Error", errorBodySchema);
    const byAgent = await verify({ token }, world.apiKey);
    expect(byAgent.status).toBe(403);
    conforms("post", "/api/v1/approval-tokens/verify", byAgent, "Error", errorBodySchema);
    const refused = await verify({ token: "not-a-token" });
    expect(refused.status).toBe(403);
    conforms("post", "/api/v1/approval-tokens/verify", refused, "ApprovalTokenRefused", tokenRefusedSchema);
    const valid = await verify({ token });
    expect(valid.status).toBe(200);
    conforms("post", "/api/v1/approval-tokens/verify", valid, "ApprovalTokenValid", tokenValidSchema);

    const openapi = await call(getOpenApi, new Request("http://countersign.test/api/v1/openapi.json"));
    expect(openapi.status).toBe(200);
    expect(openapi.body).toMatchObject({ openapi: "3.1.0", paths: { "/api/v1/proposals/{id}": { get: {} } } });
  });
});
