import "server-only";
// GET /api/v1/proposals/{id}?wait=N: the agent's view of its proposal, held
// back for up to N seconds while the proposal is `pending` and answered as
// soon as it leaves `pending` (lib/proposals/proposal-waiters.ts). Each agent
// may hold LONG_POLL_MAX_WAITS_PER_AGENT waits at once per app instance; a
// client that goes away frees its slot at once.
//
// The caller was authenticated before the wait, up to 30 seconds ago: a key
// revoked or an agent disabled or stopped meanwhile must not receive what
// happened since (an approval token, signed for it on the spot). So the key
// is checked again after the wait, before the view is read (`recheck`).
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/base/app-error";
import { getProposalForAgent, type AgentProposalView } from "@/lib/proposals/get-proposal-for-agent";
import { proposalWaiters } from "@/lib/proposals/proposal-waiters";
import { effectiveStatus } from "@/lib/proposal-state/status";

/** "aborted": the client went away while waiting; there is no one to answer. */
export async function waitForProposalForAgent(
  agentId: string,
  proposalId: string,
  seconds: number,
  signal: AbortSignal | undefined,
  /** Throws (401) when the caller's key is no longer valid: authenticateAgent again. */
  recheck: () => Promise<unknown>,
): Promise<AgentProposalView | "aborted"> {
  const current = proposalId.length <= 100
    ? await db.proposal.findFirst({ where: { id: proposalId, agentId }, select: { status: true, expiresAt: true } })
    : null;
  // Missing, another agent's, or already out of pending: the plain GET answers (404 or the state) at once.
  if (!current || effectiveStatus(current.status, current.expiresAt) !== "pending") return getProposalForAgent(agentId, proposalId);

  const waiters = proposalWaiters();
  const max = env().LONG_POLL_MAX_WAITS_PER_AGENT;
  if (!waiters.acquire(agentId, max)) {
    throw new AppError(
      "rate_limited",
      "rate_limited",
      `This agent already holds ${max} long-polls open (the limit per agent); retry in 1 s, or wait on fewer proposals at once.`,
      { retry_after: 1 },
    );
  }
  try {
    const outcome = await waiters.wait(proposalId, seconds * 1000, signal);
    if (outcome === "aborted") return "aborted";
  } finally {
    waiters.release(agentId);
  }
  await recheck();
  return getProposalForAgent(agentId, proposalId);
}
