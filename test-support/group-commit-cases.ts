// The cases of intake's group commit (lib/proposals/intake-group-commit.ts), run twice on SQLite:
// with the writer thread off (intake-group-commit.db.test.ts) and on
// (intake-group-commit-writer.db.test.ts), since at any surprise the writer hands the group to the
// ordinary path and the answers must be the same either way.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { commitIntake, GROUP_RETRIED, LINGER_MS } from "@/lib/proposals/intake-group-commit";
import { logger } from "@/lib/log";
import { verifyStoredChain } from "@/lib/receipts/verify-stored-chain";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { sqlParam } from "@/lib/db/raw-values";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";

function marked(agentId: string, marker: string, write: Parameters<typeof commitIntake>[0]["write"] = async () => {}) {
  return commitIntake({
    agentId,
    write,
    receipts: [{ kind: "queue_setting_changed", actor: { type: "system", id: "test", name: "test" }, payload: { queue: marker, setting: "separation_of_duties", before: false, after: true } }],
  });
}

async function markersOnChain(prefix: string): Promise<string[]> {
  const rows = await db.receipt.findMany({ where: { kind: "queue_setting_changed", actorId: "test" }, select: { payload: true } });
  return rows.map((r) => String((r.payload as { queue?: string }).queue)).filter((m) => m.startsWith(prefix)).sort();
}

const retried = () => vi.mocked(logger.warn).mock.calls.filter(([message]) => message === GROUP_RETRIED);

export function groupCommitCases(name: string): void {
describe(name, () => {
  afterEach(() => vi.restoreAllMocks());

  it("commits groups on the driver, not through the one-by-one fallback", async () => {
    vi.spyOn(logger, "warn");
    const world = await createTestWorld();
    const prefix = randomUUID();
    await Promise.all(Array.from({ length: 8 }, (_, i) => marked(world.agent.id, `${prefix}-${i}`)));
    expect(await markersOnChain(prefix)).toHaveLength(8);
    expect(retried()).toEqual([]);
  });

  it("a chain without its head row: the group falls back to a Prisma transaction, which rebuilds the head; nothing is lost", async () => {
    const world = await createTestWorld();
    const prefix = randomUUID();
    await marked(world.agent.id, `${prefix}-before`);
    await db.$executeRawUnsafe(`DELETE FROM ${qualifiedTable("ReceiptChainHead")}`);
    vi.spyOn(logger, "warn");
    const results = await Promise.allSettled(Array.from({ length: 3 }, (_, i) => marked(world.agent.id, `${prefix}-${i}`)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    expect(retried().length).toBeGreaterThan(0);
    expect(await markersOnChain(prefix)).toHaveLength(4);
    const verified = await verifyStoredChain();
    expect(verified.firstBroken).toBeUndefined();
    expect(verified.ok).toBe(true);
  });

  it("rolls back only the failing proposal of a shared transaction; its neighbours commit", async () => {
    const world = await createTestWorld();
    const prefix = randomUUID();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        marked(world.agent.id, `${prefix}-${i}`, async (sql) => {
          if (i !== 3) return;
          // A write that lands and then fails: the savepoint must take it back.
          await sql.execute(`UPDATE ${qualifiedTable("Agent")} SET "name" = ${sqlParam(1)} WHERE "id" = ${sqlParam(2)}`, ["written-by-the-failing-item", world.agent.id]);
          throw new Error("boom");
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ message: "boom" });
    expect(await markersOnChain(prefix)).toEqual([0, 1, 2, 4, 5].map((i) => `${prefix}-${i}`));
    expect((await db.agent.findUniqueOrThrow({ where: { id: world.agent.id } })).name).toBe(world.agent.name);
  });

  it("refuses a stopped agent's proposals in a group and commits the others'", async () => {
    const running = await createTestWorld();
    const stopped = await createTestWorld();
    await db.agent.update({ where: { id: stopped.agent.id }, data: { disabled: true } });
    const prefix = randomUUID();
    const results = await Promise.allSettled([
      marked(running.agent.id, `${prefix}-a`),
      marked(stopped.agent.id, `${prefix}-b`),
      marked(running.agent.id, `${prefix}-c`),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const refusal = (results[1] as PromiseRejectedResult).reason;
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ kind: "unauthenticated" });
    expect(await markersOnChain(prefix)).toEqual([`${prefix}-a`, `${prefix}-c`]);
  });

  // Each group gets its own transaction handle, so a handle shared by two writes means one group.
  it.skipIf(LINGER_MS === 0)("SQLite: after eight proposals in flight together, a group waits for the rest of the next eight instead of committing half", async () => {
    const world = await createTestWorld();
    const prefix = randomUUID();
    await Promise.all(Array.from({ length: 8 }, (_, i) => marked(world.agent.id, `${prefix}-warm-${i}`)));
    const handles: unknown[] = [];
    const noting = async (sql: unknown) => void handles.push(sql);
    const first = Array.from({ length: 4 }, (_, i) => marked(world.agent.id, `${prefix}-first-${i}`, noting));
    // Queued behind the group's own start (setImmediate, in this same turn): without the wait, the
    // first four commit alone before these arrive, since every SQLite statement completes at once.
    const second = await new Promise<Promise<void>[]>((resolve) =>
      setImmediate(() => resolve(Array.from({ length: 4 }, (_, i) => marked(world.agent.id, `${prefix}-second-${i}`, noting)))),
    );
    await Promise.all([...first, ...second]);
    expect(handles).toHaveLength(8);
    expect(new Set(handles).size).toBe(1);
    expect(await markersOnChain(`${prefix}-s`)).toHaveLength(4);
  });

  it("answers concurrent posts each after its own commit: distinct bodies, one key replayed, one key reused with another body", async () => {
    const world = await createTestWorld();
    const key = `group-${randomUUID()}`;
    const clash = `clash-${randomUUID()}`;
    const same = sampleEnvelope(world.queue.slug, { title: "Replayed" });
    const replies = await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `Distinct ${i}` }))),
      ...Array.from({ length: 4 }, () => postProposal(world.apiKey, same, { "idempotency-key": key })),
      postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: "First" }), { "idempotency-key": clash }),
    ]);
    expect(replies.slice(0, 12).map((r) => r.status)).toEqual(Array(12).fill(201));
    const keyed = replies.slice(12, 16);
    expect(keyed.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(keyed.map((r) => r.body.id)).size).toBe(1);
    const second = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: "Second" }), { "idempotency-key": clash });
    expect(second.status).toBe(422);
    // Every 201 is on disk with its "proposed" receipt at the moment it was answered.
    for (const reply of replies.filter((r) => r.status === 201)) {
      const stored = await db.proposal.findUniqueOrThrow({ where: { id: reply.body.id }, include: { receipts: true, versions: true } });
      expect(stored.receipts.map((r) => r.kind)).toEqual(["proposed"]);
      expect(stored.versions).toHaveLength(1);
    }
    expect(await db.proposal.count({ where: { agentId: world.agent.id } })).toBe(14);
  });
});
}
