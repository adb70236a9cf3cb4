// The verifier's answer in words, for the command line. Exit codes: 0 intact,
// 1 broken (naming the first broken receipt), 2 a partial file (what could be
// checked is intact, but deletions cannot be ruled out). Exit 2 is NOT a pass:
// the file's `complete` flag is not signed, so anyone can mark a file partial
// to switch the gap checks off; scripts must treat anything but 0 as failure.
import type { VerifyResult } from "@/lib/receipts/verify-chain";

export function formatVerifyResult(result: VerifyResult, source: string): { lines: string[]; exitCode: number } {
  const lines: string[] = [];
  const n = (value: number) => value.toLocaleString("en-US");
  if (result.firstBroken) {
    const { seq, id, problem } = result.firstBroken;
    lines.push(`BROKEN at ${result.firstBroken.checkpoint ? "checkpoint" : "receipt"} #${seq}${id ? ` (id ${id})` : ""}: ${problem}`);
    lines.push(`${source}: ${n(result.checked)} receipt(s) before it checked out${result.checked ? ` (through #${result.headSeq})` : ""}.`);
    return { lines, exitCode: 1 };
  }
  const cp = result.lastCheckpoint;
  lines.push(
    result.checked === 0
      ? `${source}: no receipts yet; the chain is empty.`
      : `Chain intact through #${result.headSeq}: ${n(result.checked)} receipt(s) in ${source}, head ${result.headHash.slice(0, 16)}…`,
  );
  if (cp) {
    lines.push(
      `Last signed checkpoint: #${cp.seq} at ${cp.signed_at} (key ${cp.kid}); ${n(result.checkpoints)} checkpoint(s) verified${result.uncovered ? `; ${n(result.uncovered)} receipt(s) after it are linked but not signed yet` : ""}.`,
    );
  }
  if (result.witnessed) lines.push(`${n(result.witnessed)} witnessed checkpoint(s) held against the chain.`);
  if (result.legacy) lines.push(`${n(result.legacy)} receipt(s) predate the chain: their hashes were computed from their contents.`);
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  if (result.partial) {
    lines.push(
      "PARTIAL (exit 2) -- THIS IS NOT A PASS: the file says it was filtered, so receipts may be missing on purpose. Each receipt's own hash, the links between neighbours and the checkpoints whose receipt (or the receipt right after it) is present were checked, but deleted receipts cannot be ruled out, and the file's 'complete' flag is not signed. For a real check, export with kind=all and no other filters and verify that (exit 0).",
    );
    return { lines, exitCode: 2 };
  }
  return { lines, exitCode: 0 };
}
