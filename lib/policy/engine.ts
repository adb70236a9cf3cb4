import "server-only";
// Policy as code: who may propose, who may decide, which proposals need how
// many approvals and which are approved by policy at intake are Cedar
// policies (lib/policy/cedar, or POLICY_DIR). This is the one place the app
// asks them. Every answer carries the ids of the policies that determined it,
// for the proposal, its receipts, the decision or the security log, and a
// message a person can read (the policies' @message annotations).
//
// Usable from the command line too: no next/* imports.
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { ask, askRemembered, agentEntity, proposalEntities, uid, userEntity, type CedarAnswer, type ProposalEntityFacts } from "@/lib/policy/cedar-request";
import { DEFAULT_POLICY_DIR, loadPolicyDir, PolicyError, type ActivePolicy, type LoadedPolicies } from "@/lib/policy/load-policies";
import { scopesOutsideGrant } from "@/lib/policy/scopes";
import { appliedPolicySet } from "@/lib/policy/versions/applied-policy-slot";

export { PolicyError };
export type { ActivePolicy, LoadedPolicies };

/**
 * The policies in force: the newest set an admin applied (lib/policy/versions),
 * else the files (POLICY_DIR, else the shipped ones; cached after the first
 * success). With `dir`, that folder's files.
 */
export function loadPolicies(dir?: string): LoadedPolicies {
  if (dir === undefined) {
    const applied = appliedPolicySet();
    if (applied) return applied.policies;
  }
  return loadPolicyFiles(dir);
}

/** The policy files, whatever an admin applied: the fallback, and what a restore to "the files" means. */
export function loadPolicyFiles(dir?: string): LoadedPolicies {
  return loadPolicyDir(dir ?? env().POLICY_DIR ?? DEFAULT_POLICY_DIR);
}

/** The policies in force, in file order, for the admin page and `policies:check`. */
export function activePolicies(): ActivePolicy[] {
  return loadPolicies().policies;
}

export type PolicyVerdict = {
  allowed: boolean;
  policies: string[];
  message: string;
  /**
   * Only on a refused decision: what kind of rule refused it, from the
   * determining forbids' @kind annotation ("separation_of_duties"), else
   * "not_allowed". Callers branch on this, never on policy ids.
   */
  refusal?: DecisionRefusalKind;
};

export type DecisionRefusalKind = "not_allowed" | "separation_of_duties";

export type AgentFacts = { id: string; name: string; scopes: string[]; sponsorId: string };
/** A proposal as intake knows it (before it has an id). */
export type IntakeProposalFacts = { queue: string; tier: string; risk: string; intent: string; scopes: string[]; actorEmail?: string | null };
export type IntakeFacts = { agent: AgentFacts; proposal: IntakeProposalFacts };
/** A stored proposal, as the decision paths know it. */
export type ProposalFacts = {
  id: string;
  queueSlug: string;
  separationOfDuties: boolean;
  tier: string;
  risk: string;
  intent: string;
  /**
   * The requested scopes. The shipped decision policies do not read them, so
   * they may be left out (Cedar then sees an empty set); pass them as soon as
   * a policy of yours reads `resource.scopes` when people decide.
   */
  scopes?: string[];
  sponsorId: string;
  actorEmail: string | null;
};

// Intake has no proposal id yet; one fixed id keeps requests cheap and equal.
const INTAKE_PROPOSAL_ID = "new";

function intakeEntityFacts({ agent, proposal }: IntakeFacts): ProposalEntityFacts {
  return { ...proposal, id: INTAKE_PROPOSAL_ID, queueSlug: proposal.queue, sponsorId: agent.sponsorId };
}

/** May this agent send this proposal? Refused means 403 scope_not_granted. */
export function authorizePropose(facts: IntakeFacts, policies: LoadedPolicies = loadPolicies()): PolicyVerdict {
  const { agent, proposal } = facts;
  const answer = askLogged(policies, {
    principal: uid("Agent", agent.id),
    action: "propose",
    resource: uid("Proposal", INTAKE_PROPOSAL_ID),
    entities: [agentEntity(agent), ...proposalEntities(intakeEntityFacts(facts))],
  }, true);
  const vars = {
    agent: agent.name,
    queue: proposal.queue,
    tier: proposal.tier,
    risk: proposal.risk,
    intent: proposal.intent,
    action: "propose",
    outside: scopesOutsideGrant(proposal.scopes, agent.scopes).join(", ") || "(none)",
  };
  return verdict(policies, answer, vars, `No policy lets agent ${agent.name} propose to queue ${proposal.queue}; the whole proposal is refused.`);
}

export type IntakeOutcome = {
  status: "pending" | "approved";
  reason: string;
  /** The auto_approve policies that decided, then (when pending) the quorum policies. */
  policies: string[];
  requiredApprovals: number;
};

/** Approved by policy at once, or pending for people (and how many). `commit` is never approved by policy. */
export function intakeOutcome(facts: IntakeFacts, policies: LoadedPolicies = loadPolicies()): IntakeOutcome {
  const { agent, proposal } = facts;
  const entityFacts = intakeEntityFacts(facts);
  const answer = askLogged(policies, {
    principal: uid("Agent", agent.id),
    action: "auto_approve",
    resource: uid("Proposal", INTAKE_PROPOSAL_ID),
    entities: [agentEntity(agent), ...proposalEntities(entityFacts)],
  }, true);
  const quorum = quorumFor(policies, entityFacts, true);
  const vars = { agent: agent.name, queue: proposal.queue, tier: proposal.tier, risk: proposal.risk, intent: proposal.intent, action: "auto_approve" };
  if (answer.allowed && proposal.tier === "commit") {
    // Contract section 1 is a floor the policies cannot lower.
    logger.warn("a policy permits auto-approving a commit; ignored", { policies: answer.determining });
    return {
      status: "pending",
      reason: `commit-tier actions always need a human approval; ${answer.determining.join(", ")} cannot approve them by policy`,
      policies: quorum.policies,
      requiredApprovals: quorum.count,
    };
  }
  if (answer.allowed) {
    return {
      status: "approved",
      reason: messageOf(policies, answer.determining, vars) ?? `approved by policy ${answer.determining.join(", ")}`,
      policies: answer.determining,
      requiredApprovals: quorum.count,
    };
  }
  return {
    status: "pending",
    reason: messageOf(policies, answer.determining, vars) ?? `no policy approves ${proposal.tier}-tier proposals at intake; a person decides`,
    policies: [...answer.determining, ...quorum.policies],
    requiredApprovals: quorum.count,
  };
}

export type DecisionFacts = {
  /** `role` is the user's effective role on the proposal's queue (lib/users/queue-roles.ts). */
  user: { id: string; email: string; role: string; name?: string | null };
  action: "approve" | "reject";
  proposal: ProposalFacts;
};

/**
 * May this person approve / reject this proposal? Remembered like intake's
 * questions (askRemembered): a batch of 500 asks 500 questions that differ
 * mostly in ids and in what no policy reads, and the projected key keeps what
 * the policies do observe (the person's role, the queue's setting, whether the
 * person is the sponsor, whether the acting-for email is theirs), so items of
 * one shape share one answer and the others are asked afresh.
 */
export function authorizeDecision(facts: DecisionFacts, policies: LoadedPolicies = loadPolicies()): PolicyVerdict {
  const { user, action, proposal } = facts;
  const answer = askLogged(policies, {
    principal: uid("User", user.id),
    action,
    resource: uid("Proposal", proposal.id),
    context: { role: user.role },
    entities: [userEntity(user), ...proposalEntities(stored(proposal))],
  }, true);
  const vars = {
    user: user.name || user.email,
    email: user.email,
    role: user.role,
    queue: proposal.queueSlug,
    action,
    tier: proposal.tier,
    risk: proposal.risk,
    intent: proposal.intent,
  };
  const result = verdict(policies, answer, vars, `No policy lets you ${action} proposals on queue ${proposal.queueSlug}.`);
  return result.allowed ? result : { ...result, refusal: refusalKind(policies, result.policies) };
}

/** Separation of duties when any refusing forbid is marked @kind("separation_of_duties"). */
function refusalKind(policies: LoadedPolicies, ids: string[]): DecisionRefusalKind {
  return ids.some((id) => policies.byId.get(id)?.annotations.kind === "separation_of_duties") ? "separation_of_duties" : "not_allowed";
}

/** How many distinct people must approve: the highest @approvals among the permits that apply, 1 when none do. */
export function requiredApprovals(proposal: ProposalFacts, policies: LoadedPolicies = loadPolicies()): { count: number; policies: string[] } {
  return quorumFor(policies, stored(proposal));
}

function stored(proposal: ProposalFacts): ProposalEntityFacts {
  return { ...proposal, scopes: proposal.scopes ?? [] };
}

function quorumFor(policies: LoadedPolicies, proposal: ProposalEntityFacts, remembered = false): { count: number; policies: string[] } {
  const answer = askLogged(policies, {
    principal: uid("Queue", proposal.queueSlug),
    action: "require_approvals",
    resource: uid("Proposal", proposal.id),
    entities: proposalEntities(proposal),
  }, remembered);
  // Loading refuses forbids on require_approvals, so `determining` are permits.
  const counts = answer.determining.map((id) => Number(policies.byId.get(id)?.annotations.approvals ?? "1"));
  return { count: Math.max(1, ...counts), policies: answer.determining };
}

function verdict(policies: LoadedPolicies, answer: CedarAnswer, vars: Record<string, string>, noPermit: string): PolicyVerdict {
  if (answer.allowed) return { allowed: true, policies: answer.determining, message: `Permitted by ${answer.determining.join(", ")}.` };
  if (answer.determining.length === 0) return { allowed: false, policies: [], message: noPermit };
  return {
    allowed: false,
    policies: answer.determining,
    message: messageOf(policies, answer.determining, vars) ?? `Refused by policy ${answer.determining.join(", ")}.`,
  };
}

/** The determining policies' @message texts with {placeholders} filled in, or null when none has one. */
function messageOf(policies: LoadedPolicies, ids: string[], vars: Record<string, string>): string | null {
  const messages = new Set<string>();
  for (const id of ids) {
    const template = policies.byId.get(id)?.annotations.message;
    if (template) messages.add(template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => vars[name] ?? whole));
  }
  return messages.size > 0 ? [...messages].join(" ") : null;
}

function askLogged(policies: LoadedPolicies, request: Parameters<typeof ask>[1], remembered = false): CedarAnswer {
  const answer = policies.answer ? policies.answer(request) : remembered ? askRemembered(policies, request) : ask(policies, request);
  // A policy that fails at run time (e.g. reads an attribute a request lacks) is
  // skipped by Cedar; strict validation makes this rare, so say so when it happens.
  if (answer.errors.length > 0) logger.warn("a Cedar policy failed while evaluated and was skipped", { action: request.action, errors: answer.errors });
  return answer;
}
