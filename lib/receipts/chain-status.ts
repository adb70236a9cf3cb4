import "server-only";
// The chain's verification for the /receipts status panel. Verifying the whole
// chain takes seconds (about 15 s at a million receipts), so a result is reused
// for a while; an older one is still shown at once while a fresh check runs in
// the background (one at a time per instance), and the panel says when it was
// checked. A result stays fresh for MIN_AGE_MS or twenty times as long as the
// check took, whichever is longer, so the panel never keeps the server busy
// verifying more than about a twentieth of the time, however long the chain.
import type { VerifyResult } from "@/lib/receipts/verify-chain";
import { verifyStoredChain } from "@/lib/receipts/verify-stored-chain";

export const MIN_AGE_MS = 30_000;
const AGE_PER_CHECK_MS = 20;

export type ChainStatus = ({ result: VerifyResult } | { error: string }) & { checkedAt: Date; tookMs: number };

const cache = globalThis as unknown as { countersignChainStatus?: { value?: ChainStatus; running?: Promise<ChainStatus> } };

function check(): Promise<ChainStatus> {
  const state = (cache.countersignChainStatus ??= {});
  const started = Date.now();
  state.running ??= verifyStoredChain()
    .then((result) => ({ result }))
    .catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }))
    .then((outcome): ChainStatus => {
      const status = { ...outcome, checkedAt: new Date(), tookMs: Date.now() - started };
      state.value = status;
      state.running = undefined;
      return status;
    });
  return state.running;
}

/** How long a check stays fresh: longer checks are repeated less often. */
export function freshForMs(status: Pick<ChainStatus, "tookMs">): number {
  return Math.max(MIN_AGE_MS, AGE_PER_CHECK_MS * status.tookMs);
}

export async function chainStatus(now = Date.now()): Promise<ChainStatus> {
  const known = cache.countersignChainStatus?.value;
  if (known && now - known.checkedAt.getTime() < freshForMs(known)) return known;
  const fresh = check();
  return known ?? fresh;
}
