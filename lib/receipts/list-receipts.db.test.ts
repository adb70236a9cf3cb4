// The receipts browser and export against a real database (SQLite, and
// PostgreSQL when configured). The database is shared with other test files,
// so every assertion is scoped to this file's own agents, queues and people.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decideProposals } from "@/lib/proposals/decide-proposals";
import { writeCheckpoint } from "@/lib/receipts/checkpoints";
import { revokeAgent } from "@/lib/agents/revoke-agent";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";
import { createTestUser } from "@/test-support/users";
import type { CurrentUser } from "@/lib/auth/current-user";
import { parseReceiptFilters, type ReceiptFilters } from "@/lib/receipts/receipt-filters";
import {
  countReceipts,
  iterateReceiptsForExport,
  listDecidersAndAgents,
  listReceipts,
  PAGE_SIZE,
  ReceiptsForbiddenError,
  type ReceiptRow,
} from "@/lib/receipts/list-receipts";
import { getReceiptDetail } from "@/lib/receipts/get-receipt";

const filters = (params: Record<string, string>): ReceiptFilters => parseReceiptFilters(params);

async function propose(world: Awaited<ReturnType<typeof createTestWorld>>, count: number, title = "Pay invoice") {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `${title} ${i}` }));
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}

async function allPages(user: CurrentUser, f: ReceiptFilters): Promise<ReceiptRow[][]> {
  const pages: ReceiptRow[][] = [];
  let cursor: number | null = null;
  for (let i = 0; i < 100; i++) {
    const page = await listReceipts(user, f, cursor);
    pages.push(page.rows);
    if (page.nextCursor === null) break;
    expect(page.nextCursor).toBe(page.rows.at(-1)!.seq);
    cursor = page.nextCursor;
  }
  return pages;
}

describe("listReceipts", () => {
  let a: Awaited<ReturnType<typeof createTestWorld>>;
  let b: Awaited<ReturnType<typeof createTestWorld>>;
  let dana: CurrentUser;
  let sam: CurrentUser;
  let viewer: CurrentUser;
  let batch1: string;
  let batch2: string;
  let autoId: string;
  let bIds: string[];

  beforeAll(async () => {
    a = await createTestWorld();
    b = await createTestWorld();
    dana = await createTestUser("approver", "Dana Ops");
    sam = await createTestUser("admin", "Sam Sec");
    viewer = await createTestUser("viewer");
    const ids = await propose(a, 4);
    // Decisions dated in the past, so the day filters have fixed days to find.
    batch1 = (await decideProposals(dana, { ids: ids.slice(0, 2), outcome: "approved" }, new Date("2025-01-10T12:00:00Z"))).batchId;
    batch2 = (await decideProposals(sam, { ids: [ids[2]!], outcome: "rejected", reason: "Duplicate, see INV-2290" }, new Date("2025-01-11T23:59:59Z"))).batchId;
    // Their receipts are dated 2025 too, far past the signer's grace: sign them now, as the demo seed
    // does, or the next file to sign a checkpoint on this shared database (rightly) refuses.
    await writeCheckpoint({ allowFirst: true });
    const auto = await postProposal(
      a.apiKey,
      sampleEnvelope(a.queue.slug, { title: "Read the ledger", scopes: ["ap:read"], plan: [{ title: "Read", tool: "ap.read", scope: "ap:read", args: {} }] }),
    );
    expect(auto.body.status).toBe("approved");
    autoId = auto.body.id;
    bIds = await propose(b, 1, "Other agent");
    await decideProposals(dana, { ids: bIds, outcome: "approved" });
  });

  it("by default shows everything but 'proposed', newest first, with small rows", async () => {
    const { rows, nextCursor } = await listReceipts(viewer, filters({ agent: a.agent.name }));
    expect(nextCursor).toBeNull();
    expect(rows.map((r) => r.kind)).toEqual(["auto_approved", "rejected", "approved", "approved", "agent_created"]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.seq).toBeLessThan(rows[i - 1]!.seq);

    const rejected = rows[1]!;
    expect(rejected).toEqual({
      seq: expect.any(Number),
      id: expect.any(String),
      kind: "rejected",
      actor: { type: "user", id: sam.id, name: "Sam Sec", email: sam.email, role: "admin", authMethod: "password" },
      proposal: { id: expect.any(String), title: "Pay invoice 2", queue: { slug: a.queue.slug, name: "Test queue" }, agent: a.agent.name },
      agent: a.agent.name,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      reason: "Duplicate, see INV-2290",
      batchId: batch2,
      createdAt: "2025-01-11T23:59:59.000Z",
    });
    const created = rows[4]!;
    expect(created.proposal).toBeNull();
    expect(created.agent).toBe(a.agent.name);
    expect(created.actor).toMatchObject({ type: "system", id: "cli" });
    expect(rows[0]!.actor).toMatchObject({ type: "policy" });
    expect(rows[0]!.proposal!.id).toBe(autoId);
  });

  it("filters by kind: all, decisions, one kind", async () => {
    const kinds = async (kind: string) => (await listReceipts(viewer, filters({ agent: a.agent.name, kind }))).rows.map((r) => r.kind);
    expect((await kinds("all")).filter((k) => k === "proposed")).toHaveLength(5);
    expect(await kinds("all")).toHaveLength(10);
    expect(await kinds("decisions")).toEqual(["auto_approved", "rejected", "approved", "approved"]);
    expect(await kinds("rejected")).toEqual(["rejected"]);
    expect(await kinds("proposed")).toHaveLength(5);
    expect(await kinds("nonsense")).toEqual(await kinds("events"));
  });

  it("filters by decider id or email (any case), and an unknown decider matches nothing", async () => {
    const byId = await listReceipts(viewer, filters({ decider: dana.id }));
    expect(byId.rows.length).toBe(3);
    expect(byId.rows.every((r) => r.actor.id === dana.id && r.kind === "approved")).toBe(true);
    const byEmail = await listReceipts(viewer, filters({ decider: dana.email.toUpperCase() }));
    expect(byEmail.rows.map((r) => r.id)).toEqual(byId.rows.map((r) => r.id));
    const samOnA = await listReceipts(viewer, filters({ decider: sam.email, agent: a.agent.name }));
    expect(samOnA.rows.map((r) => r.kind)).toEqual(["rejected"]);
    expect((await listReceipts(viewer, filters({ decider: "nobody@example.com" }))).rows).toEqual([]);
    expect((await listReceipts(viewer, filters({ decider: "no-such-id" }))).rows).toEqual([]);
  });

  it("filters by agent (its proposals and agent_* receipts about it) and by queue", async () => {
    await revokeAgent(b.agent.name);
    const ofB = await listReceipts(viewer, filters({ agent: b.agent.name, kind: "all" }));
    expect(ofB.rows.map((r) => r.kind)).toEqual(["agent_revoked", "approved", "proposed", "agent_created"]);
    expect(ofB.rows.every((r) => r.agent === b.agent.name)).toBe(true);

    const inQueueB = await listReceipts(viewer, filters({ queue: b.queue.slug, kind: "all" }));
    expect(inQueueB.rows.map((r) => r.kind)).toEqual(["approved", "proposed"]);
    expect(inQueueB.rows.every((r) => r.proposal?.id === bIds[0])).toBe(true);
    expect((await listReceipts(viewer, filters({ agent: "no-such-agent" }))).rows).toEqual([]);
    expect((await listReceipts(viewer, filters({ queue: "no-such-queue" }))).rows).toEqual([]);
  });

  it("filters by batch", async () => {
    const rows = (await listReceipts(viewer, filters({ batch: batch1 }))).rows;
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.batchId === batch1 && r.kind === "approved" && r.actor.id === dana.id)).toBe(true);
    expect(await countReceipts(viewer, filters({ batch: batch1 }))).toBe(2);
  });

  it("filters by inclusive UTC days", async () => {
    const on = async (from?: string, to?: string) =>
      (await listReceipts(viewer, filters({ agent: a.agent.name, ...(from ? { from } : {}), ...(to ? { to } : {}) }))).rows.map((r) => r.batchId);
    expect(await on("2025-01-10", "2025-01-10")).toEqual([batch1, batch1]);
    expect(await on("2025-01-11", "2025-01-11")).toEqual([batch2]);
    expect(await on("2025-01-10", "2025-01-11")).toEqual([batch2, batch1, batch1]);
    expect(await on(undefined, "2025-01-09")).toEqual([]);
    expect(await on("2025-01-12", "2025-12-31")).toEqual([]);
    // An impossible day is ignored rather than failing the page.
    expect(await on("2025-02-30", "2025-01-10")).toEqual([batch1, batch1]);
  });

  it("may not be read without a signed-in user", async () => {
    await expect(listReceipts(null, filters({}))).rejects.toBeInstanceOf(ReceiptsForbiddenError);
    await expect(getReceiptDetail(null, "x")).rejects.toBeInstanceOf(ReceiptsForbiddenError);
  });

  it("lists deciders, agents and queues for the filter bar", async () => {
    const options = await listDecidersAndAgents(viewer);
    expect(options.deciders).toEqual(expect.arrayContaining([{ id: dana.id, name: "Dana Ops", email: dana.email }, { id: sam.id, name: "Sam Sec", email: sam.email }]));
    expect(options.deciders.some((d) => d.id === viewer.id)).toBe(false);
    expect(options.agents).toEqual(expect.arrayContaining([a.agent.name, b.agent.name]));
    expect(options.queues).toEqual(expect.arrayContaining([{ slug: a.queue.slug, name: "Test queue" }]));
  });

  it("shows one receipt with the version its digest names, and the proposal's other receipts", async () => {
    const rejected = (await listReceipts(viewer, filters({ batch: batch2 }))).rows[0]!;
    const detail = await getReceiptDetail(viewer, rejected.id);
    expect(detail).not.toBeNull();
    expect(detail!.actor).toEqual({ type: "user", id: sam.id, name: "Sam Sec", email: sam.email, role: "admin", authMethod: "password" });
    expect(detail!.actorSnapshot).toEqual({ type: "user", id: sam.id, email: sam.email, name: "Sam Sec", role: "admin", auth_method: "password" });
    expect(detail!.payload).toMatchObject({ outcome: "rejected", batch_id: batch2, digest: rejected.digest });
    expect(detail!.version).toMatchObject({ version: 1, digest: rejected.digest, editedBy: null });
    expect(detail!.version!.plan.map((s) => s.tool)).toEqual(["ap.match_invoice", "ap.create_draft_payment", "ap.release_payment"]);
    expect(detail!.proposal).toMatchObject({ id: rejected.proposal!.id, status: "rejected", agent: a.agent.name });
    expect(detail!.timeline.map((t) => t.kind)).toEqual(["proposed", "rejected"]);
    expect(await getReceiptDetail(viewer, "no-such-receipt")).toBeNull();
  });
});

describe("cursor pagination and export", () => {
  it("pages newest first without gaps or duplicates, and the export walks the same set oldest first", async () => {
    const world = await createTestWorld();
    const approver = await createTestUser("approver");
    const ids = await propose(world, 60);
    await decideProposals(approver, { ids, outcome: "approved" });
    const f = filters({ agent: world.agent.name, kind: "all" });

    const expected = (
      await db.receipt.findMany({
        where: { OR: [{ proposal: { agentId: world.agent.id } }, { kind: "agent_created", actorId: "cli" }] },
        orderBy: { seq: "desc" },
        select: { seq: true, kind: true, payload: true, proposalId: true },
      })
    )
      .filter((r) => r.proposalId || (r.payload as { agent_id?: string }).agent_id === world.agent.id)
      .map((r) => r.seq);
    expect(expected).toHaveLength(121);

    const pages = await allPages(approver, f);
    expect(pages.map((p) => p.length)).toEqual([PAGE_SIZE, PAGE_SIZE, 21]);
    const seen = pages.flat().map((r) => r.seq);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(await countReceipts(approver, f)).toBe(121);

    const chunks = iterateReceiptsForExport(approver, f, 7);
    const first = await chunks.next();
    // Receipts appended once an export has started are not part of it.
    await propose(world, 1, "Late");
    const exported = first.done ? [] : [...first.value];
    for await (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(7);
      exported.push(...chunk);
    }
    expect(exported.map((r) => r.seq)).toEqual([...expected].reverse());
    const approved = exported.find((r) => r.kind === "approved")!;
    expect(approved.actor).toEqual({ type: "user", id: approver.id, email: approver.email, name: approver.name, role: "approver", auth_method: "password" });
    expect(approved.payload).toMatchObject({ outcome: "approved", batch_size: 60 });
    expect(approved.proposal).toEqual({ title: expect.stringMatching(/^Pay invoice \d+$/), queue: { slug: world.queue.slug, name: "Test queue" }, agent: world.agent.name });
  });
});
