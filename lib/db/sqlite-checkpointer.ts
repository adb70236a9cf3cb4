import "server-only";
// SQLite's write-ahead log is copied back into the database file by a
// "checkpoint". By default the connection that commits runs one whenever the
// log passes 1,000 pages, inside that COMMIT: better-sqlite3 is synchronous,
// so the whole server (every request in flight) waits while pages are copied
// and the database file is synced. Measured under bench:intake at c=8: one
// commit in twenty took 20 to 70 ms instead of under 1 ms.
//
// The server therefore checkpoints from a worker thread with a connection of
// its own: PASSIVE checkpoints copy what no reader still needs and never wait
// for (or block) the writer. The app's connection keeps automatic checkpoints
// only as a backstop, at ten times the default, should the worker fall behind
// or stop. The worker is the one place that opens a second connection: it
// never writes, so it never waits on a transaction the server holds open.
import { Worker } from "node:worker_threads";
import { sqliteDriverPath } from "@/lib/db/sqlite-driver-path";
import { db } from "@/lib/db/client";
import { connectedSqlite } from "@/lib/db/sqlite-adapter";
import { logger } from "@/lib/log";

/** The app connection's own automatic checkpoint, kept as a backstop (pages; SQLite's default is 1,000). */
export const BACKSTOP_PAGES = 10_000;

export type CheckpointReport = { log: number; checkpointed: number };

// Plain CommonJS, run with `eval`: no file to bundle or find at run time.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
const run = () => {
  try {
    const [result] = db.pragma("wal_checkpoint(PASSIVE)");
    if (workerData.report) parentPort.postMessage({ log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
};
setInterval(run, workerData.everyMs);
`;

/** Starts the checkpoint worker for the app's SQLite database; returns it (tests listen to its reports). */
export async function startSqliteCheckpointer(file: string, everyMs = 1_000, report = false): Promise<Worker> {
  const driver = sqliteDriverPath();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, everyMs, report } });
  worker.on("message", (message: { error?: string }) => {
    if (message.error) logger.warn("SQLite checkpoint failed; the next one retries", { error: message.error });
  });
  worker.on("error", (error) => logger.error("the SQLite checkpoint worker stopped; commits checkpoint themselves again", { error: error.message }));
  worker.unref();
  await db.$connect();
  connectedSqlite()?.client.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  return worker;
}
