// The shipped Cedar policies (lib/policy/cedar/default.cedar) against contract
// section 1, one rule at a time, and against the separation-of-duties oracle.
import { describe, expect, it } from "vitest";
import {
  activePolicies,
  authorizeDecision,
  authorizePropose,
  intakeOutcome,
  requiredApprovals,
  type DecisionFacts,
  type IntakeFacts,
  type ProposalFacts,
} from "@/lib/policy/engine";
import { separationOfDutiesConflict } from "@/lib/policy/separation-of-duties";
import { DEFAULT_POLICY_DIR, loadPolicyDir } from "@/lib/policy/load-policies";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const agent = { id: "agent_1", name: "ap-bot", scopes: ["ap:read", "ap:write:draft", "ap:commit"], sponsorId: "u_dana" };

function intake(tier: string, overrides: Partial<IntakeFacts["proposal"]> = {}, grant = agent.scopes): IntakeFacts {
  const scopes = tier === "read" ? ["ap:read"] : tier === "write:draft" ? ["ap:read", "ap:write:draft"] : ["ap:read", "ap:commit"];
  return {
    agent: { ...agent, scopes: grant },
    proposal: { queue: "accounts-payable", tier, risk: "high", intent: "pay_vendor_bill", scopes, actorEmail: "ops@company.com", ...overrides },
  };
}

const proposal: ProposalFacts = {
  id: "p_1",
  queueSlug: "accounts-payable",
  separationOfDuties: true,
  tier: "commit",
  risk: "high",
  intent: "pay_vendor_bill",
  scopes: ["ap:read", "ap:commit"],
  sponsorId: "u_dana",
  actorEmail: "Ops@Company.com",
};
const sam = { id: "u_sam", email: "sam@company.com", role: "approver", name: "Sam Lee" };

function decide(user: DecisionFacts["user"], action: "approve" | "reject" = "approve", overrides: Partial<ProposalFacts> = {}) {
  return authorizeDecision({ user, action, proposal: { ...proposal, ...overrides } });
}

describe("the shipped policies", () => {
  it("are loaded with an id, effect, action, source line and text each", () => {
    const policies = activePolicies();
    expect(policies.map((p) => p.id)).toEqual([
      "agents-may-propose",
      "scopes-within-grant",
      "auto-approve-read-and-drafts",
      "commit-needs-a-person",
      "people-decide",
      "deciders-are-approvers",
      "separation-of-duties-sponsor",
      "separation-of-duties-acted-for",
      "quorum-one",
      "quorum-critical",
      "quorum-access-grants",
    ]);
    const critical = policies.find((p) => p.id === "quorum-critical")!;
    expect(critical).toMatchObject({ effect: "permit", action: "require_approvals", file: "lib/policy/cedar/default.cedar", annotations: { approvals: "2" } });
    expect(critical.text).toMatch(/^@id\("quorum-critical"\)[\s\S]*resource\.risk == "critical" \};$/);
    expect(critical.comment).toContain("two different people");
  });
});

describe("propose", () => {
  it("permits a proposal within the grant, naming the permit", () => {
    expect(authorizePropose(intake("commit"))).toEqual({ allowed: true, policies: ["agents-may-propose"], message: "Permitted by agents-may-propose." });
  });
  it("refuses the whole proposal when any scope is outside the grant, naming the scope and the forbid", () => {
    const verdict = authorizePropose(intake("commit", {}, ["ap:read", "ap:write:draft"]));
    expect(verdict).toEqual({
      allowed: false,
      policies: ["scopes-within-grant"],
      message: "This agent is not granted ap:commit; the whole proposal is refused. Ask its sponsor to extend the grant.",
    });
  });
});

describe("auto_approve at intake", () => {
  it("approves read and write:draft by policy, and records which", () => {
    for (const tier of ["read", "write:draft"]) {
      expect(intakeOutcome(intake(tier))).toEqual({
        status: "approved",
        reason: `${tier}-tier proposals are approved by policy at intake and recorded`,
        policies: ["auto-approve-read-and-drafts"],
        requiredApprovals: 1,
      });
    }
  });
  it("keeps commit pending for a person, with the forbid and the quorum policies", () => {
    expect(intakeOutcome(intake("commit"))).toEqual({
      status: "pending",
      reason: "commit-tier actions always need a human approval",
      policies: ["commit-needs-a-person", "quorum-one"],
      requiredApprovals: 1,
    });
  });
  it("asks two people for a critical commit", () => {
    expect(intakeOutcome(intake("commit", { risk: "critical" }))).toMatchObject({
      status: "pending",
      policies: ["commit-needs-a-person", "quorum-one", "quorum-critical"],
      requiredApprovals: 2,
    });
  });
});

describe("approve and reject", () => {
  it("lets approvers and admins of the queue decide, naming the permit", () => {
    expect(decide(sam)).toEqual({ allowed: true, policies: ["people-decide"], message: "Permitted by people-decide." });
    expect(decide({ ...sam, role: "admin" }, "reject").allowed).toBe(true);
  });
  it("refuses a viewer on the queue with a readable message", () => {
    for (const action of ["approve", "reject"] as const) {
      expect(decide({ ...sam, role: "viewer" }, action)).toEqual({
        allowed: false,
        policies: ["deciders-are-approvers"],
        message: "You are a viewer on queue accounts-payable: only approvers and admins of a queue can decide its proposals.",
        refusal: "not_allowed",
      });
    }
  });
  it("refuses the sponsor's approval (not its rejection), by name", () => {
    const dana = { id: "u_dana", email: "dana@company.com", role: "approver", name: "Dana Ops" };
    expect(decide(dana)).toEqual({
      allowed: false,
      policies: ["separation-of-duties-sponsor"],
      message: "Separation of duties: Dana Ops sponsors this agent and cannot approve its proposals.",
      refusal: "separation_of_duties",
    });
    expect(decide(dana, "reject").allowed).toBe(true);
  });
  it("refuses the acted-for person whatever the email's case, and names both rules when both apply", () => {
    const ops = { id: "u_ops", email: "OPS@company.COM", role: "approver" };
    expect(decide(ops)).toMatchObject({ allowed: false, policies: ["separation-of-duties-acted-for"], message: expect.stringContaining("acts for OPS@company.COM") });
    const both = decide({ ...ops, id: "u_dana" });
    expect(both.policies).toEqual(["separation-of-duties-sponsor", "separation-of-duties-acted-for"]);
    expect(both.refusal).toBe("separation_of_duties");
  });
  it("names separation of duties by the forbid's @kind, not by its id", () => {
    const dir = mkdtempSync(join(tmpdir(), "policies-"));
    const shipped = readFileSync(join(DEFAULT_POLICY_DIR, "default.cedar"), "utf8");
    writeFileSync(
      join(dir, "default.cedar"),
      shipped.replace('@id("separation-of-duties-sponsor")', '@id("sponsor-may-not-approve")').replace(
        '@id("separation-of-duties-acted-for")\n@kind("separation_of_duties")',
        '@id("separation-in-name-only")',
      ),
    );
    const renamed = loadPolicyDir(dir);
    const dana = { id: "u_dana", email: "dana@company.com", role: "approver" };
    const facts = (user: DecisionFacts["user"]): DecisionFacts => ({ user, action: "approve", proposal });
    expect(authorizeDecision(facts(dana), renamed)).toMatchObject({ policies: ["sponsor-may-not-approve"], refusal: "separation_of_duties" });
    const ops = { id: "u_ops", email: "ops@company.com", role: "approver" };
    expect(authorizeDecision(facts(ops), renamed)).toMatchObject({ policies: ["separation-in-name-only"], refusal: "not_allowed" });
  });
  it("agrees with the separation-of-duties oracle on every combination", () => {
    const user = { id: "u_x", email: "Pat@Example.com" };
    let cases = 0;
    for (const separationOfDuties of [true, false])
      for (const sponsorId of ["u_x", "u_other"])
        for (const actorEmail of [null, "", "pat@example.com", "PAT@EXAMPLE.COM", "someone@example.com"])
          for (const role of ["viewer", "approver", "admin"])
            for (const action of ["approve", "reject"] as const) {
              const facts = { separationOfDuties, sponsorId, actorEmail };
              const oracle = role !== "viewer" && (action === "reject" || separationOfDutiesConflict(user, facts) === null);
              const cedar = decide({ ...user, role }, action, facts).allowed;
              expect({ separationOfDuties, sponsorId, actorEmail, role, action, allowed: cedar }).toEqual({
                separationOfDuties,
                sponsorId,
                actorEmail,
                role,
                action,
                allowed: oracle,
              });
              cases += 1;
            }
    expect(cases).toBe(120);
  });
  it("answers a batch of 500 from one parsed policy set, each answer for its own principal", () => {
    // Speed is measured by `npm run bench:receipts` (batch of 500), not asserted here.
    const answers = Array.from({ length: 500 }, (_, i) => decide({ ...sam, id: `u_${i}` }, "approve", { id: `p_${i}` }));
    expect(answers.every((a) => a.allowed && a.policies.includes("people-decide"))).toBe(true);
  });
});

describe("requiredApprovals", () => {
  it("is one, and two for critical risk", () => {
    for (const risk of ["low", "medium", "high"]) expect(requiredApprovals({ ...proposal, risk })).toEqual({ count: 1, policies: ["quorum-one"] });
    expect(requiredApprovals({ ...proposal, risk: "critical" })).toEqual({ count: 2, policies: ["quorum-one", "quorum-critical"] });
  });
  it("is two for access grants (iam:commit), whatever risk the agent declares", () => {
    expect(requiredApprovals({ ...proposal, risk: "low", scopes: ["iam:read", "iam:commit"] })).toEqual({
      count: 2,
      policies: ["quorum-one", "quorum-access-grants"],
    });
  });
});
