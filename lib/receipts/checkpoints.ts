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
//
// That alone does not stop someone who deletes only the newest checkpoints and
// rewrites the receipts after the oldest one kept: the signer would check the
// tail against that older checkpoint and sign. So every checkpoint is also
// written to a witness outside the database (lib/receipts/checkpoint-witness.ts)
// and signs the previous checkpoint's digest (`prev`); before signing, the
// newest witnessed checkpoint must still be in the database and the database's
// newest checkpoint must descend from it.
import { CompactSign } from "jose";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { lockHead, type ChainHead } from "@/lib/receipts/chain";
import { witnessCheckpoints, witnessFilePath } from "@/lib/receipts/checkpoint-witness";
import { newestWitnessed, witnessLine, type WitnessEntry, type WitnessLine } from "@/lib/receipts/witness-file";
import { CHAIN_RECEIPT_SELECT, chainReceiptFromRow, type ChainReceipt } from "@/lib/receipts/receipt-hash";
import { recordRefusal } from "@/lib/security/record-refusal";
import { getSigningKey, publicJwks } from "@/lib/signing/signing-key";
import {
  checkpointDigest,
  verifyCheckpoint,
  verifyTailSinceCheckpoint,
  type BrokenReceipt,
  type CheckpointInput,
  type CheckpointPayload,
} from "@/lib/receipts/verify-chain";
import { createLocalJWKSet, type JSONWebKeySet } from "jose";

export type WrittenCheckpoint = { id: string; seq: number; hash: string; signedAt: Date; kid: string; jws: string; prev: string | null };

/** Compact JWS (EdDSA) over {seq, hash, signed_at, prev}. */
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
    super(`refusing to sign a checkpoint: ${broken.problem} (${broken.checkpoint ? "checkpoint" : "first broken receipt"} #${broken.seq}${broken.id ? `, id ${broken.id}` : ""})`);
  }
}

type StoredCheckpoint = { id: string; seq: number; hash: string; signedAt: Date; kid: string; jws: string; prev: string | null };

const asInput = (row: StoredCheckpoint): CheckpointInput => ({ id: row.id, jws: row.jws, seq: row.seq, hash: row.hash, signedAt: row.signedAt.toISOString(), kid: row.kid, prev: row.prev });

/**
 * Holds the database against the newest checkpoint the witness recorded: it
 * must still be stored, unchanged, and the database's newest checkpoint must
 * descend from it through `prev`. Returns the problem, or the stored
 * checkpoints after it (signed by an instance whose witness append failed or
 * by another instance) to add to the witness.
 */
async function checkAgainstWitness(
  client: Tx,
  witnessed: WitnessEntry | null,
  jwks: JSONWebKeySet,
  file: string,
): Promise<{ broken: BrokenReceipt } | { backfill: StoredCheckpoint[] }> {
  if (!witnessed) return { backfill: [] };
  const keys = createLocalJWKSet(jwks);
  const trusted = await verifyCheckpoint({ jws: witnessed.jws }, keys);
  if (!trusted.ok) return { broken: { seq: trusted.claimedSeq, id: null, checkpoint: true, problem: `the newest entry of the witness ${file} is not trusted: ${trusted.problem}` } };
  const w = trusted.value;
  const signedAt = new Date(w.signed_at);
  const rows: StoredCheckpoint[] = await client.chainCheckpoint.findMany({
    where: { OR: [{ seq: { gt: w.seq } }, { seq: w.seq, signedAt: { gte: signedAt } }] },
    orderBy: [{ seq: "asc" }, { signedAt: "asc" }],
  });
  const byDigest = new Map(rows.map((row) => [checkpointDigest(row.jws), row]));
  const hint = ` If the database was recreated on purpose, move the witness file ${file} away to start a new witness.`;
  if (!byDigest.has(w.digest)) {
    return {
      broken: {
        seq: w.seq,
        id: null,
        checkpoint: true,
        problem: `the database lacks checkpoint #${w.seq} signed at ${w.signed_at} (${w.digest.slice(0, 12)}…), which the witness ${file} recorded: checkpoints were deleted, and receipts after the oldest remaining one may have been rewritten.${hint}`,
      },
    };
  }
  // Walk back from the newest stored checkpoint to the witnessed one.
  const tip = rows.at(-1)!;
  const path: StoredCheckpoint[] = [];
  for (let current = tip; checkpointDigest(current.jws) !== w.digest; ) {
    const verified = await verifyCheckpoint(asInput(current), keys);
    const prev = verified.ok ? verified.value.prev : undefined;
    const before = typeof prev === "string" ? byDigest.get(prev) : undefined;
    if (!verified.ok || !before) {
      return {
        broken: {
          seq: current.seq,
          id: null,
          checkpoint: true,
          problem: `the database's checkpoint #${current.seq} signed at ${current.signedAt.toISOString()} does not descend from checkpoint #${w.seq} signed at ${w.signed_at}, the newest the witness ${file} recorded${verified.ok ? "" : ` (${verified.problem})`}.${hint}`,
        },
      };
    }
    path.unshift(current);
    current = before;
  }
  return { backfill: path };
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

function newestCheckpoint(client: Tx): Promise<StoredCheckpoint | null> {
  return client.chainCheckpoint.findFirst({ orderBy: [{ seq: "desc" }, { signedAt: "desc" }] });
}

/**
 * Why `head` must not be signed, or null when it may be. Reads only the
 * newest checkpoint and the receipts after it (cheap enough for every tick).
 */
export async function checkBeforeSigning(client: Tx, head: ChainHead, options: { now: Date; allowFirst?: boolean }): Promise<BrokenReceipt | null> {
  const last = await newestCheckpoint(client);
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
 * database still holds the newest witnessed checkpoint and that the chain
 * still extends the last checkpoint (see checkBeforeSigning); when not, logs
 * an error, records a security event for the admins and throws
 * CheckpointRefusedError. Then appends it (and any stored checkpoint the
 * witness lacks) to the witness. With `unlessNewerThanMs`, does nothing when
 * any instance signed within that time (every instance runs the timer; this
 * keeps it to about one checkpoint per interval overall). `allowFirst` lets an
 * admin (the CLI, the seed) sign the first checkpoint over old receipts.
 * `client` runs it all on the caller's transaction (the tests' tampered
 * copies); the witness is then read but not written, since the caller may
 * still roll back.
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
  const file = witnessFilePath();
  const witnessed = await newestWitnessed(file);
  const jwks = await publicJwks();
  // Under the chain's head lock: instances sign one after another, so each
  // checkpoint's prev is the one signed just before it (no forks), and the
  // head cannot move between the check and the signature.
  const sign = async (tx: Tx): Promise<{ broken: BrokenReceipt; headSeq: number } | { checkpoint: WrittenCheckpoint; backfill: StoredCheckpoint[] }> => {
    const head = await lockHead(tx);
    const witness = await checkAgainstWitness(tx, witnessed, jwks, file);
    if ("broken" in witness) return { broken: witness.broken, headSeq: head.seq };
    const broken = await checkBeforeSigning(tx, head, { now, allowFirst: options.allowFirst });
    if (broken) return { broken, headSeq: head.seq };
    const last = await newestCheckpoint(tx);
    // Signing times only move forward along the checkpoint chain, whatever the instances' clocks say.
    const signedAt = last && last.signedAt.getTime() >= now.getTime() ? new Date(last.signedAt.getTime() + 1) : now;
    const prev = last ? checkpointDigest(last.jws) : null;
    const { kid, jws } = await signCheckpoint({ seq: head.seq, hash: head.hash, signed_at: signedAt.toISOString(), prev });
    const checkpoint = await tx.chainCheckpoint.create({ data: { seq: head.seq, hash: head.hash, signedAt, kid, jws, prev } });
    return { checkpoint, backfill: witness.backfill };
  };
  const outcome = options.client ? await sign(options.client) : await db.$transaction(sign, { timeout: 60_000, maxWait: 30_000 });
  if ("broken" in outcome) {
    const { broken } = outcome;
    const error = new CheckpointRefusedError(broken);
    logger.error("receipt-chain checkpoint refused: the database no longer holds what was signed and witnessed", {
      firstBrokenSeq: broken.seq,
      firstBrokenId: broken.id,
      problem: broken.problem,
      headSeq: outcome.headSeq,
    });
    await recordRefusal({
      actor: { type: "system", id: "checkpoint-signer", name: "Checkpoint signer" },
      action: "receipts.checkpoint",
      target: broken.checkpoint ? `checkpoint #${broken.seq}` : `receipt #${broken.seq}`,
      code: broken.unsigned ? "chain_unsigned" : broken.checkpoint ? "checkpoint_missing" : "chain_broken",
      message: error.message,
    });
    throw error;
  }
  if (!options.client) {
    const lines: WitnessLine[] = [...outcome.backfill, outcome.checkpoint].map((checkpoint) => witnessLine(checkpoint, now));
    await witnessCheckpoints(lines);
  }
  return outcome.checkpoint;
}

/** Every stored checkpoint, oldest seq first, in pages (for the verifier). */
export async function* storedCheckpoints(pageSize = 5000, client: Tx = db): AsyncGenerator<CheckpointInput> {
  let cursor: string | undefined;
  for (;;) {
    const page = await client.chainCheckpoint.findMany({
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const row of page) yield asInput(row);
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
