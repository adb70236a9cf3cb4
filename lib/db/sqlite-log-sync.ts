// Syncing SQLite's write-ahead log off the server's one thread.
//
// At synchronous=FULL every COMMIT calls fdatasync on the log before it
// returns, and better-sqlite3 runs COMMIT on the JavaScript thread: for the
// 1–1.5 ms a sync of a group's pages takes here, no request is parsed, checked
// or answered. The driver's transactions (intake's groups, decision batches;
// lib/db/driver-sql.ts) instead COMMIT at synchronous=NORMAL, which writes the
// same log frames without the sync, and then sync the log here, in libuv's
// thread pool, while the thread serves other requests. They answer, and let
// any other statement of this process read, only after this sync: as before,
// an answered proposal or decision is on disk.
//
// Why that is as safe as FULL: a sync of the log file covers every frame
// written to it so far, whichever descriptor wrote them. A crash before the
// sync may tear the last frames, and SQLite's recovery stops at the first
// frame whose checksum fails, so the log ends at an earlier COMMIT, never in
// the middle of one. A checkpoint copies frames into the database only after
// syncing the log itself (it does so at NORMAL), and a log that is reused
// after a checkpoint keeps its file: syncing it by name always syncs the right
// one.
import { open } from "node:fs/promises";

/** Thrown when the log could not be synced after a COMMIT: the transaction is committed but may not survive a power loss, so it must not be retried. */
export class LogNotSynced extends Error {
  constructor(cause: unknown) {
    super("the database committed, but its write-ahead log could not be synced to disk", { cause });
  }
}

/** fdatasync of `<database>-wal`, in the thread pool. In WAL mode the log exists while any connection is open, ours included. */
export async function syncWriteAheadLog(databaseFile: string): Promise<void> {
  try {
    // "r+": Windows flushes only a handle opened for writing.
    const handle = await open(`${databaseFile}-wal`, "r+");
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new LogNotSynced(error);
  }
}
