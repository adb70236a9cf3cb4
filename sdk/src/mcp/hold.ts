// Propose one call and hold it until a person (or policy) decides, telling the
// MCP client every few seconds that the call is alive: clients that reset their
// request timeout on progress (`resetTimeoutOnProgress`) then wait as long as
// the person takes, instead of failing after 60 seconds.
import type { Countersign } from "../client.js";
import { decisionOf } from "../decision.js";
import type { Decision, Envelope, ProposalReceipt } from "../types.js";

export type ProgressSink = {
  /** The progressToken the client sent in `_meta`; without one, no progress is sent. */
  token: string | number;
  send: (params: { progressToken: string | number; progress: number; message?: string }) => Promise<void>;
  /** Between two notifications; default 5000 ms. */
  intervalMs?: number;
};

export type HoldOptions = {
  client: Countersign;
  envelope: Envelope;
  idempotencyKey: string;
  signal: AbortSignal;
  progress?: ProgressSink;
  /** Give up waiting after this long (the proposal stays pending); no limit by default. */
  waitTimeoutMs?: number;
  /** Told once the proposal exists (e.g. logged to stderr with its URL). */
  onProposed?: (receipt: ProposalReceipt) => void;
};

export type Held = { receipt: ProposalReceipt; decision: Decision };

export async function proposeAndWait(options: HoldOptions): Promise<Held> {
  const { client, progress, signal } = options;
  const receipt = await client.propose(options.envelope, { idempotencyKey: options.idempotencyKey, signal });
  options.onProposed?.(receipt);
  // Approved by policy at intake (read, drafts): nobody can have edited the plan yet, so
  // what was proposed is what is approved; skipping the read back saves a round trip per read call.
  if (receipt.status === "approved") {
    const now = new Date().toISOString();
    const decision = decisionOf({
      id: receipt.id,
      status: "approved",
      tier: receipt.tier,
      digest: receipt.digest,
      created_at: now,
      expires_at: null,
      version: 1,
      approvals: { count: 0, required: 0 },
      approved_digest: receipt.digest,
      approved_plan: options.envelope.plan,
      decision: null,
    });
    if (decision) return { receipt, decision };
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  if (progress && receipt.status === "pending") {
    let count = 0;
    const started = Date.now();
    const tick = () => {
      count += 1;
      const waited = Math.round((Date.now() - started) / 1000);
      // A lost notification only costs the client one reset; never fail the call for it.
      progress
        .send({
          progressToken: progress.token,
          progress: count,
          message: `Waiting for a person to decide in Countersign (${waited} s): ${receipt.url}`,
        })
        .catch(() => undefined);
    };
    tick();
    timer = setInterval(tick, progress.intervalMs ?? 5000);
    timer.unref?.();
  }
  try {
    const decision = await client.waitForDecision(receipt.id, { signal, ...(options.waitTimeoutMs !== undefined ? { timeoutMs: options.waitTimeoutMs } : {}) });
    return { receipt, decision };
  } finally {
    if (timer) clearInterval(timer);
  }
}

/** One line a model (and the person reading the transcript) understands. */
export function describeRefusal(decision: Exclude<Decision, { status: "approved" }>, url: string): string {
  switch (decision.status) {
    case "rejected": {
      const who = decision.decidedBy ? ` by ${decision.decidedBy.name} <${decision.decidedBy.email}>` : "";
      return `Countersign: rejected${who}. Reason: ${decision.reason ?? "(none given)"}. The tool was not called. Proposal: ${url}`;
    }
    case "expired":
      return `Countersign: expired. Nobody decided before the proposal's deadline. The tool was not called. Proposal: ${url}`;
    case "cancelled":
      return `Countersign: cancelled${decision.reason ? `. Reason: ${decision.reason}` : ""}. The tool was not called. Proposal: ${url}`;
    case "revoked":
      return `Countersign: revoked${decision.reason ? `. Reason: ${decision.reason}` : ""}: the approval was withdrawn before the call ran. The tool was not called. Proposal: ${url}`;
  }
}
