// The key look-up remembers a key while the credentials token stays the same
// (lib/agents/authenticate-agent.ts, migration credentials_version). Both sides
// of that: what every request writes (a proposal, "last used") leaves the token
// as it is, so a key read once is answered from memory; any change to what a
// key grants, by any writer (here statements written by hand, as another
// program would send them), gives it a new value, and the next request reads
// the change. refused-across-instances.db.test.ts does the same from another
// process, through the admin paths.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { sqlParam, storedTimestamp } from "@/lib/db/raw-values";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { grantStandingApproval, revokeStandingApproval } from "@/lib/standing-approvals/manage-standing-approvals";
import { CLI_CALLER } from "@/lib/users/admin-caller";

async function credentialsToken(): Promise<string> {
  const [row] = await db.$queryRawUnsafe<{ token: string }[]>(`SELECT "token" FROM ${qualifiedTable("CredentialsVersion")} WHERE "id" = 1`);
  return row!.token;
}

describe("the credentials token", () => {
  it("is left as it is by proposals and by the key's \"last used\" time", async () => {
    const world = await createTestWorld();
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(201);
    const before = await credentialsToken();
    for (let i = 0; i < 3; i++) {
      expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `again ${i}` }))).status).toBe(201);
    }
    await db.$executeRawUnsafe(`UPDATE ${qualifiedTable("ApiKey")} SET "lastUsedAt" = NULL WHERE "agentId" = ${sqlParam(1)}`, world.agent.id);
    expect(await credentialsToken()).toBe(before);
  });

  it("changes with a revocation written by hand, and the key is refused on the next request", async () => {
    const world = await createTestWorld();
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(201);
    const before = await credentialsToken();
    await db.$executeRawUnsafe(
      `UPDATE ${qualifiedTable("ApiKey")} SET "revokedAt" = ${sqlParam(1, "timestamp")} WHERE "agentId" = ${sqlParam(2)}`,
      storedTimestamp(new Date()),
      world.agent.id,
    );
    expect(await credentialsToken()).not.toBe(before);
    const next = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: "after the revocation" }));
    expect(next.status).toBe(401);
    expect(await db.proposal.count({ where: { agentId: world.agent.id } })).toBe(1);
  });

  it("changes with scopes written by hand, and the next proposal is checked against them", async () => {
    const world = await createTestWorld();
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(201);
    await db.$executeRawUnsafe(
      `UPDATE ${qualifiedTable("Agent")} SET "scopes" = ${sqlParam(1, "jsonb")} WHERE "id" = ${sqlParam(2)}`,
      JSON.stringify(["ap:read", "ap:write:draft"]),
      world.agent.id,
    );
    const next = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: "after the grant shrank" }));
    expect(next.status).toBe(403);
    expect(next.body.error.code).toBe("scope_not_granted");
    expect(next.body.error.scopes).toEqual(["ap:commit"]);
  });

  it("changes with a key deleted by hand, and with a stop written by hand", async () => {
    const world = await createTestWorld();
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(201);
    await db.$executeRawUnsafe(`UPDATE ${qualifiedTable("Agent")} SET "disabled" = true WHERE "id" = ${sqlParam(1)}`, world.agent.id);
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: "after the stop" }))).status).toBe(401);

    const other = await createTestWorld();
    expect((await postProposal(other.apiKey, sampleEnvelope(other.queue.slug))).status).toBe(201);
    await db.$executeRawUnsafe(`DELETE FROM ${qualifiedTable("ApiKey")} WHERE "agentId" = ${sqlParam(1)}`, other.agent.id);
    expect((await postProposal(other.apiKey, sampleEnvelope(other.queue.slug, { title: "after the delete" }))).status).toBe(401);
  });

  it("changes with a standing approval granted or revoked, not with its uses, and the next proposal sees the grant", async () => {
    const world = await createTestWorld();
    // Read (and remembered) while the agent has no grant: intake then skips looking for one.
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).body.status).toBe("pending");
    const beforeGrant = await credentialsToken();
    const { id } = await grantStandingApproval(CLI_CALLER, {
      agentId: world.agent.id,
      queue: world.queue.slug,
      tool: "ap.release_payment",
      constraints: [{ arg: "currency", op: "equals", value: "EUR" }],
      limitPeriod: "total",
      maxCount: 10,
      maxAmount: null,
      amountArg: null,
      expiresAt: new Date(Date.now() + 7 * 86400_000),
      reason: "Small recurring payments",
    });
    const granted = await credentialsToken();
    expect(granted).not.toBe(beforeGrant);
    const payment = sampleEnvelope(world.queue.slug, {
      title: "covered by the grant",
      scopes: ["ap:read", "ap:commit"],
      plan: [
        { title: "Look up the bill", tool: "ap.read_bill", scope: "ap:read", args: { bill: "b1" } },
        { title: "Release payment", tool: "ap.release_payment", scope: "ap:commit", args: { currency: "EUR" } },
      ],
    });
    // The remembered key said "no grant"; the new token makes the next request read it again.
    expect((await postProposal(world.apiKey, payment)).body.status).toBe("approved");
    expect(await credentialsToken()).toBe(granted); // the use counted, the token as it was
    await revokeStandingApproval(CLI_CALLER, { id, reason: "no longer needed" });
    expect(await credentialsToken()).not.toBe(granted);
    expect((await postProposal(world.apiKey, { ...payment, title: "after the revocation" })).body.status).toBe("pending");
  });
});
