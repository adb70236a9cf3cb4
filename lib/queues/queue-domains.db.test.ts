// A queue governs scope domains, and intake refuses a proposal with a scope of
// any other domain: the agent cannot pick its own approvers. Against a real
// database (SQLite, and PostgreSQL when configured), through the real route.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { createQueue } from "@/lib/queues/create-queue";
import { setQueueDomains } from "@/lib/queues/set-queue-domains";
import { createAgent } from "@/lib/agents/create-agent";
import { createTestWorld, sampleEnvelope, uniqueName } from "@/test-support/fixtures";
import { createTestUser } from "@/test-support/users";
import { postProposal } from "@/test-support/agent-api";

/** A payments agent (ap:*) and a second queue governing only crm, with its own approvers. */
async function crossQueueWorld() {
  const world = await createTestWorld();
  const admin = await createTestUser("admin");
  const crm = await createQueue(admin, { slug: uniqueName("crm-updates"), name: "CRM updates", domains: ["crm"] });
  return { ...world, admin, crm };
}

describe("intake: a queue accepts only the scope domains it governs", () => {
  it("refuses a payment sent into a CRM queue: 403 queue_not_allowed naming queue and domain, nothing stored, a security-log row", async () => {
    const world = await crossQueueWorld();
    const res = await postProposal(world.apiKey, sampleEnvelope(world.crm.slug));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "queue_not_allowed", queue: world.crm.slug, domains: ["ap"] });
    expect(res.body.error.message).toMatch(new RegExp(`^Queue ${world.crm.slug} does not govern scope domain ap; it governs crm\\.`));
    expect(await db.proposal.count({ where: { agentId: world.agent.id } })).toBe(0);
    expect(await db.receipt.count({ where: { actorId: world.agent.id } })).toBe(0);
    const events = await db.securityEvent.findMany({ where: { actorId: world.agent.id } });
    expect(events.map((e) => ({ code: e.code, rule: e.rule, action: e.action, actorType: e.actorType }))).toEqual([
      { code: "queue_not_allowed", rule: "queue_domains", action: "POST /api/v1/proposals", actorType: "agent" },
    ]);
    expect(events[0]!.message).toContain(world.crm.slug);
    // The same envelope into its own queue is accepted.
    expect((await postProposal(world.apiKey, sampleEnvelope(world.queue.slug))).status).toBe(201);
  });

  it("refuses when any one scope is outside the queue's domains (plan steps included), naming only those", async () => {
    const world = await crossQueueWorld();
    const agent = await createAgent({ name: uniqueName("mixed"), sponsorEmail: world.sponsor.email, scopes: ["crm:read", "crm:commit", "ap:read"] });
    const envelope = sampleEnvelope(world.crm.slug, {
      scopes: ["crm:read", "crm:commit", "ap:read"],
      plan: [
        { title: "Read the bill", tool: "ap.read_bill", scope: "ap:read", args: {} },
        { title: "Update the account", tool: "crm.update", scope: "crm:commit", args: {} },
      ],
    });
    const res = await postProposal(agent.apiKey, envelope);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "queue_not_allowed", domains: ["ap"] });
    expect(await db.proposal.count({ where: { agentId: agent.id } })).toBe(0);
  });

  it("the grant is checked first: a scope the agent does not hold is scope_not_granted, whatever the queue", async () => {
    const world = await crossQueueWorld();
    const agent = await createAgent({ name: uniqueName("crm-bot"), sponsorEmail: world.sponsor.email, scopes: ["crm:read", "crm:commit"] });
    const res = await postProposal(agent.apiKey, sampleEnvelope(world.crm.slug));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("scope_not_granted");
  });

  it("a domain change applies to the very next proposal, with a receipt; proposals already stored stay", async () => {
    const world = await crossQueueWorld();
    // Warm the queue cache with the old rule.
    expect((await postProposal(world.apiKey, sampleEnvelope(world.crm.slug))).status).toBe(403);
    const changed = await setQueueDomains(world.admin, { slug: world.crm.slug, domains: ["crm", "ap"] });
    expect(changed).toEqual({ slug: world.crm.slug, before: ["crm"], domains: ["ap", "crm"], changed: true });
    const accepted = await postProposal(world.apiKey, sampleEnvelope(world.crm.slug));
    expect(accepted.status).toBe(201);
    const receipt = await db.receipt.findFirstOrThrow({ where: { kind: "queue_setting_changed", actorId: world.admin.id } });
    expect(receipt.payload).toEqual({ queue: world.crm.slug, setting: "domains", before: ["crm"], after: ["ap", "crm"], added: ["ap"], removed: [] });
    // And back: the next one is refused again, the stored one is untouched.
    await setQueueDomains(world.admin, { slug: world.crm.slug, domains: ["crm"] });
    expect((await postProposal(world.apiKey, sampleEnvelope(world.crm.slug))).body.error.code).toBe("queue_not_allowed");
    expect(await db.proposal.findUniqueOrThrow({ where: { id: accepted.body.id }, select: { status: true } })).toEqual({ status: "pending" });
  });
});

describe("changing a queue's domains", () => {
  it("is for admins only, refuses bad input readably, and writes no receipt when nothing changes", async () => {
    const world = await crossQueueWorld();
    const approver = await createTestUser("approver");
    await expect(setQueueDomains(approver, { slug: world.crm.slug, domains: ["ap"] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createQueue(approver, { slug: uniqueName("q"), name: "Q", domains: ["ap"] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setQueueDomains(world.admin, { slug: "no-such-queue", domains: ["ap"] })).rejects.toMatchObject({ code: "not_found" });
    await expect(setQueueDomains(world.admin, { slug: world.crm.slug, domains: ["AP:commit"] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ message: expect.stringContaining('"AP:commit" is not a scope domain') })],
    });
    await expect(setQueueDomains(world.admin, { slug: world.crm.slug, domains: [] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ message: expect.stringContaining("at least one scope domain") })],
    });
    expect(await setQueueDomains(world.admin, { slug: world.crm.slug, domains: ["crm", "crm"] })).toMatchObject({ changed: false });
    expect(await db.receipt.count({ where: { kind: "queue_setting_changed", actorId: world.admin.id } })).toBe(0);
    expect(await db.queue.findUniqueOrThrow({ where: { slug: world.crm.slug }, select: { domains: true } })).toEqual({ domains: ["crm"] });
  });

  it("creating a queue records who created it and the domains, and refuses a taken slug", async () => {
    const admin = await createTestUser("admin");
    const slug = uniqueName("procurement");
    const queue = await createQueue(admin, { slug, name: "Procurement", domains: ["procurement", "ap"] });
    expect(queue.domains).toEqual(["ap", "procurement"]);
    const receipt = await db.receipt.findFirstOrThrow({ where: { kind: "queue_created", actorId: admin.id } });
    expect(receipt.payload).toMatchObject({ queue: slug, queue_id: queue.id, name: "Procurement", domains: ["ap", "procurement"] });
    await expect(createQueue(CLI_CALLER, { slug, name: "Again", domains: ["ap"] })).rejects.toMatchObject({ code: "exists" });
  });
});
