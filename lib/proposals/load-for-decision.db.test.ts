// The two decision paths (batch decide, approve with edits) go through one
// loader-and-authorizer: the same refusal gets the same code on both, and the
// security log records it the same way.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { approveWithEdits } from "@/lib/proposals/approve-with-edits";
import { setMembership } from "@/lib/users/admin-changes";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import type { CurrentUser } from "@/lib/auth/current-user";

async function pending(world: Awaited<ReturnType<typeof createTestWorld>>, title: string) {
  const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title }));
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const anEdit = (id: string) => ({ id, version: 1, plan: [{ index: 0, args: { invoice: "INV-1" } }] });

/** How each path answers the same person on the same item: a skip reason, or a thrown code. */
async function bothPaths(user: CurrentUser, id: string) {
  const decided = await decideProposals(user, { ids: [id], outcome: "approved" }).then(
    (r) => r.skipped[0]?.reason ?? "decided",
    (error: { code: string }) => error.code,
  );
  const edited = await approveWithEdits(user, anEdit(id)).then(
    () => "decided",
    (error: { code: string }) => error.code,
  );
  return { decided, edited };
}

async function refusalsOf(userId: string, target: string) {
  const rows = await db.securityEvent.findMany({ where: { actorId: userId, target }, orderBy: { createdAt: "asc" }, select: { code: true, action: true, rule: true } });
  return rows;
}

describe("one loader-and-authorizer for every decision path", () => {
  it("no right on the item's queue: not_allowed on both paths, logged with the refusing policy", async () => {
    const admin = await createTestUser("admin");
    const [a, b] = [await createTestWorld(), await createTestWorld()];
    const onB = await pending(b, "On queue B");
    const vic = await createTestUser("viewer");
    await setMembership(admin, { userId: vic.id, queueId: a.queue.id, role: "approver" });

    expect(await bothPaths(vic, onB)).toEqual({ decided: "not_allowed", edited: "not_allowed" });
    expect(await refusalsOf(vic.id, onB)).toEqual([
      { code: "not_allowed", action: "decide:approved", rule: "deciders-are-approvers" },
      { code: "not_allowed", action: "approve_with_edits", rule: "deciders-are-approvers" },
    ]);
    expect((await db.proposal.findUniqueOrThrow({ where: { id: onB } })).status).toBe("pending");
  });

  it("the agent's sponsor: separation_of_duties on both paths", async () => {
    const world = await createTestWorld();
    const id = await pending(world, "Sponsor's own");
    const sponsor: CurrentUser = { id: world.sponsor.id, email: world.sponsor.email, name: world.sponsor.name, role: "approver", authMethod: "password" };
    expect(await bothPaths(sponsor, id)).toEqual({ decided: "separation_of_duties", edited: "separation_of_duties" });
    expect((await refusalsOf(sponsor.id, id)).map((r) => [r.code, r.rule])).toEqual([
      ["separation_of_duties", "separation-of-duties-sponsor"],
      ["separation_of_duties", "separation-of-duties-sponsor"],
    ]);
  });

  it("a person who decides on no queue: forbidden on both paths, before anything is read", async () => {
    const world = await createTestWorld();
    const id = await pending(world, "Viewer's try");
    const vic = await createTestUser("viewer");
    expect(await bothPaths(vic, id)).toEqual({ decided: "forbidden", edited: "forbidden" });
    expect(await bothPaths(vic, "no-such-id")).toEqual({ decided: "forbidden", edited: "forbidden" });
  });

  it("state before rights: a decided item is already decided on both paths, whoever asks", async () => {
    const world = await createTestWorld();
    const id = await pending(world, "Decided first");
    const dana = await createTestUser("approver");
    await decideProposals(dana, { ids: [id], outcome: "rejected", reason: "No" });
    const sponsor: CurrentUser = { id: world.sponsor.id, email: world.sponsor.email, name: world.sponsor.name, role: "approver", authMethod: "password" };
    expect(await bothPaths(sponsor, id)).toEqual({ decided: "already_decided", edited: "conflict" });
    expect(await bothPaths(dana, "no-such-id")).toEqual({ decided: "not_found", edited: "not_found" });
  });
});
