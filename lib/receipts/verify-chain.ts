// The receipt-chain verifier. Pure (no database, no server-only), so the same
// code checks the live chain, the status panel and an exported file offline.
//
// It walks the receipts once, in seq order, recomputing every hash, and holds
// the recomputed chain against the signed checkpoints. It stops at the first
// problem and names that receipt:
//   - an edited field          -> the receipt's hash no longer matches its contents
//   - a deleted receipt        -> a gap in seq (and a prev_hash that skips it)
//   - two swapped receipts     -> hashes (which cover seq) and links no longer line up
//   - a forged inserted one    -> a seq out of order or a prev_hash that does not link
//   - a truncated tail         -> a signed checkpoint names a seq beyond the end
//   - a chain re-hashed end to end without the key -> the recomputed hash at a
//     checkpoint differs from the signed one, or the checkpoint is not signed by
//     a trusted key
//
// Checkpoints themselves form a chain (each signs the previous one's digest,
// `prev`) and are also kept by a witness outside the database, so deleting
// the newest checkpoints and re-hashing the receipts after the oldest kept one
// is caught too: a witnessed checkpoint is missing or no longer meets the
// chain, or a checkpoint's `prev` names one that is gone.
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from "jose";
import { sha256Hex } from "@/lib/base/canonical-json";
import { GENESIS_HASH, receiptHashOrProblem, type ChainReceipt, type ReceiptHashInput } from "@/lib/receipts/receipt-hash";

/** A checkpoint as stored or exported: only the JWS is trusted; the other fields are cross-checked against it. */
export type CheckpointInput = { jws: string; id?: string; seq?: number; hash?: string; signedAt?: string; kid?: string; prev?: string | null };

/** `prev`: the previous checkpoint's digest (null for the first); absent on checkpoints signed before checkpoints were chained. */
export type CheckpointPayload = { seq: number; hash: string; signed_at: string; prev?: string | null };

export type VerifiedCheckpoint = CheckpointPayload & { kid: string; digest: string };

/** A checkpoint's identity, what the next one signs as `prev` and the witness records: SHA-256 (hex) of its compact JWS. */
export function checkpointDigest(jws: string): string {
  return sha256Hex(jws);
}

export type BrokenReceipt = {
  seq: number;
  id: string | null;
  problem: string;
  /** Nothing was altered that we can see, but no signed checkpoint vouches for receipts that are old enough to have one. */
  unsigned?: true;
  /** The problem is with the checkpoints (one deleted, a witnessed one missing, a broken prev link), not a receipt. */
  checkpoint?: true;
};

export type VerifyResult = {
  ok: boolean;
  /** Receipts read (up to the first problem). */
  checked: number;
  /** The last receipt read and its recomputed hash. */
  headSeq: number;
  headHash: string;
  /** Receipts written before the chain existed (no stored hash; hashes computed from their contents). */
  legacy: number;
  checkpoints: number;
  /** Entries of the witness checked against the chain (0 without a witness). */
  witnessed: number;
  lastCheckpoint: VerifiedCheckpoint | null;
  /** Receipts after the last checkpoint: linked, but not yet vouched for by a signature. */
  uncovered: number;
  /** The input skips receipts on purpose (a filtered export): deletions cannot be ruled out. */
  partial: boolean;
  warnings: string[];
  firstBroken?: BrokenReceipt;
};

export type VerifyOptions = {
  /** The receipts in the order given (one of `receipts` and `pages`). */
  receipts?: Iterable<ChainReceipt> | AsyncIterable<ChainReceipt>;
  /** The same, a page at a time, each page walked synchronously as its receipts are read (storedReceipts' pages). */
  pages?: AsyncIterable<Iterable<ChainReceipt>>;
  checkpoints: Iterable<CheckpointInput> | AsyncIterable<CheckpointInput>;
  jwks: JSONWebKeySet;
  /** The input is known to leave receipts out (a filtered export): gaps are expected, links across them unchecked. */
  partial?: boolean;
  /** Warn when the newest checkpoint is older than this (the signer stopped, or checkpoints were deleted). */
  expectCheckpointWithinMs?: number;
  /**
   * Fail (not just warn) when no checkpoint exists at all although some receipt
   * is older than this. Deleting every checkpoint and re-hashing the receipts
   * leaves a chain that links up perfectly; only the missing signatures give it
   * away, so for receipts past the signer's grace period that is a failure.
   */
  requireCheckpointAfterMs?: number;
  /**
   * The `checkpoints` are every stored checkpoint (the database, not an
   * export's newest-per-seq): each one's `prev` must then be among them.
   */
  checkpointsComplete?: boolean;
  /** Checkpoints recorded outside the database (lib/receipts/witness-file.ts); each must meet the chain. */
  witness?: {
    entries: Iterable<CheckpointInput & { line?: number }> | AsyncIterable<CheckpointInput & { line?: number }>;
    /** Where they come from, for the messages (a file name or URL). */
    name: string;
    /** Every witnessed checkpoint must also be among `checkpoints` (the database); unwitnessed stored ones older than requireCheckpointAfterMs fail. */
    requireStored: boolean;
  };
  now?: Date;
};

/** Checks one checkpoint's signature against the trusted keys; returns its signed payload or why it is not trusted. */
export async function verifyCheckpoint(
  checkpoint: CheckpointInput,
  keys: ReturnType<typeof createLocalJWKSet>,
): Promise<{ ok: true; value: VerifiedCheckpoint } | { ok: false; claimedSeq: number; problem: string }> {
  const claimedSeq = checkpoint.seq ?? claimedSeqOf(checkpoint.jws);
  const name = `checkpoint${checkpoint.id ? ` ${checkpoint.id}` : ""} for #${claimedSeq}`;
  let kid = "";
  try {
    const header = decodeProtectedHeader(checkpoint.jws);
    kid = header.kid ?? "";
    if (header.alg !== "EdDSA" || !kid) return { ok: false, claimedSeq, problem: `${name} is not an EdDSA signature with a key id` };
    const { payload } = await compactVerify(checkpoint.jws, keys, { algorithms: ["EdDSA"] });
    const value = JSON.parse(new TextDecoder().decode(payload)) as Partial<CheckpointPayload>;
    if (
      !Number.isInteger(value.seq) ||
      typeof value.hash !== "string" ||
      typeof value.signed_at !== "string" ||
      (value.prev !== undefined && value.prev !== null && typeof value.prev !== "string")
    ) {
      return { ok: false, claimedSeq, problem: `${name} has a malformed signed payload` };
    }
    const signed: VerifiedCheckpoint = { seq: value.seq!, hash: value.hash, signed_at: value.signed_at, kid, digest: checkpointDigest(checkpoint.jws) };
    if (value.prev !== undefined) signed.prev = value.prev;
    if (
      (checkpoint.prev !== undefined && checkpoint.prev !== (signed.prev ?? null)) ||
      (checkpoint.kid !== undefined && checkpoint.kid !== kid) ||
      (checkpoint.seq !== undefined && checkpoint.seq !== signed.seq) ||
      (checkpoint.hash !== undefined && checkpoint.hash !== signed.hash) ||
      (checkpoint.signedAt !== undefined && Date.parse(checkpoint.signedAt) !== Date.parse(signed.signed_at))
    ) {
      return { ok: false, claimedSeq, problem: `${name} was altered: its stored fields differ from what was signed (#${signed.seq} at ${signed.signed_at})` };
    }
    return { ok: true, value: signed };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_JWKS_NO_MATCHING_KEY") {
      return { ok: false, claimedSeq, problem: `${name} is signed by an unknown key (kid ${kid || "missing"}), not by this server's published keys` };
    }
    if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") {
      return { ok: false, claimedSeq, problem: `${name} has an invalid signature: it was forged or altered` };
    }
    return { ok: false, claimedSeq, problem: `${name} cannot be read as a signed checkpoint (${(error as Error).message})` };
  }
}

/** Where an unverifiable checkpoint claims to be, so its problem is reported in chain order. */
function claimedSeqOf(jws: string): number {
  try {
    const payload = JSON.parse(Buffer.from(jws.split(".")[1] ?? "", "base64url").toString("utf8")) as { seq?: unknown };
    return Number.isInteger(payload.seq) ? (payload.seq as number) : 0;
  } catch {
    return 0;
  }
}

/**
 * Does a receipt with a stored hash and prev_hash still match its contents? null when it does,
 * else the problem: altered, or unreadable (receiptHashOrProblem). A page reader that hashed the
 * receipt already (a hashing worker, receipt-hash-pool.ts) hands over its answer as `checked`.
 */
function storedHashProblem(receipt: ChainReceipt): string | null {
  const checked = (receipt as CheckedReceipt).checked;
  // prev_hash is known non-null here, so the receipt itself is the hash input (no copy per receipt).
  const computed = checked ?? receiptHashOrProblem(receipt as ReceiptHashInput);
  if (computed === true) return null;
  if (computed === false || computed.hash !== undefined) {
    return computed !== false && computed.hash === receipt.hash ? null : `receipt #${receipt.seq} was altered: its contents no longer match its hash`;
  }
  return computed.unreadable;
}

/**
 * A receipt whose hash a page reader has already checked against its own contents and stored
 * prev_hash: true (it matches), false (it does not), or why it could not be read. Only the
 * fields the walk itself looks at need to be real; actor and payload are not read again.
 */
export type CheckedReceipt = ChainReceipt & { checked?: boolean | { unreadable: string; hash?: undefined } };

/** Receipts one at a time as pages of one (in the order given, so an input that fails later fails later). */
async function* onePerPage(receipts: Iterable<ChainReceipt> | AsyncIterable<ChainReceipt>): AsyncGenerator<ChainReceipt[]> {
  for await (const receipt of receipts) yield [receipt];
}

/** A checkpoint to meet during the walk: verified (with what it signed) or not trusted (with why). */
type PendingCheckpoint = { seq: number; signed: VerifiedCheckpoint | null; problem: string; witnessed?: boolean };

export async function verifyChain(options: VerifyOptions): Promise<VerifyResult> {
  const keys = createLocalJWKSet(options.jwks);
  const partial = options.partial ?? false;
  // Checkpoints are few next to receipts; verify them all up front, then meet them in seq order.
  const pending: PendingCheckpoint[] = [];
  const stored = new Map<string, VerifiedCheckpoint>();
  let lastCheckpoint: VerifiedCheckpoint | null = null;
  let count = 0;
  const fail0 = (broken: BrokenReceipt): VerifyResult => ({
    ok: false,
    checked: 0,
    headSeq: 0,
    headHash: GENESIS_HASH,
    legacy: 0,
    checkpoints: count,
    witnessed: 0,
    lastCheckpoint,
    uncovered: 0,
    partial,
    warnings: [],
    firstBroken: broken,
  });
  for await (const checkpoint of options.checkpoints) {
    count += 1;
    const verified = await verifyCheckpoint(checkpoint, keys);
    if (!verified.ok) {
      pending.push({ seq: verified.claimedSeq, signed: null, problem: verified.problem });
      continue;
    }
    const signed = verified.value;
    if (!lastCheckpoint || signed.seq > lastCheckpoint.seq || (signed.seq === lastCheckpoint.seq && signed.signed_at > lastCheckpoint.signed_at)) {
      lastCheckpoint = signed;
    }
    pending.push({ seq: signed.seq, signed, problem: "" });
    stored.set(signed.digest, signed);
  }
  // The witness's entries meet the chain like stored checkpoints: a rewrite after the
  // oldest checkpoint left in the database still has to match what the witness kept.
  const witnessed = new Map<string, VerifiedCheckpoint>();
  let witnessedCount = 0;
  if (options.witness) {
    for await (const entry of options.witness.entries) {
      witnessedCount += 1;
      const verified = await verifyCheckpoint(entry, keys);
      if (!verified.ok) {
        return fail0({ seq: verified.claimedSeq, id: null, checkpoint: true, problem: `the witness ${options.witness.name}${entry.line ? ` (line ${entry.line})` : ""} holds a ${verified.problem}` });
      }
      if (witnessed.has(verified.value.digest)) continue;
      witnessed.set(verified.value.digest, verified.value);
      pending.push({ seq: verified.value.seq, signed: verified.value, problem: "", witnessed: true });
    }
  }
  pending.sort((a, b) => a.seq - b.seq);

  const result: VerifyResult = {
    ok: true,
    checked: 0,
    headSeq: 0,
    headHash: GENESIS_HASH,
    legacy: 0,
    checkpoints: count,
    witnessed: witnessedCount,
    lastCheckpoint,
    uncovered: 0,
    partial,
    warnings: [],
  };
  const fail = (broken: BrokenReceipt): VerifyResult => ({ ...result, ok: false, firstBroken: broken });
  /** Holds the recomputed hash at `seq` against a checkpoint; the problem, or null when they agree. */
  const meet = (checkpoint: PendingCheckpoint, hash: string | null): string | null => {
    if (!checkpoint.signed) return checkpoint.problem;
    if (hash === null || hash === checkpoint.signed.hash) return null; // null: not computable from a partial file
    const { seq, signed_at: at } = checkpoint.signed;
    return `the chain at #${seq} does not match the checkpoint signed at ${at}${checkpoint.witnessed ? ` that the witness ${options.witness!.name} recorded` : ""} (signed ${short(checkpoint.signed.hash)}, recomputed ${short(hash)}): receipts up to #${seq} were changed and re-hashed without the signing key`;
  };

  let next = 0; // index of the next checkpoint to meet
  let chained = false; // a receipt with a stored hash was seen; unhashed (pre-chain) receipts may only come before it
  let headKnown = true; // false after a gap in a partial file: the hash before the next receipt is unknown

  // Checkpoints of the empty chain (seq 0) name the genesis hash.
  while (next < pending.length && pending[next]!.seq <= 0) {
    const problem = meet(pending[next]!, GENESIS_HASH);
    if (problem) return fail({ seq: pending[next]!.seq, id: null, problem });
    next += 1;
  }

  const unsignedBefore = options.requireCheckpointAfterMs !== undefined ? (options.now ?? new Date()).getTime() - options.requireCheckpointAfterMs : null;
  let firstSeq = 0;
  let oldEnoughToBeSigned = false; // some receipt is older than the signer's grace period

  // Pages, walked synchronously: a reader hands over a page at a time (storedReceipts), and its
  // receipts are hashed as they are read, so none outlives its turn (garbage that dies young is cheap).
  for await (const page of options.pages ?? onePerPage(options.receipts!)) {
    for (const receipt of page) {
      const prevSeq = result.headSeq;
      if (firstSeq === 0) firstSeq = receipt.seq;
      if (unsignedBefore !== null && !oldEnoughToBeSigned && Date.parse(receipt.created_at) < unsignedBefore) oldEnoughToBeSigned = true;
      if (receipt.seq <= prevSeq) {
        return fail({ seq: receipt.seq, id: receipt.id, problem: `receipt #${receipt.seq} comes after #${prevSeq}: receipts are out of order, duplicated or inserted` });
      }

      // Checkpoints naming a seq that is not in the input.
      for (; next < pending.length && pending[next]!.seq < receipt.seq; next += 1) {
        const skipped = pending[next]!;
        if (!skipped.signed) return fail({ seq: skipped.seq, id: null, problem: skipped.problem });
        if (!partial) return fail({ seq: skipped.seq, id: null, problem: `receipt #${skipped.seq}, named by a signed checkpoint, is missing (deleted or moved)` });
        // A partial file may leave the checkpoint's receipt out on purpose, so its absence proves
        // nothing. But when the file holds the receipt right after it, that receipt's prev_hash
        // (covered by its own hash, checked below) must be the signed hash: decidable, so checked,
        // or a rewritten chain could hide behind `complete: false`.
        if (skipped.seq === receipt.seq - 1 && receipt.prev_hash !== null && receipt.prev_hash !== skipped.signed.hash) {
          return fail({
            seq: skipped.seq,
            id: null,
            problem: `receipt #${skipped.seq} is not in this partial file, but #${receipt.seq} after it links to ${short(receipt.prev_hash)}, not to the hash the checkpoint signed at ${skipped.signed.signed_at} (${short(skipped.signed.hash)}): receipts up to #${skipped.seq} were changed and re-hashed without the signing key`,
          });
        }
      }

      const contiguous = receipt.seq === prevSeq + 1;
      if (!contiguous && partial) headKnown = false;

      if (receipt.hash === null && receipt.prev_hash === null && !chained) {
        // Written before the chain existed: its hash is computed here, and only a later checkpoint vouches for it.
        result.legacy += 1;
        if (headKnown) {
          const computed = receiptHashOrProblem({ ...receipt, prev_hash: result.headHash });
          if (computed.unreadable !== undefined) return fail({ seq: receipt.seq, id: receipt.id, problem: computed.unreadable });
          result.headHash = computed.hash;
        } else result.headHash = "";
      } else {
        if (receipt.hash === null || receipt.prev_hash === null) {
          return fail({ seq: receipt.seq, id: receipt.id, problem: `receipt #${receipt.seq} has no stored hash although the chain had started: its hashes were removed` });
        }
        if (!contiguous && !partial) {
          const gap = receipt.seq - prevSeq - 1;
          return fail({
            seq: prevSeq + 1,
            id: null,
            problem: `${gap > 1 ? `receipts #${prevSeq + 1} to #${receipt.seq - 1} are` : `receipt #${prevSeq + 1} is`} missing: the chain jumps from #${prevSeq} to #${receipt.seq} (deleted or moved)`,
          });
        }
        const problem = storedHashProblem(receipt);
        if (problem) return fail({ seq: receipt.seq, id: receipt.id, problem });
        if (headKnown && contiguous && receipt.prev_hash !== result.headHash) {
          return fail({
            seq: receipt.seq, id: receipt.id,
            problem: `receipt #${receipt.seq} does not link to #${prevSeq}: its prev_hash is not #${prevSeq}'s hash (inserted, moved, or #${prevSeq} was changed)`,
          });
        }
        chained = true;
        headKnown = true;
        result.headHash = receipt.hash;
      }
      result.headSeq = receipt.seq;
      result.checked += 1;

      for (; next < pending.length && pending[next]!.seq === receipt.seq; next += 1) {
        const problem = meet(pending[next]!, headKnown ? result.headHash : null);
        if (problem) return fail({ seq: receipt.seq, id: receipt.id, problem });
      }
    }
  }

  // Checkpoints beyond the end: the tail was cut off (or, for a partial file, simply not exported).
  let newerWitnessed = 0;
  for (; next < pending.length; next += 1) {
    const beyond = pending[next]!;
    if (!beyond.signed) return fail({ seq: beyond.seq, id: null, problem: beyond.problem });
    // An export is a snapshot: the witness may well have recorded checkpoints signed after it was taken.
    if (beyond.witnessed && !options.witness!.requireStored) {
      newerWitnessed += 1;
      continue;
    }
    if (!partial) {
      return fail({
        seq: result.headSeq + 1,
        id: null,
        problem: `the chain ends at #${result.headSeq} but a checkpoint signed at ${beyond.signed.signed_at} covers #${beyond.seq}: receipts from #${result.headSeq + 1} on are missing (truncated)`,
      });
    }
  }

  if (newerWitnessed > 0) {
    result.warnings.push(`${newerWitnessed} checkpoint(s) in the witness ${options.witness!.name} cover receipts after the end of this file (signed after it was exported, or the file was cut short).`);
  }
  const checkpointProblem = checkCheckpointSet(options, stored, witnessed, result.warnings);
  if (checkpointProblem) return fail(checkpointProblem);

  result.uncovered = Math.max(0, result.headSeq - (lastCheckpoint?.seq ?? 0));
  if (result.checked > 0 && count === 0 && oldEnoughToBeSigned) {
    return fail({
      seq: firstSeq,
      id: null,
      unsigned: true,
      problem: `no signed checkpoint covers receipts #${firstSeq}..#${result.headSeq}, although some are older than the signer's grace period: the checkpoints were deleted (and the receipts possibly rewritten and re-hashed), or none was ever signed. If this is a new install, run \`npm run cli -- receipts:checkpoint\``,
    });
  }
  if (result.checked > 0 && !lastCheckpoint) {
    result.warnings.push("No signed checkpoint yet: the receipts link up, but nothing signed vouches for them.");
  }
  if (lastCheckpoint && options.expectCheckpointWithinMs !== undefined) {
    const age = (options.now ?? new Date()).getTime() - Date.parse(lastCheckpoint.signed_at);
    if (age > options.expectCheckpointWithinMs) {
      result.warnings.push(
        `The newest signed checkpoint is from ${lastCheckpoint.signed_at}, older than expected: the server is not signing (stopped, or CHECKPOINT_SECONDS=0), or newer checkpoints were deleted.`,
      );
    }
  }
  return result;
}

const describe = (checkpoint: VerifiedCheckpoint) => `checkpoint #${checkpoint.seq} signed at ${checkpoint.signed_at} (${short(checkpoint.digest)})`;
const byChainOrder = (a: VerifiedCheckpoint, b: VerifiedCheckpoint) => a.seq - b.seq || Date.parse(a.signed_at) - Date.parse(b.signed_at);

/**
 * What the chain walk cannot see: the set of checkpoints itself. A witnessed
 * checkpoint missing from the database was deleted (the newest ones are
 * deleted first, to re-hash the receipts after the oldest kept one); a `prev`
 * naming a checkpoint that is gone means one was deleted from the middle.
 * Stored checkpoints the witness lacks are signed by our key, so not forged,
 * but once older than the grace period they mean the witness is not being
 * kept (or was replaced), and the guarantee no longer holds.
 */
function checkCheckpointSet(
  options: VerifyOptions,
  stored: Map<string, VerifiedCheckpoint>,
  witnessed: Map<string, VerifiedCheckpoint>,
  warnings: string[],
): BrokenReceipt | null {
  const witness = options.witness;
  if (witness?.requireStored) {
    const missing = [...witnessed.values()].filter((entry) => !stored.has(entry.digest)).sort(byChainOrder);
    if (missing.length > 0) {
      const first = missing[0]!;
      return {
        seq: first.seq,
        id: null,
        checkpoint: true,
        problem: `${describe(first)} is recorded by the witness ${witness.name} but missing from the database${missing.length > 1 ? ` (and ${missing.length - 1} more witnessed checkpoint(s), the newest #${missing.at(-1)!.seq} signed at ${missing.at(-1)!.signed_at})` : ""}: checkpoints were deleted, so receipts after the oldest remaining checkpoint may have been rewritten and re-hashed`,
      };
    }
  }
  if (options.checkpointsComplete) {
    const orphans = [...stored.values()].filter((checkpoint) => typeof checkpoint.prev === "string" && !stored.has(checkpoint.prev)).sort(byChainOrder);
    if (orphans.length > 0) {
      const first = orphans[0]!;
      return {
        seq: first.seq,
        id: null,
        checkpoint: true,
        problem: `${describe(first)} signs ${short(first.prev!)} as the checkpoint before it, which is missing from the database: a checkpoint was deleted`,
      };
    }
  }
  if (witness?.requireStored) {
    const entries = [...witnessed.values()].sort(byChainOrder);
    if (entries.length === 0) {
      const chained = [...stored.values()].filter((checkpoint) => checkpoint.prev !== undefined).length;
      if (chained > 0) warnings.push(`The witness ${witness.name} holds no checkpoint, although ${chained} were signed since checkpoints are witnessed: it was moved, emptied or is not the one the signer writes to.`);
      return null;
    }
    const started = Date.parse(entries[0]!.signed_at);
    const graceStart = options.requireCheckpointAfterMs !== undefined ? (options.now ?? new Date()).getTime() - options.requireCheckpointAfterMs : -Infinity;
    const unwitnessed = [...stored.values()].filter((checkpoint) => !witnessed.has(checkpoint.digest) && Date.parse(checkpoint.signed_at) > started).sort(byChainOrder);
    const overdue = unwitnessed.filter((checkpoint) => Date.parse(checkpoint.signed_at) < graceStart);
    if (overdue.length > 0) {
      return {
        seq: overdue[0]!.seq,
        id: null,
        checkpoint: true,
        problem: `${describe(overdue[0]!)} is in the database but not in the witness ${witness.name}${overdue.length > 1 ? ` (nor ${overdue.length - 1} later one(s))` : ""}, although the witness has been kept since ${entries[0]!.signed_at}: the witness was truncated or replaced, or the signer cannot write to it`,
      };
    }
    if (unwitnessed.length > 0) warnings.push(`${unwitnessed.length} recent checkpoint(s) are not in the witness ${witness.name} yet (the signer adds them on its next tick).`);
  }
  return null;
}

function short(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}

export type TailCheck = { ok: true; checked: number } | { ok: false; broken: BrokenReceipt };

/**
 * Before a new head is signed: does the chain still extend the last signed
 * checkpoint? Signing whatever head is found would bless a chain that someone
 * with database access rewrote and re-hashed, so the signer first checks that
 * the checkpoint is ours, that the receipt at its seq still has the signed
 * hash, and that every receipt after it up to the head is intact and links to
 * the one before.
 *
 * Deliberately cheap: only the tail since the last checkpoint is re-verified
 * (a few hundred receipts per interval), not the whole chain. Receipts before
 * the checkpoint are vouched for by that signature and the full verifier
 * (`receipts:verify`, the /receipts panel) checks them against it.
 */
export async function verifyTailSinceCheckpoint(options: {
  checkpoint: CheckpointInput;
  jwks: JSONWebKeySet;
  /** The stored receipt at the checkpoint's seq (null when there is none; unused for a checkpoint of the empty chain). */
  atCheckpoint: ChainReceipt | null;
  /** The stored receipts after the checkpoint's seq, up to and including the head, in seq order. */
  after: Iterable<ChainReceipt> | AsyncIterable<ChainReceipt>;
  /** The head about to be signed. */
  head: { seq: number; hash: string };
}): Promise<TailCheck> {
  const broken = (seq: number, id: string | null, problem: string): TailCheck => ({ ok: false, broken: { seq, id, problem } });
  const verified = await verifyCheckpoint(options.checkpoint, createLocalJWKSet(options.jwks));
  if (!verified.ok) return broken(verified.claimedSeq, null, `the last checkpoint is not trusted: ${verified.problem}`);
  const { seq, hash, signed_at: at } = verified.value;
  const anchor = `the last signed checkpoint (#${seq}, ${at})`;

  if (seq === 0) {
    if (hash !== GENESIS_HASH) return broken(0, null, `${anchor} does not name the empty chain's hash`);
  } else {
    const receipt = options.atCheckpoint;
    if (!receipt || receipt.seq !== seq) return broken(seq, null, `receipt #${seq}, named by ${anchor}, is missing (deleted or moved)`);
    // A receipt written before the chain existed has no stored hash; its hash depends on
    // every receipt before it, so it is left to the full verifier and the link from the
    // next receipt (below) is what ties the tail to the signature.
    if (receipt.hash !== null) {
      const problem = receipt.prev_hash === null ? `receipt #${seq} was altered: its contents no longer match its hash` : storedHashProblem(receipt);
      if (problem) return broken(seq, receipt.id, problem);
      if (receipt.hash !== hash) {
        return broken(seq, receipt.id, `receipt #${seq} does not match ${anchor} (signed ${short(hash)}, stored ${short(receipt.hash)}): the chain was changed and re-hashed without the signing key`);
      }
    }
  }

  let prevSeq = seq;
  let prevHash = hash;
  let checked = 0;
  for await (const receipt of options.after) {
    if (receipt.seq !== prevSeq + 1) {
      return receipt.seq <= prevSeq
        ? broken(receipt.seq, receipt.id, `receipt #${receipt.seq} comes after #${prevSeq}: receipts are out of order, duplicated or inserted`)
        : broken(prevSeq + 1, null, `receipt #${prevSeq + 1} is missing: the chain jumps from #${prevSeq} to #${receipt.seq} (deleted or moved)`);
    }
    if (receipt.hash === null || receipt.prev_hash === null) {
      return broken(receipt.seq, receipt.id, `receipt #${receipt.seq} has no stored hash although the chain had started: its hashes were removed`);
    }
    const problem = storedHashProblem(receipt);
    if (problem) return broken(receipt.seq, receipt.id, problem);
    if (receipt.prev_hash !== prevHash) {
      return broken(
        receipt.seq,
        receipt.id,
        prevSeq === seq
          ? `receipt #${receipt.seq} does not extend ${anchor}: its prev_hash is not the signed hash (the chain was rewritten and re-hashed)`
          : `receipt #${receipt.seq} does not link to #${prevSeq}: its prev_hash is not #${prevSeq}'s hash (inserted, moved, or #${prevSeq} was changed)`,
      );
    }
    prevSeq = receipt.seq;
    prevHash = receipt.hash;
    checked += 1;
  }

  if (options.head.seq < seq) {
    return broken(options.head.seq + 1, null, `the chain's head is #${options.head.seq}, behind ${anchor}: receipts from #${options.head.seq + 1} on are missing (truncated)`);
  }
  if (prevSeq !== options.head.seq) {
    return broken(prevSeq + 1, null, `the chain's head names #${options.head.seq} but the receipts end at #${prevSeq}: receipts from #${prevSeq + 1} on are missing (deleted)`);
  }
  if (prevHash !== options.head.hash) {
    return broken(prevSeq, null, `the chain's head hash (${short(options.head.hash)}) is not receipt #${prevSeq}'s hash (${short(prevHash)}): the head was altered`);
  }
  return { ok: true, checked };
}
