import { authenticateAgent } from "@/lib/agents/authenticate-agent";
import { takeRateLimit } from "@/lib/http/agent-rate-limits";
import { agentApiMethodNotAllowed } from "@/lib/http/agent-api-fallback";
import { apiHandler, json } from "@/lib/http/respond";
import { getProposalForAgent } from "@/lib/proposals/get-proposal-for-agent";
import { parseWaitSeconds } from "@/lib/proposals/wait-limits";
import { waitForProposalForAgent } from "@/lib/proposals/wait-for-proposal";

/** The agent's view of its proposal; with ?wait=N (1–30) held until it leaves `pending` or N seconds pass. */
export const GET = apiHandler(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const agent = await authenticateAgent(request);
  const wait = parseWaitSeconds(new URL(request.url).searchParams.get("wait"));
  takeRateLimit("agent", agent.id);
  const { id } = await context.params;
  if (wait === null) return json(await getProposalForAgent(agent.id, id));
  // The key is checked again after the wait: it may have been revoked while the request waited.
  const view = await waitForProposalForAgent(agent.id, id, wait, request.signal, () => authenticateAgent(request));
  // The client closed the connection: nobody reads this (499, nginx's "client closed request").
  if (view === "aborted") return new Response(null, { status: 499 });
  return json(view);
});

/** Not served: Next.js would run GET for it, which issues an approval token (agent-api-fallback.ts says why). */
export const HEAD = async (request: Request) => agentApiMethodNotAllowed("HEAD", new URL(request.url).pathname, ["GET"]);
