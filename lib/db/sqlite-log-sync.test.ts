// The log sync itself (lib/db/sqlite-log-sync.ts), on a real WAL database.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { LogNotSynced, syncWriteAheadLog } from "@/lib/db/sqlite-log-sync";

const dir = mkdtempSync(path.join(tmpdir(), "log-sync-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("syncs the log of an open WAL database", async () => {
  const file = path.join(dir, "wal.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  await expect(syncWriteAheadLog(file)).resolves.toBeUndefined();
  db.close();
});

test("a log it cannot open is a LogNotSynced, never a silent success", async () => {
  await expect(syncWriteAheadLog(path.join(dir, "missing.db"))).rejects.toBeInstanceOf(LogNotSynced);
});
