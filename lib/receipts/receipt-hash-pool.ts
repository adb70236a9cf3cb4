import "server-only";
// The stored chain read and hashed on worker threads, for `receipts:verify`.
// A receipt's hash depends only on its own row and its stored prev_hash, so
// rows can be hashed in any order, anywhere; only the links, seq order and
// checkpoints need the chain's order, and verifyChain checks those here, in
// the main thread, exactly as it does for the in-thread readers. Measured on a
// million receipts (docs/benchmarks.md), reading, rebuilding canonical text
// and hashing were nearly all of the walk's CPU, on one core.
//
// How: this thread plans pages of `pageSize` receipts by seq (one indexed
// probe per page, so a gap in seq or a planted huge seq costs one page, not
// millions of empty ones) up to the highest seq stored when the walk began;
// each worker reads the ranges it is given on a connection of its own
// (receipt-reader.ts) and answers, per receipt, only what the walk needs:
// seq, id, created_at, the stored hashes and whether the hash matched (or
// why the receipt cannot be read). A receipt without stored hashes (written
// before the chain) is sent whole: its hash needs the one before it. Every
// receipt up to that highest seq was committed before the walk began (writers
// take the chain's head lock, so receipts commit in seq order), so ranges read
// at different times still form one chain. Receipts written during the walk
// are then read after it, page after page, as the in-thread readers do.
// At most two pages per worker are in flight, so memory stays flat.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { JsonText } from "@/lib/base/canonical-json";
import type { DatabaseTarget } from "@/lib/base/database-url";
import { receiptHashOrProblem, type ChainReceipt, type ReceiptHashInput } from "@/lib/receipts/receipt-hash";
import type { ReceiptReader } from "@/lib/receipts/receipt-reader";
import { postgresReceiptReader } from "@/lib/receipts/postgres-receipt-pages";
import { sqliteReceiptReader } from "@/lib/receipts/sqlite-receipt-pages";
import type { CheckedReceipt } from "@/lib/receipts/verify-chain";

/** Workers for a machine: one core is left to this thread and the database (PostgreSQL's server works too); at most two. */
export function defaultHashWorkers(): number {
  return Math.min(2, availableParallelism() - 1);
}

export function openReceiptReader(target: DatabaseTarget): Promise<ReceiptReader> | ReceiptReader {
  return target.provider === "sqlite" ? sqliteReceiptReader(target.file) : postgresReceiptReader(target.url);
}

/** What a worker is asked: the receipts with after < seq <= upTo, or up to `limit` after `after`. */
export type HashRequest = { id: number; after: number; upTo?: number; limit?: number };

/** A JSON value across the thread boundary: JsonText (the stored text) does not survive cloning as a class. */
type Transferable = { text: string } | { value: unknown };

/** Per receipt of a page, in seq order; `checked`: the hash matched, did not, or why it cannot be read; null: sent whole in `whole`. */
export type HashReply = {
  id: number;
  seq: number[];
  ids: string[];
  createdAt: string[];
  prevHash: (string | null)[];
  hash: (string | null)[];
  checked: (boolean | string | null)[];
  whole: [number, Omit<ChainReceipt, "actor" | "payload"> & { actor: Transferable; payload: Transferable }][];
  error?: string;
};

const transferable = (value: unknown): Transferable => (value instanceof JsonText ? { text: value.text } : { value });
const revived = (value: Transferable): unknown => ("text" in value ? new JsonText(value.text) : value.value);

/** The worker's half: reads one request's receipts and checks each one's hash. */
export async function answerHashRequest(reader: ReceiptReader, request: HashRequest): Promise<HashReply> {
  const receipts = request.upTo !== undefined ? await reader.range(request.after, request.upTo) : await reader.page(request.after, request.limit!);
  const reply: HashReply = { id: request.id, seq: [], ids: [], createdAt: [], prevHash: [], hash: [], checked: [], whole: [] };
  for (const receipt of receipts) {
    reply.seq.push(receipt.seq);
    reply.ids.push(receipt.id);
    reply.createdAt.push(receipt.created_at);
    reply.prevHash.push(receipt.prev_hash);
    reply.hash.push(receipt.hash);
    if (receipt.hash === null || receipt.prev_hash === null) {
      reply.checked.push(null);
      reply.whole.push([reply.seq.length - 1, { ...receipt, actor: transferable(receipt.actor), payload: transferable(receipt.payload) }]);
      continue;
    }
    const computed = receiptHashOrProblem(receipt as ReceiptHashInput);
    reply.checked.push(computed.unreadable ?? computed.hash === receipt.hash);
  }
  return reply;
}

/** A page of the reply as the walk reads it: receipts whose hash is already checked. */
function* pageOf(reply: HashReply): Generator<ChainReceipt> {
  let whole = 0;
  for (let i = 0; i < reply.seq.length; i++) {
    if (reply.whole[whole]?.[0] === i) {
      const receipt = reply.whole[whole++]![1];
      yield { ...receipt, actor: revived(receipt.actor), payload: revived(receipt.payload) };
      continue;
    }
    const checked = reply.checked[i]!;
    const receipt: CheckedReceipt = {
      seq: reply.seq[i]!,
      id: reply.ids[i]!,
      created_at: reply.createdAt[i]!,
      prev_hash: reply.prevHash[i]!,
      hash: reply.hash[i]!,
      checked: typeof checked === "string" ? { unreadable: checked } : checked,
      // Not read again by the walk: the worker hashed them.
      kind: "",
      proposal_id: null,
      actor_type: "",
      actor_id: null,
      actor: null,
      payload: null,
      digest: null,
      reason: null,
      batch_id: null,
    };
    yield receipt;
  }
}

/** One worker thread and its outstanding requests. */
class HashWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (reply: HashReply) => void; reject: (error: Error) => void }>();
  private failed: Error | null = null;

  constructor(target: DatabaseTarget) {
    this.worker = new Worker(WORKER_BOOT, { eval: true, workerData: target, execArgv: ["--conditions=react-server"] });
    this.worker.on("message", (reply: HashReply) => {
      const pending = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.error !== undefined) pending?.reject(new Error(reply.error));
      else pending?.resolve(reply);
    });
    const fail = (error: Error) => {
      this.failed = error;
      for (const pending of this.waiting.values()) pending.reject(error);
      this.waiting.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`a receipt hashing worker stopped (exit code ${code})`)));
  }

  request(request: HashRequest): Promise<HashReply> {
    const reply = new Promise<HashReply>((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      this.waiting.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
    // A walk stopped early leaves requests unread: their failure must not surface as an unhandled rejection.
    reply.catch(() => undefined);
    return reply;
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }
}

/**
 * The worker's file is TypeScript, as the CLI is (run by tsx), but tsx's loader does not follow a
 * worker started from a file: the worker registers it first (as the CLI runs: the server
 * condition, the tsconfig's paths), then imports its file.
 */
const WORKER_BOOT = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./receipt-hash-worker.ts", import.meta.url).href)}); })`;

/** Every stored receipt in seq order, a page at a time, hashed by `workers` worker threads; see the top of this file. */
export async function* pooledReceiptPages(target: DatabaseTarget, workers: number, pageSize: number, onPage?: (read: number) => void): AsyncGenerator<Iterable<ChainReceipt>> {
  const planner = await openReceiptReader(target);
  const pool: HashWorker[] = [];
  try {
    for (let i = 0; i < workers; i++) pool.push(new HashWorker(target));
    const end = await planner.maxSeq();
    const inFlight: Promise<HashReply>[] = [];
    let planned = 0; // receipts up to this seq are asked for
    let requests = 0;
    let read = 0;
    const handOver = (reply: HashReply) => {
      read += reply.seq.length;
      onPage?.(read);
      return pageOf(reply);
    };
    for (;;) {
      while (planned < end && inFlight.length < 2 * workers) {
        const pageEnd = await planner.pageEnd(planned, pageSize);
        const upTo = pageEnd === null || pageEnd > end ? end : pageEnd;
        inFlight.push(pool[requests % workers]!.request({ id: requests++, after: planned, upTo }));
        planned = upTo;
      }
      const next = inFlight.shift();
      if (!next) break;
      const reply = await next;
      if (reply.seq.length > 0) yield handOver(reply);
    }
    // Receipts written while the walk ran: page after page from where it got to.
    for (let after = planned; ; ) {
      const reply = await pool[0]!.request({ id: requests++, after, limit: pageSize });
      if (reply.seq.length === 0) return;
      yield handOver(reply);
      if (reply.seq.length < pageSize) return;
      after = reply.seq.at(-1)!;
    }
  } finally {
    await Promise.all(pool.map((worker) => worker.stop()));
    await planner.close();
  }
}
