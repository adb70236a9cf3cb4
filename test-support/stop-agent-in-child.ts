// A second app instance for the intake tests: a separate Node.js process with
// its own database connections (and none of the first process's memory) that
// stops an agent or revokes one of its keys through the real admin paths.
// Usage: tsx --conditions=react-server test-support/stop-agent-in-child.ts '<job>'
// with DATABASE_URL set; job: {"stop": "<agent name>"} or {"revokeKey": "<key id>"}.
import { revokeAgent } from "@/lib/agents/revoke-agent";
import { revokeAgentKey } from "@/lib/agents/manage-keys";
import { CLI_CALLER } from "@/lib/users/admin-caller";

const job = JSON.parse(process.argv[2]!) as { stop?: string; revokeKey?: string };
if (job.stop) await revokeAgent(job.stop);
if (job.revokeKey) await revokeAgentKey(CLI_CALLER, { keyId: job.revokeKey });
console.log(JSON.stringify({ done: true }));
process.exit(0);
