import "server-only";
// SQLite, unless SQLITE_WRITER_THREAD=off: a group of proposals written by the
// writer thread (lib/db/sqlite-writer-thread.ts), so that the server's thread
// takes the next requests while the group's pages and sync are written.
//
// The group's own code runs here, unchanged (intake-group-commit.ts,
// writeGroup), against a Sql that records each statement instead of running
// it. The group reads two things, and is told what they were at the last
// commit: its agents are active (each one's lock UPDATE changes its row) and
// the chain's head is the one read just before, in the write turn. The writer
// checks both in its transaction, and that every other statement changed a
// row; at the first surprise (an agent stopped, a head moved by another
// process, a duplicate Idempotency-Key, any error) nothing is committed, and
// the caller writes the group on its own connection, where each case is
// handled as it always was. A 201 still waits for the writer's COMMIT.
import { databaseTarget } from "@/lib/db/client";
import { driverSql, sqliteValue } from "@/lib/db/driver-sql";
import { qualifiedTable } from "@/lib/db/qualified-table";
import type { Sql } from "@/lib/db/sql";
import { writeOnWriterThread, type WrittenStatement } from "@/lib/db/sqlite-writer-thread";
import { ADVANCE_HEAD_SQL, HEAD_ID, LOCK_HEAD_SQL } from "@/lib/receipts/chain";
import { env } from "@/lib/env";

/** Whether intake's groups go to the writer thread (SQLite only). */
export const WRITER_THREAD = databaseTarget.provider === "sqlite" && env().SQLITE_WRITER_THREAD === "on";

/** A statement the writer cannot check without running it here: the group is written the ordinary way. */
class NotRecordable extends Error {}

const counts = { committed: 0, refused: 0, lastRefusal: null as string | null };
/** Groups the writer thread committed and refused in this process, and why it last refused one (tests). */
export function writerThreadCounts(): Readonly<typeof counts> {
  return { ...counts };
}

/** True when the writer thread committed everything `write` did; false when none of it was written. */
export async function writeGroupOnWriterThread(write: (sql: Sql) => Promise<void>): Promise<boolean> {
  if (databaseTarget.provider !== "sqlite") return false;
  const outcome = await writeOnWriterThread(databaseTarget.file, async () => {
    const head = await readHead();
    if (!head) return { why: "the chain has no head yet (the ordinary path creates it)" };
    const recording = recordingSql(head);
    try {
      await write(recording.sql);
    } catch (error) {
      // Nothing ran; the ordinary path meets the same error where it can handle it.
      return { why: error instanceof Error ? error.message : String(error) };
    }
    const after = recording.headAfter();
    if (!after) return { why: "the group appends no receipt, so a lost answer could not be told from a commit" };
    // Hashes differ for any other content, so the head on disk is the group's only if it committed.
    const committedIf = async () => {
      const now = await readHead();
      return now !== null && now.seq === after.seq && now.hash === after.hash;
    };
    return { statements: recording.statements, committedIf };
  });
  if (outcome.committed) counts.committed++;
  else {
    counts.refused++;
    counts.lastRefusal = outcome.why;
  }
  return outcome.committed;
}

async function readHead(): Promise<{ seq: number; hash: string } | null> {
  const [head] = await (await driverSql()).query<{ seq: number; hash: string }>(
    `SELECT "seq", "hash" FROM ${qualifiedTable("ReceiptChainHead")} WHERE "id" = ${HEAD_ID}`,
  );
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

function recordingSql(head: { seq: number; hash: string }) {
  const statements: WrittenStatement[] = [];
  let headAfter: { seq: number; hash: string } | null = null;
  const sql: Sql = {
    async execute(text, params = []) {
      statements.push({ text, params: params.map(sqliteValue), expect: "changes" });
      if (text === ADVANCE_HEAD_SQL) headAfter = { seq: Number(params[0]), hash: String(params[1]) };
      // What the group's code hears (it asks only "did it change a row?"); the writer refuses the group where it did not.
      return 1;
    },
    async query<Row>(text: string, params: readonly unknown[] = []) {
      if (text !== LOCK_HEAD_SQL) throw new NotRecordable(`not recordable for the writer thread: ${text.slice(0, 80)}`);
      statements.push({ text, params: params.map(sqliteValue), expect: { row: head } });
      return [head] as Row[];
    },
  };
  return { sql, statements, headAfter: () => headAfter };
}
