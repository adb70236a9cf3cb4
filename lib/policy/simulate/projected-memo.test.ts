// The simulation's memo keyed on what a policy set can observe: two requests
// that differ in something a policy reads never share an answer, and over many
// varied requests every remembered answer equals Cedar's own.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authorizeDecision, authorizePropose, intakeOutcome, type DecisionFacts, type IntakeFacts } from "@/lib/policy/engine";
import { DEFAULT_POLICY_DIR, loadPolicySources, type LoadedPolicies } from "@/lib/policy/load-policies";
import { emptyReads, finish, policyReads, readPolicy } from "@/lib/policy/policy-reads";
import { withProjectedMemo } from "@/lib/policy/simulate/projected-memo";

const shipped = readFileSync(path.join(DEFAULT_POLICY_DIR, "default.cedar"), "utf8");
const setOf = (extra: string): LoadedPolicies =>
  loadPolicySources("test", [{ file: "default.cedar", text: shipped }, ...(extra ? [{ file: "extra.cedar", text: extra }] : [])]);

const agent = { id: "agent_1", name: "ap-bot", scopes: ["ap:read", "ap:write:draft", "ap:commit"], sponsorId: "u_dana" };
const intake = (over: Partial<IntakeFacts["proposal"]> = {}, agentOver: Partial<IntakeFacts["agent"]> = {}): IntakeFacts => ({
  agent: { ...agent, ...agentOver },
  proposal: { queue: "ap", tier: "commit", risk: "high", intent: "pay_vendor_bill", scopes: ["ap:read", "ap:commit"], actorEmail: "ops@company.com", ...over },
});
const proposal = { id: "p_1", queueSlug: "ap", separationOfDuties: true, tier: "commit", risk: "high", intent: "pay_vendor_bill", scopes: ["ap:read", "ap:commit"], sponsorId: "u_dana", actorEmail: "ops@company.com" };
const decision = (user: Partial<DecisionFacts["user"]>, over: Partial<DecisionFacts["proposal"]> = {}, action: "approve" | "reject" = "approve"): DecisionFacts => ({
  user: { id: "u_sam", email: "sam@company.com", role: "approver", name: "Sam", ...user },
  action,
  proposal: { ...proposal, ...over },
});

describe("policyReads", () => {
  it("collects the attribute names the policies for an action read, and nothing from other actions", () => {
    const reads = policyReads(setOf(""), "approve");
    // actorEmail and email are only compared with each other; a `has` alone reads no value.
    expect([...reads.attrs].sort()).toEqual(["queue", "role", "separationOfDuties", "sponsor"]);
    expect([...reads.equalityOnly].sort()).toEqual(["actorEmail", "email"]);
    expect(reads).toMatchObject({ ids: false, wholeContext: false, opaque: false });
    expect([...policyReads(setOf(""), "require_approvals").attrs].sort()).toEqual(["risk", "scopes"]);
    // Read elsewhere, a compared name is read, and so is the one it is compared with.
    const likeEmail = policyReads(setOf(`@id("x")\nforbid (principal is User, action == Action::"approve", resource) when { principal.email like "*@contractor.com" };`), "approve");
    expect(likeEmail.attrs).toEqual(new Set(["queue", "role", "separationOfDuties", "sponsor", "email", "actorEmail"]));
    expect(likeEmail.equalityOnly.size).toBe(0);
  });

  it("notices an entity named in a scope or a condition, and a context used whole", () => {
    const inScope = setOf(`@id("x")\nforbid (principal == User::"u_sam", action == Action::"approve", resource);`);
    expect(policyReads(inScope, "approve").ids).toBe(true);
    expect(policyReads(inScope, "propose").ids).toBe(false);
    const inCondition = setOf(`@id("x")\nforbid (principal, action == Action::"reject", resource is Proposal) when { resource.sponsor == User::"u_dana" };`);
    expect(policyReads(inCondition, "reject").ids).toBe(true);
    const whole = emptyReads();
    readPolicy({ principal: { op: "All" }, action: { op: "All" }, resource: { op: "All" }, conditions: [{ kind: "when", body: { "==": { left: { Var: "context" }, right: { Record: {} } } } }] }, whole);
    expect(finish(whole)).toMatchObject({ wholeContext: true, opaque: false });
  });

  it("gives up (opaque) on what it does not understand", () => {
    const of = (body: unknown) => {
      const reads = emptyReads();
      readPolicy({ principal: { op: "All" }, action: { op: "All" }, resource: { op: "All" }, conditions: [{ kind: "when", body }] }, reads);
      return reads.opaque;
    };
    expect(of({ hasTag: { left: { Var: "principal" }, right: { Value: "x" } } })).toBe(true);
    expect(of({ Unknown: { name: "x" } })).toBe(true);
    expect(of({ somethingNew: { left: { Var: "principal" } } })).toBe(true);
    expect(of({ Slot: "?principal" })).toBe(true);
    expect(of({ "==": { left: { ".": { left: { Var: "resource" }, attr: "tier" } }, right: { Value: "read" } } })).toBe(false);
  });
});

/** The same questions through the projected memo and straight to Cedar. */
function bothWays(policies: LoadedPolicies) {
  const memo = withProjectedMemo(policies);
  return {
    stats: memo.stats,
    propose: (f: IntakeFacts) => [authorizePropose(f, memo.policies), authorizePropose(f, policies)],
    intake: (f: IntakeFacts) => [intakeOutcome(f, memo.policies), intakeOutcome(f, policies)],
    decide: (f: DecisionFacts) => [authorizeDecision(f, memo.policies), authorizeDecision(f, policies)],
  };
}

describe("withProjectedMemo", () => {
  it("never shares an answer between requests that differ in an attribute a policy reads", () => {
    // The shipped set never reads an agent's name or a proposal's intent; these candidates do.
    const byName = bothWays(setOf(`@id("no-bot")\nforbid (principal is Agent, action == Action::"propose", resource) when { principal.name == "bad-bot" };`));
    expect(byName.propose(intake())[0]!.allowed).toBe(true);
    const [remembered, direct] = byName.propose(intake({}, { name: "bad-bot" }));
    expect(remembered).toEqual(direct);
    expect(remembered!.allowed).toBe(false);

    const byIntent = bothWays(setOf(`@id("no-refund-approvals")\nforbid (principal, action == Action::"approve", resource is Proposal) when { resource.intent == "refund_customer" };`));
    expect(byIntent.decide(decision({}))[0]!.allowed).toBe(true);
    const [refund, refundDirect] = byIntent.decide(decision({}, { id: "p_2", intent: "refund_customer" }));
    expect(refund).toEqual(refundDirect);
    expect(refund!.allowed).toBe(false);
  });

  it("tells the sponsor and the acted-for person from others although ids and emails are renamed, and a named person from another", () => {
    const shippedSet = bothWays(setOf(""));
    expect(shippedSet.decide(decision({ id: "u_other" }))[0]!.allowed).toBe(true);
    const [sponsor, sponsorDirect] = shippedSet.decide(decision({ id: "u_dana" }));
    expect(sponsor).toEqual(sponsorDirect);
    expect(sponsor!.allowed).toBe(false);

    // The acted-for forbid compares two emails: only whether they are equal is kept, and it is kept.
    expect(shippedSet.decide(decision({ id: "u_x", email: "someone@company.com" }, { id: "p_7" }))[0]!.allowed).toBe(true);
    const [actedFor, actedForDirect] = shippedSet.decide(decision({ id: "u_y", email: "ops@company.com" }, { id: "p_8" }));
    expect(actedFor).toEqual(actedForDirect);
    expect(actedFor!.allowed).toBe(false);

    const named = bothWays(setOf(`@id("not-sam")\nforbid (principal == User::"u_sam", action == Action::"approve", resource);`));
    expect(named.decide(decision({ id: "u_lee", email: "x@company.com" }))[0]!.allowed).toBe(true);
    const [sam, samDirect] = named.decide(decision({ id: "u_sam", email: "x@company.com" }));
    expect(sam).toEqual(samDirect);
    expect(sam!.allowed).toBe(false);
  });

  it("answers exactly as Cedar over many varied questions, asking it far fewer times", () => {
    const candidate = [
      `@id("freeze-q1")\nforbid (principal, action == Action::"approve", resource is Proposal) when { resource.queue.slug == "q1" };`,
      `@id("big-refunds")\n@approvals("3")\npermit (principal, action == Action::"require_approvals", resource is Proposal) when { resource.intent like "refund*" && resource has actorEmail };`,
      `@id("drafts-by-bots")\nforbid (principal is Agent, action == Action::"auto_approve", resource) when { principal.name == "bot-2" || resource.risk == "critical" };`,
    ].join("\n\n");
    for (const set of [bothWays(setOf("")), bothWays(setOf(candidate))]) {
      let asked = 0;
      for (let i = 0; i < 600; i++) {
        const scopes = [["ap:read"], ["ap:read", "ap:write:draft"], ["ap:read", "ap:commit"], ["iam:commit"]][i % 4]!;
        const tier = ["read", "write:draft", "commit"][i % 3]!;
        const facts = intake(
          { queue: `q${i % 3}`, tier, risk: ["low", "high", "critical"][(i >> 1) % 3]!, intent: i % 5 === 0 ? "refund_customer" : "pay_vendor_bill", scopes, actorEmail: i % 7 === 0 ? null : `p${i % 4}@company.com` },
          { id: `agent_${i % 3}`, name: `bot-${i % 3}`, scopes: i % 11 === 0 ? ["ap:read"] : agent.scopes, sponsorId: `u_${i % 2}` },
        );
        const [p1, p2] = set.propose(facts);
        expect(p1).toEqual(p2);
        const [o1, o2] = set.intake(facts);
        expect(o1).toEqual(o2);
        const sponsor = `u_${i % 2}`;
        const user = { id: i % 4 === 0 ? sponsor : `u_${(i % 5) + 2}`, email: `p${i % 6}@company.com`, role: ["viewer", "approver", "admin"][i % 3]! };
        const over = { id: `p_${i}`, queueSlug: `q${i % 3}`, separationOfDuties: i % 9 !== 0, tier, intent: facts.proposal.intent, scopes, sponsorId: sponsor, actorEmail: facts.proposal.actorEmail ?? null };
        for (const action of ["approve", "reject"] as const) {
          const [d1, d2] = set.decide(decision(user, over, action));
          expect(d1).toEqual(d2);
          asked += 1;
        }
      }
      expect(asked).toBe(1200);
      expect(set.stats.cedar).toBeLessThan(set.stats.asked / 2);
    }
  });
});
