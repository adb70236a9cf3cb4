import "server-only";
// Intake asks: which of this agent's standing approvals on this queue cover
// this proposal? Each grant's generated Cedar policy (policy-text.ts) is asked
// once per plan step, with the step's tool and arguments in the context; a
// grant covers the proposal when it permits every step. Only live grants are
// read (not revoked, not expired), and the limits are checked later, in the
// intake transaction (consume-standing-approval.ts), so a match is a
// candidate, never an approval by itself.
import "@/lib/policy/wasm-call-guard";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { driverSql } from "@/lib/db/driver-sql";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { sqlParam, storedTimestamp } from "@/lib/db/raw-values";
import { logger } from "@/lib/log";
import { agentEntity, proposalEntities, uid, type ProposalEntityFacts } from "@/lib/policy/cedar-request";
import { DECIMAL_TEXT } from "@/lib/standing-approvals/standing-approval-input";
import { decimalText, standingPolicyId } from "@/lib/standing-approvals/policy-text";
import { policyTextProblem } from "@/lib/policy/policy-nesting";

export type StandingCandidate = {
  id: string;
  revision: number;
  reason: string;
  policyId: string;
  limitPeriod: string;
  maxCount: number | null;
  maxAmount: number | null;
  /** What this proposal adds to the amount counters: the sum of its steps' amount argument (0 without one). */
  amount: number;
};

type Step = { tool: string; args: Record<string, unknown> };

/** Every top-level argument as text (what `equals` / `one of` compare), and the decimal ones as numbers. */
export function stepContext(step: Step) {
  const args: Record<string, string> = {};
  const numbers: Record<string, { __extn: { fn: "decimal"; arg: string } }> = {};
  for (const [name, value] of Object.entries(step.args)) {
    const text = typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
    args[name] = text;
    if ((typeof value === "number" || typeof value === "string") && DECIMAL_TEXT.test(text)) {
      numbers[name] = { __extn: { fn: "decimal", arg: decimalText(text) } };
    }
  }
  return { tool: step.tool, args, numbers };
}

/** Texts already measured (policy-nesting.ts): a grant's text is the same on every proposal, so each is measured once. */
const measured = new Map<string, boolean>();
const MEASURED_KEPT = 1_000;

/**
 * Whether Cedar can be handed this stored text. The app only stores text it generated (policy-text.ts), but a
 * row planted by SQL could hold text nested deep enough to trap the shared WebAssembly instance, after which
 * every intake and decision of the process would fail: such a grant permits nothing, and is logged.
 */
function cedarCanTake(policyText: string): boolean {
  let ok = measured.get(policyText);
  if (ok === undefined) {
    const problem = policyTextProblem(policyText);
    ok = problem === null;
    if (problem) logger.warn("a standing approval's policy text was not handed to Cedar", { problem: problem.message, offset: problem.offset });
    if (measured.size >= MEASURED_KEPT) measured.clear();
    measured.set(policyText, ok);
  }
  return ok;
}

/** Does this policy permit every step? A policy that fails to evaluate, or that Cedar cannot take, permits nothing. */
export function permitsEveryStep(policyText: string, agent: { id: string; name: string; scopes: string[] }, proposal: ProposalEntityFacts, plan: Step[]): boolean {
  if (!cedarCanTake(policyText)) return false;
  const entities = [agentEntity(agent), ...proposalEntities(proposal)];
  return plan.every((step) => {
    const answer = cedar.isAuthorized({
      principal: uid("Agent", agent.id),
      action: { type: "Action", id: "auto_approve" },
      resource: uid("Proposal", proposal.id),
      context: stepContext(step),
      policies: { staticPolicies: policyText },
      entities,
    });
    if (answer.type === "failure") {
      logger.warn("a standing approval's policy could not be evaluated", { errors: answer.errors.map((e) => e.message) });
      return false;
    }
    return answer.response.decision === "allow";
  });
}

function amountOf(plan: Step[], amountArg: string | null): number | null {
  if (!amountArg) return 0;
  let sum = 0;
  for (const step of plan) {
    const value = step.args[amountArg];
    const text = typeof value === "number" || typeof value === "string" ? String(value) : "";
    if (!DECIMAL_TEXT.test(text)) return null; // no countable amount: the grant cannot account for it
    sum += Number(text);
  }
  return sum;
}

export async function matchStandingApprovals(input: {
  agent: { id: string; name: string; scopes: string[] };
  queueId: string;
  proposal: ProposalEntityFacts;
  plan: Step[];
  now: Date;
}): Promise<StandingCandidate[]> {
  const grants = await liveGrants(input.agent.id, input.queueId, input.now);
  const candidates: StandingCandidate[] = [];
  for (const grant of grants) {
    if (!permitsEveryStep(grant.policyText, input.agent, input.proposal, input.plan)) continue;
    const amount = amountOf(input.plan, grant.amountArg);
    if (amount === null) continue;
    candidates.push({
      id: grant.id,
      revision: grant.revision,
      reason: grant.reason,
      policyId: standingPolicyId(grant.id),
      limitPeriod: grant.limitPeriod,
      maxCount: grant.maxCount,
      maxAmount: grant.maxAmount,
      amount,
    });
  }
  return candidates;
}

type Grant = { id: string; revision: number; reason: string; policyText: string; limitPeriod: string; maxCount: number | null; maxAmount: number | null; amountArg: string | null };

// Asked on every pending proposal, mostly to learn there is none: a prepared
// statement on the driver (lib/db/driver-sql.ts says why).
async function liveGrants(agentId: string, queueId: string, now: Date): Promise<Grant[]> {
  const rows = await (await driverSql()).query(
    `SELECT "id", "revision", "reason", "policyText", "limitPeriod", "maxCount", "maxAmount", "amountArg" FROM ${qualifiedTable("StandingApproval")} ` +
      `WHERE "agentId" = ${sqlParam(1)} AND "queueId" = ${sqlParam(2)} AND "revokedAt" IS NULL AND "expiresAt" > ${sqlParam(3, "timestamp")} ORDER BY "createdAt" ASC, "id" ASC`,
    [agentId, queueId, storedTimestamp(now)],
  );
  const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return rows.map((row) => ({
    id: String(row.id),
    revision: Number(row.revision),
    reason: String(row.reason),
    policyText: String(row.policyText),
    limitPeriod: String(row.limitPeriod),
    maxCount: numberOrNull(row.maxCount),
    maxAmount: numberOrNull(row.maxAmount),
    amountArg: row.amountArg === null || row.amountArg === undefined ? null : String(row.amountArg),
  }));
}
