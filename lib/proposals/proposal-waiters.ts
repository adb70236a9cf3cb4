import "server-only";
// The long-polls of this app instance, waiting for proposals to leave
// `pending`. One poller serves them all: while anyone waits, it asks the
// database every LONG_POLL_INTERVAL_MS which of the waited-on ids are decided
// (one primary-key query for all of them, in chunks), so a decision made by
// ANY instance, on SQLite or PostgreSQL, reaches a waiter within about one
// interval of its commit. A decision made in this process raises the
// in-process signal (lib/proposals/proposal-change-signal.ts) before its
// commit; the poller then looks every few milliseconds for a short while, so
// the waiter is answered right after the commit rather than at the next poll.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { onProposalChanges } from "@/lib/webhooks/proposal-change-signal";

export type WaitOutcome = "changed" | "timeout" | "aborted";

// SQLite allows at most 999 bound parameters per statement; stay well under it.
const IN_LIST_CHUNK = 400;
/** After an in-process announcement: look this often, for this long (the announcing transaction commits in between). */
const FAST_INTERVAL_MS = 10;
const FAST_WINDOW_MS = 1_000;

export class ProposalWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();
  private readonly slots = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private polling = false;
  private fastUntil = 0;
  private readonly stopListening: () => void;

  constructor(private readonly intervalMs: () => number = () => env().LONG_POLL_INTERVAL_MS) {
    this.stopListening = onProposalChanges((ids) => {
      if (!ids.some((id) => this.waiting.has(id))) return;
      this.fastUntil = Date.now() + FAST_WINDOW_MS;
      this.schedule(0);
    });
  }

  /** Takes one of `agentId`'s long-poll slots; false when it already holds `max`. */
  acquire(agentId: string, max: number): boolean {
    const held = this.slots.get(agentId) ?? 0;
    if (held >= max) return false;
    this.slots.set(agentId, held + 1);
    return true;
  }

  release(agentId: string): void {
    const held = (this.slots.get(agentId) ?? 1) - 1;
    if (held <= 0) this.slots.delete(agentId);
    else this.slots.set(agentId, held);
  }

  /** Slots held by `agentId` now (for tests and the docs' figures). */
  held(agentId: string): number {
    return this.slots.get(agentId) ?? 0;
  }

  /** Ids being waited on now. */
  waitedIds(): string[] {
    return [...this.waiting.keys()];
  }

  /**
   * Resolves "changed" once the poller sees `proposalId` out of `pending`
   * (decided, cancelled, or past its expiry), "timeout" after `ms`, "aborted"
   * when `signal` aborts (the client went away).
   */
  wait(proposalId: string, ms: number, signal?: AbortSignal): Promise<WaitOutcome> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (outcome: WaitOutcome) => {
        if (done) return;
        done = true;
        clearTimeout(timeout);
        signal?.removeEventListener("abort", onAbort);
        const set = this.waiting.get(proposalId);
        set?.delete(wake);
        if (set?.size === 0) this.waiting.delete(proposalId);
        resolve(outcome);
      };
      const wake = () => finish("changed");
      const onAbort = () => finish("aborted");
      const timeout = setTimeout(() => finish("timeout"), ms);
      if (signal?.aborted) return finish("aborted");
      signal?.addEventListener("abort", onAbort, { once: true });
      let set = this.waiting.get(proposalId);
      if (!set) this.waiting.set(proposalId, (set = new Set()));
      set.add(wake);
      this.schedule(this.nextDelay());
    });
  }

  close(): void {
    this.stopListening();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private nextDelay(): number {
    return Date.now() < this.fastUntil ? FAST_INTERVAL_MS : this.intervalMs();
  }

  /** Runs the poller in `delay` ms unless it already runs sooner. */
  private schedule(delay: number): void {
    const at = Date.now() + delay;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      void this.poll();
    }, delay);
    // Waiting requests keep the process busy anyway; an idle poller must not keep it alive.
    this.timer.unref?.();
  }

  private async poll(): Promise<void> {
    if (this.polling) {
      this.schedule(FAST_INTERVAL_MS);
      return;
    }
    this.polling = true;
    try {
      const ids = this.waitedIds();
      const now = new Date();
      for (let i = 0; i < ids.length; i += IN_LIST_CHUNK) {
        const left = await db.proposal.findMany({
          where: {
            id: { in: ids.slice(i, i + IN_LIST_CHUNK) },
            OR: [{ status: { not: "pending" } }, { expiresAt: { lte: now } }],
          },
          select: { id: true },
        });
        for (const { id } of left) for (const wake of [...(this.waiting.get(id) ?? [])]) wake();
      }
    } catch (error) {
      // A failed poll (database briefly away) is retried at the next interval; waiters still time out on their own.
      logger.warn("long-poll check failed", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      this.polling = false;
      if (this.waiting.size > 0) this.schedule(this.nextDelay());
    }
  }
}

let shared: ProposalWaiters | undefined;

/** The one poller of this process (kept across hot reloads in development). */
export function proposalWaiters(): ProposalWaiters {
  const global = globalThis as { __countersignProposalWaiters?: ProposalWaiters };
  shared ??= global.__countersignProposalWaiters ??= new ProposalWaiters();
  return shared;
}
