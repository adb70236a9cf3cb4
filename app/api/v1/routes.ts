// Every route of the agent API, for the lean handler that serves them outside
// Next.js's request pipeline (lib/http/agent-api-dispatch.ts). Next.js still
// serves the same files itself under `next dev` and for anything the lean
// handler does not claim. routes.test.ts fails when a route file is missing here.
import type { AgentApiRoute } from "@/lib/http/agent-api-dispatch";
import * as approvalTokenVerify from "./approval-tokens/verify/route";
import * as openapi from "./openapi.json/route";
import * as proposal from "./proposals/[id]/route";
import * as proposalExecutions from "./proposals/[id]/executions/route";
import * as proposals from "./proposals/route";
import * as webhook from "./webhook/route";

export const agentApiRoutes: AgentApiRoute[] = [
  { path: "/api/v1/approval-tokens/verify", module: approvalTokenVerify },
  { path: "/api/v1/openapi.json", module: openapi },
  { path: "/api/v1/proposals", module: proposals },
  { path: "/api/v1/proposals/:id", module: proposal },
  { path: "/api/v1/proposals/:id/executions", module: proposalExecutions },
  { path: "/api/v1/webhook", module: webhook },
];
