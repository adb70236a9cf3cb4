import "server-only";
// Group commit for intake. Concurrent proposals share one transaction: while
// one group commits, the next ones queue up, and each group then takes the
// agent row locks and the receipt chain's head lock once, writes every
// proposal and appends all their receipts in one go. A proposal that fails
// (say, a duplicate Idempotency-Key) rolls the group back; the group is then
// written again with each proposal under its own savepoint, where the failing
// one is rolled back to it and fails alone. Every caller hears its answer only
// after the group's COMMIT, so a 201 always means "committed". Alone (no concurrency), a
// proposal is a group of one. (On SQLite "committed" means on disk because
// the app's connection runs at synchronous=FULL, lib/db/sqlite-adapter.ts:
// better-sqlite3's own WAL default, NORMAL, does not sync a COMMIT, and
// SQLITE_SYNCHRONOUS=normal chooses that; docs/operations.md.)
//
// Groups run on the database driver with prepared statements
// (lib/db/driver-sql.ts): everything a proposal writes is plain SQL. When a
// group fails as a whole (a lost connection, a busy database, a chain with no
// head yet), none of it is on disk, and each proposal tries again alone in a
// Prisma transaction, so none fails because of a neighbour.
//
// The guarantees of a single intake transaction hold per group: an admin who
// stops an agent updates its row first, so the group either sees the stop and
// refuses that agent's proposals or commits before the stop, which then
// cancels them; the chain stays gapless because one transaction appends.
import { databaseTarget, db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { driverTransaction } from "@/lib/db/driver-sql";
import { asSql, type Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/base/app-error";
import { lockActiveAgent } from "@/lib/proposals/insert-proposal-row";
import { appendReceipts, type NewReceipt } from "@/lib/receipts/append-receipt";
import { recordInsights } from "@/lib/insights/record-insights";
import type { InsightEvent } from "@/lib/insights/insight-events";
import { WRITER_THREAD, writeGroupOnWriterThread } from "@/lib/proposals/intake-on-writer-thread";

export type IntakeWrite = {
  agentId: string;
  /**
   * Writes the proposal's rows (not its receipts) inside the shared
   * transaction; may return receipts decided there (a standing approval's
   * use is taken in the transaction), appended after `receipts`.
   */
  write: (sql: Sql) => Promise<NewReceipt[] | void>;
  receipts: NewReceipt[];
  /** What the insight rollups count; recorded after the receipts, like every writer's (record-insights.ts says why). */
  insights?: InsightEvent[];
};

type Waiting = IntakeWrite & { resolve: () => void; reject: (error: unknown) => void };

/**
 * Proposals per transaction: enough to amortise the locks and the commit, few enough to keep the lock short.
 * Not more than 64: each proposal's savepoint is a subtransaction, and PostgreSQL keeps 64 per
 * transaction in shared memory; past that, every other session's snapshot looks them up on disk.
 */
const MAX_GROUP = 64;

/**
 * Prisma's defaults (2 s to get a connection, 5 s to finish) answered 5xx on
 * an overloaded machine (bench:intake, PostgreSQL, c=32: 93 of 600); a slow
 * proposal is better than a lost one, and groups make these waits rare.
 */
const TRANSACTION_LIMITS = { maxWait: 30_000, timeout: 60_000 };

/** Logged when a group fails as a whole and its proposals are retried one by one. */
export const GROUP_RETRIED = "intake: a group commit failed as a whole; each of its proposals is retried alone";

/**
 * SQLite only: how long a group may wait for the rest of the proposals that
 * were in flight together lately. Its COMMIT writes every page the group
 * dirtied to the log and syncs it, blocking the server's one thread; at c=8
 * the proposals otherwise split into two alternating groups of about four,
 * each paying that. Never when traffic was not concurrent (a lone proposal
 * commits at once), and never longer than this. PostgreSQL commits without
 * blocking the thread, and so does the writer thread (SQLITE_WRITER_THREAD), so
 * their groups fill while the previous one commits.
 */
export const LINGER_MS = databaseTarget.provider === "sqlite" && !WRITER_THREAD ? 2 : 0;
/** How long the largest number of proposals in flight together is remembered. */
const PEAK_WINDOW_MS = 1_000;

const waiting: Waiting[] = [];
let draining = false;
/** Proposals handed over and not answered yet, and the most of them lately (this window and the one before). */
let inFlight = 0;
let peak = { current: 0, previous: 0, since: 0 };
let lingering: (() => void) | null = null;

/** Resolves once this proposal and its receipts are committed; rejects with its own error only. */
export function commitIntake(item: IntakeWrite): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = () => void inFlight--;
    waiting.push({ ...item, resolve: () => (done(), resolve()), reject: (error) => (done(), reject(error)) });
    inFlight++;
    notePeak();
    if (lingering && waiting.length >= expectedGroup()) lingering();
    if (draining) return;
    // Not at once: the requests whose bytes arrived in this turn of the event
    // loop are still on their way here (on SQLite every statement before this
    // point completes without yielding to I/O), so one group takes them all.
    draining = true;
    setImmediate(() => void drain());
  });
}

function notePeak(now = Date.now()): void {
  if (now - peak.since > PEAK_WINDOW_MS) peak = { current: 0, previous: now - peak.since > 2 * PEAK_WINDOW_MS ? 0 : peak.current, since: now };
  peak.current = Math.max(peak.current, inFlight);
}

/** The group recent traffic makes likely: as many proposals as were lately in flight together. */
function expectedGroup(): number {
  notePeak();
  return Math.min(MAX_GROUP, Math.max(peak.current, peak.previous));
}

/** Waits (at most LINGER_MS) while fewer proposals wait than were lately in flight together. */
function lingerForSiblings(): Promise<void> | void {
  if (LINGER_MS === 0 || waiting.length >= expectedGroup()) return;
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => lingering?.(), LINGER_MS);
    lingering = () => {
      clearTimeout(timer);
      lingering = null;
      resolve();
    };
  });
}

async function drain(): Promise<void> {
  draining = true;
  try {
    while (waiting.length > 0) {
      await lingerForSiblings();
      await commitGroup(waiting.splice(0, MAX_GROUP));
    }
  } finally {
    draining = false;
  }
}

async function settle(item: Waiting, commit: () => Promise<void>): Promise<void> {
  try {
    await commit();
    item.resolve();
  } catch (error) {
    item.reject(error);
  }
}

function agentStopped(): AppError {
  return new AppError("unauthenticated", "unauthenticated", "This agent was stopped or its key revoked; the proposal was not recorded.");
}

/** The fallback: one proposal in a Prisma transaction of its own (which also creates a missing chain head). */
async function commitAlone(item: IntakeWrite): Promise<void> {
  await db.$transaction(
    async (tx) => {
      const sql = asSql(tx);
      // Re-check the agent under a lock on its row: an admin who stops the agent
      // updates that row first, so a proposal is either refused here or created
      // before the stop and then cancelled by it; never created after it.
      if (!(await lockActiveAgent(sql, item.agentId))) throw agentStopped();
      const decided = await item.write(sql);
      await appendReceipts(tx, [...item.receipts, ...(decided ?? [])]);
      await recordInsights(tx, item.insights ?? []);
    },
    TRANSACTION_LIMITS,
  );
}

/** Thrown inside a group's first attempt when one proposal's write fails: the group is rolled back and written again, each proposal under a savepoint. */
class ItemFailed extends Error {}

async function commitGroup(group: Waiting[]): Promise<void> {
  const failures = new Map<Waiting, unknown>();
  // On the writer thread when it is on and nothing surprises it; otherwise (nothing written there) here.
  // (writeGroupOnWriterThread never throws: every failure there is a "no".)
  if (WRITER_THREAD && (await writeGroupOnWriterThread((sql) => writeGroup(sql, group, failures, false)))) {
    for (const item of group) item.resolve();
    return;
  }
  // First without savepoints: nearly every group has no failing proposal, and
  // a savepoint per proposal cost about a tenth of the proposal's insert on
  // SQLite (each one's RELEASE, and the copies of pages the group had already
  // dirtied; docs/benchmarks.md). A proposal that fails may have written part
  // of its rows, so the whole transaction is rolled back and the group is
  // written again with a savepoint around each proposal, where it fails alone.
  for (const isolate of [false, true]) {
    try {
      await driverTransaction((sql) => writeGroup(sql, group, failures, isolate));
      break;
    } catch (error) {
      if (error instanceof ItemFailed && !isolate) continue;
      // The shared transaction failed as a whole: none of it is on disk, so each
      // proposal tries again alone and none fails because of a neighbour.
      logger.warn(GROUP_RETRIED, { proposals: group.length, error: error instanceof Error ? error.message : String(error) });
      for (const item of group) await settle(item, () => commitAlone(item));
      return;
    }
  }
  for (const item of group) {
    if (failures.has(item)) item.reject(failures.get(item));
    else item.resolve();
  }
}

/** One attempt at a group in one transaction; `isolate` puts each proposal under its own savepoint. */
async function writeGroup(sql: Sql, group: Waiting[], failures: Map<Waiting, unknown>, isolate: boolean): Promise<void> {
  failures.clear();
  const stopped = new Set<string>();
  for (const agentId of new Set(group.map((item) => item.agentId))) {
    if (!(await lockActiveAgent(sql, agentId))) stopped.add(agentId); // as in commitAlone
  }
  const receipts: NewReceipt[] = [];
  const insights: InsightEvent[] = [];
  for (const item of group) {
    if (stopped.has(item.agentId)) {
      failures.set(item, agentStopped());
      continue;
    }
    if (isolate) await sql.execute("SAVEPOINT intake_item");
    try {
      const decided = await item.write(sql);
      if (isolate) await sql.execute("RELEASE SAVEPOINT intake_item");
      receipts.push(...item.receipts, ...(decided ?? []));
      insights.push(...(item.insights ?? []));
    } catch (error) {
      if (!isolate) throw new ItemFailed("a proposal of the group failed", { cause: error });
      await sql.execute("ROLLBACK TO SAVEPOINT intake_item");
      await sql.execute("RELEASE SAVEPOINT intake_item");
      failures.set(item, error);
    }
  }
  await appendReceipts(sql, receipts);
  await recordInsights(sql, insights);
}
