#!/usr/bin/env bash
# Packs @countersign/sdk, installs the tarball and its peers into an empty
# project outside this repository, imports every subpath in Node and
# type-checks a consumer file with tsc (NodeNext), as a user of the package would.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

tarball=$(npm run --silent sdk:pack | tail -n 1)
[ -f "$tarball" ] || { echo "sdk:pack did not print a tarball path (got: $tarball)" >&2; exit 1; }

project=$(mktemp -d "${TMPDIR:-/tmp}/countersign-sdk-consumer.XXXXXX")
[ -n "${KEEP_CONSUMER:-}" ] || trap 'rm -rf "$project"' EXIT
# The peers at the versions this repository tests with (so the npm cache usually has them).
version() { node -p "require('$root/node_modules/$1/package.json').version"; }
peers=(
  "ai@$(version ai)"
  "@openai/agents@$(version @openai/agents)"
  "@langchain/langgraph@$(version @langchain/langgraph)"
  "@langchain/core@$(version @langchain/core)"
  "@modelcontextprotocol/sdk@$(version @modelcontextprotocol/sdk)"
  "zod@$(version zod)"
  "typescript@$(version typescript)"
  "@types/node@$(version @types/node)"
)

cd "$project"
cat > package.json <<'JSON'
{ "name": "sdk-consumer", "private": true, "type": "module" }
JSON
echo "installing $(basename "$tarball") and ${#peers[@]} packages into $project" >&2
npm install --prefer-offline --no-audit --no-fund --loglevel=error "$tarball" "${peers[@]}" >&2

# Every subpath loads in Node, and the bin is there.
node --input-type=module -e '
  const subpaths = ["", "/ai", "/openai-agents", "/langgraph", "/mcp"];
  for (const sub of subpaths) {
    const m = await import("@countersign/sdk" + sub);
    if (Object.keys(m).length === 0) throw new Error("@countersign/sdk" + sub + " exports nothing");
    console.log("import @countersign/sdk" + sub + ": " + Object.keys(m).sort().join(", "));
  }
  const { Countersign, CountersignError, idempotencyKeyFor, verifyWebhook, verifyApprovalToken } = await import("@countersign/sdk");
  const client = new Countersign({ baseUrl: "http://localhost:3000", apiKey: "k" });
  for (const f of ["propose", "get", "waitForDecision", "reportExecution", "gate"]) if (typeof client[f] !== "function") throw new Error(f);
  if (!(new CountersignError("x", "y") instanceof Error) || idempotencyKeyFor("a").length !== 64) throw new Error("core");
  if (typeof verifyWebhook !== "function" || typeof verifyApprovalToken !== "function") throw new Error("verifiers");
'
test -x node_modules/.bin/countersign-mcp || { echo "the countersign-mcp bin is not installed" >&2; exit 1; }

cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true, "noEmit": true, "skipLibCheck": false, "types": ["node"] }, "include": ["consumer.ts"] }
JSON
cat > consumer.ts <<'TS'
import { Countersign, CountersignError, idempotencyKeyFor, verifyApprovalToken, verifyWebhook, type Decision, type Envelope } from "@countersign/sdk";
import { countersignApprovals as forAi } from "@countersign/sdk/ai";
import { countersignApprovals as forAgents } from "@countersign/sdk/openai-agents";
import { countersignApprovals as forLangGraph, toHumanResponse, type HumanResponse } from "@countersign/sdk/langgraph";
import * as mcp from "@countersign/sdk/mcp";

const client = new Countersign({ baseUrl: "http://localhost:3000", apiKey: "k" });
const envelope: Envelope = {
  queue: "accounts-payable", intent: "release_payment", title: "Release", actor: { type: "user", id: "u" }, scopes: ["ap:commit"],
  plan: [{ title: "Release", tool: "ap.release_payment", scope: "ap:commit", args: { payment_id: "p" } }],
};
export async function main(): Promise<string> {
  const receipt = await client.propose(envelope, { idempotencyKey: idempotencyKeyFor("run", "call") });
  const decision: Decision = await client.waitForDecision(receipt.id, { timeoutMs: 1000 });
  if (decision.status === "approved") {
    const plan: { args: Record<string, unknown> }[] = decision.approvedPlan;
    const token: string | null = decision.approvalToken;
    void plan; void token;
  } else if (decision.status === "rejected") {
    const reason: string | null = decision.reason;
    void reason;
  }
  const gated = await client.gate(envelope, async (plan) => plan.length);
  if (gated.status === "executed") { const n: number = gated.value; void n; }
  const check = await verifyApprovalToken("t", { jwks: "http://localhost:3000/.well-known/jwks.json", expected: { action: { tool: "ap.release_payment" } } });
  const hook = verifyWebhook({ secret: "whsec_x", headers: new Headers(), body: "{}" });
  try { await client.get("x"); } catch (e) { if (e instanceof CountersignError) return `${e.code} ${e.status} ${e.issues.length}`; }
  const options = { client, queue: "q", actor: { type: "user", id: "u" }, scope: "ap:commit" };
  forAi({ ...options, runId: "r" });
  forAgents({ ...options, runId: "r" });
  forLangGraph(options);
  const response: HumanResponse = toHumanResponse(decision, { action_request: { action: "a", args: {} }, config: { allow_accept: true, allow_edit: true, allow_ignore: true, allow_respond: false } });
  void mcp; void response;
  return String(check.ok) + String(hook.ok);
}
TS
"$project/node_modules/.bin/tsc" -p .
echo "sdk pack test passed: every subpath imports and the consumer type-checks"
