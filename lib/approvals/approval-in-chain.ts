import "server-only";
// An approval token is a signed statement "this plan was approved". The
// proposal row's status is a mutable column anyone with database access can
// set; the receipt chain is what the signed checkpoints and the witness vouch
// for. So before a token is signed, the chain must hold the approval itself:
//   - the proposal's last decisive receipt is `approved` (or `auto_approved`)
//     for exactly the digest the token will carry (nothing revoked, rejected,
//     expired or executed it since);
//   - for a human approval, distinct people approved that digest at least as
//     often as the quorum required (the larger of the receipt's and the row's);
//   - each of those receipts still has the hash the chain holds: recomputed
//     from its contents, and linked from its neighbours' prev_hash.
// One indexed read (Receipt.proposalId) and one for the neighbours.
//
// What this cannot see: a well-formed receipt appended at the chain's head by
// someone with database access (it links and hashes like a real one). That is
// the chain's own limit, stated in docs/receipts.md.
import { db, type Tx } from "@/lib/db/client";
import { CHAIN_RECEIPT_SELECT, chainReceiptFromRow, receiptHash, type ChainReceipt } from "@/lib/receipts/receipt-hash";

/** Receipts that settle where an approval stands; the newest one decides. */
const DECISIVE = ["approved", "auto_approved", "rejected", "revoked", "expired", "cancelled", "executed", "failed"];
const VOTES = ["approval", "approved"];

export type Decider = { id: string; email: string; name: string };

export type ChainApproval = { ok: true; deciders: Decider[] } | { ok: false; problem: string };

const payloadOf = (receipt: ChainReceipt) => (receipt.payload && typeof receipt.payload === "object" ? (receipt.payload as Record<string, unknown>) : {});

export async function findApprovalInChain(
  proposal: { id: string; requiredApprovals: number },
  approvedDigest: string,
  client: Tx = db,
): Promise<ChainApproval> {
  const rows = await client.receipt.findMany({
    where: { proposalId: proposal.id, kind: { in: [...new Set([...DECISIVE, ...VOTES])] } },
    orderBy: { seq: "asc" },
    select: CHAIN_RECEIPT_SELECT,
  });
  const receipts = rows.map(chainReceiptFromRow);
  const decisive = receipts.filter((r) => DECISIVE.includes(r.kind)).at(-1);
  if (!decisive) return { ok: false, problem: "the receipt chain holds no approval of this proposal" };
  if (decisive.kind !== "approved" && decisive.kind !== "auto_approved") {
    return { ok: false, problem: `the receipt chain's last decision on this proposal is "${decisive.kind}" (receipt #${decisive.seq}), not an approval` };
  }
  if (decisive.digest !== approvedDigest) {
    return { ok: false, problem: `the approval in the receipt chain (receipt #${decisive.seq}) is for digest ${decisive.digest ?? "none"}, not the approved digest ${approvedDigest}` };
  }

  let counted: ChainReceipt[] = [decisive];
  const deciders: Decider[] = [];
  if (decisive.kind === "approved") {
    // Votes for this digest, one per person (an edit starts a new digest, and earlier votes do not carry over).
    const votes = receipts.filter((r) => VOTES.includes(r.kind) && r.seq <= decisive.seq && r.digest === approvedDigest && payloadOf(r).outcome === "approved" && r.actor_type === "user");
    const byPerson = new Map<string, ChainReceipt>();
    for (const vote of votes) if (vote.actor_id && !byPerson.has(vote.actor_id)) byPerson.set(vote.actor_id, vote);
    const declared = Number(payloadOf(decisive).required_approvals);
    const required = Math.max(proposal.requiredApprovals, Number.isInteger(declared) ? declared : 1, 1);
    if (byPerson.size < required) {
      return { ok: false, problem: `the receipt chain holds ${byPerson.size} approval(s) of digest ${approvedDigest} by distinct people, and ${required} are required` };
    }
    counted = [...byPerson.values()];
    if (!counted.includes(decisive)) counted.push(decisive);
    for (const vote of byPerson.values()) {
      const actor = vote.actor as Partial<Decider> | null;
      deciders.push({ id: vote.actor_id!, email: String(actor?.email ?? ""), name: String(actor?.name ?? "") });
    }
  }

  const broken = await brokenReceipt(client, counted);
  return broken ? { ok: false, problem: broken } : { ok: true, deciders };
}

/** The first of `receipts` whose hash is not the one the chain holds, as a message; null when all hold. */
async function brokenReceipt(client: Tx, receipts: ChainReceipt[]): Promise<string | null> {
  const neighbourSeqs = [...new Set(receipts.flatMap((r) => [r.seq - 1, r.seq + 1]))].filter((seq) => seq > 0);
  const neighbours = new Map(
    (await client.receipt.findMany({ where: { seq: { in: neighbourSeqs } }, select: { seq: true, hash: true, prevHash: true } })).map((row) => [row.seq, row]),
  );
  for (const receipt of receipts) {
    if (receipt.hash === null || receipt.prev_hash === null) {
      // Written before the chain existed (no stored hash): only possible while no hashed receipt precedes it.
      const chainedBefore = await client.receipt.findFirst({ where: { seq: { lt: receipt.seq }, hash: { not: null } }, select: { seq: true } });
      if (chainedBefore) return `receipt #${receipt.seq} has no stored hash although the chain had started (#${chainedBefore.seq} is hashed): it was inserted or its hashes removed`;
      continue;
    }
    if (receiptHash({ ...receipt, prev_hash: receipt.prev_hash }) !== receipt.hash) return `receipt #${receipt.seq} was altered: its contents no longer match its hash`;
    const before = neighbours.get(receipt.seq - 1);
    if (receipt.seq > 1 && before?.hash && before.hash !== receipt.prev_hash) return `receipt #${receipt.seq} does not link to #${receipt.seq - 1}: it was inserted or moved`;
    const after = neighbours.get(receipt.seq + 1);
    if (after && after.prevHash !== receipt.hash) return `receipt #${receipt.seq + 1} does not link to #${receipt.seq}: #${receipt.seq} was replaced`;
  }
  return null;
}
