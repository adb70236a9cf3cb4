import "server-only";
// Where signed checkpoints are kept outside the database, and the writing of
// them there. The file (CHECKPOINT_WITNESS_FILE, default next to the signing
// key) is the witness the signer and the verifier compare the database with;
// CHECKPOINT_WITNESS_URL is an optional second copy on another host.
//
// The URL never holds up signing: the file is written first, then the new
// lines are POSTed; a failed POST is logged and its lines are sent again,
// with the next ones, on the next tick (kept in memory, at most MAX_PENDING
// lines; a restart drops what was not delivered, and the receiver sees the
// gap through the `prev` of the next checkpoint).
import path from "node:path";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { signingKeyFilePath } from "@/lib/signing/signing-key";
import { appendToWitnessFile, type WitnessLine } from "@/lib/receipts/witness-file";

const MAX_PENDING = 10_000;
const POST_TIMEOUT_MS = 10_000;

export function witnessFilePath(): string {
  const configured = env().CHECKPOINT_WITNESS_FILE;
  return configured ? path.resolve(configured) : path.join(path.dirname(signingKeyFilePath()), "checkpoint-witness.jsonl");
}

const state = globalThis as unknown as { countersignWitnessPending?: WitnessLine[] };

/** Sends the lines not yet delivered to CHECKPOINT_WITNESS_URL (one JSON body: {"checkpoints": [...]}). */
async function postToWitnessUrl(url: string, lines: WitnessLine[]): Promise<void> {
  const pending = (state.countersignWitnessPending ??= []);
  pending.push(...lines);
  if (pending.length > MAX_PENDING) pending.splice(0, pending.length - MAX_PENDING);
  if (pending.length === 0) return;
  const batch = pending.slice();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ checkpoints: batch }),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    pending.splice(0, batch.length);
  } catch (error) {
    logger.error("checkpoint witness URL did not take the checkpoints; retrying on the next checkpoint", {
      url: new URL(url).origin,
      pending: pending.length,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * Appends the checkpoints to the witness file (fsynced) and then to the URL.
 * Failures are logged, never thrown: the checkpoint is already stored, and
 * the signer adds what the file lacks before its next signature.
 */
export async function witnessCheckpoints(lines: WitnessLine[]): Promise<void> {
  if (lines.length === 0) return;
  const file = witnessFilePath();
  try {
    await appendToWitnessFile(file, lines);
  } catch (error) {
    logger.error("could not append to the checkpoint witness file; the next checkpoint retries", {
      file,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  const url = env().CHECKPOINT_WITNESS_URL;
  if (url) await postToWitnessUrl(url, lines);
}
