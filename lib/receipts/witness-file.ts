// The checkpoint witness as a file: one JSON line per signed checkpoint,
// appended and fsynced, never rewritten. The signer reads its tail (the newest
// checkpoint it vouched for) before every signature; the verifier reads it
// whole. No database and no server-only here: offline verification
// (`receipts:verify --file … --witness …`) reads the same format.
//
// Concurrency: every append is one write() on a file opened with O_APPEND, so
// lines of several processes never interleave; their order does not matter
// (readers order entries by seq and signing time, and duplicates are harmless).
import { once } from "node:events";
import { createReadStream } from "node:fs";
import { mkdir, open, stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { checkpointDigest, type CheckpointInput } from "@/lib/receipts/verify-chain";

/** One witnessed checkpoint as written: the JWS is what counts, the rest is for people and for lookups. */
export type WitnessLine = {
  type: "checkpoint";
  seq: number;
  hash: string;
  signed_at: string;
  kid: string;
  prev: string | null;
  digest: string;
  jws: string;
  witnessed_at: string;
};

export type WitnessEntry = CheckpointInput & { seq: number; signedAt: string; digest: string; line: number };

export class WitnessFileError extends Error {}

export function witnessLine(checkpoint: { seq: number; hash: string; signedAt: Date; kid: string; prev: string | null; jws: string }, now = new Date()): WitnessLine {
  return {
    type: "checkpoint",
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    signed_at: checkpoint.signedAt.toISOString(),
    kid: checkpoint.kid,
    prev: checkpoint.prev,
    digest: checkpointDigest(checkpoint.jws),
    jws: checkpoint.jws,
    witnessed_at: now.toISOString(),
  };
}

/** Appends the lines in one write and fsyncs them (and, for a new file, its directory entry). */
export async function appendToWitnessFile(file: string, lines: WitnessLine[]): Promise<void> {
  if (lines.length === 0) return;
  await mkdir(path.dirname(file), { recursive: true });
  const existed = await stat(file).then(
    () => true,
    () => false,
  );
  const handle = await open(file, "a", 0o644);
  try {
    await handle.write(lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (!existed) {
    // A new file survives a crash only once its directory entry is on disk too.
    const dir = await open(path.dirname(file), "r");
    try {
      await dir.sync();
    } catch {
      // Some file systems cannot fsync a directory; the file's own fsync still happened.
    } finally {
      await dir.close();
    }
  }
}

function toEntry(text: string, number: number, file: string, strict: boolean): WitnessEntry | null {
  let value: Partial<WitnessLine> | null = null;
  try {
    value = JSON.parse(text) as Partial<WitnessLine>;
  } catch {
    value = null;
  }
  if (!value || typeof value.jws !== "string") {
    // A crash mid-append can leave a torn last line; the signer skips it, the verifier names it.
    if (strict) throw new WitnessFileError(`${file}:${number}: not a witnessed checkpoint (expected a JSON line with its jws)`);
    return null;
  }
  // Only the JWS is trusted; seq and time are read from it by the verifier and held against these copies.
  return {
    jws: value.jws,
    seq: Number.isInteger(value.seq) ? value.seq! : -1,
    signedAt: typeof value.signed_at === "string" ? value.signed_at : "",
    hash: typeof value.hash === "string" ? value.hash : undefined,
    kid: typeof value.kid === "string" ? value.kid : undefined,
    digest: checkpointDigest(value.jws),
    line: number,
  };
}

/** Every entry, in file order, streamed (the verifier). A missing file has no entries. */
export async function* readWitnessFile(file: string): AsyncGenerator<WitnessEntry> {
  const input = createReadStream(file, { encoding: "utf8" });
  try {
    await once(input, "open"); // rejects with the stream's error (ENOENT, EACCES)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new WitnessFileError(`${file}: the checkpoint witness cannot be read (${(error as Error).message})`);
  }
  const reader = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  for await (const text of reader) {
    number += 1;
    if (text.trim() === "") continue;
    yield toEntry(text, number, file, true)!;
  }
}

const TAIL_BYTES = 256 * 1024;

/**
 * The newest entry (by seq, then signing time) among the last lines of the
 * file: what the signer compares the database with before every signature.
 * Reading only the tail keeps a years-long witness cheap to consult.
 */
export async function newestWitnessed(file: string): Promise<WitnessEntry | null> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new WitnessFileError(`${file}: the checkpoint witness cannot be read (${(error as Error).message})`);
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString("utf8").split("\n");
    if (start > 0) lines.shift(); // starts mid-line
    let newest: WitnessEntry | null = null;
    lines.forEach((text, index) => {
      if (text.trim() === "") return;
      const entry = toEntry(text, index + 1, file, false);
      if (entry && (!newest || entry.seq > newest.seq || (entry.seq === newest.seq && Date.parse(entry.signedAt) > Date.parse(newest.signedAt)))) newest = entry;
    });
    return newest;
  } finally {
    await handle.close();
  }
}
