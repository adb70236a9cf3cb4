// On SQLite the whole process shares one connection (lib/db/sqlite-adapter.ts),
// and a transaction stays open on it across awaits. A statement from another
// request that ran in that window would run inside someone else's transaction:
// it would read rows that are not committed yet, and a write of its own would
// be rolled back with that transaction. So such statements wait for it to end.
import { describe, expect, it } from "vitest";
import { databaseTarget, db } from "@/lib/db/client";
import { driverSql, driverTransaction } from "@/lib/db/driver-sql";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { sqlParam } from "@/lib/db/raw-values";
import { createTestWorld } from "@/test-support/fixtures";

const AGENT = qualifiedTable("Agent");
const rename = `UPDATE ${AGENT} SET "name" = ${sqlParam(1)} WHERE "id" = ${sqlParam(2)}`;
const readName = `SELECT "name" FROM ${AGENT} WHERE "id" = ${sqlParam(1)}`;

/** Resolves after a few turns of the event loop: long enough for a pending statement to run if nothing holds it. */
const aMoment = () => new Promise((resolve) => setTimeout(resolve, 30));

describe.runIf(databaseTarget.provider === "sqlite")("SQLite: statements outside a transaction", () => {
  it("a read outside a Prisma transaction does not see its uncommitted writes", async () => {
    const world = await createTestWorld();
    let outside: Promise<string | null> | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.queue.updateMany({ where: { id: world.queue.id }, data: { description: "never committed" } });
        // Another request's read, issued while this transaction is open on the shared connection.
        outside = db.queue.findUniqueOrThrow({ where: { id: world.queue.id } }).then((queue) => queue.description);
        await aMoment();
        throw new Error("the transaction fails");
      }),
    ).rejects.toThrow("the transaction fails");
    expect(await outside).toBeNull(); // as committed: the queue was created without one
  });

  it("a read outside a driver transaction does not see its uncommitted rows", async () => {
    const world = await createTestWorld();
    let prismaRead: Promise<string> | undefined;
    let driverRead: Promise<unknown[]> | undefined;
    await expect(
      driverTransaction(async (sql) => {
        await sql.execute(rename, ["never committed", world.agent.id]);
        prismaRead = db.agent.findUniqueOrThrow({ where: { id: world.agent.id } }).then((agent) => agent.name);
        driverRead = driverSql().then((reads) => reads.query(readName, [world.agent.id]));
        await aMoment();
        throw new Error("the group fails");
      }),
    ).rejects.toThrow("the group fails");
    expect(await prismaRead).toBe(world.agent.name);
    expect(await driverRead).toEqual([{ name: world.agent.name }]);
  });
});

describe.runIf(databaseTarget.provider === "sqlite")("SQLite: the app's connection", () => {
  it("syncs every COMMIT to disk (synchronous FULL, the SQLITE_SYNCHRONOUS default), though the database is in WAL mode", async () => {
    const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode!.journal_mode).toBe("wal");
    const [row] = await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    expect(Number(row!.synchronous)).toBe(2);
  });
});
