// Plain SQL on the driver (lib/db/driver-sql.ts): its transactions commit or
// roll back as a whole, its reads come back as Prisma's raw reads do, and on
// SQLite a Prisma transaction waits for it (they share one connection).
import { describe, expect, it, vi } from "vitest";
import { databaseTarget, db } from "@/lib/db/client";
import { driverSql, driverTransaction } from "@/lib/db/driver-sql";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { readBoolean, readDate, readJson, sqlParam } from "@/lib/db/raw-values";
import { createTestWorld } from "@/test-support/fixtures";

const AGENT = qualifiedTable("Agent");
const rename = `UPDATE ${AGENT} SET "name" = ${sqlParam(1)} WHERE "id" = ${sqlParam(2)}`;

describe("driver SQL", () => {
  it("commits a transaction's writes together, and takes all of them back when it throws", async () => {
    const world = await createTestWorld();
    await driverTransaction(async (sql) => {
      expect(await sql.execute(rename, ["committed", world.agent.id])).toBe(1);
    });
    expect((await db.agent.findUniqueOrThrow({ where: { id: world.agent.id } })).name).toBe("committed");

    await expect(
      driverTransaction(async (sql) => {
        await sql.execute(rename, ["rolled back", world.agent.id]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await db.agent.findUniqueOrThrow({ where: { id: world.agent.id } })).name).toBe("committed");
  });

  it("reads timestamps, JSON, booleans and numbers as Prisma stored them", async () => {
    const world = await createTestWorld();
    const agent = await db.agent.findUniqueOrThrow({ where: { id: world.agent.id } });
    const [row] = await (await driverSql()).query<Record<string, unknown>>(
      `SELECT "createdAt", "scopes", "disabled", 41 + 1 AS "answer" FROM ${AGENT} WHERE "id" = ${sqlParam(1)}`,
      [world.agent.id],
    );
    expect(readDate(row!.createdAt)!.getTime()).toBe(agent.createdAt.getTime());
    expect(readJson(row!.scopes)).toEqual(agent.scopes);
    expect(readBoolean(row!.disabled)).toBe(false);
    expect(Number(row!.answer)).toBe(42);
  });

  it.runIf(databaseTarget.provider === "sqlite")("SQLite: a Prisma transaction waits until the driver's has committed", async () => {
    const world = await createTestWorld();
    const order: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const driver = driverTransaction(async (sql) => {
      order.push("driver began");
      await gate;
      await sql.execute(rename, ["written by the driver", world.agent.id]);
      order.push("driver committing");
    });
    await vi.waitFor(() => expect(order).toEqual(["driver began"]));
    const prisma = db.$transaction(async (tx) => {
      order.push("prisma began");
      return (await tx.agent.findUniqueOrThrow({ where: { id: world.agent.id } })).name;
    });
    setTimeout(open, 50);
    const [, seen] = await Promise.all([driver, prisma]);
    expect(order).toEqual(["driver began", "driver committing", "prisma began"]);
    expect(seen).toBe("written by the driver");
  });
});
