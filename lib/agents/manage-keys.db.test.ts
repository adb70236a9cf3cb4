// Key rotation and revocation against a real database, checked through the
// agent API itself: a revoked key is refused on the very next request.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { revokeAgentKey, rotateAgentKey } from "@/lib/agents/manage-keys";
import { stopAgent } from "@/lib/containment/stop-agent";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";

describe("agent keys", () => {
  it("rotation returns a new key once and revokes the old one at the same moment, with receipts", async () => {
    const world = await createTestWorld();
    const admin = await createTestUser("admin");
    const rotated = await rotateAgentKey(admin, { agentId: world.agent.id });
    expect(rotated.apiKey).toMatch(/^cs_/);
    expect(rotated.revokedPrefixes).toEqual([world.agent.keyPrefix]);
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(401);
    expect((await postProposal(rotated.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(201);
    const keys = await db.apiKey.findMany({ where: { agentId: world.agent.id } });
    expect(keys).toHaveLength(2);
    expect(keys.find((k) => k.prefix === rotated.keyPrefix)!.lastUsedAt).not.toBeNull(); // "last used" on the admin page
    expect(keys.every((k) => k.hash !== rotated.apiKey)).toBe(true); // only the hash is stored
    const receipts = await db.receipt.findMany({ where: { actorId: admin.id }, orderBy: { seq: "asc" } });
    expect(receipts.map((r) => r.kind)).toEqual(["key_created", "key_revoked"]);
    expect(receipts[1]!.payload).toMatchObject({ agent: world.agent.name, key_prefix: world.agent.keyPrefix, cause: "rotation" });
  });

  it("revokes one key; a second revoke changes nothing", async () => {
    const world = await createTestWorld();
    const admin = await createTestUser("admin");
    const key = await db.apiKey.findFirstOrThrow({ where: { agentId: world.agent.id } });
    expect(await revokeAgentKey(admin, { keyId: key.id })).toEqual({ prefix: key.prefix, changed: true });
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(401);
    expect(await revokeAgentKey(admin, { keyId: key.id })).toEqual({ prefix: key.prefix, changed: false });
    expect(await db.receipt.count({ where: { actorId: admin.id, kind: "key_revoked" } })).toBe(1);
  });

  it("refuses non-admins, and rotation of a stopped agent", async () => {
    const world = await createTestWorld();
    const approver = await createTestUser("approver");
    await expect(rotateAgentKey(approver, { agentId: world.agent.id })).rejects.toMatchObject({ code: "forbidden" });
    const key = await db.apiKey.findFirstOrThrow({ where: { agentId: world.agent.id } });
    await expect(revokeAgentKey(approver, { keyId: key.id })).rejects.toMatchObject({ code: "forbidden" });
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(201);

    const admin = await createTestUser("admin");
    await stopAgent(admin, { agentId: world.agent.id, reason: "contained" });
    await expect(rotateAgentKey(admin, { agentId: world.agent.id })).rejects.toMatchObject({ code: "agent_disabled" });
    expect(await db.apiKey.count({ where: { agentId: world.agent.id, revokedAt: null } })).toBe(0);
  });
});
