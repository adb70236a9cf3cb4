// The Countersign client for agents: propose, wait for a person's decision
// (long-poll), report the execution, or all three around a function (`gate`).
import { randomUUID } from "node:crypto";
import { decisionOf } from "./decision.js";
import { CountersignError, StaleTargetError } from "./errors.js";
import { request, sleep, throwIfAborted, type HttpConfig, type RetryOptions } from "./http.js";
import type { Decision, Envelope, ExecutionReceipt, ExecutionReport, PlanStep, Proposal, ProposalReceipt } from "./types.js";

export const SDK_VERSION = "0.1.0";

export type CountersignOptions = {
  /** The server's address, e.g. https://countersign.example.com (COUNTERSIGN_URL). */
  baseUrl: string;
  /** The agent's API key (COUNTERSIGN_API_KEY). */
  apiKey: string;
  /** A fetch implementation (tests, proxies); the global fetch by default. */
  fetch?: typeof fetch;
  retry?: RetryOptions;
  /**
   * Pause between two polls when the server answers a long-poll at once while
   * the proposal is still pending (a server without `?wait`); default 2000 ms.
   */
  pollIntervalMs?: number;
};

export type ProposeOptions = {
  /**
   * Same key and body: the first proposal is returned again instead of a new
   * one. Derive it from the tool call (`idempotencyKeyFor(runId, toolCallId)`)
   * so a resumed run does not propose twice; a random key is used otherwise,
   * which still makes the client's own retries safe.
   */
  idempotencyKey?: string;
  signal?: AbortSignal;
};

export type WaitOptions = {
  /** Give up after this long (CountersignError `timeout`); no limit by default (the proposal's own expiry ends it). */
  timeoutMs?: number;
  signal?: AbortSignal;
};

export type GateContext = {
  proposalId: string;
  decision: Extract<Decision, { status: "approved" }>;
  /** The approval token to hand to the downstream tool (null once redeemed). */
  approvalToken: string | null;
};

export type GateOptions<T> = ProposeOptions &
  WaitOptions & {
    /** Called once the proposal exists, e.g. to show its URL to the user. */
    onProposed?: (receipt: ProposalReceipt) => void | Promise<void>;
    /** The result stored with the execution report (JSON, at most 64 KiB); by default `run`'s value when it fits. */
    result?: (value: T) => unknown;
  };

export type GateResult<T> =
  | { status: "executed"; value: T; decision: Extract<Decision, { status: "approved" }>; execution: ExecutionReceipt }
  /** A resumed run whose execution was reported before: `run` is not called again. */
  | { status: "already_reported"; decision: Extract<Decision, { status: "approved" }> }
  /** `run` threw StaleTargetError: the target changed, nothing was done, the execution was reported stale. */
  | { status: "stale"; error: StaleTargetError; decision: Extract<Decision, { status: "approved" }>; execution: ExecutionReceipt }
  | { status: Exclude<Decision["status"], "approved">; decision: Exclude<Decision, { status: "approved" }> };

const MAX_WAIT_SECONDS = 30;
const MAX_RESULT_BYTES = 64 * 1024;

export class Countersign {
  readonly baseUrl: string;
  private readonly http: HttpConfig;
  private readonly pollIntervalMs: number;

  constructor(options: CountersignOptions) {
    if (!options?.baseUrl) throw new TypeError("Countersign needs baseUrl (the server's address, e.g. COUNTERSIGN_URL).");
    if (!options.apiKey) throw new TypeError("Countersign needs apiKey (the agent's key, e.g. COUNTERSIGN_API_KEY).");
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== "function") throw new TypeError("No fetch implementation: pass options.fetch (Node 20 has a global fetch).");
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.http = {
      baseUrl: this.baseUrl,
      apiKey: options.apiKey,
      fetch: fetchImpl,
      retry: { retries: 4, minDelayMs: 250, maxDelayMs: 10_000, ...options.retry },
      userAgent: `countersign-sdk/${SDK_VERSION}`,
    };
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
  }

  /** Reads COUNTERSIGN_URL and COUNTERSIGN_API_KEY. */
  static fromEnv(env: Record<string, string | undefined> = process.env, options: Partial<CountersignOptions> = {}): Countersign {
    return new Countersign({ baseUrl: env.COUNTERSIGN_URL ?? "", apiKey: env.COUNTERSIGN_API_KEY ?? "", ...options });
  }

  /** POST /api/v1/proposals. A `commit` proposal starts `pending`; read and draft ones may be approved at once by policy. */
  async propose(envelope: Envelope, options: ProposeOptions = {}): Promise<ProposalReceipt> {
    const { body } = await request<ProposalReceipt>(this.http, {
      method: "POST",
      path: "/api/v1/proposals",
      body: envelope,
      headers: { "idempotency-key": options.idempotencyKey ?? randomUUID() },
      signal: options.signal,
    });
    return body;
  }

  /** GET /api/v1/proposals/{id}; with `wait` (1–30 s) the server holds the answer until the status leaves pending. */
  async get(id: string, options: { wait?: number; signal?: AbortSignal } = {}): Promise<Proposal> {
    const wait = options.wait === undefined ? undefined : Math.min(MAX_WAIT_SECONDS, Math.max(1, Math.ceil(options.wait)));
    const { body } = await request<Proposal>(this.http, {
      method: "GET",
      path: `/api/v1/proposals/${encodeURIComponent(id)}${wait ? `?wait=${wait}` : ""}`,
      signal: options.signal,
      // Room for the server's wait plus a slow answer; a stuck connection is retried, not awaited forever.
      timeoutMs: ((wait ?? 0) + 30) * 1000,
    });
    return body;
  }

  /** Waits (long-poll) until the proposal is decided, expires, is cancelled or revoked. */
  async waitForDecision(id: string, options: WaitOptions = {}): Promise<Decision> {
    const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
    for (;;) {
      throwIfAborted(options.signal);
      const left = deadline - Date.now();
      const wait = Math.min(MAX_WAIT_SECONDS, Math.max(1, Math.ceil(left / 1000)));
      const started = Date.now();
      const proposal = await this.get(id, { wait, signal: options.signal });
      const decision = decisionOf(proposal);
      if (decision) return decision;
      if (Date.now() >= deadline) {
        throw new CountersignError("timeout", `Proposal ${id} is still pending after ${options.timeoutMs} ms.`, { body: proposal });
      }
      // An answer well before the wait while still pending: a server without
      // long-poll, or a change short of a decision (one approval of two). Pause, never spin.
      if (Date.now() - started < wait * 1000 - 500) {
        await sleep(Math.min(this.pollIntervalMs, Math.max(0, deadline - Date.now())), options.signal);
      }
    }
  }

  /** POST /api/v1/proposals/{id}/executions: what was carried out, with the digest executed (the approved one). */
  async reportExecution(id: string, report: ExecutionReport, options: { signal?: AbortSignal } = {}): Promise<ExecutionReceipt> {
    const path = `/api/v1/proposals/${encodeURIComponent(id)}/executions`;
    try {
      const { body } = await request<ExecutionReceipt>(this.http, { method: "POST", path, body: report, signal: options.signal });
      return body;
    } catch (error) {
      // A retry after a lost response finds its own report already there: the same report is not an error.
      if (error instanceof CountersignError && error.code === "already_reported") {
        const proposal = await this.get(id, options);
        const recorded = proposal.execution;
        if (recorded && recorded.outcome === report.outcome && recorded.digest === report.digest) {
          return {
            id: "",
            proposal_id: id,
            status: recorded.outcome === "executed" ? "executed" : "failed",
            stale: recorded.outcome === "stale",
            digest: recorded.digest,
            approved_digest: proposal.approved_digest ?? proposal.digest,
            digest_matches: recorded.digest_matches,
            after_revocation: proposal.status === "revoked",
          };
        }
      }
      throw error;
    }
  }

  /**
   * Propose, wait for the decision and, if approved, call `run` with the
   * APPROVED plan (an approver's edits included), then report `executed`, or
   * `failed` when `run` throws (the error is rethrown), or `stale` when it
   * throws StaleTargetError (returned as status "stale"). Not approved: `run` is
   * never called and the decision is returned.
   */
  async gate<T>(
    envelope: Envelope,
    run: (approvedPlan: PlanStep[], context: GateContext) => T | Promise<T>,
    options: GateOptions<T> = {},
  ): Promise<GateResult<T>> {
    const receipt = await this.propose(envelope, options);
    await options.onProposed?.(receipt);
    const decision = await this.waitForDecision(receipt.id, options);
    if (decision.status !== "approved") return { status: decision.status, decision };
    if (decision.execution) return { status: "already_reported", decision };
    let value: T;
    try {
      value = await run(decision.approvedPlan, { proposalId: receipt.id, decision, approvalToken: decision.approvalToken });
    } catch (error) {
      if (error instanceof StaleTargetError) {
        const result = { error: errorText(error), ...(error.details !== undefined ? { details: fittingResult(error.details) ?? null } : {}) };
        const execution = await this.reportExecution(receipt.id, { outcome: "stale", digest: decision.approvedDigest, result });
        return { status: "stale", error, decision, execution };
      }
      await this.reportExecution(receipt.id, { outcome: "failed", digest: decision.approvedDigest, result: { error: errorText(error) } }).catch(() => undefined);
      throw error;
    }
    const result = options.result ? options.result(value) : fittingResult(value);
    const execution = await this.reportExecution(receipt.id, {
      outcome: "executed",
      digest: decision.approvedDigest,
      ...(result !== undefined ? { result } : {}),
    });
    return { status: "executed", value, decision, execution };
  }
}

function errorText(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);
}

/** The value as JSON when it is JSON and small enough to store; otherwise nothing. */
function fittingResult(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    const text = JSON.stringify(value);
    if (text === undefined || Buffer.byteLength(text) > MAX_RESULT_BYTES) return undefined;
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
