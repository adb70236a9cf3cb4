import "server-only";
// Group commit for intake. Concurrent proposals share one transaction: while
// one group commits, the next ones queue up, and each group then takes the
// agent row locks and the receipt chain's head lock once, writes every
// proposal under its own savepoint and appends all their receipts in one go.
// A proposal that fails (say, a duplicate Idempotency-Key) is rolled back to
// its savepoint and fails alone; every caller hears its answer only after the
// group's COMMIT, so a 201 always means "on disk". Alone (no concurrency), a
// proposal gets a transaction of its own, as before.
//
// The guarantees of a single intake transaction hold per group: an admin who
// stops an agent updates its row first, so the group either sees the stop and
// refuses that agent's proposals or commits before the stop, which then
// cancels them; the chain stays gapless because one transaction appends.
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { lockActiveAgent } from "@/lib/proposals/insert-proposal-row";
import { appendReceipts, type NewReceipt } from "@/lib/receipts/append-receipt";
import { recordInsights } from "@/lib/insights/record-insights";
import type { InsightEvent } from "@/lib/insights/insight-events";

export type IntakeWrite = {
  agentId: string;
  /**
   * Writes the proposal's rows (not its receipts) inside the shared
   * transaction; may return receipts decided there (a standing approval's
   * use is taken in the transaction), appended after `receipts`.
   */
  write: (tx: Tx) => Promise<NewReceipt[] | void>;
  receipts: NewReceipt[];
  /** What the insight rollups count; recorded after the receipts, like every writer's (record-insights.ts says why). */
  insights?: InsightEvent[];
};

type Waiting = IntakeWrite & { resolve: () => void; reject: (error: unknown) => void };

/** Proposals per transaction: enough to amortise the locks and the commit, few enough to keep the lock short. */
const MAX_GROUP = 64;

/**
 * Prisma's defaults (2 s to get a connection, 5 s to finish) answered 5xx on
 * an overloaded machine (bench:intake, PostgreSQL, c=32: 93 of 600); a slow
 * proposal is better than a lost one, and groups make these waits rare.
 */
const TRANSACTION_LIMITS = { maxWait: 30_000, timeout: 60_000 };

const waiting: Waiting[] = [];
let draining = false;

/** Resolves once this proposal and its receipts are committed; rejects with its own error only. */
export function commitIntake(item: IntakeWrite): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    waiting.push({ ...item, resolve, reject });
    if (!draining) void drain();
  });
}

async function drain(): Promise<void> {
  draining = true;
  try {
    while (waiting.length > 0) {
      const group = waiting.splice(0, MAX_GROUP);
      if (group.length === 1) await settle(group[0]!, () => commitAlone(group[0]!));
      else await commitGroup(group);
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

// Re-check the agent under a lock on its row: an admin who stops the agent
// updates that row first, so a proposal is either refused here or created
// before the stop and then cancelled by it; never created after it.
function lockAgent(tx: Tx, agentId: string): Promise<boolean> {
  return lockActiveAgent(tx, agentId);
}

async function commitAlone(item: IntakeWrite): Promise<void> {
  await db.$transaction(
    async (tx) => {
      if (!(await lockAgent(tx, item.agentId))) throw agentStopped();
      const decided = await item.write(tx);
      await appendReceipts(tx, [...item.receipts, ...(decided ?? [])]);
      await recordInsights(tx, item.insights ?? []);
    },
    TRANSACTION_LIMITS,
  );
}

async function commitGroup(group: Waiting[]): Promise<void> {
  const failures = new Map<Waiting, unknown>();
  try {
    await db.$transaction(
      async (tx) => {
        failures.clear();
        const stopped = new Set<string>();
        for (const agentId of new Set(group.map((item) => item.agentId))) {
          if (!(await lockAgent(tx, agentId))) stopped.add(agentId);
        }
        const receipts: NewReceipt[] = [];
        const insights: InsightEvent[] = [];
        for (const item of group) {
          if (stopped.has(item.agentId)) {
            failures.set(item, agentStopped());
            continue;
          }
          await tx.$executeRawUnsafe("SAVEPOINT intake_item");
          try {
            const decided = await item.write(tx);
            await tx.$executeRawUnsafe("RELEASE SAVEPOINT intake_item");
            receipts.push(...item.receipts, ...(decided ?? []));
            insights.push(...(item.insights ?? []));
          } catch (error) {
            await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT intake_item");
            await tx.$executeRawUnsafe("RELEASE SAVEPOINT intake_item");
            failures.set(item, error);
          }
        }
        await appendReceipts(tx, receipts);
        await recordInsights(tx, insights);
      },
      TRANSACTION_LIMITS,
    );
  } catch {
    // The shared transaction failed as a whole (a lost connection, a busy
    // database): none of it is on disk, so each proposal tries again alone and
    // none fails because of a neighbour.
    for (const item of group) await settle(item, () => commitAlone(item));
    return;
  }
  for (const item of group) {
    if (failures.has(item)) item.reject(failures.get(item));
    else item.resolve();
  }
}
