// The receipt-chain commands of the command line (scripts/cli.ts).
import path from "node:path";
import { writeCheckpoint } from "@/lib/receipts/checkpoints";
import { AppError } from "@/lib/base/app-error";
import { formatVerifyResult } from "./format-verify-result";
import { verifyExportFile } from "@/lib/receipts/verify-export-file";
import { verifyStoredChain } from "@/lib/receipts/verify-stored-chain";

/**
 * receipts:verify [--file export.jsonl --jwks jwks.json] [--witness witness.jsonl] [--workers N]:
 * the lines to print and the exit code. Against the database the witness
 * defaults to the signer's (CHECKPOINT_WITNESS_FILE); `--witness` names a copy
 * fetched from where the witness really lives.
 */
export async function receiptsVerifyCommand(
  options: { file?: string; jwks?: string; witness?: string; workers?: string },
  progress?: (line: string, final: boolean) => void,
): Promise<{ lines: string[]; exitCode: number }> {
  if (options.file || options.jwks) {
    if (!options.file || !options.jwks) throw new AppError("invalid", "invalid_input", "offline verification needs both --file (a JSONL export) and --jwks (the server's /.well-known/jwks.json)");
    return formatVerifyResult(await verifyExportFile(options.file, options.jwks, options.witness), options.file);
  }
  const onProgress = progress && ((read: number, total: number) => progress(`verified ${read.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} receipts`, read >= total));
  // In this thread unless asked: on a machine without idle cores the workers cost more than they save (receipt-hash-pool.ts).
  const workers = options.workers === undefined ? 0 : Number(options.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 16) throw new AppError("invalid", "invalid_input", "--workers takes a whole number from 0 (hash in this thread) to 16");
  return formatVerifyResult(await verifyStoredChain(new Date(), options.witness ? path.resolve(options.witness) : undefined, undefined, onProgress, workers), "the database");
}

/**
 * receipts:checkpoint: signs the chain's head now. Still refuses a chain that
 * does not extend the last checkpoint; with no checkpoint at all it signs even
 * over old receipts (an admin's explicit first checkpoint, e.g. after upgrading).
 */
export async function receiptsCheckpointCommand(): Promise<string> {
  const checkpoint = (await writeCheckpoint({ allowFirst: true }))!;
  return `Signed checkpoint #${checkpoint.seq} (head ${checkpoint.hash.slice(0, 16)}…) at ${checkpoint.signedAt.toISOString()} with key ${checkpoint.kid}.`;
}
