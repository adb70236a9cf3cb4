// Runs once when a server starts. Only the Node.js server has work to do
// (lib/start-up.ts); the check on NEXT_RUNTIME keeps it out of the Edge bundle.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    // First, so route handlers and server actions can read each request's TCP peer (lib/security/client-ip.ts).
    const { installPeerAddressHeader } = await import("@/lib/security/socket-address");
    await installPeerAddressHeader();
    const { startUp } = await import("@/lib/start-up");
    await startUp();
    // The agent API's lean handler, for scripts/serve.mjs to pick up (lib/http/agent-api-slot.ts).
    const { env } = await import("@/lib/env");
    if (env().LEAN_AGENT_API) {
      const { installAgentApi } = await import("@/lib/http/agent-api-slot");
      const { agentApiRoutes } = await import("@/app/api/v1/routes");
      installAgentApi(agentApiRoutes);
    }
  }
}
