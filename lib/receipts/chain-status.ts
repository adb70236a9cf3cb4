import "server-only";
// The chain's verification for the /receipts status panel. Verifying 100,000
// receipts takes seconds, so a result is reused for MAX_AGE_MS; an older one is
// still shown at once while a fresh check runs in the background (one at a
// time per instance), and the panel says when it was checked.
import type { VerifyResult } from "@/lib/receipts/verify-chain";
import { verifyStoredChain } from "@/lib/receipts/verify-stored-chain";

export const MAX_AGE_MS = 30_000;

export type ChainStatus = { result: VerifyResult; checkedAt: Date } | { error: string; checkedAt: Date };

const cache = globalThis as unknown as { countersignChainStatus?: { value?: ChainStatus; running?: Promise<ChainStatus> } };

function check(): Promise<ChainStatus> {
  const state = (cache.countersignChainStatus ??= {});
  state.running ??= verifyStoredChain()
    .then((result): ChainStatus => ({ result, checkedAt: new Date() }))
    .catch((error: unknown): ChainStatus => ({ error: error instanceof Error ? error.message : String(error), checkedAt: new Date() }))
    .then((status) => {
      state.value = status;
      state.running = undefined;
      return status;
    });
  return state.running;
}

export async function chainStatus(now = Date.now()): Promise<ChainStatus> {
  const known = cache.countersignChainStatus?.value;
  if (known && now - known.checkedAt.getTime() < MAX_AGE_MS) return known;
  const fresh = check();
  return known ?? fresh;
}
