// An agent stopped, or a key revoked, by ANOTHER app instance (here a separate
// process) is refused on the very next request, though this process answered
// the request before from the same key and remembers it (the credentials token,
// lib/agents/authenticate-agent.ts: the other process's change gave it a new value).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";

const run = promisify(execFile);

async function inAnotherInstance(job: { stop?: string; revokeKey?: string }) {
  const { stdout } = await run("npx", ["tsx", "--conditions=react-server", "test-support/stop-agent-in-child.ts", JSON.stringify(job)], {
    env: { ...process.env, LOG_LEVEL: "silent" },
    timeout: 120_000,
  });
  expect(stdout).toContain('"done":true');
}

describe("intake after a stop or a revocation in another instance", () => {
  it("refuses the next proposal of an agent stopped by another process", async () => {
    const world = await createTestWorld();
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(201);
    await inAnotherInstance({ stop: world.agent.name });
    const next = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: "after the stop" }));
    expect(next.status).toBe(401);
    expect(next.body.error.code).toBe("unauthenticated");
    expect(await db.proposal.count({ where: { agentId: world.agent.id } })).toBe(1);
  }, 150_000);

  it("refuses the next proposal sent with a key revoked by another process", async () => {
    const world = await createTestWorld();
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(201);
    const key = await db.apiKey.findFirstOrThrow({ where: { agentId: world.agent.id }, select: { id: true } });
    await inAnotherInstance({ revokeKey: key.id });
    const next = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: "after the revocation" }));
    expect(next.status).toBe(401);
    expect(await db.proposal.count({ where: { agentId: world.agent.id } })).toBe(1);
  }, 150_000);
});
