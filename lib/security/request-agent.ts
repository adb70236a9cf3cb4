// Remembers which agent a request authenticated as, so lib/http's apiHandler
// can name the agent when it records a refusal thrown later in the handler
// (e.g. a 403 outside the grant, a 404 for another agent's proposal). Keyed by
// the Request object itself: nothing outlives the request.
/** The agent as the security log names it (lib/agents/authenticate-agent.ts remembers it here). */
export type RequestAgent = { id: string; name: string };

const agents = new WeakMap<Request, RequestAgent>();

export function rememberAgent(request: Request, agent: RequestAgent): void {
  agents.set(request, { id: agent.id, name: agent.name });
}

export function agentOfRequest(request: Request): RequestAgent | null {
  return agents.get(request) ?? null;
}
