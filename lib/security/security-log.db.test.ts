// The security log against a real database (SQLite, and PostgreSQL when
// configured): refusals of the agent API are recorded with who, what and which
// rule, validation errors are not, and the admin's listing filters and pages.
// The database is shared with other test files, so every assertion is scoped
// to this file's own agents, codes and targets.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { getProposal, postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import { revokeAgent } from "@/lib/agents/revoke-agent";
import { recordRefusals } from "@/lib/security/record-refusal";
import { countSecurityEvents, listSecurityCodes, listSecurityEvents, SECURITY_PAGE_SIZE } from "@/lib/security/list-security-events";
import { parseSecurityFilters, type SecurityCursor } from "@/lib/security/security-filters";
import { installPeerAddressHeader, peerAddressHeader } from "@/lib/security/socket-address";

/** The header the server puts the TCP peer address in (TRUSTED_PROXY_HOPS=0: X-Forwarded-For is ignored). */
async function peerHeader(): Promise<string> {
  await installPeerAddressHeader();
  return peerAddressHeader()!;
}

/** A code no other test writes: lower-case letters only, as the filter accepts. */
function uniqueCode(): string {
  return `test_${randomUUID().replace(/[^a-f]/g, "").slice(0, 12)}`;
}

function eventsFor(where: { actorId?: string; target?: string; action?: string }) {
  return db.securityEvent.findMany({ where, orderBy: { createdAt: "asc" } });
}

describe("agent API refusals", () => {
  it("records a missing key as anonymous with the caller's address, and a revoked key as that agent", async () => {
    const world = await createTestWorld();
    const target = `probe-${randomUUID()}`;
    const anonymous = await postProposal(null, sampleEnvelope(world.queue.slug, { title: target }), { "x-forwarded-for": "6.6.6.6", [await peerHeader()]: "203.0.113.7" });
    expect(anonymous.status).toBe(401);
    const recent = await db.securityEvent.findMany({ where: { action: "POST /api/v1/proposals", ip: "203.0.113.7" }, orderBy: { createdAt: "desc" }, take: 1 });
    expect(recent[0]).toMatchObject({ actorType: "anonymous", actorId: null, code: "unauthenticated", rule: "authentication" });

    await revokeAgent(world.agent.name);
    const revoked = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug));
    expect(revoked.status).toBe(401);
    const [event] = await eventsFor({ actorId: world.agent.id });
    expect(event).toMatchObject({ actorType: "agent", action: "POST /api/v1/proposals", code: "unauthenticated" });
    expect(event!.actor).toMatchObject({ type: "agent", name: world.agent.name });
  });

  it("records a grant refusal (403) and another agent's proposal (404) as probing, but not a 400", async () => {
    const owner = await createTestWorld();
    const other = await createTestWorld(["ap:read"]);
    const created = await postProposal(owner.apiKey, sampleEnvelope(owner.queue.slug));
    expect(created.status).toBe(201);

    expect((await getProposal(other.apiKey, created.body.id)).status).toBe(404);
    expect((await postProposal(other.apiKey, sampleEnvelope(other.queue.slug))).status).toBe(403);
    expect((await postProposal(other.apiKey, { queue: other.queue.slug })).status).toBe(400);

    const events = await eventsFor({ actorId: other.agent.id });
    expect(events.map((e) => [e.code, e.action])).toEqual([
      ["not_found", `GET /api/v1/proposals/${created.body.id}`],
      ["scope_not_granted", "POST /api/v1/proposals"],
    ]);
    expect(events[0]!.target).toBe(created.body.id);
    expect(events[0]!.rule).toBe("own_proposals_only");
    expect(events[1]!.rule).toBeTruthy();
    // The owner reading its own proposal is no refusal.
    expect((await getProposal(owner.apiKey, created.body.id)).status).toBe(200);
    expect(await eventsFor({ actorId: owner.agent.id })).toEqual([]);
  });
});

describe("the admin's listing", () => {
  it("refuses anyone but an admin", async () => {
    const approver = await createTestUser("approver");
    await expect(listSecurityEvents(approver, parseSecurityFilters({}))).rejects.toMatchObject({ code: "forbidden" });
    await expect(countSecurityEvents(approver, parseSecurityFilters({}))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("pages newest first through every matching event exactly once, also when many share a timestamp", async () => {
    const admin = await createTestUser("admin");
    const code = uniqueCode();
    const total = SECURITY_PAGE_SIZE * 2 + 7;
    await recordRefusals(
      Array.from({ length: total }, (_, i) => ({ actor: { type: "anonymous" as const }, action: `probe ${i}`, code, message: "refused" })),
    );
    const filters = parseSecurityFilters({ code });
    expect(await countSecurityEvents(admin, filters)).toBe(total);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: SecurityCursor | null = null;
    let previous: { createdAt: string; id: string } | null = null;
    for (let i = 0; i < 10; i++) {
      const page = await listSecurityEvents(admin, filters, cursor);
      sizes.push(page.rows.length);
      for (const row of page.rows) {
        if (previous) expect(row.createdAt < previous.createdAt || (row.createdAt === previous.createdAt && row.id < previous.id)).toBe(true);
        previous = row;
        seen.push(row.id);
      }
      if (!page.next) break;
      cursor = page.next;
    }
    expect(sizes).toEqual([SECURITY_PAGE_SIZE, SECURITY_PAGE_SIZE, 7]);
    expect(new Set(seen).size).toBe(total);
    expect(await listSecurityCodes(admin)).toContain(code);
  });

  it("filters by code, actor type, who (email, agent name, attempted email) and UTC days", async () => {
    const admin = await createTestUser("admin");
    const approver = await createTestUser("approver");
    const world = await createTestWorld();
    const code = uniqueCode();
    const attempted = `nobody-${randomUUID().slice(0, 8)}@example.com`;
    await recordRefusals([
      { actor: { type: "user", id: approver.id, email: approver.email, role: "approver" }, action: "decide_proposals", code, message: "viewer" },
      { actor: { type: "agent", id: world.agent.id, name: world.agent.name }, action: "POST /api/v1/proposals", code, message: "grant" },
      { actor: { type: "anonymous" }, action: "sign_in:password", target: attempted, code, message: "unknown" },
    ]);
    await db.securityEvent.create({
      data: { actorType: "anonymous", actor: { type: "anonymous" }, action: "old", code, message: "old", createdAt: new Date("2026-01-15T23:59:59.000Z") },
    });
    const list = async (params: Record<string, string>) =>
      (await listSecurityEvents(admin, parseSecurityFilters({ code, ...params }))).rows.map((r) => r.action);

    expect((await list({})).length).toBe(4);
    expect(await list({ actorType: "agent" })).toEqual(["POST /api/v1/proposals"]);
    expect(await list({ actor: approver.email.slice(0, 12).toUpperCase() })).toEqual(["decide_proposals"]);
    expect(await list({ actor: world.agent.name })).toEqual(["POST /api/v1/proposals"]);
    expect(await list({ actor: world.agent.id })).toEqual(["POST /api/v1/proposals"]);
    expect(await list({ actor: attempted })).toEqual(["sign_in:password"]);
    expect(await list({ from: "2026-01-15", to: "2026-01-15" })).toEqual(["old"]);
    expect(await list({ to: "2026-01-14" })).toEqual([]);
    // A malformed filter value means no filter, never an error.
    expect((await list({ actorType: "robot", from: "2026-02-30" })).length).toBe(4);

    const rows = (await listSecurityEvents(admin, parseSecurityFilters({ code, actorType: "user" }))).rows;
    expect(rows[0]!.actor).toMatchObject({ type: "user", id: approver.id, label: approver.email, detail: "approver" });
  });
});
