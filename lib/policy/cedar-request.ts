import "server-only";
// Turns Countersign's facts into a Cedar request (entities as described in
// cedar/countersign.cedarschema) and asks Cedar, using the policy set and
// schema parsed once at load: a question costs a fraction of a millisecond,
// so a batch of 500 decisions can ask 500 times.
import "@/lib/policy/wasm-call-guard";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import type { LoadedPolicies, PolicyAction } from "@/lib/policy/load-policies";
import { boundedMemo } from "@/lib/policy/cedar-answer-memo";
import { policyReads, type PolicyReads } from "@/lib/policy/policy-reads";
import { projectedKey } from "@/lib/policy/projected-key";

/** What Cedar sees of a proposal. Emails are compared lowercased. */
export type ProposalEntityFacts = {
  id: string;
  queueSlug: string;
  /** Known when people decide; intake does not read the queue's setting. */
  separationOfDuties?: boolean;
  tier: string;
  risk: string;
  intent: string;
  scopes: string[];
  sponsorId: string;
  actorEmail?: string | null;
};

type Uid = { type: string; id: string };

export const uid = (type: "User" | "Agent" | "Queue" | "Proposal", id: string): Uid => ({ type, id });

export function proposalEntities(p: ProposalEntityFacts): cedar.EntityJson[] {
  const queue: cedar.EntityJson = {
    uid: uid("Queue", p.queueSlug),
    attrs: { slug: p.queueSlug, ...(p.separationOfDuties === undefined ? {} : { separationOfDuties: p.separationOfDuties }) },
    parents: [],
  };
  const proposal: cedar.EntityJson = {
    uid: uid("Proposal", p.id),
    attrs: {
      queue: { __entity: uid("Queue", p.queueSlug) },
      tier: p.tier,
      risk: p.risk,
      intent: p.intent,
      scopes: [...new Set(p.scopes)],
      sponsor: { __entity: uid("User", p.sponsorId) },
      ...(p.actorEmail ? { actorEmail: p.actorEmail.toLowerCase() } : {}),
    },
    parents: [],
  };
  return [queue, proposal];
}

export function agentEntity(agent: { id: string; name: string; scopes: string[] }): cedar.EntityJson {
  return { uid: uid("Agent", agent.id), attrs: { name: agent.name, scopes: [...new Set(agent.scopes)] }, parents: [] };
}

export function userEntity(user: { id: string; email: string }): cedar.EntityJson {
  return { uid: uid("User", user.id), attrs: { email: user.email.toLowerCase() }, parents: [] };
}

export type CedarRequest = {
  principal: Uid;
  action: PolicyAction;
  resource: Uid;
  context?: Record<string, string>;
  entities: cedar.EntityJson[];
};

export type CedarAnswer = {
  allowed: boolean;
  /** Ids of the policies that determined the answer (Cedar's diagnostics.reason). */
  determining: string[];
  /** Policies that failed while being evaluated (Cedar skips them). */
  errors: string[];
};

const memo = boundedMemo<CedarAnswer>();
/** What each policy set can observe of each action's requests (policy-reads.ts), walked once per set and action. */
const readsMemo = boundedMemo<PolicyReads>(64);

/**
 * `ask`, answered from memory when a question that agrees with this one on
 * everything the policies and schema can observe was asked before
 * (cedar-answer-memo.ts; the key is projected-key.ts's, the whole request
 * when the walk does not understand a policy). For intake's and the
 * decisions' questions, which differ mostly in what no policy reads (intent
 * text, the acting-for email) and in ids, which the key renames unless a
 * policy names an entity.
 */
export function askRemembered(loaded: LoadedPolicies, request: CedarRequest): CedarAnswer {
  const set = `${loaded.policySetId}\n${loaded.schemaName}\n${request.action}`;
  let reads = readsMemo.get(set);
  if (!reads) {
    reads = policyReads(loaded, request.action);
    readsMemo.set(set, reads);
  }
  const key = `${set}\n${projectedKey(request, reads)}`;
  let answer = memo.get(key);
  if (!answer) {
    answer = ask(loaded, request);
    memo.set(key, answer);
  }
  // Copies: a caller may keep or change its arrays.
  return { allowed: answer.allowed, determining: [...answer.determining], errors: [...answer.errors] };
}

/** One authorization question. A malformed request throws: the caller fails closed. */
export function ask(loaded: LoadedPolicies, request: CedarRequest): CedarAnswer {
  const answer = cedar.statefulIsAuthorized({
    principal: request.principal,
    action: { type: "Action", id: request.action },
    resource: request.resource,
    context: request.context ?? {},
    entities: request.entities,
    preparsedPolicySetId: loaded.policySetId,
    preparsedSchemaName: loaded.schemaName,
    validateRequest: true,
  });
  if (answer.type === "failure") {
    throw new Error(`Cedar could not answer ${request.action}: ${answer.errors.map((e) => e.message).join("; ")}`);
  }
  const { decision, diagnostics } = answer.response;
  return {
    allowed: decision === "allow",
    determining: inFileOrder(loaded, diagnostics.reason),
    errors: diagnostics.errors.map((e) => `${e.policyId}: ${e.error.message}`),
  };
}

function inFileOrder(loaded: LoadedPolicies, ids: string[]): string[] {
  const rank = (id: string) => {
    const policy = loaded.byId.get(id);
    return policy ? loaded.policies.indexOf(policy) : Number.MAX_SAFE_INTEGER;
  };
  return [...ids].sort((a, b) => rank(a) - rank(b));
}
