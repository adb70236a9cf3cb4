// Intake's groups on the writer thread (SQLITE_WRITER_THREAD=on,
// lib/proposals/intake-on-writer-thread.ts): committed there when nothing
// surprises it, and written the ordinary way, with the ordinary answers, when
// something does. SQLite only; on PostgreSQL the setting does nothing.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SQLITE_WRITER_THREAD = "on";
});

import { databaseTarget, db } from "@/lib/db/client";
import { commitIntake } from "@/lib/proposals/intake-group-commit";
import { WRITER_THREAD, writeGroupOnWriterThread, writerThreadCounts } from "@/lib/proposals/intake-on-writer-thread";
import { dieAfterNextCommitForTests, forgetWriterThread, stopWriterThread, writerThreadRunning } from "@/lib/db/sqlite-writer-thread";
import { driverSql, sqliteSql } from "@/lib/db/driver-sql";
import { appendReceipts } from "@/lib/receipts/append-receipt";
import { verifyStoredChain } from "@/lib/receipts/verify-stored-chain";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";

const sqliteFile = databaseTarget.provider === "sqlite" ? databaseTarget.file : "";

function marked(agentId: string, marker: string) {
  return commitIntake({
    agentId,
    write: async () => {},
    receipts: [{ kind: "queue_setting_changed", actor: { type: "system", id: "writer-test", name: "test" }, payload: { queue: marker, setting: "separation_of_duties", before: false, after: true } }],
  });
}

async function markersOnChain(prefix: string): Promise<string[]> {
  const rows = await db.receipt.findMany({ where: { kind: "queue_setting_changed", actorId: "writer-test" }, select: { payload: true } });
  return rows.map((r) => String((r.payload as { queue?: string }).queue)).filter((m) => m.startsWith(prefix)).sort();
}

describe.skipIf(!WRITER_THREAD)("intake on the writer thread (SQLite)", () => {
  afterAll(async () => {
    await stopWriterThread();
    forgetWriterThread();
  });

  it("writes concurrent proposals there, each answered after its group's commit, and the chain verifies", async () => {
    const world = await createTestWorld();
    const before = writerThreadCounts();
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `Writer ${i}` }))));
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(writerThreadRunning()).toBe(true);
    const after = writerThreadCounts();
    expect(after.committed).toBeGreaterThan(before.committed);
    expect(after.refused).toBe(before.refused);
    for (const reply of replies) {
      const stored = await db.proposal.findUniqueOrThrow({ where: { id: reply.body.id }, include: { receipts: true, versions: true } });
      expect(stored.status).toBe(reply.body.status);
      expect(stored.receipts.map((r) => r.kind)).toEqual(["proposed"]);
      expect(stored.versions).toHaveLength(1);
    }
    expect((await verifyStoredChain()).ok).toBe(true);
  });

  it("an agent stopped since: the writer refuses the group, and the ordinary path refuses that agent alone", async () => {
    const running = await createTestWorld();
    const stopped = await createTestWorld();
    await db.agent.update({ where: { id: stopped.agent.id }, data: { disabled: true } });
    const before = writerThreadCounts();
    const prefix = randomUUID();
    const results = await Promise.allSettled([marked(running.agent.id, `${prefix}-a`), marked(stopped.agent.id, `${prefix}-b`), marked(running.agent.id, `${prefix}-c`)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ kind: "unauthenticated" });
    expect(await markersOnChain(prefix)).toEqual([`${prefix}-a`, `${prefix}-c`]);
    const after = writerThreadCounts();
    expect(after.refused).toBeGreaterThan(before.refused);
    expect(after.lastRefusal).toMatch(/changed no row/);
  });

  it("a chain head moved by another process while the group was recorded: nothing of the group is written there, and the chain stays whole", async () => {
    const world = await createTestWorld();
    await marked(world.agent.id, `${randomUUID()}-warm`); // the writer thread is up
    const other = new Database(sqliteFile, { timeout: 10_000 });
    const prefix = randomUUID();
    const before = writerThreadCounts();
    try {
      const written = await writeGroupOnWriterThread(async (sql) => {
        // The group is hashed on the head read a moment ago; another process appends meanwhile.
        other.prepare("BEGIN IMMEDIATE").run();
        // Another process's connection to the same file, as the CLI or a second server would have.
        await appendReceipts(sqliteSql(other), [{ kind: "queue_setting_changed", actor: { type: "system", id: "writer-test", name: "test" }, payload: { queue: `${prefix}-other`, setting: "separation_of_duties", before: false, after: true } }]);
        other.prepare("COMMIT").run();
        await appendReceipts(sql, [{ kind: "queue_setting_changed", actor: { type: "system", id: "writer-test", name: "test" }, payload: { queue: `${prefix}-stale`, setting: "separation_of_duties", before: false, after: true } }]);
      });
      expect(written).toBe(false);
    } finally {
      other.close();
    }
    expect(writerThreadCounts().refused).toBe(before.refused + 1);
    expect(writerThreadCounts().lastRefusal).toMatch(/read another row than expected/);
    expect(await markersOnChain(prefix)).toEqual([`${prefix}-other`]);
    // The next group is hashed on the moved head and committed there.
    await marked(world.agent.id, `${prefix}-next`);
    expect(writerThreadCounts().committed).toBeGreaterThan(before.committed);
    expect(await markersOnChain(prefix)).toEqual([`${prefix}-next`, `${prefix}-other`]);
    expect((await verifyStoredChain()).ok).toBe(true);
  });

  it("one Idempotency-Key sent concurrently: one proposal, the others its replay", async () => {
    const world = await createTestWorld();
    const key = `writer-${randomUUID()}`;
    const envelope = sampleEnvelope(world.queue.slug, { title: "Once" });
    const before = writerThreadCounts();
    const replies = await Promise.all(Array.from({ length: 4 }, () => postProposal(world.apiKey, envelope, { "idempotency-key": key })));
    // The writer took the first group (and refused it, when the duplicates were in it too).
    const after = writerThreadCounts();
    expect(after.committed + after.refused).toBeGreaterThan(before.committed + before.refused);
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(await db.proposal.count({ where: { agentId: world.agent.id } })).toBe(1);
  });

  it("while the writer writes, the server's connection reads on and its writes wait", async () => {
    const world = await createTestWorld();
    await marked(world.agent.id, `${randomUUID()}-warm`);
    let renamed = false;
    let urlSet = false;
    let pendingWrites: Promise<unknown> = Promise.resolve();
    let readInTurn = "";
    let writtenInTurn: boolean | null = null;
    const written = await writeGroupOnWriterThread(async (sql) => {
      // In the write turn: a write outside any transaction must wait for it, through the query
      // builder's raw statements and through the driver's plain SQL alike...
      pendingWrites = Promise.all([
        db.$executeRawUnsafe(`UPDATE "Agent" SET "name" = ? WHERE "id" = ?`, `${world.agent.name}-renamed`, world.agent.id).then(() => (renamed = true)),
        driverSql().then((plain) => plain.execute(`UPDATE "Agent" SET "callbackUrl" = ? WHERE "id" = ?`, ["https://example.test/written-in-the-turn", world.agent.id])).then(() => (urlSet = true)),
      ]);
      // ...and a read must not.
      readInTurn = (await db.agent.findUniqueOrThrow({ where: { id: world.agent.id } })).name;
      await new Promise((resolve) => setTimeout(resolve, 50));
      writtenInTurn = renamed || urlSet;
      await appendReceipts(sql, [{ kind: "queue_setting_changed", actor: { type: "system", id: "writer-test", name: "test" }, payload: { queue: `${randomUUID()}-turn`, setting: "separation_of_duties", before: false, after: true } }]);
    });
    expect(readInTurn).toBe(world.agent.name);
    expect(writtenInTurn).toBe(false);
    expect(written).toBe(true);
    await pendingWrites;
    expect(await db.agent.findUniqueOrThrow({ where: { id: world.agent.id } })).toMatchObject({ name: `${world.agent.name}-renamed`, callbackUrl: "https://example.test/written-in-the-turn" });
  });

  it("a writer thread that dies after its COMMIT, before answering: the group counts as committed, once", async () => {
    const world = await createTestWorld();
    await stopWriterThread();
    forgetWriterThread();
    dieAfterNextCommitForTests();
    const prefix = randomUUID();
    const results = await Promise.allSettled(Array.from({ length: 3 }, (_, i) => marked(world.agent.id, `${prefix}-${i}`)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    expect(writerThreadRunning()).toBe(false);
    // Each receipt once: the group was not written again after the lost answer.
    expect(await markersOnChain(prefix)).toEqual([0, 1, 2].map((i) => `${prefix}-${i}`));
    expect((await verifyStoredChain()).ok).toBe(true);
    forgetWriterThread();
  });

  it("a writer thread that dies: intake carries on on the server's connection", async () => {
    const world = await createTestWorld();
    await marked(world.agent.id, `${randomUUID()}-warm`);
    await stopWriterThread();
    expect(writerThreadRunning()).toBe(false);
    const replies = await Promise.all(Array.from({ length: 4 }, (_, i) => postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title: `After ${i}` }))));
    expect(replies.map((r) => r.status)).toEqual(Array(4).fill(201));
    expect(await db.proposal.count({ where: { agentId: world.agent.id } })).toBe(4);
    expect((await verifyStoredChain()).ok).toBe(true);
    forgetWriterThread();
  });
});
