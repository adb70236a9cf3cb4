import "server-only";
// SQLite only (SQLITE_WRITER_THREAD, on by default): a worker thread with a
// connection of its own that runs a transaction it is handed whole, so the
// pages and the sync of a COMMIT no longer block the server's thread
// (docs/benchmarks.md, "The second core"). It knows nothing of proposals:
// it gets statements, each with what it must find (a row changed, or the very
// row a read must return), and commits only when every one held; at the first
// surprise or error it rolls back and says which statement and why. The
// caller then writes the same work the ordinary way (intake-on-writer-thread.ts).
//
// The server's own connection must not write while the worker does (SQLite has
// one writer, and a waiting connection sleeps in its busy handler, blocking the
// thread): writeOnWriterThread() holds the connection's write turn for the
// whole transaction (sqlite-adapter.ts, holdWriteTurn).
import { Worker } from "node:worker_threads";
import { sqliteDriverPath } from "@/lib/db/sqlite-driver-path";
import { connectedSqlite } from "@/lib/db/sqlite-adapter";
import { logger } from "@/lib/log";

/** What a statement must find: at least one row changed (or read), or exactly this row read. */
export type Expectation = "changes" | { row: Record<string, unknown> };
export type WrittenStatement = { text: string; params: unknown[]; expect: Expectation };
/** `committed`, or why not: nothing of it is on disk then. */
export type WriterOutcome = { committed: true } | { committed: false; why: string };
/** What a transaction's answer is when the thread died before giving it: it may have committed or not. */
type ThreadAnswer = WriterOutcome | { committed: "unknown"; why: string };
/** What to write, and how to tell afterwards whether it was committed when the answer was lost. */
export type Recorded = { statements: WrittenStatement[]; committedIf: () => Promise<boolean> };

// Plain CommonJS, run with `eval` (as sqlite-checkpointer.ts): no file to bundle or find at run time.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.timeout });
db.pragma("synchronous = " + workerData.synchronous);
db.pragma("foreign_keys = " + workerData.foreignKeys);
db.pragma("wal_autocheckpoint = " + workerData.autocheckpoint);
const prepared = new Map();
function statement(text) {
  let found = prepared.get(text);
  if (!found) {
    if (prepared.size >= 256) prepared.clear();
    found = db.prepare(text);
    if (found.reader) found.safeIntegers(false);
    prepared.set(text, found);
  }
  return found;
}
function sameRow(found, expected) {
  if (!found) return false;
  for (const key of Object.keys(expected)) if (found[key] !== expected[key]) return false;
  return true;
}
function run(statements) {
  statement("BEGIN IMMEDIATE").run();
  try {
    for (let i = 0; i < statements.length; i++) {
      const { text, params, expect } = statements[i];
      const s = statement(text);
      if (expect === "changes") {
        const n = s.reader ? s.all(...params).length : s.run(...params).changes;
        if (n < 1) throw new Error("statement " + i + " changed no row: " + text.slice(0, 80));
      } else {
        const rows = s.all(...params);
        if (rows.length !== 1 || !sameRow(rows[0], expect.row)) throw new Error("statement " + i + " read another row than expected: " + text.slice(0, 80));
      }
    }
    statement("COMMIT").run();
    if (workerData.exitAfterCommit) process.exit(1); // tests: an answer lost after the commit
    return { committed: true };
  } catch (error) {
    if (db.inTransaction) statement("ROLLBACK").run();
    return { committed: false, why: String((error && error.message) || error) };
  }
}
parentPort.on("message", ({ id, statements }) => {
  let outcome;
  try {
    outcome = run(statements);
  } catch (error) {
    outcome = { committed: false, why: String((error && error.message) || error) };
  }
  parentPort.postMessage({ id, outcome });
});
`;

type Pending = (answer: ThreadAnswer) => void;

class WriterThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  stopped: string | null = null;

  constructor(file: string, client: NonNullable<ReturnType<typeof connectedSqlite>>["client"]) {
    const driver = sqliteDriverPath();
    // The same durability and checks as the server's connection (sqlite-adapter.ts sets them there),
    // and its checkpoint backstop: the checkpoint worker checkpoints, not a commit (sqlite-checkpointer.ts).
    const synchronous = Number(client.pragma("synchronous", { simple: true })) >= 2 ? "FULL" : "NORMAL";
    const foreignKeys = Number(client.pragma("foreign_keys", { simple: true })) === 1 ? "ON" : "OFF";
    const autocheckpoint = Number(client.pragma("wal_autocheckpoint", { simple: true }));
    // A short busy timeout: while another process holds the write lock, the group is better written
    // the ordinary way than kept waiting here, with the server's own transactions waiting behind it
    // (and Prisma's give up after 2 s).
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, synchronous, foreignKeys, autocheckpoint, timeout: 1_000, exitAfterCommit: testHooks.exitAfterCommit ?? false } });
    testHooks.exitAfterCommit = false;
    this.worker.on("message", ({ id, outcome }: { id: number; outcome: ThreadAnswer }) => {
      const resolve = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) this.worker.unref();
      resolve?.(outcome);
    });
    this.worker.on("error", (error) => this.stop(error.message));
    this.worker.on("exit", (code) => this.stop(`exit code ${code}`));
    this.worker.unref();
  }

  /** From now on every transaction is refused (and written the ordinary way); those in flight are answered "unknown". */
  stop(why: string): void {
    if (this.stopped) return;
    this.stopped = why;
    logger.error("the SQLite writer thread stopped; intake writes on the server's connection again", { error: why });
    // A transaction in flight may have committed just before the thread died: its caller must look.
    for (const resolve of this.pending.values()) resolve({ committed: "unknown", why });
    this.pending.clear();
  }

  run(statements: WrittenStatement[]): Promise<ThreadAnswer> {
    if (this.stopped) return Promise.resolve({ committed: false, why: this.stopped });
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.worker.postMessage({ id, statements }); // throws (nothing sent) on a value that cannot cross
      // Idle, the thread does not keep the process alive; with a transaction in flight it must
      // (a command line awaiting its answer would otherwise exit before it comes).
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, resolve);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

const testHooks: { exitAfterCommit?: boolean } = {};
/** Tests: the next writer thread started dies right after its first COMMIT, before answering. */
export function dieAfterNextCommitForTests(): void {
  testHooks.exitAfterCommit = true;
}

// On globalThis, as the adapter is: Next bundles route handlers separately, and one process has one writer.
const THREAD = Symbol.for("countersign.sqliteWriterThread");
const holder = globalThis as { [THREAD]?: WriterThread };

/**
 * In the server connection's write turn: `record` says what to write (or why not here: then it is
 * written the ordinary way), and the writer thread runs it as one transaction. Whatever `record`
 * reads on the server's connection meanwhile stays as it is until the writer is done, unless
 * another process writes, which the statements' expectations catch. Never throws: any failure
 * here is an answer "not committed", with nothing of it on disk.
 */
export async function writeOnWriterThread(file: string, record: () => Promise<Recorded | { why: string }>): Promise<WriterOutcome> {
  const connected = connectedSqlite();
  if (!connected) return { committed: false, why: "the SQLite connection is not open" };
  let release: (() => void) | null = null;
  try {
    const thread = (holder[THREAD] ??= new WriterThread(file, connected.client));
    if (thread.stopped) return { committed: false, why: thread.stopped };
    release = await connected.holdWriteTurn();
    const recorded = await record();
    if (!("statements" in recorded)) return { committed: false, why: recorded.why };
    const answer = await thread.run(recorded.statements);
    if (answer.committed !== "unknown") return answer;
    // Still in the turn, so nothing of this process has written since: what is on disk is the writer's doing.
    return (await recorded.committedIf()) ? { committed: true } : { committed: false, why: answer.why };
  } catch (error) {
    return { committed: false, why: error instanceof Error ? error.message : String(error) };
  } finally {
    release?.();
  }
}

/** Whether the writer thread is running (tests; it starts with the first group). */
export function writerThreadRunning(): boolean {
  return Boolean(holder[THREAD] && !holder[THREAD].stopped);
}

/** Ends the writer thread as a crash would (tests): intake carries on without it. */
export async function stopWriterThread(): Promise<void> {
  holder[THREAD]?.stop("stopped");
  await holder[THREAD]?.terminate();
}

/** Forgets a stopped writer thread (tests), so that the next group starts a new one. */
export function forgetWriterThread(): void {
  delete holder[THREAD];
}
