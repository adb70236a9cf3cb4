import "server-only";
// Signed checkpoints: the server signs the chain's head (seq, hash, time) with
// its Ed25519 key and stores the compact JWS. Anyone holding the public key
// (GET /.well-known/jwks.json) can then tell that the chain up to that seq has
// not been rewritten since, even by someone with full database access but
// without the key; and signing also when idle bounds how long a cut-off tail
// could go unnoticed.
//
// Signing is only worth something if the signer refuses to sign a chain that
// no longer extends what it signed before: otherwise someone with database
// access deletes the checkpoints, rewrites and re-hashes receipts, and waits
// for the timer to bless the forged head. So writeCheckpoint first re-verifies
// the tail since the last checkpoint (verifyTailSinceCheckpoint) and, with no
// checkpoint at all, refuses while receipts older than the signer's grace
// period exist (a first checkpoint then needs `receipts:checkpoint`).
import { CompactSign } from "jose";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { readHead, type ChainHead } from "@/lib/receipts/chain";
import { CHAIN_RECEIPT_SELECT, chainReceiptFromRow, type ChainReceipt } from "@/lib/receipts/receipt-hash";
import { recordRefusal } from "@/lib/security/record-refusal";
import { getSigningKey, publicJwks } from "@/lib/signing/signing-key";
import { verifyTailSinceCheckpoint, type BrokenReceipt, type CheckpointInput, type CheckpointPayload } from "@/lib/receipts/verify-chain";

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
 * How old a receipt may get before a signed checkpoint must cover it: two
 * signer intervals plus a minute (one missed tick, a restart, is no alarm).
 * With the signer off (CHECKPOINT_SECONDS=0) the default interval applies:
 * checkpoints then come from `receipts:checkpoint` run by cron.
 */
export function checkpointGraceMs(): number {
  const interval = env().CHECKPOINT_SECONDS || 300;
  return (2 * interval + 60) * 1000;
}

/** The signer would not sign: the chain does not extend the last checkpoint, or nothing signed covers old receipts. */
export class CheckpointRefusedError extends Error {
  constructor(readonly broken: BrokenReceipt) {
    super(`refusing to sign a checkpoint: ${broken.problem} (first broken receipt #${broken.seq}${broken.id ? `, id ${broken.id}` : ""})`);
  }
}

async function* receiptsBetween(client: Tx, afterSeq: number, throughSeq: number, pageSize = 5000): AsyncGenerator<ChainReceipt> {
  let after = afterSeq;
  for (;;) {
    const page = await client.receipt.findMany({ where: { seq: { gt: after, lte: throughSeq } }, orderBy: { seq: "asc" }, take: pageSize, select: CHAIN_RECEIPT_SELECT });
    for (const row of page) yield chainReceiptFromRow(row);
    if (page.length < pageSize) return;
    after = page.at(-1)!.seq;
  }
}

/**
 * Why `head` must not be signed, or null when it may be. Reads only the
 * newest checkpoint and the receipts after it (cheap enough for every tick).
 */
export async function checkBeforeSigning(client: Tx, head: ChainHead, options: { now: Date; allowFirst?: boolean }): Promise<BrokenReceipt | null> {
  const last = await client.chainCheckpoint.findFirst({ orderBy: [{ seq: "desc" }, { signedAt: "desc" }] });
  if (!last) {
    if (options.allowFirst || head.seq === 0) return null;
    // No checkpoint at all: fine on a new install (receipts younger than the grace period),
    // but old receipts with no signature over them mean the checkpoints were deleted.
    const old = await client.receipt.findFirst({ where: { createdAt: { lt: new Date(options.now.getTime() - checkpointGraceMs()) } }, orderBy: { seq: "asc" }, select: { seq: true } });
    if (!old) return null;
    return {
      seq: 1,
      id: null,
      unsigned: true,
      problem: `no signed checkpoint covers receipts #1..#${head.seq}, although some are older than the signer's grace period: the checkpoints were deleted (and the receipts possibly rewritten), or none was ever signed. If this is a new install, run \`npm run cli -- receipts:checkpoint\``,
    };
  }
  const [atCheckpoint] = last.seq > 0 ? await client.receipt.findMany({ where: { seq: last.seq }, select: CHAIN_RECEIPT_SELECT }) : [];
  const check = await verifyTailSinceCheckpoint({
    checkpoint: { id: last.id, jws: last.jws, seq: last.seq, hash: last.hash, signedAt: last.signedAt.toISOString(), kid: last.kid },
    jwks: await publicJwks(),
    atCheckpoint: atCheckpoint ? chainReceiptFromRow(atCheckpoint) : null,
    after: receiptsBetween(client, last.seq, head.seq),
    head,
  });
  return check.ok ? null : check.broken;
}

/**
 * Signs the current head and stores the checkpoint, after checking that the
 * chain still extends the last checkpoint (see checkBeforeSigning); when it
 * does not, logs an error, records a security event for the admins and throws
 * CheckpointRefusedError. With `unlessNewerThanMs`, does nothing when any
 * instance signed within that time (every instance runs the timer; this keeps
 * it to about one checkpoint per interval overall). `allowFirst` lets an
 * admin (the CLI, the seed) sign the first checkpoint over old receipts.
 * `client` runs it all on a transaction (the tests' tampered copies).
 */
export async function writeCheckpoint(
  options: { unlessNewerThanMs?: number; now?: Date; allowFirst?: boolean; client?: Tx } = {},
): Promise<WrittenCheckpoint | null> {
  const now = options.now ?? new Date();
  const client = options.client ?? db;
  if (options.unlessNewerThanMs !== undefined) {
    const recent = await client.chainCheckpoint.findFirst({
      where: { signedAt: { gt: new Date(now.getTime() - options.unlessNewerThanMs) } },
      select: { id: true },
    });
    if (recent) return null;
  }
  // The head row and the receipts it names commit together, so reading it needs no lock.
  const head = options.client ? await readHead(options.client) : await db.$transaction((tx) => readHead(tx));
  const broken = await checkBeforeSigning(client, head, { now, allowFirst: options.allowFirst });
  if (broken) {
    const error = new CheckpointRefusedError(broken);
    logger.error("receipt-chain checkpoint refused: the chain does not extend the last signed checkpoint", {
      firstBrokenSeq: broken.seq,
      firstBrokenId: broken.id,
      problem: broken.problem,
      headSeq: head.seq,
    });
    await recordRefusal({
      actor: { type: "system", id: "checkpoint-signer", name: "Checkpoint signer" },
      action: "receipts.checkpoint",
      target: `receipt #${broken.seq}`,
      code: broken.unsigned ? "chain_unsigned" : "chain_broken",
      message: error.message,
    });
    throw error;
  }
  const { kid, jws } = await signCheckpoint({ seq: head.seq, hash: head.hash, signed_at: now.toISOString() });
  return client.chainCheckpoint.create({ data: { seq: head.seq, hash: head.hash, signedAt: now, kid, jws } });
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
