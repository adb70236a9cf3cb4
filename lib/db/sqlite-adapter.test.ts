// A transaction that reads, then writes, must not fail because another process
// committed in between: with a deferred BEGIN, SQLite answers "database is
// locked" at once; with ImmediateSQLite3 the other process waits instead.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { PrismaClient } from "@/generated/sqlite/client";
import { ImmediateSQLite3 } from "@/lib/db/sqlite-adapter";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "countersign-sqlite-"));
const file = path.join(dir, "immediate.db");
const client = new PrismaClient({ adapter: new ImmediateSQLite3({ url: `file:${file}`, timeout: 10_000 }) });

afterAll(async () => {
  await client.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Another process writes one row, waiting at most `waitMs` for the lock; it
// prints "ok" or the error SQLite gave it.
function writeFromAnotherProcess(waitMs: number): string {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1], { timeout: Number(process.argv[2]) });
    try { db.prepare("INSERT INTO t (who) VALUES ('other')").run(); console.log("ok"); }
    catch (e) { console.log(e.message); }`;
  return execFileSync(process.execPath, ["-e", script, file, String(waitMs)], { encoding: "utf8" }).trim();
}

test("a read-then-write transaction survives another process's write between the two", async () => {
  await client.$queryRawUnsafe("PRAGMA journal_mode=WAL");
  await client.$executeRawUnsafe("CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT NOT NULL)");

  let otherDuringTransaction = "";
  await client.$transaction(async (tx) => {
    await tx.$queryRawUnsafe("SELECT COUNT(*) FROM t");
    // The other process finds the write lock taken and gives up after 100 ms;
    // under a deferred BEGIN it would commit, and our INSERT below would fail.
    otherDuringTransaction = writeFromAnotherProcess(100);
    await tx.$executeRawUnsafe("INSERT INTO t (who) VALUES ('ours')");
  });

  expect(otherDuringTransaction).toMatch(/locked/i);
  // Once ours has committed, the other process gets its turn.
  expect(writeFromAnotherProcess(10_000)).toBe("ok");
  const rows = await client.$queryRawUnsafe<{ who: string }[]>("SELECT who FROM t ORDER BY id");
  expect(rows.map((r) => r.who)).toEqual(["ours", "other"]);
});

test("a COMMIT reaches the disk (synchronous FULL) unless NORMAL is asked for: better-sqlite3's own WAL default is NORMAL", async () => {
  const walFile = path.join(dir, "synchronous.db");
  const Database = (await import("better-sqlite3")).default;
  const setup = new Database(walFile);
  setup.pragma("journal_mode = WAL");
  setup.close();
  const probe = new Database(walFile);
  expect(probe.pragma("synchronous", { simple: true })).toBe(1); // what a connection to a WAL database gets by itself
  probe.close();
  for (const [setting, expected] of [[undefined, 2], ["normal", 1], ["full", 2]] as const) {
    const adapter = new ImmediateSQLite3({ url: `file:${walFile}`, timeout: 10_000 });
    if (setting) adapter.synchronous = setting;
    const other = new PrismaClient({ adapter });
    const [row] = await other.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    expect(Number(row!.synchronous)).toBe(expected);
    await other.$disconnect();
  }
});
