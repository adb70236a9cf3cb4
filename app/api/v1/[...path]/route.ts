// Any /api/v1 path that no other route file takes, when Next.js serves the
// agent API (`next dev`, LEAN_AGENT_API=false): a JSON 404 in the contract's
// shape instead of the HTML page. The lean handler answers the same itself
// (lib/http/agent-api-fallback.ts), so this file is not in routes.ts.
import { agentApiNotFound } from "@/lib/http/agent-api-fallback";

const notFound = async (request: Request) => agentApiNotFound(request.method, new URL(request.url).pathname);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
