// The agent API as `npm run serve` answers it: the lean handler that
// instrumentation.ts installs, on a real node:http server, through the real
// route handlers and a real database. Also: every route file under app/api/v1
// is in its table (a forgotten one would quietly fall back to Next.js).
import { readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentApiRoutes } from "@/app/api/v1/routes";
import { db } from "@/lib/db/client";
import { installAgentApi, type AgentApiListener } from "@/lib/http/agent-api-slot";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { createTestUser } from "@/test-support/users";

function routeFiles(dir: string, prefix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return entry.name === "route.ts" ? [prefix] : [];
    // The catch-all answers 404 when Next.js serves the API; the lean handler answers that itself.
    if (entry.name === "[...path]") return [];
    const segment = /^\[(\w+)\]$/.exec(entry.name)?.[1];
    return routeFiles(path.join(dir, entry.name), `${prefix}/${segment ? `:${segment}` : entry.name}`);
  });
}

let base = "";
let server: http.Server;
beforeAll(async () => {
  installAgentApi(agentApiRoutes);
  const listener = (globalThis as Record<symbol, AgentApiListener | undefined>)[Symbol.for("countersign.agentApi")]!;
  server = http.createServer((req, res) => {
    if (listener(req, res)) return;
    res.writeHead(404).end("left to Next.js");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe("the lean agent API", () => {
  it("lists every route file of the agent API", () => {
    const files = routeFiles(path.join(process.cwd(), "app/api/v1"), "/api/v1").sort();
    expect(agentApiRoutes.map((route) => route.path).sort()).toEqual(files);
  });

  it("takes a proposal in and shows it to its agent, with the same answers and headers as the route handlers", async () => {
    const world = await createTestWorld();
    const envelope = sampleEnvelope(world.queue.slug);
    const posted = await fetch(`${base}/api/v1/proposals`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.apiKey}`, "content-type": "application/json", "idempotency-key": "lean-1" },
      body: JSON.stringify(envelope),
    });
    expect(posted.status).toBe(201);
    const created = (await posted.json()) as { id: string; url: string; status: string };
    expect(created.status).toBe("pending");
    expect(posted.headers.get("location")).toBe(created.url);
    expect(posted.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(posted.headers.get("x-frame-options")).toBe("DENY");
    expect(await db.proposal.count({ where: { agentId: world.agent.id } })).toBe(1);

    const again = await fetch(`${base}/api/v1/proposals`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.apiKey}`, "content-type": "application/json", "idempotency-key": "lean-1" },
      body: JSON.stringify(envelope),
    });
    expect(again.status, "the idempotency key holds through the lean handler").toBe(200);

    const got = await fetch(`${base}/api/v1/proposals/${created.id}`, { headers: { authorization: `Bearer ${world.apiKey}` } });
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id: created.id, status: "pending" });
  });

  it("refuses what the route handlers refuse, in the contract's shape, and stores nothing", async () => {
    const world = await createTestWorld();
    const anonymous = await fetch(`${base}/api/v1/proposals`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
    const broken = await fetch(`${base}/api/v1/proposals`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.apiKey}`, "content-type": "application/json" },
      body: '{"queue":',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe("invalid_envelope");
    const tooLarge = await fetch(`${base}/api/v1/proposals`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ pad: "x".repeat(1_100_000) }),
    });
    expect(tooLarge.status).toBe(413);
    expect(await db.proposal.count({ where: { agentId: world.agent.id } })).toBe(0);
    const unknown = await fetch(`${base}/api/v1/proposals/nope/elsewhere`);
    expect(unknown.status, "a path the agent API does not have").toBe(404);
    expect((await unknown.json()).error.code).toBe("not_found");
    expect(await (await fetch(`${base}/queue`)).text(), "a page is left to Next.js").toBe("left to Next.js");
  });

  it("answers HEAD on an approved proposal with a 405 and issues no approval token", async () => {
    const world = await createTestWorld();
    const envelope = sampleEnvelope(world.queue.slug);
    const created = await fetch(`${base}/api/v1/proposals`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(envelope),
    });
    const { id } = await created.json();
    const approver = await createTestUser("approver", "Hal Head");
    expect((await decideProposals(approver, { ids: [id], outcome: "approved" })).decided).toHaveLength(1);
    const tokensBefore = await db.approvalToken.count();
    const head = await fetch(`${base}/api/v1/proposals/${id}`, { method: "HEAD", headers: { authorization: `Bearer ${world.apiKey}` } });
    expect(head.status).toBe(405);
    expect(head.headers.get("allow")).toBe("GET");
    expect(await db.approvalToken.count(), "HEAD issued no token").toBe(tokensBefore);
    const get = await fetch(`${base}/api/v1/proposals/${id}`, { headers: { authorization: `Bearer ${world.apiKey}` } });
    expect((await get.json()).approval_token, "GET on the same proposal issues one").toEqual(expect.any(String));
    expect(await db.approvalToken.count()).toBe(tokensBefore + 1);
  });
});
