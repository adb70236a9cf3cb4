// Idempotency keys for MCP tool calls. A client that times out and sends the
// same call again (same tool, same arguments, same session) must find the
// proposal it already made, not make a second one for the person to approve.
// But a call the model makes again after the first one was answered is a new
// action and gets a new proposal. So the key is (session, tool, arguments,
// how many identical calls this session already answered): identical calls
// in flight at once share one key; an answered call moves the counter on.
import { idempotencyKeyFor } from "../idempotency.js";

export class CallKeys {
  private readonly answered = new Map<string, number>();

  constructor(readonly sessionId: string) {}

  /** The key for a call about to be proposed, and `done()` to call once it is answered. */
  next(...identity: unknown[]): { key: string; done: () => void } {
    const base = idempotencyKeyFor(this.sessionId, ...identity);
    const occurrence = this.answered.get(base) ?? 0;
    let finished = false;
    return {
      key: idempotencyKeyFor("countersign-mcp", base, occurrence),
      done: () => {
        if (finished) return;
        finished = true;
        // Concurrent twins answer once between them: only the first moves the counter.
        if ((this.answered.get(base) ?? 0) === occurrence) this.answered.set(base, occurrence + 1);
      },
    };
  }
}

/**
 * One execution per approved proposal inside this process: two identical calls
 * in flight share a proposal, and only one of them may run the tool; the other
 * gets the same result.
 */
export class ExecutionOnce<T> {
  private readonly running = new Map<string, Promise<T>>();

  existing(proposalId: string): Promise<T> | undefined {
    return this.running.get(proposalId);
  }

  run(proposalId: string, execute: () => Promise<T>): Promise<T> {
    const existing = this.running.get(proposalId);
    if (existing) return existing;
    const promise = execute();
    this.running.set(proposalId, promise);
    return promise;
  }
}
