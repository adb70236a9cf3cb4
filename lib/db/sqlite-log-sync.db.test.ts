// SQLite: the driver's transactions sync their log off the thread
// (lib/db/sqlite-log-sync.ts), yet nobody in the process hears of or reads a
// COMMIT before its sync, and a commit whose sync failed is never written again.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { databaseTarget, db } from "@/lib/db/client";
import { driverSql, driverTransaction } from "@/lib/db/driver-sql";
import { connectedSqlite } from "@/lib/db/sqlite-adapter";
import { LogNotSynced, syncWriteAheadLog } from "@/lib/db/sqlite-log-sync";
import { commitIntake } from "@/lib/proposals/intake-group-commit";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { sqlParam } from "@/lib/db/raw-values";
import { createTestWorld } from "@/test-support/fixtures";

vi.mock("@/lib/db/sqlite-log-sync", async (original) => {
  const real = await original<typeof import("@/lib/db/sqlite-log-sync")>();
  return { ...real, syncWriteAheadLog: vi.fn(real.syncWriteAheadLog) };
});

const AGENT = qualifiedTable("Agent");
const rename = `UPDATE ${AGENT} SET "name" = ${sqlParam(1)} WHERE "id" = ${sqlParam(2)}`;

/** Holds the next log sync until `release()`; `started` resolves once it was asked for. */
function holdNextSync() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let started!: (file: string) => void;
  const asked = new Promise<string>((resolve) => (started = resolve));
  vi.mocked(syncWriteAheadLog).mockImplementationOnce(async (file) => {
    started(file);
    await held;
  });
  return { release, asked };
}

/** Whether `promise` settled within `ms` (it keeps running either way). */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true), () => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, ms));
  return settled;
}

describe.runIf(databaseTarget.provider === "sqlite")("SQLite: the driver's COMMIT and its log sync", () => {
  afterEach(() => vi.mocked(syncWriteAheadLog).mockClear());

  it("answers the transaction, and lets any other statement read, only after the log is synced", async () => {
    const world = await createTestWorld();
    const name = `synced-${randomUUID()}`;
    const sync = holdNextSync();
    const transaction = driverTransaction((sql) => sql.execute(rename, [name, world.agent.id]));
    expect(await sync.asked).toBe(connectedSqlite()!.client.name); // the log of the database the connection opened
    const prismaRead = db.agent.findUniqueOrThrow({ where: { id: world.agent.id } });
    const driverRead = (async () => (await driverSql()).query<{ name: string }>(`SELECT "name" FROM ${AGENT} WHERE "id" = ${sqlParam(1)}`, [world.agent.id]))();

    try {
      expect(await settledWithin(transaction, 50)).toBe(false);
      expect(await settledWithin(prismaRead, 0)).toBe(false);
      expect(await settledWithin(driverRead, 0)).toBe(false);
    } finally {
      sync.release(); // even when an assertion failed: a held turn would stall every later test
    }
    await transaction;
    expect((await prismaRead).name).toBe(name);
    expect((await driverRead)[0]!.name).toBe(name);
  });

  it("runs the connection at FULL for everything else: the level is NORMAL only inside the driver's transaction", async () => {
    const world = await createTestWorld();
    const client = connectedSqlite()!.client;
    let inside: unknown;
    await driverTransaction(async (sql) => {
      inside = client.pragma("synchronous", { simple: true });
      await sql.execute(rename, ["level checked", world.agent.id]);
    });
    expect(Number(inside)).toBe(1);
    expect(Number(client.pragma("synchronous", { simple: true }))).toBe(2);
    expect(vi.mocked(syncWriteAheadLog)).toHaveBeenCalled();
  });

  it("a group whose log could not be synced fails with that error, and none of it is written a second time", async () => {
    const world = await createTestWorld();
    const marker = randomUUID();
    vi.mocked(syncWriteAheadLog).mockRejectedValueOnce(new LogNotSynced(new Error("EIO")));
    const results = await Promise.allSettled(
      Array.from({ length: 3 }, (_, i) =>
        commitIntake({
          agentId: world.agent.id,
          write: async () => {},
          receipts: [{ kind: "queue_setting_changed", actor: { type: "system", id: "test", name: "test" }, payload: { queue: `${marker}-${i}`, setting: "separation_of_duties", before: false, after: true } }],
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(results.map((r) => (r as PromiseRejectedResult).reason)).toEqual(results.map(() => expect.any(LogNotSynced)));
    // The COMMIT happened before the sync failed: each receipt is on the chain exactly once.
    const rows = await db.receipt.findMany({ where: { kind: "queue_setting_changed", actorId: "test" }, select: { payload: true } });
    const written = rows.map((r) => String((r.payload as { queue?: string }).queue)).filter((q) => q.startsWith(marker)).sort();
    expect(written).toEqual([0, 1, 2].map((i) => `${marker}-${i}`));
  });
});
