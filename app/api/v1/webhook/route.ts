// An agent's own webhook: where Countersign POSTs signed events about its
// proposals. Authenticated with the agent's API key; an agent can only ever
// see or change its own callback.
import { authenticateAgent } from "@/lib/agents/authenticate-agent";
import { takeRateLimit } from "@/lib/http/agent-rate-limits";
import { apiHandler, json } from "@/lib/http/respond";
import { getAgentWebhook, removeAgentWebhook, setAgentWebhook } from "@/lib/webhooks/agent-webhook";
import { readRegistrationUrl } from "@/lib/webhooks/registration-body";

/** 200 {url}; url is null when none is registered. The secret is never returned here. */
export const GET = apiHandler(async (request) => {
  const agent = await authenticateAgent(request);
  takeRateLimit("webhook_registration", agent.id);
  return json(await getAgentWebhook(agent.id));
});

/** Sets or replaces the callback; 200 {url, secret}. The secret is new each time and shown only now. */
export const PUT = apiHandler(async (request) => {
  const agent = await authenticateAgent(request);
  takeRateLimit("webhook_registration", agent.id);
  const url = await readRegistrationUrl(request);
  return json(await setAgentWebhook(agent, url));
});

/** Removes the callback; 200 {removed} (false when there was none). Undelivered events are dropped. */
export const DELETE = apiHandler(async (request) => {
  const agent = await authenticateAgent(request);
  takeRateLimit("webhook_registration", agent.id);
  return json(await removeAgentWebhook(agent));
});
