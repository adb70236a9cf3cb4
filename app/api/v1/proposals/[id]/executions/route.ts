// The agent reports carrying out (or failing to carry out) its approved proposal.
import { authenticateAgent } from "@/lib/agents/authenticate-agent";
import { takeRateLimit } from "@/lib/http/agent-rate-limits";
import { apiHandler, json } from "@/lib/http/respond";
import { readJsonInput } from "@/lib/http/read-json-input";
import { executionReportSchema, MAX_RESULT_BYTES, reportExecution } from "@/lib/executions/report-execution";

export const POST = apiHandler(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const agent = await authenticateAgent(request);
  takeRateLimit("agent", agent.id);
  const { id } = await context.params;
  // Room for the largest allowed result plus the other fields.
  const report = await readJsonInput(request, executionReportSchema, MAX_RESULT_BYTES + 4096);
  return json(await reportExecution(agent, id, report), 201);
});
