import "server-only";
// Signed checkpoints: the server signs the chain's head (seq, hash, time) with
// its Ed25519 key and stores the compact JWS. Anyone holding the public key
// (GET /.well-known/jwks.json) can then tell that the chain up to that seq has
// not been rewritten since, even by someone with full database access but
// without the key; and signing also when idle bounds how long a cut-off tail
// could go unnoticed.
import { CompactSign } from "jose";
import { db } from "@/lib/db/client";
import { readHead } from "@/lib/receipts/chain";
import { getSigningKey } from "@/lib/signing/signing-key";
import type { CheckpointInput, CheckpointPayload } from "@/lib/receipts/verify-chain";

export type WrittenCheckpoint = { id: string; seq: number; hash: string; signedAt: Date; kid: string; jws: string };

/** Compact JWS (EdDSA) over {seq, hash, signed_at}. */
export async function signCheckpoint(payload: CheckpointPayload): Promise<{ kid: string; jws: string }> {
  const { kid, privateKey } = await getSigningKey();
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "EdDSA", kid, typ: "countersign-checkpoint" })
    .sign(privateKey);
  return { kid, jws };
}

/**
 * Signs the current head and stores the checkpoint. With `unlessNewerThanMs`,
 * does nothing when any instance signed within that time (every instance runs
 * the timer; this keeps it to about one checkpoint per interval overall).
 */
export async function writeCheckpoint(options: { unlessNewerThanMs?: number; now?: Date } = {}): Promise<WrittenCheckpoint | null> {
  const now = options.now ?? new Date();
  if (options.unlessNewerThanMs !== undefined) {
    const recent = await db.chainCheckpoint.findFirst({
      where: { signedAt: { gt: new Date(now.getTime() - options.unlessNewerThanMs) } },
      select: { id: true },
    });
    if (recent) return null;
  }
  // The head row and the receipts it names commit together, so reading it needs no lock.
  const head = await db.$transaction((tx) => readHead(tx));
  const { kid, jws } = await signCheckpoint({ seq: head.seq, hash: head.hash, signed_at: now.toISOString() });
  return db.chainCheckpoint.create({ data: { seq: head.seq, hash: head.hash, signedAt: now, kid, jws } });
}

/** Every stored checkpoint, oldest seq first, in pages (for the verifier). */
export async function* storedCheckpoints(pageSize = 5000): AsyncGenerator<CheckpointInput> {
  let cursor: string | undefined;
  for (;;) {
    const page = await db.chainCheckpoint.findMany({
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const row of page) yield { id: row.id, jws: row.jws, seq: row.seq, hash: row.hash, signedAt: row.signedAt.toISOString(), kid: row.kid };
    if (page.length < pageSize) return;
    cursor = page.at(-1)!.id;
  }
}

/** The newest checkpoint of each seq, seq order (what an export carries). */
export async function latestCheckpointPerSeq(throughSeq: number): Promise<CheckpointInput[]> {
  const latest = new Map<number, CheckpointInput>();
  for await (const checkpoint of storedCheckpoints()) {
    if (checkpoint.seq! > throughSeq) continue;
    const known = latest.get(checkpoint.seq!);
    if (!known || Date.parse(known.signedAt!) < Date.parse(checkpoint.signedAt!)) latest.set(checkpoint.seq!, checkpoint);
  }
  return [...latest.values()].sort((a, b) => a.seq! - b.seq!);
}
