// Offline verification of a JSONL export (`receipts:verify --file F --jwks K`):
// no database, only the file and the server's published keys. The file is read
// twice as a stream: once for its header and checkpoints, once for the
// receipts, so a large export never sits in memory.
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { JSONWebKeySet } from "jose";
import type { ChainReceipt } from "@/lib/receipts/receipt-hash";
import { verifyChain, type CheckpointInput, type VerifyResult } from "@/lib/receipts/verify-chain";
import { readWitnessFile } from "@/lib/receipts/witness-file";

export class ExportFileError extends Error {}

type Line = { number: number; value: Record<string, unknown> };

async function* lines(file: string): AsyncGenerator<Line> {
  const reader = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let number = 0;
  for await (const text of reader) {
    number += 1;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ExportFileError(`${file}:${number}: not a JSON line`);
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new ExportFileError(`${file}:${number}: expected a JSON object`);
    yield { number, value: value as Record<string, unknown> };
  }
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

function toReceipt({ number, value }: Line, file: string): ChainReceipt {
  if (!Number.isInteger(value.seq) || typeof value.id !== "string" || typeof value.kind !== "string" || typeof value.created_at !== "string") {
    throw new ExportFileError(`${file}:${number}: not a receipt line (needs seq, id, kind, created_at, prev_hash, hash)`);
  }
  return {
    seq: value.seq as number,
    id: value.id,
    kind: value.kind,
    proposal_id: str(value.proposal_id),
    actor_type: str(value.actor_type) ?? "",
    actor_id: str(value.actor_id),
    actor: value.actor ?? null,
    payload: value.payload ?? null,
    digest: str(value.digest),
    reason: str(value.reason),
    batch_id: str(value.batch_id),
    created_at: value.created_at,
    prev_hash: str(value.prev_hash),
    hash: str(value.hash),
  };
}

export async function readJwksFile(file: string): Promise<JSONWebKeySet> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new ExportFileError(`${file}: not a readable JSON file (${(error as Error).message})`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new ExportFileError(`${file}: expected a JWKS, {"keys": [...]}, as served at /.well-known/jwks.json`);
  return { keys } as JSONWebKeySet;
}

/** `witnessFile`: a copy of the checkpoint witness; each witnessed checkpoint within the file's range must meet its chain. */
export async function verifyExportFile(file: string, jwksFile: string, witnessFile?: string): Promise<VerifyResult & { filtered: boolean }> {
  const jwks = await readJwksFile(jwksFile);
  const checkpoints: CheckpointInput[] = [];
  let filtered = false;
  for await (const line of lines(file)) {
    // `complete: false` (a filtered export) turns the gap checks off, and the header is not
    // signed: the verifier still checks what stays decidable (checkpoints whose receipt or its
    // successor is in the file), and the CLI reports such a file as exit 2, never as a pass.
    if (line.value.type === "export") filtered = line.value.complete === false;
    if (line.value.type === "checkpoint") {
      if (typeof line.value.jws !== "string") throw new ExportFileError(`${file}:${line.number}: a checkpoint line needs its jws`);
      // Only the JWS is trusted; the readable copies beside it are held against it.
      checkpoints.push({
        jws: line.value.jws,
        seq: Number.isInteger(line.value.seq) ? (line.value.seq as number) : undefined,
        hash: str(line.value.hash) ?? undefined,
        signedAt: str(line.value.signed_at) ?? undefined,
      });
    }
  }
  async function* receipts(): AsyncGenerator<ChainReceipt> {
    for await (const line of lines(file)) {
      if (line.value.type === undefined || line.value.type === "receipt") yield toReceipt(line, file);
    }
  }
  const witness = witnessFile ? { entries: readWitnessFile(witnessFile), name: witnessFile, requireStored: false } : undefined;
  const result = await verifyChain({ receipts: receipts(), checkpoints, jwks, partial: filtered, witness });
  return { ...result, filtered };
}
