// The verifier's answer in words, for the command line. Exit codes: 0 intact,
// 1 broken (naming the first broken receipt), 2 a partial file (what could be
// checked is intact, but deletions cannot be ruled out).
import type { VerifyResult } from "@/lib/receipts/verify-chain";

export function formatVerifyResult(result: VerifyResult, source: string): { lines: string[]; exitCode: number } {
  const lines: string[] = [];
  const n = (value: number) => value.toLocaleString("en-US");
  if (result.firstBroken) {
    const { seq, id, problem } = result.firstBroken;
    lines.push(`BROKEN at receipt #${seq}${id ? ` (id ${id})` : ""}: ${problem}`);
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
  if (result.legacy) lines.push(`${n(result.legacy)} receipt(s) predate the chain: their hashes were computed from their contents.`);
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  if (result.partial) {
    lines.push(
      "PARTIAL: this export was filtered, so receipts are missing on purpose. Each receipt's own hash, the links between neighbours and the checkpoints whose receipt is present were checked, but deleted receipts cannot be ruled out. For a full check, export with kind=all and no other filters.",
    );
    return { lines, exitCode: 2 };
  }
  return { lines, exitCode: 0 };
}
