import { authenticateAgent } from "@/lib/agents/authenticate-agent";
import { apiHandler, json } from "@/lib/http/respond";
import { getProposalForAgent } from "@/lib/proposals/get-proposal-for-agent";

export const GET = apiHandler(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const agent = await authenticateAgent(request);
  const { id } = await context.params;
  return json(await getProposalForAgent(agent.id, id));
});
