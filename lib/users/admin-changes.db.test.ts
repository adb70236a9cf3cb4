// Admin changes to people against a real database: receipts, the last-admin
// guard, and per-queue roles.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { setMembership, setUserActive, setUserRole } from "@/lib/users/admin-changes";
import { createUserAsAdmin } from "@/lib/users/create-user-as-admin";
import { loadQueueRoles, roleOnQueue } from "@/lib/users/queue-roles";
import { createQueue } from "@/lib/queues/create-queue";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { createTestWorld, sampleEnvelope, uniqueName } from "@/test-support/fixtures";
import { createTestUser } from "@/test-support/users";
import { postProposal } from "@/test-support/agent-api";
import { decideProposals } from "@/lib/proposals/decide-proposals";

// Test files share one database, so other admins exist: the last-admin test
// parks them (inactive) right before each refused change and restores them after.
const parked = new Set<string>();
async function onlyAdmin(keep: string) {
  const others = await db.user.findMany({ where: { role: "admin", active: true, id: { not: keep } }, select: { id: true } });
  others.forEach((u) => parked.add(u.id));
  await db.user.updateMany({ where: { id: { in: others.map((u) => u.id) } }, data: { active: false } });
}
afterAll(async () => {
  await db.user.updateMany({ where: { id: { in: [...parked] } }, data: { active: true } });
});

describe("admin changes to users", () => {
  it("changes a role and writes a receipt with before and after; a no-op writes none", async () => {
    const admin = await createTestUser("admin", "Ada Admin");
    const vic = await createTestUser("viewer");
    expect(await setUserRole(admin, { userId: vic.id, role: "approver" })).toMatchObject({ changed: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: vic.id } })).role).toBe("approver");
    const receipt = await db.receipt.findFirstOrThrow({ where: { kind: "user_role_changed", actorId: admin.id } });
    expect(receipt.payload).toMatchObject({ user_id: vic.id, email: vic.email, before: "viewer", after: "approver" });
    expect(receipt.proposalId).toBeNull();
    expect(await setUserRole(admin, { userId: vic.id, role: "approver" })).toMatchObject({ changed: false });
    expect(await db.receipt.count({ where: { kind: "user_role_changed", actorId: admin.id } })).toBe(1);
  });

  it("disables and enables with receipts", async () => {
    const admin = await createTestUser("admin");
    const sam = await createTestUser("approver");
    await setUserActive(admin, { userId: sam.id, active: false });
    expect((await db.user.findUniqueOrThrow({ where: { id: sam.id } })).active).toBe(false);
    await setUserActive(admin, { userId: sam.id, active: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: sam.id } })).active).toBe(true);
    const kinds = (await db.receipt.findMany({ where: { actorId: admin.id }, orderBy: { seq: "asc" } })).map((r) => r.kind);
    expect(kinds).toEqual(["user_disabled", "user_enabled"]);
  });

  it("non-admins are refused", async () => {
    const approver = await createTestUser("approver");
    const vic = await createTestUser("viewer");
    await expect(setUserRole(approver, { userId: vic.id, role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setUserActive(approver, { userId: vic.id, active: false })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setMembership(approver, { userId: vic.id, queueId: null, role: "approver" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createUserAsAdmin(approver, { email: `${uniqueName("x")}@example.com`, name: "X", role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await db.user.findUniqueOrThrow({ where: { id: vic.id } })).role).toBe("viewer");
  });

  it("creates a user with a receipt, and refuses a duplicate email readably", async () => {
    const admin = await createTestUser("admin");
    const email = `${uniqueName("new")}@example.com`;
    const user = await createUserAsAdmin(admin, { email, name: "New Person", role: "approver", password: "a-long-password" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toMatch(/^\$argon2id\$/);
    expect((await db.receipt.findFirstOrThrow({ where: { kind: "user_created", actorId: admin.id } })).payload).toMatchObject({ email, role: "approver", password_set: true });
    await expect(createUserAsAdmin(admin, { email, name: "Again", role: "viewer" })).rejects.toMatchObject({ code: "exists" });
  });
});

describe("the last active admin", () => {
  it("cannot demote or disable themselves, or be demoted by someone else, while no other admin is active", async () => {
    const ada = await createTestUser("admin", "Ada");
    await onlyAdmin(ada.id);
    await expect(setUserRole(ada, { userId: ada.id, role: "approver" })).rejects.toMatchObject({ code: "last_admin", message: expect.stringMatching(/last active admin/) });
    await onlyAdmin(ada.id);
    await expect(setUserActive(ada, { userId: ada.id, active: false })).rejects.toMatchObject({ code: "last_admin" });
    expect(await db.user.findUniqueOrThrow({ where: { id: ada.id } })).toMatchObject({ role: "admin", active: true });
    expect(await db.receipt.count({ where: { actorId: ada.id } })).toBe(0); // rolled back with the change

    const bea = await createTestUser("admin", "Bea");
    await setUserRole(bea, { userId: ada.id, role: "approver" }); // another admin remains: allowed
    await onlyAdmin(bea.id);
    await expect(setUserRole(bea, { userId: bea.id, role: "viewer" })).rejects.toMatchObject({ code: "last_admin" });
  });
});

describe("queue memberships", () => {
  it("an approver of queue A via membership is an approver on A only; changes write receipts; null removes", async () => {
    const admin = await createTestUser("admin");
    const vic = await createTestUser("viewer");
    const a = await createQueue(CLI_CALLER, { slug: uniqueName("qa"), name: "A", domains: ["ap"] });
    const b = await createQueue(CLI_CALLER, { slug: uniqueName("qb"), name: "B", domains: ["ap"] });
    await setMembership(admin, { userId: vic.id, queueId: a.id, role: "approver" });
    let roles = await loadQueueRoles(vic);
    expect(roleOnQueue(roles, a.id)).toBe("approver");
    expect(roleOnQueue(roles, b.id)).toBe("viewer");

    await setMembership(admin, { userId: vic.id, queueId: null, role: "approver" });
    roles = await loadQueueRoles(vic);
    expect(roleOnQueue(roles, b.id)).toBe("approver");

    await setMembership(admin, { userId: vic.id, queueId: null, role: null });
    await setMembership(admin, { userId: vic.id, queueId: a.id, role: null });
    roles = await loadQueueRoles(vic);
    expect(roleOnQueue(roles, a.id)).toBe("viewer");
    expect(await db.membership.count({ where: { userId: vic.id } })).toBe(0);
    const payloads = (await db.receipt.findMany({ where: { kind: "membership_changed", actorId: admin.id }, orderBy: { seq: "asc" } })).map((r) => r.payload);
    expect(payloads).toEqual([
      expect.objectContaining({ queue: a.slug, before: null, after: "approver" }),
      expect.objectContaining({ queue: null, scope: "all_queues", before: null, after: "approver" }),
      expect.objectContaining({ queue: null, before: "approver", after: null }),
      expect.objectContaining({ queue: a.slug, before: "approver", after: null }),
    ]);
  });
});

describe("a queue role set by an admin, in decisions", () => {
  it("an approver of queue A by membership decides on A and is refused on B", async () => {
    const admin = await createTestUser("admin");
    const vic = await createTestUser("viewer");
    const [a, b] = [await createTestWorld(), await createTestWorld()];
    const onA = (await postProposal(a.apiKey, sampleEnvelope(a.queue.slug, { title: "On queue A" }))).body.id as string;
    const onB = (await postProposal(b.apiKey, sampleEnvelope(b.queue.slug, { title: "On queue B" }))).body.id as string;
    await expect(decideProposals(vic, { ids: [onA], outcome: "rejected", reason: "no" })).rejects.toMatchObject({ code: "forbidden" });

    await setMembership(admin, { userId: vic.id, queueId: a.queue.id, role: "approver" });
    const result = await decideProposals(vic, { ids: [onA, onB], outcome: "rejected", reason: "Duplicate" });
    expect(result.decided.map((d) => d.id)).toEqual([onA]);
    expect(result.skipped).toEqual([expect.objectContaining({ id: onB, reason: "not_allowed" })]);
    expect((await db.proposal.findUniqueOrThrow({ where: { id: onB } })).status).toBe("pending");
  });
});
