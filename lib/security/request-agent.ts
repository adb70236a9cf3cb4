// Remembers which agent a request authenticated as, so lib/http's apiHandler
// can name the agent when it records a refusal thrown later in the handler
// (e.g. a 403 outside the grant, a 404 for another agent's proposal). Keyed by
// the Request object itself: nothing outlives the request.
import type { AuthenticatedAgent } from "@/lib/agents/authenticate-agent";

const agents = new WeakMap<Request, Pick<AuthenticatedAgent, "id" | "name">>();

export function rememberAgent(request: Request, agent: Pick<AuthenticatedAgent, "id" | "name">): void {
  agents.set(request, { id: agent.id, name: agent.name });
}

export function agentOfRequest(request: Request): Pick<AuthenticatedAgent, "id" | "name"> | null {
  return agents.get(request) ?? null;
}
