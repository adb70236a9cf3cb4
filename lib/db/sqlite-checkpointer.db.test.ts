// The SQLite checkpoint worker (lib/db/sqlite-checkpointer.ts) copies the
// write-ahead log back into the database from its own thread, while the app's
// connection only checkpoints as a backstop.
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Worker } from "node:worker_threads";
import { databaseTarget, db } from "@/lib/db/client";
import { connectedSqlite } from "@/lib/db/sqlite-adapter";
import { BACKSTOP_PAGES, startSqliteCheckpointer, type CheckpointReport } from "@/lib/db/sqlite-checkpointer";
import { createTestWorld } from "@/test-support/fixtures";

describe.runIf(databaseTarget.provider === "sqlite")("SQLite checkpoint worker", () => {
  let worker: Worker | undefined;
  afterAll(() => worker?.terminate());

  it("checkpoints what the app commits, from its own thread, and leaves the app's connection a backstop", async () => {
    if (databaseTarget.provider !== "sqlite") return;
    const reports: CheckpointReport[] = [];
    worker = await startSqliteCheckpointer(databaseTarget.file, 50, true);
    worker.on("message", (report: CheckpointReport) => reports.push(report));
    expect(Number(connectedSqlite()!.client.pragma("wal_autocheckpoint", { simple: true }))).toBe(BACKSTOP_PAGES);
    // Writes that leave frames in the log.
    for (let i = 0; i < 5; i++) await createTestWorld();
    await vi.waitFor(() => expect(reports.some((r) => r.log > 0 && r.checkpointed === r.log)).toBe(true), { timeout: 20_000, interval: 50 });
    expect(await db.agent.count()).toBeGreaterThan(0);
  });
});
