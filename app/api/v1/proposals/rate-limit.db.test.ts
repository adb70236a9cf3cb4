import "@/test-support/low-rate-limit";
import { describe, expect, it } from "vitest";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { db } from "@/lib/db/client";

describe("429 rate_limited", () => {
  it("refuses an agent past its per-minute budget with Retry-After, and other agents are unaffected", async () => {
    const world = await createTestWorld();
    const other = await createTestWorld();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const limited = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await postProposal(other.apiKey, sampleEnvelope(other.queue.slug))).status).toBe(201);
    expect(await db.proposal.count({ where: { agentId: world.agent.id } })).toBe(3);
  });
});
