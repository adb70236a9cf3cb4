import { authenticateAgent } from "@/lib/agents/authenticate-agent";
import { AppError } from "@/lib/base/app-error";
import { readEnvelopeBody } from "@/lib/proposals/read-envelope-body";
import { apiHandler, json } from "@/lib/http/respond";
import { intakeRateLimiter } from "@/lib/http/intake-rate-limiter";
import { createProposal } from "@/lib/proposals/create-proposal";
import { MAX_BODY_BYTES } from "@/lib/proposals/envelope";

export const POST = apiHandler(async (request) => {
  const agent = await authenticateAgent(request);
  const wait = intakeRateLimiter().take(agent.id);
  if (wait > 0) {
    throw new AppError("rate_limited", "rate_limited", `Too many proposals from this agent; retry in ${wait} s.`, { retry_after: wait });
  }
  const body = await readEnvelopeBody(request, MAX_BODY_BYTES);
  const result = await createProposal(agent, body, request.headers.get("idempotency-key"));
  return json(result.response, result.created ? 201 : 200, result.created ? { location: result.response.url } : {});
});
