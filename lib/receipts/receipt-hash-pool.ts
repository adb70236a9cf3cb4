import "server-only";
// The stored chain read and hashed on worker threads, for `receipts:verify`.
// A receipt's hash depends only on its own row and its stored prev_hash, so
// rows can be hashed in any order, anywhere; only the links, seq order and
// checkpoints need the chain's order, and verifyChain checks those here, in
// the main thread, exactly as it does for the in-thread readers. Measured on a
// million receipts (docs/benchmarks.md), reading, rebuilding canonical text
// and hashing were nearly all of the walk's CPU, on one core.
//
// How: this thread plans pages of at most `pageSize` receipts by seq, each
// starting at the next stored seq (one step down the primary key per page, so
// a gap in seq or a planted huge seq costs one probe, not millions of empty
// pages), up to the highest seq stored when the walk began;
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
//
// Opt-in (`receipts:verify --workers N`), not the default: measured on the
// 2-core machine shared with other work (docs/benchmarks.md), two workers
// cost 40-60 % more process CPU than the walk in one thread (each worker
// starts its own TypeScript loader and heap, the answers cross threads, the
// main thread still walks) and gave no shorter walk, as there was no idle
// core. Where cores sit idle the same work spreads over them.
import { Worker } from "node:worker_threads";
import { JsonText } from "@/lib/base/canonical-json";
import type { DatabaseTarget } from "@/lib/base/database-url";
import { receiptHashOrProblem, type ChainReceipt, type ReceiptHashInput } from "@/lib/receipts/receipt-hash";
import type { ReceiptReader } from "@/lib/receipts/receipt-reader";
import { postgresReceiptReader } from "@/lib/receipts/postgres-receipt-pages";
import { sqliteReceiptReader } from "@/lib/receipts/sqlite-receipt-pages";
import type { CheckedReceipt } from "@/lib/receipts/verify-chain";

export function openReceiptReader(target: DatabaseTarget): Promise<ReceiptReader> | ReceiptReader {
  return target.provider === "sqlite" ? sqliteReceiptReader(target.file) : postgresReceiptReader(target.url);
}

/** What a worker is asked: the receipts with after < seq <= upTo, or up to `limit` after `after`. */
export type HashRequest = { id: number; after: number; upTo?: number; limit?: number };

/** A JSON value across the thread boundary: JsonText (the stored text) does not survive cloning as a class. */
type Transferable = { text: string } | { value: unknown };

/**
 * A page's answer, in seq order, packed so that crossing the thread boundary copies a few
 * buffers and one string instead of four strings per receipt (measured: cloning them cost more
 * than the hashing saved). `text` holds each receipt's id, created_at, prev_hash and hash one
 * after another; `ends[4 * i + k]` is where field k of receipt i ends (-1: null). `checked[i]`:
 * MATCHES, ALTERED, UNREADABLE (why in `unreadable`) or WHOLE (sent whole in `whole`: no stored
 * hashes, so its hash needs the receipt before it).
 */
export type HashReply = {
  id: number;
  count: number;
  seq: Float64Array;
  text: string;
  ends: Int32Array;
  checked: Uint8Array;
  unreadable: [number, string][];
  whole: [number, Omit<ChainReceipt, "actor" | "payload"> & { actor: Transferable; payload: Transferable }][];
  error?: string;
};

const MATCHES = 1;
const ALTERED = 2;
const UNREADABLE = 3;
const WHOLE = 4;

const transferable = (value: unknown): Transferable => (value instanceof JsonText ? { text: value.text } : { value });
const revived = (value: Transferable): unknown => ("text" in value ? new JsonText(value.text) : value.value);

/** The worker's half: reads one request's receipts and checks each one's hash. */
export async function answerHashRequest(reader: ReceiptReader, request: HashRequest): Promise<HashReply> {
  const receipts = request.upTo !== undefined ? await reader.range(request.after, request.upTo) : await reader.page(request.after, request.limit!);
  const seq: number[] = [];
  const ends: number[] = [];
  const checked: number[] = [];
  const unreadable: HashReply["unreadable"] = [];
  const whole: HashReply["whole"] = [];
  let text = "";
  const add = (field: string | null) => {
    if (field !== null) text += field;
    ends.push(field === null ? -1 : text.length);
  };
  for (const receipt of receipts) {
    const i = seq.length;
    seq.push(receipt.seq);
    add(receipt.id);
    add(receipt.created_at);
    add(receipt.prev_hash);
    add(receipt.hash);
    if (receipt.hash === null || receipt.prev_hash === null) {
      checked.push(WHOLE);
      whole.push([i, { ...receipt, actor: transferable(receipt.actor), payload: transferable(receipt.payload) }]);
      continue;
    }
    const computed = receiptHashOrProblem(receipt as ReceiptHashInput);
    if (computed.unreadable !== undefined) unreadable.push([i, computed.unreadable]);
    checked.push(computed.unreadable !== undefined ? UNREADABLE : computed.hash === receipt.hash ? MATCHES : ALTERED);
  }
  return { id: request.id, count: seq.length, seq: Float64Array.from(seq), text, ends: Int32Array.from(ends), checked: Uint8Array.from(checked), unreadable, whole };
}

/** A page of the reply as the walk reads it: receipts whose hash is already checked. */
function* pageOf(reply: HashReply): Generator<ChainReceipt> {
  const { text, ends } = reply;
  let start = 0;
  const field = (k: number): string | null => {
    const end = ends[k]!;
    if (end < 0) return null;
    const value = text.slice(start, end);
    start = end;
    return value;
  };
  const unreadable = new Map(reply.unreadable);
  const whole = new Map(reply.whole);
  for (let i = 0; i < reply.count; i++) {
    const id = field(4 * i)!;
    const createdAt = field(4 * i + 1)!;
    const prevHash = field(4 * i + 2);
    const hash = field(4 * i + 3);
    const check = reply.checked[i]!;
    if (check === WHOLE) {
      const receipt = whole.get(i)!;
      yield { ...receipt, actor: revived(receipt.actor), payload: revived(receipt.payload) };
      continue;
    }
    const receipt: CheckedReceipt = {
      seq: reply.seq[i]!,
      id,
      created_at: createdAt,
      prev_hash: prevHash,
      hash,
      checked: check === UNREADABLE ? { unreadable: unreadable.get(i)! } : check === MATCHES,
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
    this.worker = new Worker(workerBoot(), { eval: true, workerData: target, execArgv: ["--conditions=react-server"] });
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
function workerBoot(): string {
  // Resolved when a pool starts, not when this file loads: the web server bundles this file (the
  // panel verifies in its own thread) and must not take the worker's file for an asset of its own.
  const file = ["receipt-hash-worker", "ts"].join(".");
  return `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL(`./${file}`, import.meta.url).href)}); })`;
}

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
      read += reply.count;
      onPage?.(read);
      return pageOf(reply);
    };
    for (;;) {
      while (planned < end && inFlight.length < 2 * workers) {
        // A page starts at the next stored seq: seqs are unique, so it holds at most pageSize receipts,
        // and a gap (deleted receipts, a planted huge seq) is stepped over at once.
        const first = await planner.nextSeq(planned);
        const upTo = first === null || first > end ? end : Math.min(end, first + pageSize - 1);
        if (upTo > planned) inFlight.push(pool[requests % workers]!.request({ id: requests++, after: planned, upTo }));
        planned = upTo;
      }
      const next = inFlight.shift();
      if (!next) break;
      const reply = await next;
      if (reply.count > 0) yield handOver(reply);
    }
    // Receipts written while the walk ran: page after page from where it got to.
    for (let after = planned; ; ) {
      const reply = await pool[0]!.request({ id: requests++, after, limit: pageSize });
      if (reply.count === 0) return;
      yield handOver(reply);
      if (reply.count < pageSize) return;
      after = reply.seq[reply.count - 1]!;
    }
  } finally {
    await Promise.all(pool.map((worker) => worker.stop()));
    await planner.close();
  }
}
