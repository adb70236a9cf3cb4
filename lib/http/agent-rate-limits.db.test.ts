// Every agent endpoint is rate limited, not just intake: reading a proposal
// (each read of an approved one signs and stores a token), reporting an
// execution, webhook registration, per agent; token verification and the
// OpenAPI document, per caller address. Past the budget: 429 rate_limited with
// Retry-After, nothing written, and other agents or addresses unaffected.
import { installPeerAddressHeader, peerAddressHeader } from "@/lib/security/socket-address";
import "@/test-support/low-agent-rate-limits";
import { describe, expect, it } from "vitest";
import { POST as verifyToken } from "@/app/api/v1/approval-tokens/verify/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { POST as reportExecution } from "@/app/api/v1/proposals/[id]/executions/route";
import { GET as getWebhook, PUT as setWebhook } from "@/app/api/v1/webhook/route";
import { db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

const limited = async (response: Response) => {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  return (await response.json()).error;
};

describe("rate limits of the agent endpoints", () => {
  it("GET a proposal and POST an execution share the agent's budget; a limited read signs no token", async () => {
    const world = await createTestWorld();
    const other = await createTestWorld();
    const { body } = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
    await decideProposals(await createTestUser("approver"), { ids: [body.id], outcome: "approved" });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await getProposal(world.apiKey, body.id)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const tokens = await db.approvalToken.count({ where: { proposalId: body.id } });
    const refused = await getProposal(world.apiKey, body.id);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many calls from this agent; retry in \d+ s\.$/) });
    expect(await db.approvalToken.count({ where: { proposalId: body.id } })).toBe(tokens);
    const report = new Request(`http://countersign.test/api/v1/proposals/${body.id}/executions`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ outcome: "executed", digest: "0".repeat(64) }),
    });
    await limited(await reportExecution(report, { params: Promise.resolve({ id: body.id }) }));
    expect(await db.execution.count({ where: { proposalId: body.id } })).toBe(0);
    // Another agent has its own budget.
    expect((await getProposal(other.apiKey, "no-such-id")).status).toBe(404);
  });

  it("webhook registration is limited per agent", async () => {
    const world = await createTestWorld();
    const call = (method: "GET" | "PUT") => {
      const request = new Request("http://countersign.test/api/v1/webhook", {
        method,
        headers: { authorization: `Bearer ${world.apiKey}`, "content-type": "application/json" },
        body: method === "PUT" ? JSON.stringify({ url: "https://agent.example/hooks" }) : undefined,
      });
      return method === "PUT" ? setWebhook(request) : getWebhook(request);
    };
    expect((await call("PUT")).status).toBe(200);
    expect((await call("GET")).status).toBe(200);
    expect((await limited(await call("PUT"))).message).toMatch(/^Too many webhook registration calls from this agent/);
  });

  it("token verification and the OpenAPI document are limited per caller address", async () => {
    // The address is the TCP peer (TRUSTED_PROXY_HOPS=0): the server records it in a per-process header.
    await installPeerAddressHeader();
    const peer = peerAddressHeader()!;
    const verify = (ip: string) =>
      verifyToken(
        new Request("http://countersign.test/api/v1/approval-tokens/verify", {
          method: "POST",
          headers: { "content-type": "application/json", [peer]: ip },
          body: JSON.stringify({ token: "not-a-token" }),
        }),
      );
    expect((await verify("203.0.113.7")).status).not.toBe(429);
    expect((await verify("203.0.113.7")).status).not.toBe(429);
    expect((await limited(await verify("203.0.113.7"))).message).toMatch(/^Too many approval-token verifications from this address/);
    expect((await verify("203.0.113.8")).status).not.toBe(429);

    const openapi = (ip: string) => getOpenApi(new Request("http://countersign.test/api/v1/openapi.json", { headers: { [peer]: ip } }));
    expect((await openapi("203.0.113.9")).status).toBe(200);
    expect((await openapi("203.0.113.9")).status).toBe(200);
    await limited(await openapi("203.0.113.9"));
    expect((await openapi("203.0.113.10")).status).toBe(200);
  });
});
